import json

from django.conf import settings
from django.core.management.base import BaseCommand

from kb_site.collections import collection_configs
from kb_site.fixtures import dump_app, normalized


class Command(BaseCommand):
    help = (
        "Write <app>/fixtures/<app>.json for every collection, with natural keys. "
        "Run it on a database holding only the imported seeds (`make fixtures` does)."
    )

    def handle(self, *args, **options):
        for config in collection_configs():
            records = dump_app(config.label)
            path = settings.BASE_DIR / config.label / "fixtures" / f"{config.label}.json"
            path.parent.mkdir(exist_ok=True)
            if path.exists() and normalized(json.loads(path.read_text(encoding="utf-8"))) == normalized(records):
                # Only the import times differ: keep the file as it is, so its history shows real changes.
                self.stdout.write(f"{path.relative_to(settings.BASE_DIR)}: unchanged ({len(records)} records)")
                continue
            path.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"{path.relative_to(settings.BASE_DIR)}: {len(records)} records"))
