"""Posts as JSON: a list row (the list, tag pages), the whole post (detail ?format=json), the tag index.

Every address that comes from data (a link in a post, the channel's link) passes through
kb_site.text.safe_url: one that is not http, https, mailto or tg is null.
"""

from kb_site.across import across_json
from kb_site.text import safe_url


def reaction_list(post):
    return [
        {"emoji": reaction.emoji, "name": reaction.name, "count": reaction.count} for reaction in post.reactions.all()
    ]


def iso(moment):
    return moment.isoformat() if moment else None


def list_row(post, request):
    return {
        "id": post.pk,
        "url": request.build_absolute_uri(post.get_absolute_url()),
        "headline": post.headline,
        "text": post.text,
        "hashtags": [tag.name for tag in post.tags_in_text_order()],
        "reactions": reaction_list(post),
        "total_reactions": post.total_reactions,
        "forwarded_from": post.forwarded_from or None,
        "has_media": post.has_media,
        "channel": post.channel.name,
        "telegram_id": post.telegram_id,
        "date": iso(post.date),
        "telegram_url": safe_url(post.telegram_url) or None,
    }


def link_preview(post):
    if not post.has_preview:
        return None
    return {"site": post.preview_site, "title": post.preview_title, "description": post.preview_description}


def channel(channel):
    return {
        "name": channel.name,
        "name_is_descriptive": channel.name_is_descriptive,  # a description given here, not the channel's title
        "handle": channel.handle or None,
        "link": safe_url(channel.link) or None,
        "language": channel.language or None,
    }


def post_json(post, request):
    """Everything the post's page shows, as data."""
    absolute = request.build_absolute_uri
    return {
        **list_row(post, request),
        "text_html": post.text_html,
        "body_html": post.body_html,  # the text under its headline, as the post's page shows it
        "hashtag_urls": {tag.name: absolute(tag.get_absolute_url()) for tag in post.hashtags.all()},
        "forwarded_from_handle": post.forwarded_from_handle or None,
        "media_type": post.media_type or None,
        "link_preview": link_preview(post),
        "links": [
            {"url": safe_url(link.url) or None, "domain": link.domain, "label": link.label} for link in post.links.all()
        ],
        "channel": channel(post.channel),
        "position": post.position,
        "edited_date": iso(post.edited_date),
        "source": post.source,
        "across": across_json(post, request),
    }


def tag_row(tag, request):
    return {"name": tag.name, "slug": tag.slug, "count": tag.post_count, "url": request.build_absolute_uri(tag.url)}
