"""A review's side files follow kb_site's one rule: the text's name without its last extension."""

import io
import shutil

import pytest
from django.core.management import call_command

from reviews.models import Review
from tests.seeds import REVIEW_SEED, side_file

pytestmark = pytest.mark.django_db


def test_a_dotted_file_name_keeps_its_dots_in_its_side_files(tmp_path):
    target = tmp_path / "covid.review.v2.txt"
    shutil.copy(REVIEW_SEED, target)
    shutil.copy(side_file(REVIEW_SEED, "meta"), tmp_path / "covid.review.v2.meta.json")
    shutil.copy(side_file(REVIEW_SEED, "mapping"), tmp_path / "covid.review.v2.mapping.json")
    call_command("import_reviews", str(target), stdout=io.StringIO())
    assert Review.objects.get().slug == "ai-medical-imaging-covid-19"
