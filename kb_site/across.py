"""Across the knowledge base: on each entry's page, the most related entries of the other collections.

    panel(entry, request)        -> [{"key", "heading", "items": [{"title", "url", "why", "curated", "note"}]}]
    across_json(entry, request)  -> {"posts": [{"title", "url", "why", "curated", "note"}], "papers": [...]}

How an entry finds them:
1. Its key terms, from its model's key_terms() (kb_site.search.indexing.Searchable): {"words": texts each
   word of which is a term (a title), "phrases": texts that are one term each (skills, hashtags, a task)}.
   Common words (the glossary's ignore list), numbers and one-letter words drop out.
2. Each term brings its glossary group (kb_site/data/glossary.toml): "AI" also looks for "ИИ".
3. One OR query of them all runs through the site's search index (kb_site.search.engine.first_matches)
   over each other collection's published entries (its AppConfig's across_targets()): the first
   CANDIDATE_CAP matches and their search columns, in one query per collection.
4. Here the candidates are ranked, the same way on either database: each key term an entry holds adds
   its rarity among the candidates, log(1 + candidates / entries holding it), doubled in the entry's title.
   "why" lists those terms as this entry writes them; one found through the glossary says which word
   of the other entry it found: "ИИ (AI)".
5. Curators' links (kb_site.models.CuratedLink): pinned entries first and marked, hidden ones never.

A panel is cached under every collection's version and the curated links' ("across"): any change to
any collection, or to a curated link, gives it a new key. A warm page adds the one versions read it
shares with the rest of the page; a cold one adds one query per other collection (the curated links
and the index's matches are subqueries of it).
"""

import hashlib
import json
import math
from dataclasses import dataclass
from functools import partial

from django.db.models import OuterRef, Subquery
from django.db.models.expressions import RawSQL

from .cache import bump, cached, request_versions
from .collections import collection_configs
from .glossary import glossary
from .search.analysis import WORD_RE, terms
from .search.engine import CANDIDATE_CAP, first_matches_sql
from .search.indexing import SEARCH_COLUMNS
from .search.query import Clause, Phrase, Query

LABEL = "across"  # the cache label and the version the curated links bump
PANEL_SIZE = 5  # suggestions per collection (pinned links come on top of them)
MAX_OPTIONS = 64  # phrases in one OR query: a role with many skills keeps its first ones
MAX_WHY = 4  # terms listed under a suggestion
TITLE_BONUS = 2  # a term in the other entry's title counts twice
JSON_KEYS = ("title", "url", "why", "curated", "note")


@dataclass(frozen=True)
class KeyTerm:
    display: str  # as the entry writes it: "AI", "Data Analysis", "linkedin"
    options: tuple  # ((display, stems), ...): the term itself first, then its glossary group


def _useful(stems):
    ignored = glossary().is_ignored
    return any(len(stem) > 1 and not stem.isdigit() and not ignored(stem) for stem in stems)


def _words(text):
    """(display, stems) of each word of `text`, a glossary phrase in it as one ("Artificial Intelligence")."""
    found = [(word, tuple(terms(word))) for word in WORD_RE.findall(text or "")]
    found = [(word, stems) for word, stems in found if stems]
    flat = tuple(stems[0] for _, stems in found)
    start = 0
    while start < len(found):
        size = next((len(p) for p in glossary().phrases if flat[start : start + len(p)] == p), 1)
        yield " ".join(word for word, _ in found[start : start + size]), flat[start : start + size]
        start += size


def _candidates(spec):
    """(display, stems) of every word of spec["words"] and every phrase of spec["phrases"], in order."""
    for text in spec.get("words", ()):
        yield from _words(text)
    for text in spec.get("phrases", ()):
        yield (text or "").strip(), tuple(terms(text or ""))


def key_terms(entry):
    """The entry's KeyTerms: each once (a term already among an earlier one's glossary group adds nothing)."""
    found, covered, options = [], set(), 0
    for display, stems in _candidates(entry.key_terms()):
        if not stems or stems in covered or not _useful(stems):
            continue
        group = ((display, stems), *glossary().alternatives(stems))
        group = group[: max(1, MAX_OPTIONS - options)]
        if options >= MAX_OPTIONS:
            break
        found.append(KeyTerm(display, group))
        covered.update(member for _, member in group)
        options += len(group)
    return found


def as_query(found):
    """One OR query of every term and glossary word (an empty Query when there are none)."""
    phrases = tuple(dict.fromkeys(Phrase(stems) for term in found for _, stems in term.options))
    return Query((Clause(phrases),)) if phrases else Query(())


# Ranking ------------------------------------------------------------------------------------------


class Column:
    """A search column's terms, asked whether they hold a word (a set) or a phrase (the padded text)."""

    def __init__(self, value):
        self.padded = f" {value} "
        self.words = set(value.split())

    def holds(self, stems):
        return stems[0] in self.words if len(stems) == 1 else f" {' '.join(stems)} " in self.padded


def _hit(term, title, text):
    """(display of the word found, weight of where) for the first of the term's options the entry holds."""
    for column, weight in ((title, TITLE_BONUS), (text, 1)):
        for display, stems in term.options:
            if column.holds(stems):
                return display, weight
    return None


def _why(term, display):
    return term.display if display == term.options[0][0] else f"{display} ({term.display})"


def rank(rows, found):
    """[(score, row, why)] of the rows that hold a key term, best first (ties: by title)."""
    hits = []
    for row in rows:
        title, text = Column(row.search_title), Column(row.search_text)
        row_hits, seen = [], set()
        for term in found:
            hit = _hit(term, title, text)
            if hit and hit[0] not in seen:  # "ИИ" found once, though "AI" and "AI and ML" both lead to it
                seen.add(hit[0])
                row_hits.append((term, *hit))
        hits.append((row, row_hits))
    holding = {}
    for _, row_hits in hits:
        for term, *_ in row_hits:
            holding[term] = holding.get(term, 0) + 1
    ranked = []
    for row, row_hits in hits:
        weighted = sorted(
            (
                (weight * math.log(1 + len(hits) / holding[term]), _why(term, display))
                for term, display, weight in row_hits
            ),
            key=lambda item: -item[0],
        )
        ranked.append((sum(w for w, _ in weighted), row, [why for _, why in weighted[:MAX_WHY]]))
    ranked.sort(key=lambda item: (-item[0], item[1].search_title, item[1].pk))
    return ranked


# Curated links ------------------------------------------------------------------------------------


def _curated(entry, targets, action):
    """The curated links of `action` from `entry` to entries of `targets`' model (a queryset; no query runs)."""
    from .models import CuratedLink

    source, target = entry._meta, targets.model._meta
    return CuratedLink.objects.filter(
        source_type__app_label=source.app_label,
        source_type__model=source.model_name,
        source_id=entry.pk,
        target_type__app_label=target.app_label,
        target_type__model=target.model_name,
        action=action,
    )


def on_admin_deletion(sender, instance, created, **kwargs):
    """An entry deleted in admin (its log entry): the curated links from and to it go with it."""
    from django.contrib.admin.models import DELETION

    from .models import CuratedLink

    if created and instance.action_flag == DELETION and instance.content_type_id and str(instance.object_id).isdigit():
        kind, number = instance.content_type_id, int(instance.object_id)
        CuratedLink.objects.filter(source_type=kind, source_id=number).delete()
        CuratedLink.objects.filter(target_type=kind, target_id=number).delete()


def on_curated_change(sender, **kwargs):
    """post_save / post_delete of a CuratedLink: every panel is looked up again (their cache key changes)."""
    bump(LABEL)


# The panel ----------------------------------------------------------------------------------------


def _rows(config, entry, query):
    """The other collection's pinned entries and first matches, none hidden: one query (the curated links
    are subqueries of it, the matches too)."""
    from .models import CuratedLink

    targets = config.across_targets()
    pins = _curated(entry, targets, CuratedLink.Action.PIN)
    sql, params = pins.order_by().values("target_id").query.sql_with_params()
    if query:  # one list of ids, not "IN (matches) OR IN (pins)": PostgreSQL would scan every row for the OR
        matches, match_params = first_matches_sql(targets, query, CANDIDATE_CAP)
        sql, params = f"SELECT * FROM ({matches}) AS matched UNION ALL {sql}", (*match_params, *params)  # noqa: S608
    pin = pins.filter(target_id=OuterRef("pk"))
    rows = (
        targets.filter(pk__in=RawSQL(sql, params))  # noqa: S611 (SQL compiled by the ORM and the engine)
        .exclude(pk__in=_curated(entry, targets, CuratedLink.Action.HIDE).values("target_id"))
        .only(*config.across_fields, *SEARCH_COLUMNS)
        .annotate(pin_order=Subquery(pin.values("id")[:1]), pin_note=Subquery(pin.values("note")[:1]))
        .order_by()  # ranked here
    )
    return list(rows)


def _group(config, entry, found, query):
    """One collection's part of the panel: pinned entries (in the order they were pinned), then the best
    PANEL_SIZE suggestions."""
    ranked = rank(_rows(config, entry, query), found)
    pinned = sorted((row.pin_order, row.pk, row, why) for _, row, why in ranked if row.pin_order is not None)
    items = [
        {**config.across_item(row), "why": why, "curated": True, "note": row.pin_note or ""} for *_, row, why in pinned
    ]
    suggested = [(row, why) for score, row, why in ranked if score > 0 and row.pin_order is None]
    items += [
        {**config.across_item(row), "why": why, "curated": False, "note": ""} for row, why in suggested[:PANEL_SIZE]
    ]
    return items


def compute(entry):
    """The entry's panel (uncached): one group per other collection that lists entries in panels."""
    found = key_terms(entry)
    query = as_query(found)
    return [
        {"key": config.across_key, "heading": config.across_heading, "items": _group(config, entry, found, query)}
        for config in collection_configs()
        if config.across_key and config.label != entry._meta.app_label
    ]


def _version(versions):
    text = json.dumps(sorted(versions.items()))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def panel(entry, request):
    """The entry's panel, cached under every collection's version and the curated links'."""
    versions = request_versions(request)
    compute_it = partial(compute, entry)
    return cached(LABEL, ["panel", entry._meta.label_lower, entry.pk], compute_it, version=_version(versions))


def across_json(entry, request):
    """The panel as JSON: {collection key: [{"title", "url" (absolute), "why", "curated", "note"}]}."""
    return {
        group["key"]: [
            {**{key: item[key] for key in JSON_KEYS}, "url": request.build_absolute_uri(item["url"])}
            for item in group["items"]
        ]
        for group in panel(entry, request)
    }
