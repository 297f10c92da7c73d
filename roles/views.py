"""The role pages: the list (filters, facets, JSON, CSV), a profile, and a comparison."""

import re

from django import forms
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from kb_site.filters import MultipleValueField
from kb_site.http import bad_request, form_error_messages, wants_json
from kb_site.listing import Facet, Listing
from kb_site.querystring import query_url

from . import serializers
from .charts import range_chart
from .filters import RoleFilter
from .models import Role, SalaryRange, Section, SkillKind

SERIES = {SalaryRange.Kind.TOTAL: 1, SalaryRange.Kind.BASE: 2, SalaryRange.Kind.ADDITIONAL: 3}


class RoleListing(Listing):
    filterset_class = RoleFilter
    template_name = "roles/role_list.html"
    csv_filename = "roles.csv"
    facets = (
        Facet("skill", "Skills", "skills__slug", label_field="skills__name", multiple=True, limit=30),
        Facet("industry", "Industries", "industries__slug", label_field="industries__name"),
    )
    csv_columns = (
        ("slug", lambda role: role.slug),
        ("title", lambda role: role.title),
        ("short_name", lambda role: role.short_name),
        ("url", lambda role: role.get_absolute_url()),
        ("summary", lambda role: role.summary),
        ("salary_min", lambda role: role.salary_min),
        ("salary_max", lambda role: role.salary_max),
        ("salary_currency", lambda role: role.salary_currency),
        ("skills", lambda role: [skill.name for skill in serializers.role_skills(role)]),
        ("industries", lambda role: [link.industry.name for link in serializers.role_industries(role)]),
    )

    def serialize(self, role, request):
        return serializers.list_row(role, request)


def role_list(request):
    sort = request.GET.get("sort", "")
    sort_options = [
        {"value": value, "label": label, "selected": value == sort}
        for value, label in RoleFilter.base_filters["sort"].build_choices(None, None)
    ]
    context = {"sort_options": sort_options, "compare_url": reverse("roles:compare")}
    return RoleListing().response(request, Role.objects.published().for_list(), context=context)


def _format(request, allowed):
    fmt = request.GET.get("format", "html")
    if fmt not in allowed:
        return None, bad_request(request, f"format must be one of {', '.join(allowed)}, not {fmt!r}.")
    return fmt, None


def role_detail(request, slug):
    fmt, error = _format(request, ("html", "json"))
    if error:
        return error
    role = get_object_or_404(Role.objects.published().for_detail(), slug=slug)
    if fmt == "json" or wants_json(request):
        return JsonResponse(serializers.profile(role, request), json_dumps_params={"ensure_ascii": False})

    ranges = list(role.salary_ranges.all())
    skills = serializers.role_skills(role)
    skill_groups = [
        {"kind": kind, "label": f"{label} skills", "skills": [s for s in skills if s.kind == kind]}
        for kind, label in (
            (SkillKind.TECHNICAL, "Technical"),
            (SkillKind.BUSINESS, "Business"),
            (SkillKind.SOFT, "Soft"),
        )
    ]
    sections = list(role.sections.all())
    statistics = list(role.statistics.all())
    industries = serializers.role_industries(role)
    related = role.published_related
    toc = [{"anchor": s.anchor, "label": s.heading or f"Section {s.position + 1}"} for s in sections]
    facts = (
        ("salary", "Salary figures", ranges),
        ("statistics", "Key statistics", statistics),
        ("industries", "Industries", industries),
        ("skills", "Skills", skills),
        ("related", "Related roles", related),
    )
    toc += [{"anchor": anchor, "label": label} for anchor, label, rows in facts if rows]
    context = {
        "role": role,
        "sections": sections,
        "has_description": bool(role.intro or role.conclusion or sections),
        "ranges": ranges,
        "salary_caption": salary_caption(ranges),
        "chart": range_chart(
            ((r.label, r.min_amount, r.max_amount, SERIES.get(r.kind, 4)) for r in ranges),
            ranges[0].currency if ranges else "USD",
        ),
        "statistics": statistics,
        "industries": industries,
        "skill_groups": [group for group in skill_groups if group["skills"]],
        "skill_count": len(skills),
        "related": related,
        "toc": toc,
        "json_url": query_url(request, format="json"),
    }
    return render(request, "roles/role_detail.html", context)


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


class CompareForm(forms.Form):
    roles = MultipleValueField(max_values=20, required=False)

    def clean_roles(self):
        slugs = list(dict.fromkeys(self.cleaned_data["roles"]))  # the order asked for, without repeats
        if len(slugs) < MIN_COMPARE:
            chosen = f"you chose {len(slugs)}" if slugs else "you chose none"
            raise forms.ValidationError(
                f"Choose at least two different roles to compare ({chosen}): /roles/compare/?roles=<slug>&roles=<slug>."
            )
        if len(slugs) > MAX_COMPARE:
            raise forms.ValidationError(f"Compare at most four roles at a time; you chose {len(slugs)}.")
        found = {role.slug: role for role in Role.objects.published().for_compare().filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise forms.ValidationError(f"There is no published role called {missing[0]!r}.")
        self.roles = [found[slug] for slug in slugs]
        return slugs


HEADING_RE = re.compile(r"<(/?)h([2-5])\b")


def demote_headings(html):
    """Sanitized HTML with each heading one level lower (it sits under the compare page's h3)."""
    return mark_safe(HEADING_RE.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html))  # noqa: S308


def role_compare(request):
    fmt, error = _format(request, ("html", "json"))
    if error:
        return error
    form = CompareForm({"roles": request.GET.getlist("roles")})
    if not form.is_valid():
        messages, errors = form_error_messages(form)
        return bad_request(request, messages, errors=errors)
    roles = form.roles

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
                "ranges": list(role.salary_ranges.all()),
                "only_here": [skill for skill in own if skill.slug not in others],
                "with_some": [skill for skill in own if skill.slug in others],
                "responsibilities": _aspect(sections, Section.Kind.RESPONSIBILITIES),
                "challenges": _aspect(sections, Section.Kind.CHALLENGES),
            }
        )

    if fmt == "json" or wants_json(request):
        return JsonResponse(
            {
                "roles": [
                    {
                        "slug": c["role"].slug,
                        "title": c["role"].title,
                        "url": request.build_absolute_uri(c["role"].get_absolute_url()),
                        "salary_min": c["role"].salary_min,
                        "salary_max": c["role"].salary_max,
                        "salary_ranges": [
                            {"label": r.label, "kind": r.kind, "min": r.min_amount, "max": r.max_amount}
                            for r in c["ranges"]
                        ],
                        "skills_only_here": [s.slug for s in c["only_here"]],
                        "skills_with_some": [s.slug for s in c["with_some"]],
                        "responsibilities": [s.heading for s in c["responsibilities"]],
                        "challenges": [s.heading for s in c["challenges"]],
                    }
                    for c in columns
                ],
                "shared_skills": [s.slug for s in shared],
            },
            json_dumps_params={"ensure_ascii": False},
        )

    banded = [role for role in roles if role.salary_max is not None]
    aspects = [
        {
            "id": f"compare-{key}",
            "title": title,
            "cells": [{"role": c["role"], "sections": c[key]} for c in columns],
        }
        for key, title in (("responsibilities", "Responsibilities"), ("challenges", "Challenges"))
    ]
    context = {
        "roles": roles,
        "columns": columns,
        "aspects": aspects,
        "shared": shared,
        "is_many": len(roles) > 2,
        "chart": range_chart(
            ((role.title, role.salary_min, role.salary_max, index + 1) for index, role in enumerate(banded)),
            banded[0].salary_currency if banded else "USD",
        ),
        "json_url": query_url(request, format="json"),
    }
    return render(request, "roles/role_compare.html", context)


def _aspect(sections, kind):
    chosen = [section for section in sections if section.kind == kind]
    for section in chosen:
        section.compare_html = demote_headings(section.body_html)
        section.compare_closing_html = demote_headings(section.closing_html)
    return chosen
