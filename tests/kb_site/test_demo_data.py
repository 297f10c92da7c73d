"""generate_demo_data: deterministic, marked as generated, removable, and blind to curated entries."""

import pytest
from django.core.management import CommandError, call_command

from kb_site.models import Origin
from posts.models import Hashtag, Post
from reviews.models import Paper, Review
from roles.models import Role, Skill

pytestmark = pytest.mark.django_db


def snapshot():
    """What the generated data looks like: enough to tell two runs apart."""
    return {
        "roles": list(Role.objects.filter(origin=Origin.GENERATED).order_by("slug").values_list("slug", "salary_max")),
        "skills": sorted(
            Role.objects.filter(origin=Origin.GENERATED).values_list("slug", "skills__name").order_by("slug")
        ),
        "posts": list(
            Post.objects.filter(origin=Origin.GENERATED).order_by("position").values_list("headline", "total_reactions")
        ),
        "tags": sorted(Post.objects.filter(origin=Origin.GENERATED).values_list("key", "hashtags__key")),
        "papers": list(
            Paper.objects.filter(origin=Origin.GENERATED).order_by("reference").values_list("title", "task", "modality")
        ),
    }


def generate(seed, **counts):
    call_command("generate_demo_data", seed=seed, verbosity=0, **counts)


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    generate(7, roles=30, posts=200, papers=40)
    first = snapshot()
    assert len(first["roles"]) == 30 and len(first["posts"]) == 200 and len(first["papers"]) == 40
    call_command("generate_demo_data", clear=True, verbosity=0)
    generate(7, roles=30, posts=200, papers=40)
    assert snapshot() == first
    call_command("generate_demo_data", clear=True, verbosity=0)
    generate(8, roles=30, posts=200, papers=40)
    assert snapshot() != first


def test_generated_data_is_realistic_and_marked_as_generated():
    generate(1, roles=50, posts=500, papers=100)
    assert not Role.objects.exclude(origin=Origin.GENERATED).exists()
    posts = Post.objects.all()
    assert {p.origin for p in posts} == {Origin.GENERATED}
    texts = " ".join(posts.values_list("text", flat=True))
    assert any("а" <= ch <= "я" for ch in texts) and any("a" <= ch <= "z" for ch in texts)  # Russian and English
    tag_counts = sorted((t.posts.count() for t in Hashtag.objects.all()), reverse=True)
    assert tag_counts[0] > 5 * tag_counts[len(tag_counts) // 2]  # a few tags are everywhere, most are rare
    assert Role.objects.filter(salary_max__isnull=False).count() > 25
    assert set(Paper.objects.values_list("modality", flat=True)) >= {"ct", "cxr"}
    assert Post.objects.filter(reactions__isnull=False).distinct().count() > 300


def test_clear_removes_generated_entries_only_and_never_touches_imported_ones():
    call_command("import_seeds", verbosity=0)
    imported = {
        "roles": dict(Role.objects.values_list("slug", "checksum")),
        "posts": dict(Post.objects.values_list("key", "checksum")),
        "papers": dict(Paper.objects.values_list("slug", "checksum")),
        "skills": set(Skill.objects.values_list("slug", flat=True)),
    }
    generate(3, roles=40, posts=300, papers=50)
    assert Role.objects.count() == 45 and Review.objects.count() == 2
    call_command("generate_demo_data", clear=True, verbosity=0)
    assert dict(Role.objects.values_list("slug", "checksum")) == imported["roles"]
    assert dict(Post.objects.values_list("key", "checksum")) == imported["posts"]
    assert dict(Paper.objects.values_list("slug", "checksum")) == imported["papers"]
    assert set(Skill.objects.values_list("slug", flat=True)) == imported["skills"]
    assert Review.objects.count() == 1


@pytest.mark.parametrize(("option", "model"), [("roles", Role), ("posts", Post), ("papers", Paper)])
def test_generating_twice_without_clear_is_refused(option, model):
    generate(1, **{option: 10})
    message = f"Generated {option} already exist: run generate_demo_data with --clear first."
    with pytest.raises(CommandError, match=message):
        generate(1, **{option: 10})
    assert model.objects.count() == 10


def test_a_negative_count_is_refused():
    with pytest.raises(CommandError, match="--roles must be 0 or more"):
        generate(1, roles=-1)
