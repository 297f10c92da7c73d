"""The role pages: the list (filters, facets, JSON, CSV), a profile, and a comparison."""

import re

from django import forms
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from kb_site.cache import cached, request_versions
from kb_site.filters import MultipleValueField
from kb_site.http import JSON, BadParameter, json_response, requested_format
from kb_site.listing import Facet, Listing
from kb_site.querystring import query_url

from . import serializers
from .charts import range_chart
from .filters import RoleFilter
from .matching import cached_skill_map, skill_groups
from .models import Role, SalaryRange, Section, SkillKind
from .similarity import closest_roles

SERIES = {SalaryRange.Kind.TOTAL: 1, SalaryRange.Kind.BASE: 2, SalaryRange.Kind.ADDITIONAL: 3}


SKILL_FACET = Facet("skill", "Skills", "skills__slug", label_field="skills__name", multiple=True, limit=30)


class RoleListing(Listing):
    filterset_class = RoleFilter
    template_name = "roles/role_list.html"
    csv_filename = "roles.csv"
    facets = (
        SKILL_FACET,
        Facet("industry", "Industries", "industries__slug", label_field="industries__name"),
    )

    def get_csv_columns(self, request):
        absolute = request.build_absolute_uri
        return (
            ("slug", lambda role: role.slug),
            ("title", lambda role: role.title),
            ("short_name", lambda role: role.short_name),
            ("url", lambda role: absolute(role.get_absolute_url())),
            ("summary", lambda role: role.summary),
            ("salary_ranges", lambda role: [serializers.salary_text(r) for r in role.salary_ranges.all()]),
            ("derived_salary_low", lambda role: role.salary_min),
            ("derived_salary_high", lambda role: role.salary_max),
            ("salary_currency", lambda role: role.salary_currency),
            ("completeness", lambda role: role.completeness),
            ("skills", lambda role: [skill.name for skill in serializers.role_skills(role)]),
            ("industries", lambda role: [link.industry.name for link in serializers.role_industries(role)]),
        )

    def postings_selection(self, facet, values, filterset):
        """Both filters keep the roles having each value (RoleFilter): a skill by its slug, an alias standing
        for its skill's (the filter has looked them up); an industry by its slug."""
        if facet.param == "skill":
            values = filterset.filters["skill"].canonical(values)
        return [[value] for value in values]

    def html_rows(self, queryset):
        return queryset.prefetch_related(None).for_cards()

    def serialize(self, role, request):
        return serializers.list_row(role, request)


def role_list(request):
    sort = request.GET.get("sort", "")
    sort_options = [
        {"value": value, "label": label, "selected": value == sort}
        for value, label in RoleFilter.base_filters["sort"].build_choices(None, None)
    ]
    context = {"sort_options": sort_options, "compare_url": reverse("roles:compare")}
    roles = Role.objects.published().for_list().by_completeness()  # `sort` reorders; without it, most complete first
    return RoleListing().response(request, roles, context=context)


def roles_version(request):
    return request_versions(request).get(Role._meta.app_label, 0)


def role_detail(request, slug):
    fmt = requested_format(request)
    role = get_object_or_404(Role.objects.published().for_detail(), slug=slug)
    role.published_related = related_links(role, roles_version(request))
    closest = role_closest(role, request)
    if fmt == JSON:
        return json_response(serializers.profile(role, request, closest=closest))
    return render(request, "roles/role_detail.html", profile_context(role, request, closest))


def related_links(role, version):
    """The role's published related roles from the cached SkillMap, kept per role under the same version:
    a warm page reads a few links, not the whole map."""
    return cached(
        Role._meta.app_label,
        ["related", role.pk],
        lambda: cached_skill_map(version).related_links(role.pk),
        version=version,
    )


def role_closest(role, request):
    """The role's closest roles (roles.similarity), each with its shared skills as Skill rows."""
    links = list(role.role_skills.all())
    skills = {link.skill_id: link.skill for link in links}
    found = closest_roles(role, [link.skill_id for link in links], version=roles_version(request))
    return [{**entry, "shared_skills": [skills[skill_id] for skill_id in entry["shared"]]} for entry in found]


TOP_SKILLS_PER_KIND = 4


def summary_panel(role, ranges, statistics, industries, skills, closest):
    """What a reader asks first, for the top of the page: salary figures as the source labels them, the top
    skills of each kind, industries, the headline statistic, related and closest roles."""
    return {
        "ranges": ranges,
        "salary_caption": salary_caption(ranges) if len({r.context for r in ranges}) == 1 else "",
        "skill_groups": [
            {
                **group,
                "more": len(group["skills"]) - TOP_SKILLS_PER_KIND,
                "skills": group["skills"][:TOP_SKILLS_PER_KIND],
            }
            for group in skill_groups(skills)
        ],
        "industries": industries,
        "headline": statistics[0] if statistics else None,  # the first figure the source gives
        "related": role.published_related,
        "closest": closest,
    }


def profile_context(role, request, closest):
    ranges = list(role.salary_ranges.all())
    skills = []
    for link in role.role_skills.all():
        link.skill.source_words = link.source_words  # the source's words, shown beside the skill's name
        skills.append(link.skill)
    sections = list(role.sections.all())
    statistics = list(role.statistics.all())
    industries = serializers.role_industries(role)
    related = role.published_related
    facts = (
        ("salary", "Salary figures", ranges),
        ("statistics", "Key statistics", statistics),
        ("industries", "Industries", industries),
        ("skills", "Skills", skills),
        ("related", "Related roles", related),
        ("closest", "Closest roles by skills", closest),
    )
    toc = [{"anchor": anchor, "label": label} for anchor, label, rows in facts if rows]
    toc += [{"anchor": s.anchor, "label": s.heading or f"Section {s.position + 1}"} for s in sections]
    return {
        "role": role,
        "summary": summary_panel(role, ranges, statistics, industries, skills, closest),
        "sections": sections,
        "ranges": ranges,
        "closest": closest,
        "salary_caption": salary_caption(ranges),
        "chart": range_chart(
            ((r.label, r.min_amount, r.max_amount, SERIES.get(r.kind, 4)) for r in ranges),
            ranges[0].currency if ranges else "USD",
        ),
        "statistics": statistics,
        "industries": industries,
        "skill_groups": skill_groups(skills),
        "skill_count": len(skills),
        "related": related,
        "toc": toc,
        "json_url": query_url(request, format="json"),
    }


def salary_caption(ranges):
    """`US market, 2024, per year` — what all the ranges share."""
    parts = []
    markets = {r.market for r in ranges if r.market}
    years = {r.year for r in ranges if r.year}
    periods = {r.get_period_display() for r in ranges if r.period}
    if len(markets) == 1:
        parts.append(f"{markets.pop()} market")
    if len(years) == 1:
        parts.append(str(years.pop()))
    if len(periods) == 1:
        parts.append(periods.pop())
    return ", ".join(parts)


# Compare ------------------------------------------------------------------------------------------

MIN_COMPARE, MAX_COMPARE = 2, 4
PICKER_SIZE = 24  # roles offered on the picker (the most complete first); the list offers them all


class CompareForm(forms.Form):
    """The roles to compare: fewer than two is no error (the page offers roles to pick), more than four and
    a slug that names no published role are."""

    roles = MultipleValueField(max_values=20, required=False)

    def clean_roles(self):
        slugs = list(dict.fromkeys(self.cleaned_data["roles"]))  # the order asked for, without repeats
        if len(slugs) > MAX_COMPARE:
            raise forms.ValidationError(f"Compare at most four roles at a time; you chose {len(slugs)}.")
        found = {role.slug: role for role in Role.objects.published().for_compare().filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise forms.ValidationError(
                f"There is no published role called {missing[0]!r}. Pick roles at /roles/compare/."
            )
        self.roles = [found[slug] for slug in slugs]
        return slugs


HEADING_RE = re.compile(r"<(/?)h([2-5])\b")


def demote_headings(html):
    """Sanitized HTML with each heading one level lower (it sits under the compare page's h3)."""
    return mark_safe(HEADING_RE.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html))  # noqa: S308


def role_compare(request):
    fmt = requested_format(request)
    form = CompareForm({"roles": request.GET.getlist("roles")})
    if not form.is_valid():
        raise BadParameter.from_form(form)
    roles = form.roles
    if len(roles) < MIN_COMPARE:
        return compare_picker(request, roles, fmt)
    columns, shared = compare_columns(roles)
    path = career_path(columns[0], columns[1])
    if fmt == JSON:
        return json_response(serializers.comparison(columns, shared, path, request))

    banded = [role for role in roles if role.salary_max is not None]
    aspects = [
        {
            "id": f"compare-{key}",
            "title": title,
            "cells": [{"role": c["role"], "sections": c[key]} for c in columns],
            "is_empty": not any(c[key] for c in columns),
        }
        for key, title in (("responsibilities", "Responsibilities"), ("challenges", "Challenges"))
    ]
    context = {
        "roles": roles,
        "columns": columns,
        "aspects": aspects,
        "shared": shared,
        "path": path,
        "is_many": len(roles) > 2,
        "has_salary": any(c["ranges"] for c in columns),
        "has_skills": any(c["skills"] for c in columns),
        "chart": range_chart(
            ((role.title, role.salary_min, role.salary_max, index + 1) for index, role in enumerate(banded)),
            banded[0].salary_currency if banded else "USD",
        ),
        "json_url": query_url(request, format="json"),
    }
    return render(request, "roles/role_compare.html", context)


def compare_picker(request, chosen, fmt):
    """Fewer than two roles: a page (200) where the reader picks them, the one already chosen ticked."""
    offered = list(Role.objects.published().only("id", "title", "slug", "short_name").by_completeness()[:PICKER_SIZE])
    offered = chosen + [role for role in offered if role not in chosen]
    notice = (
        f"Pick one more role to compare with {chosen[0].title}." if chosen else "Pick two to four roles to compare."
    )
    if fmt == JSON:
        return json_response(
            {
                "roles": [serializers.role_link(role, request) for role in chosen],
                "choices": [serializers.role_link(role, request) for role in offered],
                "path": None,
                "notices": [notice],
            }
        )
    context = {
        "chosen": {role.slug for role in chosen},
        "chosen_roles": chosen,
        "offered": offered,
        "notice": notice,
        "list_url": reverse("roles:list"),
    }
    return render(request, "roles/role_compare_pick.html", context)


def compare_columns(roles):
    """(a column per role: its ranges, the skills only it has or only some share, its responsibilities
    and challenges; the skills every role shares, in the first role's order)."""
    skill_sets = {role.slug: [link.skill for link in role.role_skills.all()] for role in roles}
    slugs_of = {slug: {skill.slug for skill in skills} for slug, skills in skill_sets.items()}
    shared_slugs = set.intersection(*slugs_of.values())
    shared = [skill for skill in skill_sets[roles[0].slug] if skill.slug in shared_slugs]
    columns = []
    for role in roles:
        others = set().union(*(slugs for slug, slugs in slugs_of.items() if slug != role.slug))
        own = [skill for skill in skill_sets[role.slug] if skill.slug not in shared_slugs]
        sections = list(role.sections.all())
        columns.append(
            {
                "role": role,
                "skills": skill_sets[role.slug],
                "ranges": list(role.salary_ranges.all()),
                "only_here": [skill for skill in own if skill.slug not in others],
                "with_some": [skill for skill in own if skill.slug in others],
                "responsibilities": _aspect(sections, Section.Kind.RESPONSIBILITIES),
                "challenges": _aspect(sections, Section.Kind.CHALLENGES),
            }
        )
    return columns, shared


def career_path(start, goal):
    """Moving from the first role to the second: the skills kept, the skills to learn by kind, and both
    roles' salary figures as their sources state them (never a difference the sources do not give)."""
    have = {skill.slug for skill in start["skills"]}
    to_learn = [skill for skill in goal["skills"] if skill.slug not in have]
    return {
        "from": start["role"],
        "to": goal["role"],
        "kept": [skill for skill in goal["skills"] if skill.slug in have],
        "goal_has_skills": bool(goal["skills"]),
        "to_learn": to_learn,
        "to_learn_groups": [
            {"kind": kind, "label": f"{label} skills", "skills": [s for s in to_learn if s.kind == kind]}
            for kind, label in SkillKind.choices
            if any(s.kind == kind for s in to_learn)
        ],
        "salary_rows": salary_rows(start["ranges"], goal["ranges"]),
    }


def salary_rows(first, second):
    """The two roles' ranges side by side, paired by kind where both give one (base with base…)."""
    rows, rest = [], list(second)
    for item in first:
        match = next((other for other in rest if other.kind == item.kind), None)
        if match is not None:
            rest.remove(match)
        rows.append({"kind": item.get_kind_display(), "from": item, "to": match})
    rows += [{"kind": item.get_kind_display(), "from": None, "to": item} for item in rest]
    return rows


def _aspect(sections, kind):
    chosen = [section for section in sections if section.kind == kind]
    for section in chosen:
        section.compare_html = demote_headings(section.body_html)
        section.compare_closing_html = demote_headings(section.closing_html)
    return chosen
