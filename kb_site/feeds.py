"""Feed generators that never fail on stored data.

Django's feed writers refuse characters XML 1.0 cannot hold (a vertical tab or a NUL in
one post's text would make the whole feed a 500). Importers clean text on the way in;
these generators clean every string of the feed and its items again on the way out
(kb_site.text.clean_text), whatever way the data reached the database.
"""

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .text import clean_text


def _clean(value):
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_clean(item) for item in value)
    return value


class CleanFeedMixin:
    def write(self, outfile, encoding):
        self.feed = {name: _clean(value) for name, value in self.feed.items()}
        self.items = [{name: _clean(value) for name, value in item.items()} for item in self.items]
        super().write(outfile, encoding)


class RssFeed(CleanFeedMixin, Rss201rev2Feed):
    pass


class AtomFeed(CleanFeedMixin, Atom1Feed):
    pass
