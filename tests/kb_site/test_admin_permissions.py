"""Every admin action and bulk edit needs its model's change permission.

A staff user who may only view sees no action and no editable column, and a POST forged as that user
changes nothing; the same POST from a curator with the change permission does what it says. One test
per action of every collection's ModelAdmin, found from the admin site itself (a new action is covered
the day it is added).
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission

from reviews.models import Maturity, Paper
from tests.posts.factories import make_post
from tests.reviews.factories import make_paper, make_review
from tests.roles.factories import make_role

pytestmark = pytest.mark.django_db

APPS = ("roles", "posts", "reviews")


def collection_admins():
    return [
        (model, model_admin) for model, model_admin in admin.site._registry.items() if model._meta.app_label in APPS
    ]


def admin_actions():
    """(model, action name) for every action a superuser sees, Django's delete_selected included."""
    pairs = []
    for model, model_admin in collection_admins():
        names = [name for _func, name, _description in model_admin._get_base_actions()]
        pairs += [pytest.param(model, name, id=f"{model._meta.label_lower}.{name}") for name in names]
    return pairs


def staff(django_user_model, name, codenames):
    user = django_user_model.objects.create_user(name, password="staff-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=APPS, codename__regex=codenames))
    return user


@pytest.fixture
def seeded():
    """An entry of every model the admin lists (faster than the seeds, for fifty tests)."""
    make_role("Data Scientist", skills=["Python"], industries=["Healthcare"])
    make_post("Пост\nТекст #тег", tags=["тег"], reactions=[("🔥", 2)])
    review = make_review()
    make_paper(review, maturity=Maturity.HIGH)
    make_paper(review, title="Another paper about CXR", modality="cxr", maturity=Maturity.MEDIUM)


@pytest.fixture
def viewer(client, django_user_model):
    client.force_login(staff(django_user_model, "viewer", r"^view_"))
    return client


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(staff(django_user_model, "curator", r"^(view|change|delete)_"))
    return client


def changelist(model):
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


def snapshot(model):
    return list(model._default_manager.order_by("pk").values())


def run_action(client, model, action):
    selected = list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:3])
    assert selected, f"the seeds hold no {model._meta.verbose_name}"
    data = {"action": action, "_selected_action": selected, "index": 0}
    return client.post(changelist(model), data, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(("model", "action"), admin_actions())
def test_a_view_only_user_cannot_run_the_action(viewer, seeded, model, action):
    before = snapshot(model)
    response = run_action(viewer, model, action)
    assert response.status_code == 200
    assert snapshot(model) == before
    assert not messages_of(response)  # no action ran: the changelist again, unchanged


@pytest.mark.parametrize(("model", "action"), admin_actions())
def test_a_curator_with_the_change_permission_can(curator, seeded, model, action):
    response = run_action(curator, model, action)
    assert response.status_code == 200
    done = messages_of(response)
    if action == "delete_selected":
        assert "admin/delete_selected_confirmation.html" in [t.name for t in response.templates]
    else:
        assert done and "No action selected." not in done


@pytest.mark.parametrize(
    ("model", "model_admin"),
    collection_admins(),
    ids=lambda value: getattr(getattr(value, "_meta", None), "label_lower", "admin"),
)
def test_a_view_only_user_sees_no_action_and_no_editable_column(viewer, seeded, model, model_admin):
    response = viewer.get(changelist(model))
    assert response.status_code == 200
    assert response.context["action_form"] is None
    assert response.context["cl"].formset is None  # list_editable columns are shown read-only
    assert 'name="action"' not in response.content.decode()


def test_a_bulk_edit_forged_by_a_view_only_user_changes_nothing(viewer, bulk_edit_form, seeded):
    papers = list(Paper.objects.order_by("pk")[:2])
    data = bulk_edit_form(papers, maturity=Maturity.LOW)
    before = snapshot(Paper)
    response = viewer.post(changelist(Paper), data)
    assert response.status_code == 403
    assert snapshot(Paper) == before


def test_the_same_bulk_edit_from_a_curator_changes_the_papers(curator, bulk_edit_form, seeded):
    papers = list(Paper.objects.order_by("pk")[:2])
    response = curator.post(changelist(Paper), bulk_edit_form(papers, maturity=Maturity.LOW))
    assert response.status_code == 302
    assert {paper.maturity for paper in Paper.objects.filter(pk__in=[p.pk for p in papers])} == {Maturity.LOW}


@pytest.fixture
def bulk_edit_form():
    """The changelist's list_editable form, as the browser sends it, for `papers` with changes on top."""

    def data(papers, **changes):
        form = {
            "form-TOTAL_FORMS": len(papers),
            "form-INITIAL_FORMS": len(papers),
            "form-MIN_NUM_FORMS": 0,
            "form-MAX_NUM_FORMS": 1000,
            "_save": "Save",
        }
        for i, paper in enumerate(papers):
            values = {"task": paper.task, "modality": paper.modality, "maturity": paper.maturity, **changes}
            form.update({f"form-{i}-id": paper.pk, **{f"form-{i}-{name}": value for name, value in values.items()}})
        return form

    return data
