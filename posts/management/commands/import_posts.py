from kb_site.commands import ImportCommand
from posts import importers, parsers


class Command(ImportCommand):
    help = (
        "Import a channel's posts: a Telegram mirror scrape (text) or Telegram Desktop's export "
        "(result.json), detected from the file or named with --format."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--format",
            choices=parsers.FORMATS,
            help="The source's format (default: detected: JSON is an export, anything else a scrape).",
        )
        parser.add_argument(
            "--channel",
            metavar="NAME",
            help="The channel the posts belong to, by name. A scrape does not name it: without this option "
            "it comes from <file>.meta.json beside the source; an export names its own, which this replaces. "
            "A channel already imported keeps the name it has.",
        )

    def run_import(self, path, **options):
        # ImportCommand.handle takes "path" out of the options and passes it here on its own.
        return importers.import_file(
            path,
            fmt=options["format"],
            channel_name=options["channel"],
            dry_run=options["dry_run"],
            overwrite=options["overwrite"],
            progress=self.progress("messages"),
            details=options["verbosity"] >= 2,
        )
