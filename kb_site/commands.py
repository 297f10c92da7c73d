"""The base of every import command: it parses arguments and calls an importer."""

from django.core.management.base import BaseCommand, CommandError

from .importing import Progress, SourceError


class ImportCommand(BaseCommand):
    """Subclass with `help` and `def run_import(self, path, **options) -> ImportReport`."""

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse and report what would be created, updated and left alone; save nothing.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also replace entries edited in admin since their import (by default they are kept).",
        )

    def progress(self, label):
        return Progress(self.stdout, label=label)

    def run_import(self, path, **options):
        raise NotImplementedError

    def handle(self, *args, **options):
        options = dict(options)
        path = options.pop("path")
        try:
            report = self.run_import(path, **options)
        except SourceError as exc:
            raise CommandError(f"Import failed, nothing was changed. {exc}") from None
        if options["verbosity"] >= 2:
            for line in report.details:
                self.stdout.write(f"  {line}")
        if options["verbosity"] >= 1:
            style = self.style.WARNING if report.dry_run else self.style.SUCCESS
            self.stdout.write(style(report.summary()))
        return None
