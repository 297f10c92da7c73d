"""Roles as JSON: a list row (cards, JSON and CSV lists), the whole profile (detail ?format=json)
and a comparison (compare ?format=json)."""

from django.urls import reverse

from kb_site.across import across_json


def skill_dict(skill):
    return {"slug": skill.slug, "name": skill.name, "kind": skill.kind}


def role_skills(role):
    """The role's skills in page order (from the prefetched role_skills)."""
    return [link.skill for link in role.role_skills.all()]


def role_industries(role):
    return list(role.role_industries.all())


def list_row(role, request):
    return {
        "slug": role.slug,
        "title": role.title,
        "url": request.build_absolute_uri(role.get_absolute_url()),
        "short_name": role.short_name,
        "summary": role.summary,
        "salary_min": role.salary_min,
        "salary_max": role.salary_max,
        "salary_currency": role.salary_currency or None,
        "skills": [skill_dict(skill) for skill in role_skills(role)],
        "industries": [{"slug": link.industry.slug, "name": link.industry.name} for link in role_industries(role)],
    }


def section_dict(section):
    return {
        "position": section.position,
        "heading": section.heading,
        "is_heading_inferred": section.is_heading_inferred,
        "anchor": section.anchor,
        "kind": section.kind,
        "markdown": section.body,
        "html": section.body_html,
        "closing_markdown": section.closing,
        "closing_html": section.closing_html,
    }


def salary_dict(item):
    return {
        "label": item.label,
        "kind": item.kind,
        "min": item.min_amount,
        "max": item.max_amount,
        "currency": item.currency,
        "period": item.period or None,
        "market": item.market or None,
        "year": item.year,
        "note": item.note or None,
    }


def statistic_dict(item):
    return {
        "value": float(item.value) if item.value != int(item.value) else int(item.value),
        "unit": item.unit,
        "display": item.display_value,
        "label": item.label,
        "group": item.group or None,
        "year": item.year,
    }


def provenance(role):
    return {
        "document": role.source or None,
        "origin": role.origin,
        "imported_at": role.imported_at.isoformat() if role.imported_at else None,
        "checksum": role.checksum or None,
        "is_edited": role.is_edited,
    }


def role_link(role, request):
    return {"slug": role.slug, "title": role.title, "url": request.build_absolute_uri(role.get_absolute_url())}


def profile(role, request):
    """Everything the profile page shows, as data."""
    return {
        **list_row(role, request),
        "intro": role.intro,
        "intro_html": role.intro_html,
        "sections": [section_dict(section) for section in role.sections.all()],
        "conclusion": role.conclusion,
        "conclusion_html": role.conclusion_html,
        "has_description": role.has_description,
        "salary_ranges": [salary_dict(item) for item in role.salary_ranges.all()],
        "statistics": [statistic_dict(item) for item in role.statistics.all()],
        "industries": [
            {"slug": link.industry.slug, "name": link.industry.name, "companies": link.company_list}
            for link in role_industries(role)
        ],
        "related": [role_link(other, request) for other in role.published_related],
        "source": provenance(role),
        "across": across_json(role, request),
    }


def compare_column(column, request):
    """One role's column of the comparison (see roles.views.compare_columns)."""
    role = column["role"]
    return {
        **role_link(role, request),
        "salary_min": role.salary_min,
        "salary_max": role.salary_max,
        "salary_ranges": [
            {"label": r.label, "kind": r.kind, "min": r.min_amount, "max": r.max_amount} for r in column["ranges"]
        ],
        "skills_only_here": [s.slug for s in column["only_here"]],
        "skills_with_some": [s.slug for s in column["with_some"]],
        "responsibilities": [s.heading for s in column["responsibilities"]],
        "challenges": [s.heading for s in column["challenges"]],
    }


def comparison(columns, shared, request):
    return {"roles": [compare_column(c, request) for c in columns], "shared_skills": [s.slug for s in shared]}


# The skill pages and the match page (roles/skill_views.py) ---------------------------------------


def skill_link(skill, request):
    """A skill with its page's absolute URL."""
    return {**skill_dict(skill), "url": request.build_absolute_uri(reverse("roles:skill", args=[skill.slug]))}


def skill_index(groups, request):
    """/roles/skills/ as data: every skill a published role needs, kind after kind, with how many roles do."""
    return {
        "count": sum(len(group["skills"]) for group in groups),
        "kinds": [{"kind": group["kind"], "label": group["label"], "count": len(group["skills"])} for group in groups],
        "results": [
            {**skill_link(skill, request), "role_count": skill.role_count}
            for group in groups
            for skill in group["skills"]
        ],
    }


def mention_group(group, request):
    """One other collection's results on a skill's page (a kb_site.search.site.Group)."""
    return {
        "collection": group.label,
        "title": group.title,
        "count": group.count,
        "count_is_lower_bound": group.capped,
        "more": request.build_absolute_uri(group.more_url) if group.more_url else None,
        "results": [{**result, "url": request.build_absolute_uri(result["url"])} for result in group.results],
    }


def match_row(match, request):
    """One role against the reader's skills (a roles.matching.Match): `missing` kind after kind."""
    return {
        **role_link(match.role, request),
        "coverage": round(match.coverage, 4),
        "skill_count": match.skill_count,
        "have": [skill_dict(skill) for skill in match.have],
        "missing": [skill_dict(skill) for skill in match.missing_by_kind],
    }


def match_page(page, chosen, focus, notices, links, request):
    """/roles/match/ as data: the ranking's page (`page.matches`; None without skills), the skills that
    counted, the role asked about (`?role=`) and the notices; `links`: relative next and previous URLs."""

    def absolute(url):
        return request.build_absolute_uri(url) if url else None

    return {
        "count": page.paginator.count if page else 0,
        "next": absolute(links.get("next")),
        "previous": absolute(links.get("previous")),
        "notices": list(notices),
        "skills": [skill_dict(skill) for skill in chosen],
        "role": match_row(focus, request) if focus else None,
        "results": [match_row(match, request) for match in page.matches] if page else [],
    }
