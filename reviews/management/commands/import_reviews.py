from kb_site.commands import ImportCommand
from reviews.importers import import_file


class Command(ImportCommand):
    help = (
        "Import a review preprint's PDF text: its sections, papers, modality comparison, PRISMA flow and key "
        "figures. The metadata file <name>.meta.json must sit beside it; <name>.mapping.json, when present, "
        "holds the reviewed reading of what the text does not decide."
    )

    def run_import(self, path, **options):
        return import_file(
            path, dry_run=options["dry_run"], overwrite=options["overwrite"], progress=self.progress("papers")
        )
