"""Facet counts by set intersection: each facet value's entries as a bitmap, kept per collection version.

Counting a facet in SQL (`GROUP BY value` over a join of the filtered entries) costs one index
probe per filtered entry and value: 300–500 ms per facet for a tag on 40% of 100k posts on
SQLite. Here each value of a facet has its *postings*, the ids of the entries having it, as
a bitmap: a Python int whose bit `id` is set. They are read once per collection version (one
query per facet, every entry, published or not) and cached with it (kb_site.cache), so the
first request after a change pays for them and every later one reuses them. A list then
asks the database only for its filtered ids (one query), and a value's count is
`(ids & postings).bit_count()`: a few microseconds per value for 100k entries.

    ids = id_bitmap(filtered_queryset)           # one query
    postings = Postings.from_rows(rows)          # rows: (value, label, IdList of its entries), once per version
    postings.counts(ids)                         # [(value, label, count)], most frequent first

A page of the list comes the same way: the ids of every entry in the list's order (an Ordering,
one query once per version and order) walked for the first ids the filtered bitmap holds. The
database then reads the page's rows by id, instead of joining and sorting every filtered row
to keep twenty (a skill on 8,000 of 10k roles: 20 ms on PostgreSQL, 19 ms on SQLite).

    Ordering.of(queryset.order_by(...)).page(ids, start, stop)   # the page's ids, in order
"""

from array import array
from dataclasses import dataclass, field
from operator import itemgetter

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Aggregate, TextField

ONE = ord("1")


class IdList(Aggregate):
    """The ids of a group as one comma-separated string: SQLite's group_concat, PostgreSQL's string_agg.

    One string per group instead of a row per id: the database builds it in C, and Python parses
    100k ids from it in a few milliseconds (on SQLite, 15 ms for 100k ids instead of 30–50 ms as rows).
    """

    function = "GROUP_CONCAT"
    name = "IdList"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "STRING_AGG((%(expressions)s)::text, ',')"
        return self.as_sql(compiler, connection, template=template, **extra)


def parse_ids(text):
    """The ids of an IdList string (None or "" for none)."""
    return list(map(int, text.split(","))) if text else []


def bitmap(ids):
    """A bitmap (an int) with bit `i` set for every id `i` (non-negative integers)."""
    ids = ids if isinstance(ids, list) else list(ids)
    if not ids:
        return 0
    digits = bytearray(b"0") * (max(ids) + 1)
    for i in ids:
        digits[i] = ONE
    digits.reverse()  # the most significant digit first: bit i is digits[-1 - i]
    return int(digits, 2)  # linear for base 2


def id_bitmap(queryset):
    """The ids of `queryset`'s rows as a bitmap; one query."""
    return bitmap(parse_ids(queryset.order_by().aggregate(ids=IdList("pk"))["ids"]))


def ids_of(bits):
    """The ids a bitmap holds, ascending."""
    digits = bin(bits)[:1:-1]  # bit 0 first
    found = []
    at = digits.find("1")
    while at >= 0:
        found.append(at)
        at = digits.find("1", at + 1)
    return found


@dataclass
class Postings:
    """Every value of a facet: value -> its label and the bitmap of the entries having it."""

    values: dict = field(default_factory=dict)  # value -> (label, bitmap)

    @classmethod
    def from_rows(cls, rows, label_of=None):
        """From (value, label, IdList string) rows, one a value (None values skipped); `label_of(value, label)`
        names a value."""
        return cls(
            {
                value: (label_of(value, label) if label_of else label, bitmap(parse_ids(ids)))
                for value, label, ids in rows
                if value is not None
            }
        )

    def any_of(self, values):
        """The bitmap of the entries having any of `values` (0 when none)."""
        found = 0
        for value in values:
            if value in self.values:
                found |= self.values[value][1]
        return found

    def counts(self, ids, limit=None):
        """[(value, label, number of `ids` having it)] for the values some of `ids` have, the most frequent
        first, ties in the values' order; at most `limit`."""
        found = []
        for value, (label, posting) in self.values.items():
            n = (posting & ids).bit_count()
            if n:
                found.append((value, label, n))
        found.sort(key=lambda item: (-item[2], item[0]))
        return found[:limit]


# Ordering.page tests an id's bit this many ids at a time, in C (itemgetter, join, find).
WALK_CHUNK = 4096


@dataclass
class Ordering:
    """The ids of every entry of a model in one order: a list's order, kept per collection version."""

    ids: array  # signed 64-bit ids, in the order
    size: int = 0  # the largest id + 1

    @classmethod
    def of(cls, queryset):
        """The ordered ids of `queryset`'s rows; one query, its rows read as plain tuples (through the ORM's
        iterator, 100k ids took 150 ms on SQLite instead of 60)."""
        query = queryset.values_list("pk", flat=True).query
        try:
            sql, params = query.get_compiler(queryset.db).as_sql()
        except EmptyResultSet:  # a queryset that cannot hold a row (.none())
            return cls(array("q"), 0)
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            ids = array("q", [row[0] for row in cursor.fetchall()])
        return cls(ids, max(ids, default=-1) + 1)

    def page(self, bits, start, stop):
        """The ids at positions start..stop-1 among those `bits` holds, in this order: a page of a list
        whose filtered ids are `bits`. Ids not in the ordering (added since) are not found."""
        if stop <= start or not self.ids:
            return []
        digits = bin(bits)[:1:-1].ljust(self.size, "0")  # digits[i] == "1": bit i is set
        found, seen = [], 0
        for at in range(0, len(self.ids), WALK_CHUNK):
            chunk = self.ids[at : at + WALK_CHUNK]
            marks = "".join(itemgetter(*chunk)(digits)) if len(chunk) > 1 else digits[chunk[0]]
            held = marks.count("1")
            if seen + held <= start:
                seen += held
                continue
            position = marks.find("1")
            while position >= 0:
                if seen >= start:
                    found.append(chunk[position])
                seen += 1
                if seen >= stop:
                    return found
                position = marks.find("1", position + 1)
        return found
