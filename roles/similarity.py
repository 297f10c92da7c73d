"""Closest roles: the published roles whose skills overlap most with a role's own.

The measure is the cosine similarity of the two roles' skill sets, each skill weighted by its inverse
role frequency, idf(s) = 1 + ln((1 + N) / (1 + n_s)), where N is the number of published roles with
skills and n_s the number of them that name skill s (the smoothed idf of information retrieval):

    similarity(A, B) = Σ_{s ∈ A ∩ B} idf(s)²  /  ( √Σ_{s ∈ A} idf(s)² · √Σ_{s ∈ B} idf(s)² )

Why: sharing a skill that nearly every role names (Python, Communication) says little about two roles,
sharing a rare one (Kubernetes, Change Management) says much; the weights make a common skill count less
without ignoring it (idf never reaches 0). Dividing by both roles' lengths keeps a role with forty skills
from looking close to everything. The figure runs from 0 (nothing shared) to 1 (the same skills).

Cost: the weights (n_s per skill and each role's length) come from one pass over the role-skill links,
cached under the roles collection's version (kb_site.cache) so every process recomputes them once per
change; a role's closest roles cost one more query (the links of its own skills) and are cached under the
same version. An import, an admin save or action, or generated data changes the version, so figures are
never stale. At 10,000 roles the cold computation takes tens of milliseconds, a warm page none.
"""

import math
from collections import defaultdict

from kb_site.cache import cached

from .models import RoleSkill

LABEL = "roles"
LIMIT = 5
DIGITS = 3


def idf(roles_total, roles_with_skill):
    return 1 + math.log((1 + roles_total) / (1 + roles_with_skill))


def skill_weights(version=None):
    """{"idf": {skill id: weight}, "length": {role id: √Σ idf²}} over the published roles, cached."""

    def compute():
        links = list(RoleSkill.objects.filter(role__is_published=True).values_list("role_id", "skill_id"))
        roles_of = defaultdict(int)
        for _, skill_id in links:
            roles_of[skill_id] += 1
        total = len({role_id for role_id, _ in links})
        weights = {skill_id: idf(total, n) for skill_id, n in roles_of.items()}
        squares = defaultdict(float)
        for role_id, skill_id in links:
            squares[role_id] += weights[skill_id] ** 2
        return {"idf": weights, "length": {role_id: math.sqrt(value) for role_id, value in squares.items()}}

    return cached(LABEL, ["skill-weights"], compute, version=version)


def closest_roles(role, skill_ids, *, version=None, limit=LIMIT):
    """[{"id", "slug", "title", "similarity", "shared": [skill ids in the role's order]}], best first.

    `skill_ids`: the role's skills in its page order (from its prefetched links). Only published roles
    sharing at least one skill; ties go to the title in alphabetical order.
    """
    if not skill_ids or not role.is_published:
        return []

    def compute():
        model = skill_weights(version)
        weights, lengths = model["idf"], model["length"]
        own_length = lengths.get(role.pk)
        if not own_length:
            return []
        order = {skill_id: index for index, skill_id in enumerate(skill_ids)}
        scores, shared, names = defaultdict(float), defaultdict(list), {}
        rows = (
            RoleSkill.objects.filter(skill_id__in=skill_ids, role__is_published=True)
            .exclude(role_id=role.pk)
            .values_list("role_id", "skill_id", "role__slug", "role__title")
        )
        for role_id, skill_id, slug, title in rows:
            scores[role_id] += weights.get(skill_id, 0) ** 2
            shared[role_id].append(skill_id)
            names[role_id] = (slug, title)
        ranked = sorted(
            scores,
            key=lambda other: (-round(scores[other] / (own_length * lengths[other]), DIGITS), names[other][1]),
        )
        return [
            {
                "id": other,
                "slug": names[other][0],
                "title": names[other][1],
                "similarity": round(scores[other] / (own_length * lengths[other]), DIGITS),
                "shared": sorted(shared[other], key=order.__getitem__),
            }
            for other in ranked[:limit]
        ]

    return cached(LABEL, ["closest", role.pk, list(skill_ids), limit], compute, version=version)
