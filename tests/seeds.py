"""The seed files every app's tests read, and the facts about them the tests check against.

One place for the paths: the apps' conftest.py files hold fixtures only, and the builders live in
tests/<app>/factories.py.
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ROLE_SEED = SEEDS / "000_0fd3161aa7286deb.txt"
POST_SEED = SEEDS / "001_b340050decece26e.txt"
REVIEW_SEED = SEEDS / "002_fbfd4bd7059abbbb.txt"

# What the seeds hold, as a reader of the source documents would name it.
CAIO = "chief-ai-officer"
RELATED = ["ai-training-specialist", "ai-ml-devops-engineer", "ai-ml-developer", "ai-ml-engineer"]
REVIEW_SLUG = "ai-medical-imaging-covid-19"


def side_file(seed, kind):
    """The seed's side file of `kind` (meta, mapping) beside it."""
    return seed.with_name(f"{seed.stem}.{kind}.json")


def read_seed(seed):
    return seed.read_text(encoding="utf-8")


def read_side_file(seed, kind):
    """A fresh copy of the side file's JSON (tests may change it)."""
    return json.loads(side_file(seed, kind).read_text(encoding="utf-8"))
