"""The posts' part of the site-wide search: published posts, best first (kb_site.search does the work).

A headline's words weigh more than the text's; the snippet is the passage of the
text around the first matched word.
"""

from kb_site.search import Found, Kind, as_query, highlight, ranked

from .models import Post

POSTS = Kind("post", "posts")


def search_posts(query, *, offset=0, limit=10):
    """Found: the published posts matching `query` (a kb_site.search Query, or its text)."""
    query = as_query(query)
    if not query or limit <= 0:
        return Found(kinds=[(POSTS, 0)])
    published = (
        Post.objects.published()
        .select_related("channel")
        .only("id", "headline", "text", "total_reactions", "channel__name")
    )
    found = ranked(published, query, offset=offset, limit=limit)
    results = [
        {
            "title": post.headline,
            "url": post.get_absolute_url(),
            "snippet": highlight(post.text, query),
            "meta": f"{post.channel.name} · {post.total_reactions} reactions",
            "kind": "Post",
        }
        for post in found.entries
    ]
    return Found(found.total, results, found.capped, [(POSTS, found.total)])
