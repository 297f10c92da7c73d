"""Roles as JSON: a list row (cards, JSON and CSV lists), the whole profile (detail ?format=json)
and a comparison (compare ?format=json).

Salary figures are the source's ranges, each with its label, kind, market and year (`salary_ranges`).
The one figure no source states, the lowest minimum to the highest maximum across ranges of different
labels, is named for what it is: `derived_salary_span`, with a note.
"""

from kb_site.across import across_json
from kb_site.paths import entry_url

from .models import money

DERIVED_SPAN_NOTE = (
    "Derived here, not stated by the source: the lowest minimum and the highest maximum of the role's "
    "salary ranges, whatever their labels (the list's salary filter and sort use it)."
)


def skill_dict(skill):
    return {"slug": skill.slug, "name": skill.name, "kind": skill.kind}


def role_skills(role):
    """The role's skills in page order (from the prefetched role_skills)."""
    return [link.skill for link in role.role_skills.all()]


def role_industries(role):
    return list(role.role_industries.all())


def derived_salary_span(role):
    if role.salary_max is None:
        return None
    return {"min": role.salary_min, "max": role.salary_max, "currency": role.salary_currency, "note": DERIVED_SPAN_NOTE}


def salary_text(item):
    """`Base Pay: $128,000 to $240,000 per year (US market, 2024)`: one range for a CSV cell."""
    context = f" ({item.context})" if item.context else ""
    return f"{item.label}: {money(item.min_amount, item.currency)} to {money(item.max_amount, item.currency)}{context}"


def list_row(role, request):
    return {
        "slug": role.slug,
        "title": role.title,
        "url": request.build_absolute_uri(role.get_absolute_url()),
        "short_name": role.short_name,
        "summary": role.summary,
        "salary_ranges": [salary_dict(item) for item in role.salary_ranges.all()],
        "derived_salary_span": derived_salary_span(role),
        "completeness": role.completeness,
        "is_possibly_incomplete": role.is_possibly_incomplete,
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
        "qualifier": item.qualifier or None,
        "display": item.display_value,
        "label": item.label,
        "population": item.population or None,
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


def closest_dict(entry, request):
    """One of roles.views.role_closest's entries."""
    url = request.build_absolute_uri(entry_url("roles:detail", entry["slug"]))
    return {
        "slug": entry["slug"],
        "title": entry["title"],
        "url": url,
        "similarity": entry["similarity"],
        "shared_skills": [skill_dict(skill) for skill in entry["shared_skills"]],
    }


def profile(role, request, *, closest=()):
    """Everything the profile page shows, as data."""
    return {
        **list_row(role, request),
        "skills": [
            {**skill_dict(link.skill), "source_name": link.source_name or None} for link in role.role_skills.all()
        ],
        "incomplete_note": role.incomplete_note or None,
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
        "closest_roles": [closest_dict(entry, request) for entry in closest],
        "source": provenance(role),
        "across": across_json(role, request),
    }


def compare_column(column, request):
    """One role's column of the comparison (see roles.views.compare_columns)."""
    role = column["role"]
    return {
        **role_link(role, request),
        "salary_ranges": [salary_dict(r) for r in column["ranges"]],
        "derived_salary_span": derived_salary_span(role),
        "skills_only_here": [s.slug for s in column["only_here"]],
        "skills_with_some": [s.slug for s in column["with_some"]],
        "responsibilities": [s.heading for s in column["responsibilities"]],
        "challenges": [s.heading for s in column["challenges"]],
    }


def path_dict(path, request):
    """Moving from the first role to the second (roles.views.career_path)."""
    return {
        "from": role_link(path["from"], request),
        "to": role_link(path["to"], request),
        "kept": [skill_dict(skill) for skill in path["kept"]],
        "to_learn": [skill_dict(skill) for skill in path["to_learn"]],
        "salary": [
            {
                "kind": row["kind"],
                "from": salary_dict(row["from"]) if row["from"] else None,
                "to": salary_dict(row["to"]) if row["to"] else None,
            }
            for row in path["salary_rows"]
        ],
    }


def comparison(columns, shared, path, request):
    return {
        "roles": [compare_column(c, request) for c in columns],
        "shared_skills": [s.slug for s in shared],
        "path": path_dict(path, request),
    }


# The skill pages and the match page (roles/skill_views.py) ---------------------------------------


def skill_link(skill, request):
    """A skill with its page's absolute URL."""
    return {**skill_dict(skill), "url": request.build_absolute_uri(skill.get_absolute_url())}


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
