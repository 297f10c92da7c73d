"""Skills across roles: which skills the published roles need and how many of them, and how much of each
role's skill set a reader's skills cover (the skill pages and the match page, roles/skill_views.py).

Coverage is (skills the reader has) / (skills the role names); roles rank by it, then by how many of
their skills the reader has, then by title. It is computed from a SkillMap (which roles name which
skills) cached under the roles' version: a few milliseconds at 10,000 roles, where the same ranking as
one GROUP BY in the database took 55-130 ms on PostgreSQL. Roles that name no skill cannot be covered
and are left out of the ranking.
"""

from collections import Counter
from dataclasses import dataclass
from itertools import chain
from math import floor

from django.db.models import Count, Q
from django.db.models.functions import Lower

from kb_site.cache import cached
from kb_site.paths import entry_url

from .models import Role, Skill, SkillKind


def skill_groups(skills):
    """The skills by kind, kinds without skills left out."""
    groups = [
        {"kind": kind, "label": f"{label} skills", "skills": [s for s in skills if s.kind == kind]}
        for kind, label in (
            (SkillKind.TECHNICAL, "Technical"),
            (SkillKind.BUSINESS, "Business"),
            (SkillKind.SOFT, "Soft"),
        )
    ]
    return [group for group in groups if group["skills"]]


def skill_index():
    """Every skill at least one published role needs, by name, each with `role_count`: how many (one query)."""
    needed_by = Count("role_skills", filter=Q(role_skills__role__in=Role.objects.published()))
    skills = Skill.objects.only("name", "slug", "kind").annotate(role_count=needed_by).filter(role_count__gt=0)
    return list(skills.order_by(Lower("name"), "slug"))  # a GROUP BY query ignores Meta.ordering


def cached_skill_index(version):
    """skill_index() until the roles change (kb_site.cache: under the collection's version)."""
    return cached("roles", ["skill-index"], skill_index, version=version, keep=True)


@dataclass(frozen=True)
class RoleLink:
    """A published role as a link: what the related and closest roles show."""

    slug: str
    title: str

    def get_absolute_url(self):
        return entry_url("roles:detail", self.slug)


@dataclass(frozen=True)
class SkillMap:
    """Which published roles name which skills, and how the published roles link to each other, small
    enough to cache: the match page ranks from it, the closest roles are measured on it, and a profile
    takes its related roles from it (no query of its own).

    roles    ids of the published roles that name at least one skill, by title (then id)
    sizes    how many skills each of them names (same order)
    holders  skill id -> positions in `roles` of the roles that name it
    names    id -> (slug, title) of every published role
    related  id -> ids of its published related roles, by title
    """

    roles: tuple
    sizes: tuple
    holders: dict
    names: dict
    related: dict

    @classmethod
    def build(cls):
        """One query over the published roles with their skills and related roles (a GROUP BY would carry
        every role's wide row: see README); a role's rows repeat once per (skill, related role) pair."""
        rows = (
            Role.objects.published()
            .order_by("title", "id")
            .values_list("id", "slug", "title", "role_skills__skill_id", "related__id")
        )
        names, skills, related = {}, {}, {}
        for role_id, slug, title, skill_id, related_id in rows:
            names.setdefault(role_id, (slug, title))
            if skill_id is not None:
                skills.setdefault(role_id, {}).setdefault(skill_id, None)
            if related_id is not None:
                related.setdefault(role_id, {}).setdefault(related_id, None)
        roles = tuple(role_id for role_id in names if role_id in skills)  # names keeps the title order
        holders = {}
        for position, role_id in enumerate(roles):
            for skill_id in skills[role_id]:
                holders.setdefault(skill_id, []).append(position)
        by_title = {role_id: index for index, role_id in enumerate(names)}
        return cls(
            roles,
            tuple(len(skills[role_id]) for role_id in roles),
            {skill: tuple(found) for skill, found in holders.items()},
            names,
            {
                role_id: tuple(sorted((o for o in others if o in names), key=by_title.__getitem__))
                for role_id, others in related.items()
            },
        )

    def link(self, role_id):
        return RoleLink(*self.names[role_id])

    def related_links(self, role_id):
        """The role's published related roles, by title."""
        return [self.link(other) for other in self.related.get(role_id, ())]

    def ranking(self, skill_ids):
        """Role ids, best covered first: by the share of the role's skills in `skill_ids`, then by how many
        of them, then by title; the roles that name none of them follow in title order."""
        have = Counter()
        for skill_id in skill_ids:
            have.update(self.holders.get(skill_id, ()))
        covered = sorted(have, key=lambda pos: (-have[pos] / self.sizes[pos], -have[pos], pos))
        rest = (pos for pos in range(len(self.roles)) if pos not in have)
        return [self.roles[pos] for pos in chain(covered, rest)]


def cached_skill_map(version):
    """SkillMap.build() until the roles change (kb_site.cache: under the collection's version)."""
    return cached("roles", ["skill-map"], SkillMap.build, version=version, keep=True)


@dataclass
class Match:
    """One role against the reader's skills: the skills they have (in the page's order) and those missing."""

    role: Role
    have: list
    missing: list

    @classmethod
    def of(cls, role, skill_ids):
        skills = [link.skill for link in role.role_skills.all()]  # prefetched, in page order
        return cls(role, [s for s in skills if s.pk in skill_ids], [s for s in skills if s.pk not in skill_ids])

    @property
    def skill_count(self):
        return len(self.have) + len(self.missing)

    @property
    def coverage(self):
        """The share of the role's skills the reader has, 0 to 1 (0 for a role that names none)."""
        return len(self.have) / self.skill_count if self.skill_count else 0.0

    @property
    def percent(self):
        """Whole percent, rounded down: 100 only when nothing is missing."""
        return floor(self.coverage * 100)

    @property
    def missing_groups(self):
        """The missing skills by kind (technical, business, soft), each kind in the page's order."""
        return skill_groups(self.missing)

    @property
    def missing_by_kind(self):
        """The missing skills as one list, kind after kind (the JSON's order)."""
        return [skill for group in self.missing_groups for skill in group["skills"]]
