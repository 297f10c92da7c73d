"""The site's own pages: home, health, errors, admin, security headers."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_three_collections_with_counts(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    for title in ("Career roles", "Founder posts", "Systematic reviews"):
        assert title in page
    collections = response.context["collections"]
    assert [c["label"] for c in collections] == ["roles", "posts", "reviews"]
    assert all(isinstance(c["count"], int) for c in collections)


def test_every_page_has_the_layout_landmarks_and_a_skip_link(client):
    page = client.get("/").content.decode()
    assert 'href="#main"' in page and 'id="main"' in page
    assert "<header" in page and "<footer" in page and 'aria-label="Main"' in page
    assert 'role="search"' in page and 'for="site-search-q"' in page
    # the footer leads to the sources and licences, listed from the data on the home page (test_sources.py)
    assert 'href="/#sources"' in page


def test_healthz_answers_ok_after_a_database_round_trip(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]
    assert not {"vendor", "engine"} & set(response.json()), "a public page names no database engine"


def test_healthz_answers_503_when_the_database_is_unreachable(client):
    with mock.patch("kb_site.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    assert b"connection refused" not in response.content


def test_an_unknown_url_is_the_sites_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and 'class="site-header"' in page


def test_an_unknown_url_asked_as_json_is_a_json_404(client):
    response = client.get("/no/such/page/?format=json")
    assert response.status_code == 404
    assert response.json()["error"] == "not found"


@override_settings(DEBUG=False)
def test_a_server_error_is_the_sites_500_page(client):
    client.raise_request_exception = False
    with mock.patch("kb_site.views.collection_configs", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_an_overlong_search_is_a_400_with_a_message(client):
    response = client.get("/search/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


def test_security_headers_are_sent(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script(client):
    page = client.get("/").content.decode()
    assert "<script>" not in page and "<script " not in page.replace('<script src="', "")


def test_the_admin_is_titled_with_the_sites_name(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert "AI Careers Knowledge Base" in response.content.decode()


def test_the_admin_is_for_staff_only(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="reader-password")
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_admin_index_opens_for_staff(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Curate the knowledge base" in response.content.decode()


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
