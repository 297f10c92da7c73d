"""Generated demo roles (`manage.py generate_demo_data --roles N`), for benchmarks and demos.

Each role gets a summary, three sections, salary ranges, skills (a few common,
most rare) and industries, written with bulk_create in batches and marked
origin=generated. --clear removes generated roles, and the skills and
industries only they used; imported and curated roles are never touched.
"""

from django.db.models import Count

from kb_site.demo import GENERATED, Zipf, batched, generated_source, paragraph, sentence
from kb_site.text import slugify

from .models import Industry, Role, RoleIndustry, RoleSkill, SalaryRange, Section, Skill, SkillKind, section_anchor

LEVELS = "Junior|Senior|Lead|Principal|Staff|Head of|Director of|VP of|Chief".split("|")  # not split(): "Head of"
DOMAINS = (
    "AI|ML|MLOps|Data|NLP|Computer Vision|Generative AI|AI Safety|AI Product|Robotics|Speech|Recommender Systems|"
    "AI Infrastructure|Responsible AI|Analytics|Search|Forecasting|AI Platform|Conversational AI|Edge AI"
).split("|")
JOBS = "Engineer|Scientist|Researcher|Architect|Manager|Analyst|Specialist|Strategist|Consultant|Officer".split("|")
# In rough order of how often job ads ask for them: the Zipf draw keeps the first ones common.
SKILL_NAMES = (
    "Python|Communication|Machine Learning|Leadership|SQL|Strategic Vision|PyTorch|Problem-Solving|Cloud Platforms|"
    "Stakeholder Management|TensorFlow|Data Engineering|Kubernetes|Statistics|Change Management|Budgeting|"
    "Prompt Engineering|Ethics and Governance|Experiment Design|Mentoring|Product Sense|Rust|Spark|Negotiation|"
    "Vector Databases|Go|Regulatory Compliance|Technical Writing|CUDA|Reinforcement Learning|Data Visualization|"
    "Public Speaking|Vendor Management|Scala"
).split("|")
SOFT = {"Communication", "Leadership", "Problem-Solving", "Change Management", "Mentoring", "Negotiation",
        "Technical Writing", "Public Speaking"}  # fmt: skip
BUSINESS = {"Strategic Vision", "Stakeholder Management", "Budgeting", "Ethics and Governance", "Product Sense",
            "Regulatory Compliance", "Vendor Management"}  # fmt: skip
SKILLS = Zipf(
    [
        (name, SkillKind.SOFT if name in SOFT else SkillKind.BUSINESS if name in BUSINESS else SkillKind.TECHNICAL)
        for name in SKILL_NAMES
    ],
    s=1.0,
)
INDUSTRIES = Zipf(
    "Technology and software|Financial services|Healthcare|Retail|Energy|Manufacturing|Government|Education|"
    "Telecommunications|Media|Logistics|Insurance|Automotive|Pharmaceuticals".split("|"),
    s=1.0,
)
SECTIONS = (
    (Section.Kind.OVERVIEW, "Overview"),
    (Section.Kind.RESPONSIBILITIES, "Core Responsibilities"),
    (Section.Kind.CHALLENGES, "Common Challenges"),
)


def _vocabulary(model, names, **defaults):
    """name → row for skills or industries, creating the missing ones."""
    slugs = {slugify(name): name for name in names}
    found = {row.slug: row for row in model.objects.filter(slug__in=slugs)}
    missing = [
        model(name=name, slug=slug, **defaults.get(name, {})) for slug, name in slugs.items() if slug not in found
    ]
    model.objects.bulk_create(missing)
    found.update({row.slug: row for row in model.objects.filter(slug__in=[row.slug for row in missing])})
    return {slugs[slug]: row for slug, row in found.items()}


def _section_body(rng):
    items = "\n".join(f"- {sentence(rng, words=(4, 9))}" for _ in range(rng.randint(2, 5)))
    return f"{paragraph(rng, sentences=(1, 2))}\n\n## {sentence(rng, words=(2, 4)).rstrip('.')}\n\n{items}"


def make_role(rng, n):
    """An unsaved role with its parts; its derived fields come from the model's own code, as an import's do."""
    title = f"{rng.choice(LEVELS)} {rng.choice(DOMAINS)} {rng.choice(JOBS)}"
    role = Role(
        title=title,
        slug=f"{slugify(title)}-g{n}",
        summary=paragraph(rng, sentences=(1, 2)),
        intro=paragraph(rng, sentences=(2, 3)),
        origin=GENERATED,
        source=generated_source(),
    )
    sections, anchors = [], set()
    for position, (kind, heading) in enumerate(SECTIONS):
        section = Section(position=position, heading=heading, kind=kind, body=_section_body(rng))
        section.anchor = section_anchor(heading, position, anchors)
        section.render()
        sections.append(section)
    salaries = []
    if rng.random() < 0.8:
        low = rng.randrange(60, 260) * 1000
        for position, kind in enumerate(rng.sample(list(SalaryRange.Kind.values), rng.randint(1, 3))):
            spread = rng.randrange(20, 160) * 1000
            salaries.append(
                SalaryRange(
                    position=position,
                    label=SalaryRange.Kind(kind).label,
                    kind=kind,
                    min_amount=low,
                    max_amount=low + spread,
                    period=SalaryRange.Period.YEAR,
                    market="US",
                    year=rng.choice((2023, 2024, 2025)),
                )
            )
    skills = SKILLS.sample(rng, rng.randint(3, 8))
    industries = INDUSTRIES.sample(rng, rng.randint(1, 3))
    role.render()
    role.derive_from(
        sections=sections, salary_ranges=salaries, skills=[name for name, _ in skills], industries=industries
    )
    return role, sections, salaries, skills, industries


def generate(count, *, rng, batch_size):
    """Add `count` generated roles; returns how many were created."""
    kinds = {name: {"kind": kind} for name, kind in SKILLS.items}
    created = 0
    for numbers in batched(range(1, count + 1), batch_size):
        made = [make_role(rng, n) for n in numbers]
        # Only the skills and industries these roles use (so --clear can tell which to remove).
        skill_rows = _vocabulary(Skill, {name for *_, skills, _ in made for name, _ in skills}, **kinds)
        industry_rows = _vocabulary(Industry, {name for *_, industries in made for name in industries})
        Role.objects.bulk_create([role for role, *_ in made], batch_size=batch_size)
        ids = dict(Role.objects.filter(slug__in=[role.slug for role, *_ in made]).values_list("slug", "id"))
        sections, salaries, role_skills, role_industries = [], [], [], []
        for role, role_sections, role_salaries, skills, industries in made:
            role_id = ids[role.slug]
            for row in role_sections + role_salaries:
                row.role_id = role_id
            sections += role_sections
            salaries += role_salaries
            role_skills += [
                RoleSkill(role_id=role_id, skill=skill_rows[name], position=i) for i, (name, _) in enumerate(skills)
            ]
            role_industries += [
                RoleIndustry(role_id=role_id, industry=industry_rows[name], position=i)
                for i, name in enumerate(industries)
            ]
        Section.objects.bulk_create(sections, batch_size=batch_size)
        SalaryRange.objects.bulk_create(salaries, batch_size=batch_size)
        RoleSkill.objects.bulk_create(role_skills, batch_size=batch_size)
        RoleIndustry.objects.bulk_create(role_industries, batch_size=batch_size)
        created += len(made)
    return created


def clear():
    """Remove generated roles, then the skills and industries no role uses any more; returns the roles removed."""
    generated = Role.objects.filter(origin=GENERATED)
    skill_ids = set(RoleSkill.objects.filter(role__in=generated).values_list("skill_id", flat=True))
    industry_ids = set(RoleIndustry.objects.filter(role__in=generated).values_list("industry_id", flat=True))
    count = generated.count()
    generated.delete()
    Skill.objects.filter(pk__in=skill_ids).annotate(n=Count("role_skills")).filter(n=0).delete()
    Industry.objects.filter(pk__in=industry_ids).annotate(n=Count("role_industries")).filter(n=0).delete()
    return count
