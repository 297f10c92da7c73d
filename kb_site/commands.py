"""The base of every import command: it parses arguments and calls an importer."""

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from .importing import Progress, SourceError

WARNINGS_SHOWN = 20  # at verbosity 1; -v 2 lists every one


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
        except OperationalError as exc:
            raise CommandError(database_problem(exc)) from None
        if options["verbosity"] >= 2:
            for line in report.details:
                self.stdout.write(f"  {line}")
        if options["verbosity"] >= 1:
            self.write_warnings(report.warnings, every=options["verbosity"] >= 2)
            style = self.style.WARNING if report.dry_run else self.style.SUCCESS
            self.stdout.write(style(report.summary()))
        return None

    def write_warnings(self, warnings, *, every):
        shown = warnings if every else warnings[:WARNINGS_SHOWN]
        for line in shown:
            self.stderr.write(self.style.WARNING(f"  warning: {line}"))
        if len(warnings) > len(shown):
            self.stderr.write(self.style.WARNING(f"  … and {len(warnings) - len(shown):,} more (-v 2 lists them all)"))


def database_problem(exc):
    """One line for an operator when the database refuses the import as a whole (busy, unreachable)."""
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if "locked" in first or "lock timeout" in first or "could not obtain lock" in first:
        return (
            f"Import failed, nothing was changed: the database is busy ({first}); another import or an "
            "edit holds its write lock. Try again when it has finished."
        )
    return f"Import failed, nothing was changed: the database refused it ({first})."
