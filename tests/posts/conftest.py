"""Factories and data for the posts tests."""

from pathlib import Path

import pytest
from django.core.management import call_command

from kb_site.importing import ImportReport
from posts import parsers
from posts.importers import BatchWriter
from posts.models import Channel, Hashtag, Post, Reaction

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "001_b340050decece26e.txt"


def make_channel(name="Test channel", slug="test-channel", **fields):
    return Channel.objects.get_or_create(slug=slug, defaults={"name": name, **fields})[0]


def make_post(text="A headline\nThe body of the post.", *, channel=None, tags=(), reactions=(), **fields):
    """A saved post; `tags` are names, `reactions` (emoji, count) pairs. Derived fields come from save()."""
    channel = channel or make_channel()
    position = fields.pop("position", None) or Post.objects.filter(channel=channel).count() + 1
    fields.setdefault("key", f"test-{position}")
    Hashtag.objects.for_names(tags)
    post = Post(channel=channel, position=position, text=text, **fields)
    post.save()
    post.hashtags.set(Hashtag.objects.filter(key__in=[parsers.tag_key(t) for t in tags]))
    for number, (emoji, count) in enumerate(reactions, start=1):
        Reaction.objects.create(post=post, position=number, emoji=emoji, count=count)
    post.refresh_from_db()
    return post


def parsed_post(number, *, tags=("bulk",), reactions=(("🔥", 3),), text=None):
    """A parsers.Post as an importer receives it."""
    text = text or f"Bulk post {number}\nSome words about post {number}. " + " ".join(f"#{t}" for t in tags)
    return parsers.Post(
        key=f"msg-{number}",
        position=number,
        headline=f"Bulk post {number}",
        text=text,
        hashtags=list(tags),
        reactions=[parsers.Reaction(emoji=e, count=c) for e, c in reactions],
        links=[parsers.Link(url=f"https://example.com/{number}", domain="example.com")],
        telegram_id=number,
    )


def bulk_posts(count, channel=None, *, start=1):
    """`count` imported posts with tags, reactions and links, written the importer's way (fast)."""
    channel = channel or make_channel()
    writer = BatchWriter(channel, ImportReport(source="bulk"), source="bulk", overwrite=False, details=False)
    for number in range(start, start + count):
        tags = ("bulk", f"tag{number % 40}", f"тег{number % 7}")
        reactions = (("🔥", number % 50 + 1), ("👍", number % 9 + 1))
        writer.add(parsed_post(number, tags=tags, reactions=reactions))
    writer.flush()
    return channel


@pytest.fixture
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seeded_posts(db):
    """The seed imported into the test database."""
    call_command("import_posts", str(SEED), verbosity=0)
    return Post.objects.all()
