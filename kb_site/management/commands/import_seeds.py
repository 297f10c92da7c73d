from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kb_site.collections import collection_configs


class Command(BaseCommand):
    help = "Import every collection's seed document from seeds/ (each app's own import command)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; save nothing.")
        parser.add_argument("--overwrite", action="store_true", help="Also replace entries edited in admin.")
        parser.add_argument("--only", action="append", metavar="APP", help="Import only this app's seed (repeatable).")

    def handle(self, *args, **options):
        seeds_dir = settings.BASE_DIR / "seeds"
        imports = [config for config in collection_configs() if config.import_command and config.seed_file]
        if options["only"]:
            unknown = set(options["only"]) - {config.label for config in imports}
            if unknown:
                raise CommandError(f"No collection called {', '.join(sorted(unknown))}.")
            imports = [config for config in imports if config.label in options["only"]]
        if not imports:
            self.stdout.write("No collection declares a seed yet.")
        for config in imports:
            if options["verbosity"] >= 1:  # the collection, then its importer's report on the seed file
                self.stdout.write(self.style.MIGRATE_HEADING(f"{config.collection_title} ({config.label}):"))
            call_command(
                config.import_command,
                str(seeds_dir / config.seed_file),
                dry_run=options["dry_run"],
                overwrite=options["overwrite"],
                verbosity=options["verbosity"],
                stdout=self.stdout._out,
                stderr=self.stderr._out,
            )
