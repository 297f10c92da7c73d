"""Generated demo papers (`manage.py generate_demo_data --papers N`), for benchmarks and demos.

They belong to a generated review of their own (so the imported review's
tables and figures stay exactly the source's), written with bulk_create in
batches and marked origin=generated; --clear removes them and that review.
"""

from kb_site.demo import GENERATED, Zipf, batched, generated_source, sentence

from .models import Maturity, Modality, Paper, Review, Task, paper_slug

REVIEW_SLUG = "demo-generated-review"
AUTHORS = Zipf(
    "Wang Zhang Li Liu Chen Smith Müller Rossi García Kim Nguyen Kumar Silva Cohen Ivanova Tanaka Johnson Brown "
    "Lee Martin Dubois Novak Haddad Okafor Andersson Kowalski Petrov Yilmaz Costa Ahmed".split(),
    s=0.8,
)
TASKS = Zipf([Task.DIAGNOSIS, Task.SEGMENTATION, Task.SEVERITY_ASSESSMENT, Task.PROGNOSIS, Task.REVIEW], s=1.6)
MODALITIES = Zipf([Modality.CXR, Modality.CT, Modality.MULTIMODAL, Modality.LUS], s=1.3)
MATURITIES = Zipf([Maturity.LOW, Maturity.MEDIUM, Maturity.HIGH], s=2.0)
TOPICS = (
    "deep learning|transfer learning|attention network|lesion segmentation|severity scoring|triage|"
    "uncertainty estimation|federated learning|explainable AI|weakly supervised learning|ultrasound video|"
    "multi-center validation|low-dose CT|radiomics|ensemble models"
).split("|")


def make_paper(rng, review, n):
    modality, task = MODALITIES.draw(rng), TASKS.draw(rng)
    subtitle = sentence(rng, words=(3, 7)).rstrip(".")
    title = f"{rng.choice(TOPICS).capitalize()} for COVID-19 {Task(task).label.lower()} on {Modality(modality).label}"
    title = f"{title}: {subtitle}"
    paper = Paper(
        review=review,
        title=title[:500],
        first_author=AUTHORS.draw(rng),
        reference=n if n <= 32767 else None,  # a small integer field
        task=task,
        modality=modality,
        maturity=MATURITIES.draw(rng),
        origin=GENERATED,
        source=generated_source(),
    )
    paper.slug = f"{paper_slug(paper.first_author, paper.title)[:80]}-g{n}"
    return paper


def generate(count, *, rng, batch_size):
    """Add a generated review with `count` papers; returns how many papers were created."""
    review = Review.objects.create(
        slug=REVIEW_SLUG,
        title="Demo review of AI in COVID-19 imaging (generated)",
        authors=[{"family": "Generator", "given": "Demo"}],
        server="generated",
        version_note="Synthetic data made by generate_demo_data for benchmarks; not a real review.",
        origin=GENERATED,
        source=generated_source(),
    )
    for numbers in batched(range(1, count + 1), batch_size):
        Paper.objects.bulk_create([make_paper(rng, review, n) for n in numbers], batch_size=batch_size)
    return count


def clear():
    """Remove the generated review and every generated paper; returns the papers removed."""
    papers = Paper.objects.filter(origin=GENERATED)
    count = papers.count()
    papers.delete()
    Review.objects.filter(origin=GENERATED).delete()
    return count
