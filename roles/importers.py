"""Parsed role pages → the database: one transaction per file, upsert by slug.

    report = import_file("seeds/000_….txt", dry_run=False, overwrite=False)

Each role on the page is created, updated (its sections and facts replaced), left
unchanged (same checksum), or kept (edited in admin, or created there) unless
`overwrite`. An import never changes whether a role is published. A short profile
from a 'More Careers' list does not replace an in-depth profile imported from
another page. Skills and industries are shared between roles and matched by slug.
"""

from django.utils import timezone

from kb_site.importing import (
    CREATED,
    KEPT,
    SKIPPED,
    UPDATED,
    ImportReport,
    SourceError,
    decide,
    display_name,
    import_transaction,
    read_text_source,
)
from kb_site.models import Origin
from kb_site.text import checksum

from . import parsers
from .markdown_text import paragraphs_markdown, section_markdown
from .models import Industry, Role, RoleIndustry, RoleSkill, SalaryRange, Section, Skill, Statistic, section_anchor
from .textutil import slug as make_slug

RESERVED_SLUGS = {"compare"}


def import_file(path, *, dry_run=False, overwrite=False, progress=None):
    """Import one AiPathly page. Raises SourceError (nothing saved) for a file that is not one."""
    text = read_text_source(path)
    try:
        page = parsers.parse_page(text)
    except parsers.ParseError as exc:
        raise SourceError(path, exc.problem, line=exc.line) from None
    source = display_name(path)
    report = ImportReport(source=source, dry_run=dry_run)
    with import_transaction(dry_run):
        import_page(page, source=source, overwrite=overwrite, report=report, progress=progress, path=path)
    if progress:
        progress.finish()
    return report


def import_page(page, *, source, overwrite, report, progress=None, path=None):
    slugs = {}
    for parsed in page.roles:
        slug = make_slug(parsed.title)
        if slug in RESERVED_SLUGS:  # /roles/compare/ is a page of its own
            slug += "-role"
        if not slug:
            raise SourceError(
                path or source,
                f"the role title {parsed.title!r} has no Latin letters or digits to make its address from",
            )
        if slug in slugs.values():
            raise SourceError(path or source, f"two roles on the page share the address /roles/{slug}/")
        slugs[parsed.title] = slug
    skill_kinds = page_skill_kinds(page)
    now = timezone.now()

    outcome = {}
    for parsed in page.roles:
        existing = Role.objects.filter(slug=slugs[parsed.title]).first()
        digest = checksum(parsed)
        action = decide(existing, digest, overwrite)
        if existing is not None and existing.origin == Origin.ADMIN and not overwrite:
            action = KEPT
        note = parsed.title
        if (
            action == UPDATED
            and not parsed.is_main
            and existing.is_in_depth
            and existing.source != source
            and not overwrite
        ):
            action, note = SKIPPED, f"{parsed.title} (described in depth by {existing.source})"
        if action in (CREATED, UPDATED):
            role = existing or Role(slug=slugs[parsed.title])
            write_role(role, parsed, source=source, digest=digest, now=now, skill_kinds=skill_kinds)
        else:
            role = existing
        outcome[parsed.title] = (role, action)
        report.count(action, note)
        if progress:
            progress.tick()

    # Related careers link both ways; a role a curator is keeping is left as it is.
    for parsed in page.roles:
        role, action = outcome[parsed.title]
        if action not in (CREATED, UPDATED):
            continue
        others = [outcome[title][0] for title in parsed.related if outcome[title][1] != KEPT]
        role.related.add(*others)


def page_skill_kinds(page):
    """One kind per skill across the page: a kind the page states wins over one inferred."""
    kinds = {}
    for parsed in page.roles:
        for mention in parsed.skills:
            key = make_slug(mention.name)
            if key not in kinds or (mention.is_kind_stated and not kinds[key][1]):
                kinds[key] = (mention.kind, mention.is_kind_stated)
    return {key: kind for key, (kind, _) in kinds.items()}


def write_role(role, parsed, *, source, digest, now, skill_kinds):
    """Save the role's own fields and replace its sections and facts (is_published untouched)."""
    role.title = parsed.title
    role.short_name = parsed.short_name
    role.summary = parsed.summary
    role.intro = paragraphs_markdown(parsed.intro)
    role.conclusion = paragraphs_markdown(parsed.conclusion)
    role.is_in_depth = parsed.is_main
    role.origin = Origin.IMPORTED
    role.source = source
    role.imported_at = now
    role.checksum = digest
    role.is_edited = False
    role.save()

    for model in (Section, SalaryRange, Statistic, RoleSkill, RoleIndustry):
        model.objects.filter(role=role).delete()

    anchors = set()
    for position, section in enumerate(parsed.sections):
        Section.objects.create(
            role=role,
            position=position,
            heading=section.heading,
            is_heading_inferred=section.is_heading_inferred,
            anchor=unique_anchor(section.heading, position, anchors),
            kind=section.kind,
            body=section_markdown(section),
            closing=paragraphs_markdown(section.closing),
        )
    SalaryRange.objects.bulk_create(
        SalaryRange(
            role=role,
            position=position,
            label=item.label,
            kind=item.kind,
            min_amount=item.minimum,
            max_amount=item.maximum,
            currency=item.currency,
            period=item.period,
            market=item.market,
            year=item.year,
            note=item.note,
        )
        for position, item in enumerate(parsed.salary_ranges)
    )
    Statistic.objects.bulk_create(
        Statistic(
            role=role,
            position=position,
            value=item.value,
            unit=item.unit,
            label=item.label,
            group=item.group,
            year=item.year,
        )
        for position, item in enumerate(parsed.statistics)
    )
    seen = set()
    links = []
    for mention in parsed.skills:
        key = make_slug(mention.name)
        if key in seen:
            continue
        seen.add(key)
        skill, _ = Skill.objects.get_or_create(slug=key, defaults={"name": mention.name, "kind": skill_kinds[key]})
        links.append(RoleSkill(role=role, skill=skill, position=len(links)))
    RoleSkill.objects.bulk_create(links)
    industries = []
    for position, example in enumerate(parsed.industries):
        industry, _ = Industry.objects.get_or_create(slug=make_slug(example.name), defaults={"name": example.name})
        industries.append(
            RoleIndustry(role=role, industry=industry, position=position, companies="; ".join(example.companies))
        )
    RoleIndustry.objects.bulk_create(industries)
    role.refresh_derived()
    return role


def unique_anchor(heading, position, taken):
    anchor = section_anchor(heading, position, taken)
    taken.add(anchor)
    return anchor
