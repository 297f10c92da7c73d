"""Parsed role pages → the database: one transaction per file, upsert by slug.

    report = import_file("seeds/000_….txt", dry_run=False, overwrite=False, strict=False)

Each role on the page is created, updated (its sections and facts replaced), left
unchanged (same checksum), or kept (edited in admin, or created there) unless
`overwrite`. An import never changes whether a role is published. A short profile
from a 'More Careers' list does not replace an in-depth profile imported from
another page. Skills and industries are shared between roles and matched by slug; a skill also by its
aliases (SkillAlias; the first ones come from roles/vocabulary.py), the role keeping its source's words.

A page that looks cut short (no 'More Careers' part, or text that stops mid-sentence) is imported as far
as it goes, with a warning naming the file, and the role it stops in is flagged `is_possibly_incomplete`;
such a role does not replace a profile imported whole unless `overwrite`. `strict` refuses the page.
"""

from django.utils import timezone

from kb_site.importing import (
    CREATED,
    KEPT,
    SKIPPED,
    UPDATED,
    FieldLimits,
    ImportReport,
    SourceError,
    decide,
    display_name,
    import_transaction,
    read_text_source,
)
from kb_site.models import Origin
from kb_site.text import checksum, slugify

from . import parsers
from .markdown_text import paragraphs_markdown, section_markdown
from .models import (
    Industry,
    Role,
    RoleIndustry,
    RoleSkill,
    SalaryRange,
    Section,
    Skill,
    SkillAlias,
    Statistic,
    section_anchor,
)
from .vocabulary import canonical_names

RESERVED_SLUGS = {"compare"}


def import_file(path, *, dry_run=False, overwrite=False, strict=False, progress=None):
    """Import one AiPathly page. Raises SourceError (nothing saved) for a file that is not one, and with
    `strict` for a page that looks cut short."""
    text = read_text_source(path)
    try:
        page = parsers.parse_page(text, strict=strict)
    except parsers.ParseError as exc:
        raise SourceError(path, exc.problem, line=exc.line) from None
    source = display_name(path)
    report = ImportReport(source=source, dry_run=dry_run)
    for title, why in page.incomplete:
        report.warn(
            f"{source}, role {title[:80]!r}",
            f"possibly incomplete, imported as far as the page goes ({why}); --strict refuses such a page",
        )
    with import_transaction(dry_run, path=path, report=report):
        writer = RoleWriter(page, report=report, source=source, path=path)
        import_page(page, writer=writer, overwrite=overwrite, progress=progress)
    if progress:
        progress.finish()
    return report


def role_slugs(page, path):
    """title → slug for the page's roles: unique, never a page of the site's own (/roles/compare/)."""
    slugs = {}
    max_length = Role._meta.get_field("slug").max_length
    for parsed in page.roles:
        slug = slugify(parsed.title, max_length=max_length)
        if slug in RESERVED_SLUGS:  # /roles/compare/ is a page of its own
            slug += "-role"
        if not slug:
            raise SourceError(
                path, f"the role title {parsed.title!r} has no Latin letters or digits to make its address from"
            )
        if slug in slugs.values():
            raise SourceError(path, f"two roles on the page share the address /roles/{slug}/")
        slugs[parsed.title] = slug
    return slugs


def import_page(page, *, writer, overwrite, progress=None):
    slugs = role_slugs(page, writer.path)
    outcome = {}
    for parsed in page.roles:
        existing = Role.objects.filter(slug=slugs[parsed.title]).first()
        action, note, digest = role_action(parsed, existing, writer.source, overwrite)
        role = existing
        if action in (CREATED, UPDATED):
            role = writer.write(existing or Role(slug=slugs[parsed.title]), parsed, digest)
        outcome[parsed.title] = (role, action)
        writer.report.count(action, note)
        if progress:
            progress.tick()

    # Related careers link both ways; a role a curator is keeping is left as it is.
    for parsed in page.roles:
        role, action = outcome[parsed.title]
        if action in (CREATED, UPDATED):
            role.related.add(*[outcome[title][0] for title in parsed.related if outcome[title][1] != KEPT])


def role_action(parsed, existing, source, overwrite):
    """(action, report note, checksum) for one parsed role: decide(), plus what roles keep besides.

    A role created in admin is kept (without --overwrite); so is an in-depth profile from another
    page, which a short 'More Careers' profile does not replace.
    """
    digest = checksum(parsed)
    action = decide(existing, digest, overwrite)
    if existing is not None and existing.origin == Origin.ADMIN and not overwrite:
        return KEPT, parsed.title, digest
    if (
        action == UPDATED
        and not parsed.is_main
        and existing.is_in_depth
        and existing.source != source
        and not overwrite
    ):
        return SKIPPED, f"{parsed.title} (described in depth by {existing.source})", digest
    if action == UPDATED and parsed.incomplete_note and not existing.is_possibly_incomplete and not overwrite:
        return SKIPPED, f"{parsed.title} (this page looks cut short; the profile imported before is kept)", digest
    return action, parsed.title, digest


def page_skill_kinds(page):
    """One kind per skill across the page: a kind the page states wins over one inferred."""
    kinds = {}
    for parsed in page.roles:
        for mention in parsed.skills:
            key = slugify(mention.name)
            if key not in kinds or (mention.is_kind_stated and not kinds[key][1]):
                kinds[key] = (mention.kind, mention.is_kind_stated)
    return {key: kind for key, (kind, _) in kinds.items()}


class RoleWriter:
    """Writes a parsed role and replaces its parts: its own fields, sections, facts, skills, industries.

    Every value is made to fit its model field first (FieldLimits): prose is cut with a warning;
    a number out of range (a salary, a statistic, a year) refuses the file naming the role.
    """

    def __init__(self, page, *, report, source, path):
        self.report = report
        self.source = source
        self.path = path
        self.now = timezone.now()
        self.skill_kinds = page_skill_kinds(page)
        models = (Role, Section, SalaryRange, Statistic, Skill, SkillAlias, Industry, RoleIndustry, RoleSkill)
        self.limits = {model: FieldLimits(model, report) for model in models}

    def fit(self, obj, record):
        return self.limits[type(obj)].fit(obj, record, self.path)

    def write(self, role, parsed, digest):
        """Save the role's own fields and replace its parts (is_published untouched)."""
        record = f"role {parsed.title[:80]!r}"
        self.report.record = record
        role.title = parsed.title
        role.short_name = parsed.short_name
        role.summary = parsed.summary
        role.intro = paragraphs_markdown(parsed.intro)
        role.conclusion = paragraphs_markdown(parsed.conclusion)
        role.is_in_depth = parsed.is_main
        role.is_possibly_incomplete = bool(parsed.incomplete_note)
        role.incomplete_note = parsed.incomplete_note
        role.mark_imported(self.source, self.now, digest)
        self.fit(role, record).save()
        for model in (Section, SalaryRange, Statistic, RoleSkill, RoleIndustry):
            model.objects.filter(role=role).delete()
        self.write_sections(role, parsed, record)
        self.write_facts(role, parsed, record)
        self.write_skills(role, parsed, record)
        self.write_industries(role, parsed, record)
        role.refresh_derived()
        return role

    def write_sections(self, role, parsed, record):
        anchors = set()
        for position, section in enumerate(parsed.sections):
            row = Section(
                role=role,
                position=position,
                heading=section.heading,
                is_heading_inferred=section.is_heading_inferred,
                kind=section.kind,
                body=section_markdown(section),
                closing=paragraphs_markdown(section.closing),
            )
            self.fit(row, f"{record}, section {position + 1}")
            row.anchor = section_anchor(row.heading, position, anchors)
            row.save()

    def write_facts(self, role, parsed, record):
        SalaryRange.objects.bulk_create(
            self.fit(
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
                ),
                f"{record}, salary range {position + 1}",
            )
            for position, item in enumerate(parsed.salary_ranges)
        )
        Statistic.objects.bulk_create(
            self.fit(
                Statistic(
                    role=role,
                    position=position,
                    value=item.value,
                    unit=item.unit,
                    label=item.label,
                    group=item.group,
                    year=item.year,
                    qualifier=item.qualifier,
                    population=item.population,
                ),
                f"{record}, statistic {position + 1}",
            )
            for position, item in enumerate(parsed.statistics)
        )

    def write_skills(self, role, parsed, record):
        """One link per skill concept: a name is matched by a skill's slug or alias, then by the canonical
        name it is a known alias of (roles/vocabulary.py), which becomes the skill's alias; the link keeps
        the source's words when they differ from the skill's name (`C/C++`, `Leadership and Vision`)."""
        links, seen = [], set()
        for mention in parsed.skills:
            where = f"{record}, skill {mention.name[:40]!r}"
            skill = self.skill_for(mention, where)
            if skill.pk in seen:
                continue
            seen.add(skill.pk)
            source_name = mention.source_words or (mention.name if mention.name != skill.name else "")
            link = RoleSkill(role=role, skill=skill, position=len(links), source_name=source_name)
            links.append(self.fit(link, where))
        RoleSkill.objects.bulk_create(links)

    def skill_for(self, mention, where):
        """The skill a mention names, created (with the alias it was found by) when there is none."""
        max_length = Skill._meta.get_field("slug").max_length
        if skill := Skill.objects.by_name(mention.name):
            return skill
        for canonical in canonical_names(mention.name):
            skill = Skill.objects.by_name(canonical)
            if skill is None and canonical.casefold() != mention.name.casefold():
                kind = self.skill_kinds.get(slugify(canonical), self.skill_kinds[slugify(mention.name)])
                skill = Skill(slug=slugify(canonical, max_length=max_length), name=canonical, kind=kind)
                self.fit(skill, where).save()
            if skill is not None:
                alias = SkillAlias(skill=skill, name=mention.name, slug=slugify(mention.name, max_length=max_length))
                self.fit(alias, where).save()
                return skill
        skill = Skill(
            slug=slugify(mention.name, max_length=max_length),
            name=mention.name,
            kind=self.skill_kinds[slugify(mention.name)],
        )
        self.fit(skill, where).save()
        return skill

    def write_industries(self, role, parsed, record):
        links = []
        max_length = Industry._meta.get_field("slug").max_length
        for position, example in enumerate(parsed.industries):
            where = f"{record}, industry {example.name[:40]!r}"
            slug = slugify(example.name, max_length=max_length)
            industry = Industry.objects.filter(slug=slug).first()
            if industry is None:
                industry = self.fit(Industry(slug=slug, name=example.name), where)
                industry.save()
            link = RoleIndustry(role=role, industry=industry, position=position, companies="; ".join(example.companies))
            links.append(self.fit(link, where))
        RoleIndustry.objects.bulk_create(links)
