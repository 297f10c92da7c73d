from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kb_site.collections import seed_imports


class Command(BaseCommand):
    help = "Import every collection's seed document from seeds/ (each app's own import command)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; save nothing.")
        parser.add_argument("--overwrite", action="store_true", help="Also replace entries edited in admin.")
        parser.add_argument("--only", action="append", metavar="APP", help="Import only this app's seed (repeatable).")

    def handle(self, *args, **options):
        seeds_dir = settings.BASE_DIR / "seeds"
        imports = seed_imports()
        if options["only"]:
            unknown = set(options["only"]) - {label for label, _, _ in imports}
            if unknown:
                raise CommandError(f"No collection called {', '.join(sorted(unknown))}.")
            imports = [item for item in imports if item[0] in options["only"]]
        if not imports:
            self.stdout.write("No collection declares a seed yet.")
        for _label, command, seed_file in imports:
            call_command(
                command,
                str(seeds_dir / seed_file),
                dry_run=options["dry_run"],
                overwrite=options["overwrite"],
                verbosity=options["verbosity"],
                stdout=self.stdout._out,
                stderr=self.stderr._out,
            )
