"""A review's side files follow kb_site's one rule: the text's name without its last extension."""

import io
import shutil

import pytest
from django.core.management import call_command

from reviews.models import Review

from .conftest import ROOT

pytestmark = pytest.mark.django_db
SEED = ROOT / "seeds" / "002_fbfd4bd7059abbbb.txt"


def test_a_dotted_file_name_keeps_its_dots_in_its_side_files(tmp_path):
    target = tmp_path / "covid.review.v2.txt"
    shutil.copy(SEED, target)
    shutil.copy(SEED.with_name(SEED.stem + ".meta.json"), tmp_path / "covid.review.v2.meta.json")
    shutil.copy(SEED.with_name(SEED.stem + ".mapping.json"), tmp_path / "covid.review.v2.mapping.json")
    call_command("import_reviews", str(target), stdout=io.StringIO())
    assert Review.objects.get().slug == "ai-medical-imaging-covid-19"
