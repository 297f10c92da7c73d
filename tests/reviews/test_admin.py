"""Curators in the admin: pages, search, bulk edits, actions, and edits that imports then keep."""

import pytest

from reviews.models import Paper, Review, Section

pytestmark = pytest.mark.django_db

REVIEWS = "/admin/reviews/review/"
PAPERS = "/admin/reviews/paper/"


def test_the_review_admin_pages_open_for_staff(staff_client, imported):
    assert staff_client.get(REVIEWS).status_code == 200
    page = staff_client.get(f"{REVIEWS}{imported.pk}/change/").content.decode()
    assert "Born, Jannis\nBeymer, David" in page  # authors as lines
    assert "PRISMA stages" in page and "Findings" in page and "Sections" in page
    assert staff_client.get(f"{REVIEWS}add/").status_code == 200


def test_the_admin_is_for_staff_only(client, imported):
    response = client.get(REVIEWS)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def review_form(review, **changes):
    """The change form's data as the browser would send it back (inlines unchanged)."""
    data = {
        "title": review.title,
        "slug": review.slug,
        "authors": "\n".join(f"{a['family']}, {a['given']}" for a in review.authors),
        "is_published": "on",
        "doi": review.doi,
        "server": review.server,
        "version_date": review.version_date.isoformat(),
        "licence": review.licence,
        "licence_url": review.licence_url,
        "source_url": review.source_url,
        "version_note": review.version_note,
        "metadata_sources": '{"title": "test"}',
    }
    for prefix, related in (
        ("prisma_stages", review.prisma_stages.all()),
        ("findings", review.findings.all()),
        ("comparisons", review.comparisons.all()),
        ("sections", review.sections.all()),
    ):
        items = list(related)
        data |= {f"{prefix}-TOTAL_FORMS": len(items), f"{prefix}-INITIAL_FORMS": len(items)}
        for i, item in enumerate(items):
            data[f"{prefix}-{i}-id"] = item.pk
            data[f"{prefix}-{i}-review"] = review.pk
            for field in item._meta.fields:
                if field.editable and field.name not in ("id", "review"):
                    value = getattr(item, field.name)
                    if isinstance(value, bool):
                        if value:
                            data[f"{prefix}-{i}-{field.name}"] = "on"
                    else:
                        data[f"{prefix}-{i}-{field.name}"] = value
    return data | changes


def test_editing_a_review_marks_it_edited_and_keeps_provenance_read_only(staff_client, imported):
    data = review_form(imported, title="On the Role of AI in COVID-19 Imaging", authors="Born, Jannis\nBeymer, David")
    data["source"] = "forged.txt"
    response = staff_client.post(f"{REVIEWS}{imported.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    imported.refresh_from_db()
    assert imported.title == "On the Role of AI in COVID-19 Imaging" and imported.is_edited
    assert imported.authors == [{"family": "Born", "given": "Jannis"}, {"family": "Beymer", "given": "David"}]
    assert imported.source == "seeds/002_fbfd4bd7059abbbb.txt"


def test_editing_a_section_inline_renders_it_and_marks_the_review_edited(staff_client, imported):
    data = review_form(imported)
    index = list(imported.sections.all()).index(Section.objects.get(heading="Prognosis"))
    data[f"sections-{index}-text"] = "Rewritten by a curator, citing Zhang [27]."
    assert staff_client.post(f"{REVIEWS}{imported.pk}/change/", data).status_code == 302
    section = Section.objects.get(heading="Prognosis")
    assert section.text_html.startswith("<p>Rewritten by a curator, citing Zhang<sup>[<a href=")
    assert Review.objects.get().is_edited


def test_an_author_line_without_a_family_name_is_refused(staff_client, imported):
    response = staff_client.post(f"{REVIEWS}{imported.pk}/change/", review_form(imported, authors=", Jannis"))
    assert response.status_code == 200
    assert "Line 1: expected “Family, Given names”" in response.content.decode()


def test_the_paper_admin_lists_filters_and_searches(staff_client, imported):
    page = staff_client.get(PAPERS, {"task__exact": "severity-assessment"}).content.decode()
    assert "4 papers" in page and "Anastasopoulos" in page and "Mei" not in page
    page = staff_client.get(PAPERS, {"q": "Lessmann"}).content.decode()
    assert "1 paper" in page and "CO-RADS" in page
    paper = Paper.objects.get(reference=15)
    assert staff_client.get(f"{PAPERS}{paper.pk}/change/").status_code == 200
    assert staff_client.get(f"{PAPERS}add/").status_code == 200


def test_task_modality_and_maturity_are_edited_in_bulk_from_the_changelist(staff_client, imported):
    papers = list(Paper.objects.order_by("reference", "pk")[:2])
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "_save": "Save"}
    for i, paper in enumerate(papers):
        data |= {f"form-{i}-id": paper.pk, f"form-{i}-task": "segmentation", f"form-{i}-modality": "multimodal",
                 f"form-{i}-maturity": "medium"}  # fmt: skip
    response = staff_client.post(f"{PAPERS}?reference__lte=16&o=1", data)
    assert response.status_code == 302
    edited = Paper.objects.filter(pk__in=[p.pk for p in papers])
    assert {(p.task, p.modality, p.maturity, p.is_edited) for p in edited} == {
        ("segmentation", "multimodal", "medium", True)
    }


def test_actions_publish_unpublish_and_set_maturity(staff_client, imported):
    pks = list(Paper.objects.filter(modality="cxr").values_list("pk", flat=True))
    staff_client.post(PAPERS, {"action": "unpublish", "_selected_action": pks})
    assert Paper.objects.filter(is_published=False).count() == 2
    staff_client.post(PAPERS, {"action": "publish", "_selected_action": pks})
    assert Paper.objects.filter(is_published=False).count() == 0
    staff_client.post(PAPERS, {"action": "set_maturity_low", "_selected_action": pks})
    assert set(Paper.objects.filter(pk__in=pks).values_list("maturity", "is_edited")) == {("low", True)}
    assert Paper.objects.filter(is_edited=True).count() == 2
    staff_client.post(REVIEWS, {"action": "unpublish", "_selected_action": [imported.pk]})
    assert not Review.objects.get().is_published


def test_unpublishing_a_paper_removes_it_from_its_reviews_citations(staff_client, client, imported):
    mei = Paper.objects.get(reference=15)
    assert mei.title in client.get(imported.get_absolute_url()).content.decode()
    staff_client.post(PAPERS, {"action": "unpublish", "_selected_action": [mei.pk]})
    page = client.get(imported.get_absolute_url()).content.decode()
    assert mei.title not in page and mei.get_absolute_url() not in page
    assert 'identified<sup>[15, <a href="' in page  # still cited, no longer linked
    staff_client.post(PAPERS, {"action": "publish", "_selected_action": [mei.pk]})
    assert mei.get_absolute_url() in client.get(imported.get_absolute_url()).content.decode()


def test_retitling_a_paper_in_admin_updates_its_citation_links(staff_client, client, imported):
    paper = Paper.objects.get(reference=27)
    data = {
        "review": imported.pk, "title": "A clearer title", "slug": paper.slug, "first_author": "Zhang",
        "reference": 27, "is_published": "on", "task": "prognosis", "modality": "ct", "maturity": "high",
    }  # fmt: skip
    assert staff_client.post(f"{PAPERS}{paper.pk}/change/", data).status_code == 302
    page = client.get(imported.get_absolute_url()).content.decode()
    assert 'title="Zhang: A clearer title">27</a>' in page
