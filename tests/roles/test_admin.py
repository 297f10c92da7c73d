"""Curating roles in admin: pages, search, filters, autocomplete, inlines and publish actions."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from roles.models import Role, SalaryRange, Section
from tests.seeds import CAIO

pytestmark = pytest.mark.django_db

INLINES = ("sections", "salary_ranges", "statistics", "role_skills", "role_industries")


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def empty_inlines():
    data = {}
    for prefix in INLINES:
        data.update(inline_management(prefix))
    return data


def test_the_changelist_lists_searches_and_filters_roles(staff_client, imported):
    url = reverse("admin:roles_role_changelist")
    response = staff_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chief AI Officer" in html and "$128k–$380k" in html
    assert staff_client.get(url, {"q": "CAIO"}).context["cl"].result_count == 1
    assert staff_client.get(url, {"is_in_depth__exact": "0"}).context["cl"].result_count == 4
    python = staff_client.get(
        url, {"skills__id__exact": str(Role.objects.get(slug="ai-ml-developer").skills.get(slug="python").pk)}
    )
    assert python.status_code == 200 and python.context["cl"].result_count == 4


def test_the_change_page_shows_every_inline_and_read_only_provenance(staff_client, imported):
    caio = Role.objects.get(slug=CAIO)
    response = staff_client.get(reverse("admin:roles_role_change", args=[caio.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for prefix in INLINES:
        assert f'name="{prefix}-TOTAL_FORMS"' in html, prefix
    assert 'name="source"' not in html and "seeds/000_0fd3161aa7286deb.txt" in html  # shown, not editable
    assert 'name="checksum"' not in html
    view_on_site = re.search(r'<a href="([^"]+)" class="viewsitelink">View on site</a>', html).group(1)
    assert staff_client.get(view_on_site)["Location"].endswith(f"/roles/{CAIO}/")
    assert "admin-autocomplete" in html  # related roles, and skills in their inline


def test_the_add_page_prepopulates_the_slug_and_a_role_created_there_is_marked_as_admin(staff_client, db):
    url = reverse("admin:roles_role_add")
    response = staff_client.get(url)
    assert response.status_code == 200 and "prepopulated" in response.content.decode()
    data = {
        "title": "Prompt Engineer",
        "slug": "prompt-engineer",
        "short_name": "",
        "is_published": "on",
        "summary": "Writes prompts.",
        "intro": "Writes **good** prompts.",
        "conclusion": "",
        "is_edited": "",
        **empty_inlines(),
        **inline_management("salary_ranges", total=1),
        "salary_ranges-0-position": "0",
        "salary_ranges-0-label": "Base pay",
        "salary_ranges-0-kind": "base",
        "salary_ranges-0-min_amount": "90000",
        "salary_ranges-0-max_amount": "140000",
        "salary_ranges-0-currency": "USD",
        "salary_ranges-0-period": "year",
        "salary_ranges-0-market": "US",
        "salary_ranges-0-year": "2025",
        "salary_ranges-0-note": "",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    role = Role.objects.get(slug="prompt-engineer")
    assert role.origin == "admin" and not role.is_edited
    assert role.intro_html == "<p>Writes <strong>good</strong> prompts.</p>"
    assert (role.salary_min, role.salary_max) == (90_000, 140_000)  # derived fields follow the inline
    assert "write prompt" in role.search_text  # the search columns follow the inlines (stemmed)


def change_data(role):
    """The change form's current values, as the browser would post them back."""
    data = {
        "title": role.title,
        "slug": role.slug,
        "short_name": role.short_name,
        "summary": role.summary,
        "intro": role.intro,
        "conclusion": role.conclusion,
        "related": [str(pk) for pk in role.related.values_list("pk", flat=True)],
        **empty_inlines(),
    }
    if role.is_published:
        data["is_published"] = "on"
    if role.is_in_depth:
        data["is_in_depth"] = "on"
    ranges = list(role.salary_ranges.all())
    data.update(inline_management("salary_ranges", total=len(ranges), initial=len(ranges)))
    for i, r in enumerate(ranges):
        for field in (
            "position",
            "label",
            "kind",
            "min_amount",
            "max_amount",
            "currency",
            "period",
            "market",
            "year",
            "note",
        ):
            value = getattr(r, field)
            data[f"salary_ranges-{i}-{field}"] = "" if value is None else str(value)
        data[f"salary_ranges-{i}-id"] = str(r.pk)
        data[f"salary_ranges-{i}-role"] = str(role.pk)
    return data


def test_editing_an_imported_role_in_admin_marks_it_edited_and_refreshes_its_salary_band(staff_client, imported):
    caio = Role.objects.get(slug=CAIO)
    data = change_data(caio)
    data["salary_ranges-0-max_amount"] = "450000"
    response = staff_client.post(reverse("admin:roles_role_change", args=[caio.pk]), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    caio.refresh_from_db()
    assert caio.is_edited and caio.salary_max == 450_000
    assert SalaryRange.objects.get(role=caio, position=0).max_amount == 450_000
    assert caio.related.count() == 4 and caio.sections.count() == 10  # untouched inlines are kept


def test_publish_and_unpublish_actions(staff_client, imported):
    url = reverse("admin:roles_role_changelist")
    ids = [str(pk) for pk in Role.objects.filter(is_in_depth=False).values_list("pk", flat=True)]
    response = staff_client.post(url, {"action": "unpublish", "_selected_action": ids}, follow=True)
    assert "4 unpublished." in response.content.decode()
    assert list(Role.objects.published().values_list("slug", flat=True)) == [CAIO]
    staff_client.post(url, {"action": "publish", "_selected_action": ids})
    assert Role.objects.published().count() == 5


def test_autocomplete_finds_skills_and_related_roles(staff_client, imported):
    url = reverse("admin:autocomplete")
    skills = staff_client.get(
        url, {"app_label": "roles", "model_name": "roleskill", "field_name": "skill", "term": "pyth"}
    ).json()
    assert [item["text"] for item in skills["results"]] == ["Python"]
    roles = staff_client.get(
        url, {"app_label": "roles", "model_name": "role", "field_name": "related", "term": "devops"}
    )
    assert [item["text"] for item in roles.json()["results"]] == ["AI/ML DevOps Engineer"]


def test_skill_and_industry_pages_list_how_many_roles_use_them(staff_client, imported):
    skills = staff_client.get(reverse("admin:roles_skill_changelist"), {"q": "python"})
    assert skills.status_code == 200 and skills.context["cl"].result_list[0].role_count == 4
    industries = staff_client.get(reverse("admin:roles_industry_changelist"))
    assert industries.status_code == 200 and industries.context["cl"].result_count == 4
    assert staff_client.get(reverse("admin:roles_skill_add")).status_code == 200


def test_admin_is_for_staff_only(client, imported):
    response = client.get(reverse("admin:roles_role_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_section_added_in_admin_gets_an_anchor_that_clashes_with_nothing(db):
    role = Role.objects.create(title="Analyst", slug="analyst")
    first = Section.objects.create(role=role, position=0, heading="Skills", body="- SQL")
    second = Section.objects.create(role=role, position=1, heading="", body="Text")
    assert (first.anchor, second.anchor) == ("skills-2", "section-2")  # "skills" is the profile's skills block
    first.anchor = "salary"
    with pytest.raises(ValidationError, match="the id of another part of the profile page"):
        first.full_clean()
