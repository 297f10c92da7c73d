"""Generated demo posts (`manage.py generate_demo_data --posts N`), for benchmarks and demos.

They go through the importer's BatchWriter (multi-row INSERTs a batch at a
time), into a channel of their own, marked origin=generated; --clear removes
generated posts (and that channel) and nothing else.
"""

from datetime import UTC, datetime, timedelta

from django.db.models import Count

from kb_site.demo import GENERATED, Zipf, generated_source, paragraph, sentence
from kb_site.importing import ImportReport

from . import parsers
from .importers import BatchWriter, upsert_channel
from .models import Channel, Hashtag, Post

CHANNEL = parsers.Channel(name="Demo channel (generated)")
CHANNEL_SLUG = "demo-generated"
TAGS = Zipf(
    (
        "стартапы продуктивность венчур личное linkedin genAI телеграм предпринимательство Product_Hunt 2pr.io "
        "AI найм маркетинг продажи метрики инвестиции кейсы SaaS B2B growth ux no_code python аналитика дизайн "
        "мероприятия подкаст книги агенты LLM RAG fintech edtech healthtech climate robotics opensource devtools"
    ).split(),
    s=1.2,
)
REACTIONS = Zipf(["🔥", "❤", "👍", "🤔", "😁", "👏", "🤯", "🎉", "🙏", "😢", "💯", "🤝"], s=1.0)
FORWARDED_FROM = ["Русский венчур", "Product Radar", "AI Daily"]
START = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


class GeneratedBatchWriter(BatchWriter):
    def fill(self, post, parsed, digest, tag_slugs):
        super().fill(post, parsed, digest, tag_slugs)
        post.origin = GENERATED
        post.imported_at = None


def make_post(rng, n):
    lang = "ru" if rng.random() < 0.75 else "en"
    headline = sentence(rng, lang, words=(4, 10))
    body = "\n".join(paragraph(rng, lang) for _ in range(rng.randint(1, 4)))
    tags = TAGS.sample(rng, rng.choice((0, 1, 1, 2, 2, 3)))
    text = f"{headline}\n{body}" + ("\n" + " ".join(f"#{tag}" for tag in tags) if tags else "")
    reactions = [
        parsers.Reaction(emoji=emoji, count=max(1, int(rng.paretovariate(1.4) * 3)))
        for emoji in REACTIONS.sample(rng, rng.choice((0, 1, 2, 2, 3, 4)))
    ]
    forwarded = rng.choice(FORWARDED_FROM) if rng.random() < 0.08 else ""
    return parsers.Post(
        key=f"gen-{n}",
        position=n,
        headline=parsers.make_headline(text),
        text=text,
        hashtags=parsers.find_hashtags(text),
        reactions=reactions,
        links=[],
        forwarded_from=forwarded,
        has_media=rng.random() < 0.25,
        media_type="photo" if rng.random() < 0.25 else "",
        date=START + timedelta(minutes=53 * n),
    )


def generate(count, *, rng, batch_size):
    """Add `count` generated posts; returns how many were created."""
    channel = upsert_channel(CHANNEL, CHANNEL_SLUG)
    report = ImportReport(source=generated_source())
    writer = GeneratedBatchWriter(
        channel, report, source=generated_source(), overwrite=False, details=False, batch_size=batch_size
    )
    for n in range(1, count + 1):
        writer.add(make_post(rng, n))
    writer.flush()
    return report.created


def clear():
    """Remove generated posts, then their channel and the tags they alone used; returns the posts removed."""
    generated = Post.objects.filter(origin=GENERATED)
    tag_ids = set(Post.hashtags.through.objects.filter(post__in=generated).values_list("hashtag_id", flat=True))
    count = generated.count()
    generated.delete()
    Channel.objects.filter(slug=CHANNEL_SLUG).annotate(n=Count("posts")).filter(n=0).delete()
    Hashtag.objects.filter(pk__in=tag_ids).annotate(n=Count("posts")).filter(n=0).delete()
    return count
