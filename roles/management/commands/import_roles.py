from kb_site.commands import ImportCommand
from roles.importers import import_file


class Command(ImportCommand):
    help = (
        "Import an AiPathly career page saved as text: its main role, the related careers of its "
        "'More Careers' part, their sections, salary ranges, statistics, industries and skills."
    )

    def run_import(self, path, **options):
        return import_file(
            path,
            dry_run=options["dry_run"],
            overwrite=options["overwrite"],
            progress=self.progress("roles"),
        )
