"""Closest roles: the published roles whose skills overlap most with a role's own.

The measure is the cosine similarity of the two roles' skill sets, each skill weighted by its inverse
role frequency, idf(s) = 1 + ln((1 + N) / (1 + n_s)), where N is the number of published roles with
skills and n_s the number of them that name skill s (the smoothed idf of information retrieval):

    similarity(A, B) = Σ_{s ∈ A ∩ B} idf(s)²  /  ( √Σ_{s ∈ A} idf(s)² · √Σ_{s ∈ B} idf(s)² )

Why: sharing a skill that nearly every role names (Python, Communication) says little about two roles,
sharing a rare one (Kubernetes, Change Management) says much; the weights make a common skill count less
without ignoring it (idf never reaches 0). Dividing by both roles' lengths keeps a role with forty skills
from looking close to everything. The figure runs from 0 (nothing shared) to 1 (the same skills).

Cost: the weights (n_s per skill and each role's length) come from the match page's SkillMap (which
published roles name which skills: roles.matching, one query), both cached under the roles collection's
version (kb_site.cache), so every process recomputes them once per change; a role's closest roles then
cost no query (the map holds every published role's slug and title) and are cached under the same
version. An import, an admin save or action, or generated data changes the version, so figures are never stale.
"""

import heapq
import math
from collections import defaultdict

from kb_site.cache import cached

from .matching import cached_skill_map

LABEL = "roles"
LIMIT = 5
DIGITS = 3


def idf(roles_total, roles_with_skill):
    return 1 + math.log((1 + roles_total) / (1 + roles_with_skill))


def skill_map(version):
    """Which published roles name which skills: the match page's roles.matching.SkillMap, one cached
    structure for both, with every published role's slug and title."""
    return cached_skill_map(version)


def _weights(found):
    """From a SkillMap: {"idf": {skill id: weight}, "length": {role id: √Σ idf² over its skills}}."""
    total = len(found.roles)
    weights = {skill_id: idf(total, len(positions)) for skill_id, positions in found.holders.items()}
    squares = [0.0] * total
    for skill_id, positions in found.holders.items():
        square = weights[skill_id] ** 2
        for position in positions:
            squares[position] += square
    return {"idf": weights, "length": {found.roles[pos]: math.sqrt(value) for pos, value in enumerate(squares)}}


def skill_weights(version=None):
    """The weights over the published roles, cached under the collection's version (from the cached
    SkillMap: no query of its own)."""
    return cached(LABEL, ["skill-weights"], lambda: _weights(skill_map(version)), version=version, keep=True)


def closest_roles(role, skill_ids, *, version=None, limit=LIMIT):
    """[{"id", "slug", "title", "similarity", "shared": [skill ids in the role's order]}], best first.

    `skill_ids`: the role's skills in its page order (from its prefetched links). Only published roles
    sharing at least one skill; ties go to the older role. One query (the closest roles' names) when the
    weights are cached, two when they must be computed too; none when the result is cached.
    """
    if not skill_ids or not role.is_published:
        return []

    def compute():
        model, found = skill_weights(version), skill_map(version)
        weights, lengths = model["idf"], model["length"]
        own_length = lengths.get(role.pk)
        if not own_length:
            return []
        scores, shared = defaultdict(float), defaultdict(list)
        for skill_id in dict.fromkeys(skill_ids):  # a skill the weights lack (added since) counts nothing
            square = weights.get(skill_id, 0) ** 2
            for position in found.holders.get(skill_id, ()):
                role_id = found.roles[position]
                scores[role_id] += square
                shared[role_id].append(skill_id)
        scores.pop(role.pk, None)
        similarity = {other: round(score / (own_length * lengths[other]), DIGITS) for other, score in scores.items()}
        best = heapq.nsmallest(limit, similarity, key=lambda other: (-similarity[other], other))
        names = found.names
        order = {skill_id: index for index, skill_id in enumerate(skill_ids)}
        return [
            {
                "id": other,
                "slug": names[other][0],
                "title": names[other][1],
                "similarity": similarity[other],
                "shared": sorted(shared[other], key=order.__getitem__),
            }
            for other in best
            if other in names
        ]

    return cached(LABEL, ["closest", role.pk, list(skill_ids), limit], compute, version=version)
