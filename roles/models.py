"""Career-role profiles: the role, its sections in page order, and the facts the page states."""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import Lower

from kb_site.markup import render_markdown, strip_tags
from kb_site.models import Provenance, Publishable, PublishedQuerySet
from kb_site.paths import entry_url
from kb_site.search.indexing import Searchable, SearchableQuerySet
from kb_site.text import claim_slug, slugify


class SkillKind(models.TextChoices):
    TECHNICAL = "technical", "Technical"
    SOFT = "soft", "Soft"
    BUSINESS = "business", "Business"


class SkillManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def by_name(self, name):
        """The skill a name stands for: its own slug, or one of its aliases (`Microsoft Azure` → Azure); None."""
        return self.by_names([name]).get(slugify(name, max_length=100))

    def slugs_for(self, slugs):
        """{slug: the slug of the skill it stands for} for the slugs that are aliases' (one query)."""
        found = SkillAlias.objects.filter(slug__in=list(slugs)).values_list("slug", "skill__slug")
        return dict(found)

    def by_names(self, names):
        """{slug of each name: skill}, matching a skill's slug or an alias's, in two queries at most."""
        slugs = {slugify(name, max_length=100) for name in names} - {""}
        found = {skill.slug: skill for skill in self.filter(slug__in=slugs)}
        rest = slugs - found.keys()
        if rest:
            for alias in SkillAlias.objects.filter(slug__in=rest).select_related("skill"):
                found[alias.slug] = alias.skill
        return found


class Skill(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=16, choices=SkillKind.choices, default=SkillKind.TECHNICAL)

    objects = SkillManager()

    class Meta:
        ordering = [Lower("name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return entry_url("roles:skill", self.slug)

    def natural_key(self):
        return (self.slug,)


class SkillAliasManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SkillAlias(models.Model):
    """Another name of a skill (`C/C++` for C++, `Microsoft Azure` for Azure): an import that meets it
    links the skill, and the role keeps the words its source used. Curators edit them in admin."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, help_text="Filled from the name; unique across aliases.")

    objects = SkillAliasManager()

    class Meta:
        ordering = [Lower("name")]
        verbose_name_plural = "skill aliases"

    def __str__(self):
        return f"{self.name} → {self.skill}"

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name, max_length=100)
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["roles.skill"]

    def clean(self):
        slug = self.slug or slugify(self.name, max_length=100)
        if not slug:
            raise ValidationError({"name": "An alias needs Latin letters or digits to match names by."})
        clash = Skill.objects.filter(slug=slug).exclude(pk=self.skill_id).first()
        if clash is not None:
            raise ValidationError({"name": f"{clash.name!r} is a skill of its own; merge it instead."})


class IndustryManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Industry(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)

    objects = IndustryManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "industries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return entry_url("roles:list") + f"?industry={self.slug}"

    def natural_key(self):
        return (self.slug,)


TOP_SKILLS = 5


class RoleQuerySet(SearchableQuerySet, PublishedQuerySet):
    LIST_FIELDS = (
        "id",
        "title",
        "slug",
        "short_name",
        "summary",
        "salary_min",
        "salary_max",
        "salary_currency",
        "completeness",
        "is_possibly_incomplete",
    )

    def for_list(self):
        """What a JSON/CSV row needs: no section text; salary ranges, skills and industries in one
        query each."""
        return self.for_cards().prefetch_related(
            Prefetch("role_industries", queryset=RoleIndustry.objects.select_related("industry").order_by("position")),
        )

    def for_cards(self):
        """What a card needs (roles/_role_card.html): for_list without the industries."""
        return self.only(*self.LIST_FIELDS).prefetch_related(
            "salary_ranges",
            Prefetch("role_skills", queryset=RoleSkill.objects.select_related("skill").order_by("position")),
        )

    def for_matching(self):
        """What a match row needs (roles.matching.Match): the list's fields and skills, no salary ranges."""
        return self.only(*self.LIST_FIELDS).prefetch_related(
            Prefetch("role_skills", queryset=RoleSkill.objects.select_related("skill").order_by("position")),
        )

    def by_completeness(self):
        """The list's default order: the most complete profiles first (index role_completeness_idx)."""
        return self.order_by("-completeness", "title", "id")

    def for_detail(self):
        """The whole profile: sections, facts, skills and industries (the related roles come from the
        cached roles.matching.SkillMap)."""
        return self.prefetch_related(
            "sections",
            "salary_ranges",
            "statistics",
            Prefetch("role_skills", queryset=RoleSkill.objects.select_related("skill").order_by("position")),
            Prefetch("role_industries", queryset=RoleIndustry.objects.select_related("industry").order_by("position")),
        )

    def for_compare(self):
        return self.prefetch_related(
            "sections",
            "salary_ranges",
            Prefetch("role_skills", queryset=RoleSkill.objects.select_related("skill").order_by("position")),
        )


class RoleManager(models.Manager.from_queryset(RoleQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


# Addresses under /roles/ that are pages of their own: a role with one of these slugs would be hidden.
RESERVED_SLUGS = frozenset({"compare", "skills", "match"})


class Role(Searchable, Publishable, Provenance):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    short_name = models.CharField(max_length=20, blank=True, help_text="An acronym the page uses, e.g. CTO.")
    summary = models.TextField(blank=True, help_text="One or two sentences for cards and search results.")
    intro = models.TextField(blank=True, help_text="Markdown: what the page says before its first section.")
    intro_html = models.TextField(blank=True, editable=False)
    conclusion = models.TextField(blank=True, help_text="Markdown: what the page says after its last section.")
    conclusion_html = models.TextField(blank=True, editable=False)
    is_in_depth = models.BooleanField(
        "in-depth profile",
        default=False,
        help_text="The subject of its page, described in depth (not a short profile from a 'More Careers' list).",
    )
    related = models.ManyToManyField("self", blank=True, symmetrical=True, help_text="Related careers (both ways).")
    skills = models.ManyToManyField(Skill, through="RoleSkill", related_name="roles", blank=True)
    industries = models.ManyToManyField(Industry, through="RoleIndustry", related_name="roles", blank=True)
    # DERIVED, not stated by any source: the lowest minimum and the highest maximum of the role's salary
    # ranges, whatever their labels (kept by refresh_derived). The list filters (`salary_min`) and sorts on
    # them; pages show the source's own ranges with their labels, and JSON names these `derived_salary_span`.
    salary_min = models.PositiveIntegerField(null=True, blank=True, editable=False)
    salary_max = models.PositiveIntegerField(null=True, blank=True, editable=False)
    salary_currency = models.CharField(max_length=3, blank=True, editable=False)
    # DERIVED: how complete the profile is, 0-100 (completeness_score below; kept by refresh_derived and
    # demo.py). The list's default order, most complete first.
    completeness = models.PositiveSmallIntegerField(default=0, editable=False)
    is_possibly_incomplete = models.BooleanField(
        "possibly incomplete",
        default=False,
        help_text="Its source page looked cut short when it was imported (see the note); the profile may lack parts.",
    )
    incomplete_note = models.CharField(
        max_length=500, blank=True, help_text="Why the import flagged the profile as possibly incomplete."
    )
    # Search: readable text of every section (snippets); the stemmed terms of the title and
    # short name and of the rest (kb_site.search), which the database indexes: SQLite's FTS5
    # table roles_role_fts, PostgreSQL's search_vector (GIN), both kept by triggers (migration 0003).
    body_text = models.TextField(blank=True, editable=False)
    search_title = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    search_sources = ("title", "short_name", "summary", "body_text")

    objects = RoleManager()

    class Meta:
        ordering = ["title", "id"]
        indexes = [
            # The list sorted by salary and filtered by salary_min (`salary_max >= value`).
            models.Index(fields=["salary_max", "title"], name="role_salary_max_idx"),
            # Every public query filters on is_published; the default list order is by title.
            models.Index(fields=["is_published", "title"], name="role_published_title_idx"),
            # PostgreSQL also has role_published_id_idx (is_published, id): migration roles 0005.
            # The list's default order (`WHERE is_published ORDER BY completeness DESC, title, id`): partial, as
            # the published filter is (SQLite compares the bare column), so both databases walk it instead of
            # sorting every published role (SQLite, 10k roles: the first page in 1 ms instead of 7).
            models.Index(
                models.F("completeness").desc(),
                "title",
                "id",
                condition=models.Q(is_published=True),
                name="role_completeness_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return entry_url("roles:detail", self.slug)

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"/roles/{self.slug}/ is a page of the site; choose another address."})

    def save(self, *args, **kwargs):
        self.render()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "intro_html", "conclusion_html"}
        super().save(*args, **kwargs)

    def search_document(self):
        return (self.title, self.short_name), (self.summary, self.body_text)

    def natural_key(self):
        return (self.slug,)

    def key_terms(self):
        """The "Across the knowledge base" panel's terms (kb_site.across): the title's words, each skill whole."""
        return {"words": [self.title, self.short_name], "phrases": [link.skill.name for link in self.role_skills.all()]}

    def render(self):
        """Fill what is derived from the role's own fields: its HTML.

        save() calls it; so does anything that writes roles without save() (bulk_create in demo.py).
        The search columns follow from search_document() (kb_site.search.indexing: save, bulk_create).
        """
        self.intro_html = render_markdown(self.intro)
        self.conclusion_html = render_markdown(self.conclusion)

    def refresh_derived(self):
        """Recompute what is derived from the child rows (salary band, search text) and save it.

        The importer calls it after writing a role's sections and facts; admin after its inlines.
        """
        self.derive_from(
            sections=self.sections.all(),
            salary_ranges=self.salary_ranges.all(),
            skills=[s.name for s in self.skills.all()],
            industries=[i.name for i in self.industries.all()],
            statistics=list(self.statistics.all()),
        )
        self.save(update_fields=["salary_min", "salary_max", "salary_currency", "body_text", "completeness"])

    def derive_from(self, *, sections, salary_ranges, skills, industries, statistics=()):
        """The salary span, completeness and body text from the role's parts, saved rows or not (demo.py's are not).

        The role's and the sections' HTML must be rendered first (render(); Section.render()); `skills`
        and `industries` are names. save() (or bulk_create) then indexes the body text for search.
        """
        ranges = list(salary_ranges)
        self.salary_min = min((r.min_amount for r in ranges), default=None)
        self.salary_max = max((r.max_amount for r in ranges), default=None)
        self.salary_currency = ranges[0].currency if ranges else ""
        parts = [strip_tags(self.intro_html)]
        for section in sections:
            parts += [section.heading, strip_tags(section.body_html), strip_tags(section.closing_html)]
        parts.append(strip_tags(self.conclusion_html))
        names = [*sorted(skills, key=str.lower), *sorted(industries)]  # as Skill and Industry order themselves
        self.body_text = "\n".join(part for part in [*parts, *names] if part)
        self.completeness = completeness_score(
            sections=sections,
            salary_ranges=ranges,
            skills=skills,
            industries=industries,
            summary=self.summary,
            statistics=list(statistics),
        )

    @property
    def has_description(self):
        """False for a role the page names without describing it (uses prefetched sections)."""
        return bool(self.intro or self.conclusion or list(self.sections.all()))

    @property
    def top_skills(self):
        """The first skills the page names (from the prefetched role_skills)."""
        return [link.skill for link in self.role_skills.all()][:TOP_SKILLS]

    @property
    def headline_salary(self):
        """The salary range a card shows: the source's base pay, else its first range (prefetched); or None."""
        ranges = list(self.salary_ranges.all())
        return next((r for r in ranges if r.kind == SalaryRange.Kind.BASE), ranges[0] if ranges else None)

    @property
    def derived_salary_span(self):
        """`$128k–$380k`: the lowest and highest figure of all the ranges. Derived, never a figure of the source."""
        if self.salary_max is None:
            return ""
        return (
            f"{money_short(self.salary_min, self.salary_currency)}–{money_short(self.salary_max, self.salary_currency)}"
        )


# What makes a profile complete, and how much each part counts (out of 100): the salary figures, market
# statistics and industries readers ask about first, its skills (5 or more count in full) and its text
# (10 sections or more count in full). Only the parts a role has, never their wording.
COMPLETENESS_WEIGHTS = {"salary": 20, "statistics": 15, "industries": 15, "skills": 15, "sections": 30, "summary": 5}


def completeness_score(*, sections, salary_ranges, skills, industries, summary="", statistics=()):
    """0-100 from what the profile has (COMPLETENESS_WEIGHTS)."""
    weights = COMPLETENESS_WEIGHTS
    parts = {
        "salary": 1.0 if list(salary_ranges) else 0.0,
        "statistics": 1.0 if list(statistics) else 0.0,
        "industries": 1.0 if list(industries) else 0.0,
        "skills": min(len(list(skills)) / 5, 1.0),
        "sections": min(len(list(sections)) / 10, 1.0),
        "summary": 1.0 if summary else 0.0,
    }
    return round(sum(weights[name] * share for name, share in parts.items()))


CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def money_short(value, currency="USD"):
    """128000 → `$128k`; 1250000 → `$1.25M`."""
    symbol = CURRENCY_SYMBOLS.get(currency, f"{currency} ")
    if value >= 1_000_000:
        return f"{symbol}{value / 1_000_000:.2f}".rstrip("0").rstrip(".") + "M"
    if value >= 1_000:
        return f"{symbol}{round(value / 1_000):,}k"
    return f"{symbol}{value:,}"


def money(value, currency="USD"):
    """128000 → `$128,000`."""
    return f"{CURRENCY_SYMBOLS.get(currency, currency + ' ')}{value:,}"


# Ids the profile page gives its own blocks (roles/role_detail.html); sections take others.
RESERVED_ANCHORS = frozenset({"main", "toc", "salary", "statistics", "industries", "skills", "related"})


def section_anchor(heading, position, taken=None):
    """An id for a section: its heading as a slug, never a reserved one nor one in `taken` (a set it joins)."""
    anchor = slugify(heading, max_length=60) or f"section-{position + 1}"
    return claim_slug(anchor, set() if taken is None else taken, reserved=RESERVED_ANCHORS)


class ChildManager(models.Manager):
    """Child rows are known by their role's slug and their position on the page."""

    def get_by_natural_key(self, role_slug, position):
        return self.get(role__slug=role_slug, position=position)


class Section(models.Model):
    class Kind(models.TextChoices):
        OVERVIEW = "overview", "Overview"
        RESPONSIBILITIES = "responsibilities", "Responsibilities"
        REQUIREMENTS = "requirements", "Requirements"
        SKILLS = "skills", "Skills"
        SOFT_SKILLS = "soft_skills", "Soft skills"
        CAREER = "career", "Career development"
        EDUCATION = "education", "Education"
        MARKET = "market", "Market demand"
        SALARY = "salary", "Salary"
        TRENDS = "trends", "Industry trends"
        BEST_PRACTICES = "best_practices", "Best practices"
        CHALLENGES = "challenges", "Challenges"
        WORK_ENVIRONMENT = "work_environment", "Work environment"
        OTHER = "other", "Other"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(help_text="Order on the page, from 0.")
    heading = models.CharField(max_length=200, blank=True)
    is_heading_inferred = models.BooleanField(
        "heading inferred",
        default=False,
        help_text="The page has no heading here; this one was derived from the section's intro.",
    )
    anchor = models.SlugField(
        max_length=80, blank=True, help_text="The section's id on the profile page (from the heading when left empty)."
    )
    kind = models.CharField(max_length=24, choices=Kind.choices, default=Kind.OTHER)
    body = models.TextField(blank=True, help_text="Markdown: intro, sub-headings (## …), lists and paragraphs.")
    body_html = models.TextField(blank=True, editable=False)
    closing = models.TextField(blank=True, help_text="Markdown: the paragraph that closes the section.")
    closing_html = models.TextField(blank=True, editable=False)

    objects = ChildManager()

    class Meta:
        ordering = ["role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["role", "position"], name="section_role_position_uniq"),
            models.UniqueConstraint(fields=["role", "anchor"], name="section_role_anchor_uniq"),
        ]

    def __str__(self):
        return self.heading or f"Section {self.position + 1}"

    def save(self, *args, **kwargs):
        self.render()
        super().save(*args, **kwargs)

    def render(self):
        """Fill what is derived: the anchor when blank, the HTML (save() calls it; so does demo.py)."""
        if not self.anchor:
            self.anchor = section_anchor(self.heading, self.position)
        self.body_html = render_markdown(self.body)
        self.closing_html = render_markdown(self.closing)

    def clean(self):
        if self.anchor in RESERVED_ANCHORS:
            raise ValidationError({"anchor": f"{self.anchor!r} is the id of another part of the profile page."})

    def natural_key(self):
        return (self.role.slug, self.position)

    natural_key.dependencies = ["roles.role"]


class SalaryRange(models.Model):
    class Kind(models.TextChoices):
        TOTAL = "total", "Total compensation"
        BASE = "base", "Base pay"
        ADDITIONAL = "additional", "Additional compensation"
        ESTIMATE = "estimate", "Other estimate"

    class Period(models.TextChoices):
        YEAR = "year", "per year"
        MONTH = "month", "per month"
        WEEK = "week", "per week"
        DAY = "day", "per day"
        HOUR = "hour", "per hour"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="salary_ranges")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200, help_text="As the page words it, e.g. Base Pay.")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ESTIMATE)
    min_amount = models.PositiveIntegerField("minimum")
    max_amount = models.PositiveIntegerField("maximum")
    currency = models.CharField(max_length=3, default="USD")
    period = models.CharField(max_length=8, choices=Period.choices, blank=True)
    market = models.CharField(max_length=60, blank=True, help_text="e.g. US")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    objects = ChildManager()

    class Meta:
        ordering = ["role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["role", "position"], name="salary_role_position_uniq"),
            models.CheckConstraint(
                condition=models.Q(min_amount__lte=models.F("max_amount")), name="salary_min_lte_max"
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.display_range}"

    def natural_key(self):
        return (self.role.slug, self.position)

    natural_key.dependencies = ["roles.role"]

    @property
    def display_min(self):
        return money(self.min_amount, self.currency)

    @property
    def display_max(self):
        return money(self.max_amount, self.currency)

    @property
    def short_range(self):
        """`$128k–$240k`."""
        return f"{money_short(self.min_amount, self.currency)}–{money_short(self.max_amount, self.currency)}"

    @property
    def context(self):
        """`US market, 2024, per year`: where, when and per what the source gives the range."""
        parts = [f"{self.market} market" if self.market else "", str(self.year) if self.year else ""]
        parts.append(self.get_period_display() if self.period else "")
        return ", ".join(part for part in parts if part)

    @property
    def display_range(self):
        text = f"{money(self.min_amount, self.currency)} to {money(self.max_amount, self.currency)}"
        return f"{text} {self.get_period_display()}" if self.period else text


class Statistic(models.Model):
    class Unit(models.TextChoices):
        PERCENT = "percent", "percent"
        COUNT = "count", "count"
        USD = "usd", "US dollars"
        YEARS = "years", "years"
        MONTHS = "months", "months"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="statistics")
    position = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=8, choices=Unit.choices)
    qualifier = models.CharField(
        max_length=30, blank=True, help_text="The source's word before the number: nearly, over, about, up to…"
    )
    label = models.TextField(help_text="What it counts: the sentence that states it.")
    population = models.CharField(
        max_length=200,
        blank=True,
        help_text="The surveyed population the figure is a share of, as the sentence gives it "
        "(`a study of nearly 35,000 US companies`).",
    )
    group = models.CharField(max_length=200, blank=True, help_text="The sub-heading it appears under.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = ChildManager()

    class Meta:
        ordering = ["role", "position"]
        constraints = [models.UniqueConstraint(fields=["role", "position"], name="statistic_role_position_uniq")]

    def __str__(self):
        return f"{self.display_value}: {self.label}"

    def natural_key(self):
        return (self.role.slug, self.position)

    natural_key.dependencies = ["roles.role"]

    @property
    def label_with_year(self):
        """The label, with the year it refers to when the sentence does not already say it."""
        if self.year and str(self.year) not in self.label:
            return f"{self.label} ({self.year})"
        return self.label

    @property
    def display_value(self):
        """`11%`, `nearly 35,000`, `more than $1M`: the figure with the source's qualifier."""
        return f"{self.qualifier} {self.display_number}" if self.qualifier else self.display_number

    @property
    def display_number(self):
        number = self.value.normalize()
        number = int(number) if number == number.to_integral() else number
        if self.unit == self.Unit.PERCENT:
            return f"{number}%"
        if self.unit == self.Unit.USD:
            return money_short(int(number))
        if self.unit in (self.Unit.YEARS, self.Unit.MONTHS):
            return f"{number} {self.unit}" if number != 1 else f"1 {self.unit[:-1]}"
        return f"{number:,}"


class RoleSkillManager(models.Manager):
    def get_by_natural_key(self, role_slug, skill_slug):
        return self.get(role__slug=role_slug, skill__slug=skill_slug)


class RoleIndustryManager(models.Manager):
    def get_by_natural_key(self, role_slug, industry_slug):
        return self.get(role__slug=role_slug, industry__slug=industry_slug)


class RoleSkill(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="role_skills")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order of mention on the page.")
    source_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="The source's words when they differ from the skill's name: an alias (`C/C++` for C++), or a "
        "heading naming two skills (`Leadership and Vision`).",
    )

    objects = RoleSkillManager()

    class Meta:
        ordering = ["role", "position"]
        constraints = [models.UniqueConstraint(fields=["role", "skill"], name="roleskill_role_skill_uniq")]
        # The skill filter and facet join through (skill, role).
        indexes = [models.Index(fields=["skill", "role"], name="roleskill_skill_role_idx")]

    def __str__(self):
        return f"{self.role}: {self.skill}"

    @property
    def source_words(self):
        """The source's words for this skill, when they are not the skill's own name (else "")."""
        return self.source_name if self.source_name and self.source_name != self.skill.name else ""

    def natural_key(self):
        return (self.role.slug, self.skill.slug)

    natural_key.dependencies = ["roles.role", "roles.skill"]


class RoleIndustry(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_industries")
    industry = models.ForeignKey(Industry, on_delete=models.CASCADE, related_name="role_industries")
    position = models.PositiveSmallIntegerField(default=0)
    companies = models.CharField(
        max_length=500, blank=True, help_text="Example companies the page names, separated by semicolons."
    )

    objects = RoleIndustryManager()

    class Meta:
        ordering = ["role", "position"]
        verbose_name = "industry of a role"
        verbose_name_plural = "industries of the role"
        constraints = [models.UniqueConstraint(fields=["role", "industry"], name="roleindustry_role_industry_uniq")]
        # The industry filter and facet join through (industry, role).
        indexes = [models.Index(fields=["industry", "role"], name="roleindustry_industry_role_idx")]

    def __str__(self):
        return f"{self.role}: {self.industry}"

    def natural_key(self):
        return (self.role.slug, self.industry.slug)

    natural_key.dependencies = ["roles.role", "roles.industry"]

    @property
    def company_list(self):
        return [name.strip() for name in self.companies.split(";") if name.strip()]
