"""Fixtures as a product: dumped with natural keys, compared without volatile fields."""

import json
from io import StringIO

from django.core.management import call_command

# imported_at changes at every import; search_vector is filled by PostgreSQL only.
VOLATILE_FIELDS = {"imported_at", "search_vector"}


def dump_app(app_label):
    """The app's rows as `dumpdata --natural-foreign --natural-primary` writes them."""
    out = StringIO()
    call_command("dumpdata", app_label, natural_foreign=True, natural_primary=True, indent=1, stdout=out)
    return json.loads(out.getvalue())


def normalized(records):
    """Records without fields that change at every import (so fixtures compare equal)."""
    clean = []
    for record in records:
        fields = {k: v for k, v in record["fields"].items() if k not in VOLATILE_FIELDS}
        clean.append({**record, "fields": fields})
    return clean
