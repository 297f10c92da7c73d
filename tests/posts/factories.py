"""Builders for the posts tests: channels, posts and imported batches."""

from kb_site.importing import ImportReport
from posts import parsers
from posts.importers import BatchWriter
from posts.models import Channel, Hashtag, Post, Reaction


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


def post_form(post, **changes):
    """The change form's data for `post`, as the browser sends it, with `changes` on top."""
    data = {
        "channel": post.channel_id,
        "headline": post.headline,
        "text": post.text,
        "hashtags": [tag.pk for tag in post.hashtags.all()] if post.pk else [],
        "is_published": "on" if post.is_published else "",
        "position": post.position,
        "telegram_id": post.telegram_id or "",
        "date_0": "",
        "date_1": "",
        "edited_date_0": "",
        "edited_date_1": "",
        "forwarded_from": post.forwarded_from,
        "forwarded_from_handle": post.forwarded_from_handle,
        "has_media": "on" if post.has_media else "",
        "media_type": post.media_type,
        "preview_site": post.preview_site,
        "preview_title": post.preview_title,
        "preview_description": post.preview_description,
        "is_edited": "on" if post.is_edited else "",
        "links-TOTAL_FORMS": 0,
        "links-INITIAL_FORMS": 0,
        "links-MIN_NUM_FORMS": 0,
        "links-MAX_NUM_FORMS": 1000,
    }
    reactions = list(post.reactions.all()) if post.pk else []
    data.update(
        {
            "reactions-TOTAL_FORMS": len(reactions),
            "reactions-INITIAL_FORMS": len(reactions),
            "reactions-MIN_NUM_FORMS": 0,
            "reactions-MAX_NUM_FORMS": 1000,
        }
    )
    for i, reaction in enumerate(reactions):
        data.update(
            {
                f"reactions-{i}-id": reaction.pk,
                f"reactions-{i}-post": post.pk,
                f"reactions-{i}-position": reaction.position,
                f"reactions-{i}-kind": reaction.kind,
                f"reactions-{i}-emoji": reaction.emoji or "",
                f"reactions-{i}-custom_id": reaction.custom_id,
                f"reactions-{i}-count": reaction.count,
            }
        )
    data.update(changes)
    return data
