from kb_site.commands import ImportCommand
from roles.importers import import_file


class Command(ImportCommand):
    help = (
        "Import an AiPathly career page saved as text: its main role, the related careers of its "
        "'More Careers' part, their sections, salary ranges, statistics, industries and skills. A page that "
        "looks cut short is imported as far as it goes, with a warning, its profile flagged as possibly incomplete."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Refuse a page that looks cut short (no 'More Careers' part, or text that stops mid-sentence).",
        )

    def run_import(self, path, **options):
        return import_file(
            path,
            dry_run=options["dry_run"],
            overwrite=options["overwrite"],
            strict=options["strict"],
            progress=self.progress("roles"),
        )
