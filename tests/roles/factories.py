"""Builders for the roles tests: roles with their child rows, as the importer or a curator leaves them."""

from kb_site.text import slugify as make_slug
from roles.models import Industry, Role, RoleIndustry, RoleSkill, SalaryRange, Section, Skill, SkillKind, Statistic


def skill(name, kind=SkillKind.TECHNICAL):
    found, _ = Skill.objects.get_or_create(slug=make_slug(name), defaults={"name": name, "kind": kind})
    return found


def industry(name):
    found, _ = Industry.objects.get_or_create(slug=make_slug(name), defaults={"name": name})
    return found


def make_role(
    title,
    *,
    skills=(),
    industries=(),
    salary=None,
    published=True,
    sections=(),
    summary=None,
    statistics=(),
    related=(),
    slug=None,
):
    """A role with its child rows, as the importer or a curator would leave it.

    skills: names or (name, kind); industries: names or (name, [companies]);
    salary: (min, max) or a list of (label, kind, min, max); sections: (heading, kind, markdown).
    """
    role = Role.objects.create(
        title=title,
        slug=slug or make_slug(title),
        summary=summary if summary is not None else f"{title} does things worth describing.",
        is_published=published,
    )
    for position, (heading, kind, body) in enumerate(sections):
        Section.objects.create(
            role=role, position=position, heading=heading, kind=kind, body=body, anchor=make_slug(heading)
        )
    for position, entry in enumerate(skills):
        name, kind = entry if isinstance(entry, tuple) else (entry, SkillKind.TECHNICAL)
        RoleSkill.objects.create(role=role, skill=skill(name, kind), position=position)
    for position, entry in enumerate(industries):
        name, companies = entry if isinstance(entry, tuple) else (entry, [])
        RoleIndustry.objects.create(
            role=role, industry=industry(name), position=position, companies="; ".join(companies)
        )
    if salary is not None:
        ranges = [("Base pay", SalaryRange.Kind.BASE, *salary)] if isinstance(salary[0], int) else salary
        for position, (label, kind, low, high) in enumerate(ranges):
            SalaryRange.objects.create(
                role=role,
                position=position,
                label=label,
                kind=kind,
                min_amount=low,
                max_amount=high,
                period="year",
                market="US",
                year=2024,
            )
    for position, (value, unit, label) in enumerate(statistics):
        Statistic.objects.create(role=role, position=position, value=value, unit=unit, label=label)
    role.related.add(*related)
    role.refresh_derived()
    return role


def bulk_roles(count, *, prefix="Bulk role"):
    """`count` published roles with sections, salary, skills and industries, made in few queries."""
    skills = [skill(f"Skill {i:02d}") for i in range(30)]
    industries = [industry(f"Industry {i:02d}") for i in range(8)]
    roles = Role.objects.bulk_create(
        Role(
            title=f"{prefix} {i:03d}",
            slug=f"{make_slug(prefix)}-{i:03d}",
            summary=f"Summary {i}",
            salary_min=50_000 + i * 100,
            salary_max=150_000 + i * 1000,
            salary_currency="USD",
            body_text=f"Summary {i}",
        )
        for i in range(count)
    )
    Section.objects.bulk_create(
        Section(role=role, position=p, heading=f"Part {p}", anchor=f"part-{p}", body="- a\n- b", body_html="<ul></ul>")
        for role in roles
        for p in range(3)
    )
    SalaryRange.objects.bulk_create(
        SalaryRange(role=role, position=0, label="Base pay", min_amount=role.salary_min, max_amount=role.salary_max)
        for role in roles
    )
    RoleSkill.objects.bulk_create(
        RoleSkill(role=role, skill=skills[(i + k) % 30], position=k) for i, role in enumerate(roles) for k in range(6)
    )
    RoleIndustry.objects.bulk_create(
        RoleIndustry(role=role, industry=industries[i % 8], position=0, companies="A; B")
        for i, role in enumerate(roles)
    )
    Statistic.objects.bulk_create(
        Statistic(role=role, position=0, value=10, unit="percent", label="Ten percent of something") for role in roles
    )
    return roles
