"""A database that is locked or out of reach: a 503 in the site's layout (or JSON) with Retry-After, never a
500, and before the first byte of an export. The errors are real ones from the database driver in use
(a SQLite lock held by another connection, a PostgreSQL lock timeout, a refused connection), raised
where the page's queries would run."""

import csv
import io
import sqlite3
import tempfile
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory, override_settings

from kb_site.http import is_database_unavailable
from kb_site.views import server_error
from tests.posts.factories import make_post

pytestmark = pytest.mark.django_db


def sqlite_locked():
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "locked.sqlite3"
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            sqlite3.connect(path, timeout=0).execute("SELECT 1 FROM sqlite_master")
        except sqlite3.OperationalError as exc:
            return exc
        finally:
            holder.close()
    raise AssertionError("SQLite did not refuse the locked database")


def sqlite_unreachable():
    try:
        sqlite3.connect("/nonexistent-directory/kb.sqlite3")
    except sqlite3.OperationalError as exc:
        return exc
    raise AssertionError("SQLite opened a file in a missing directory")


def postgres_locked():
    import psycopg2

    params = connection.get_connection_params()
    holder, waiter = psycopg2.connect(**params), psycopg2.connect(**params)
    try:  # an advisory lock: a table lock would wait for the test's own open transaction
        holder.cursor().execute("SELECT pg_advisory_xact_lock(4242)")
        cursor = waiter.cursor()
        cursor.execute("SET lock_timeout = '50ms'")
        cursor.execute("SELECT pg_advisory_xact_lock(4242)")
    except psycopg2.OperationalError as exc:
        return exc
    finally:
        holder.close()
        waiter.close()
    raise AssertionError("PostgreSQL granted the lock twice")


def postgres_unreachable():
    import psycopg2

    try:
        psycopg2.connect(host="127.0.0.1", port=1, dbname="kb", connect_timeout=2)
    except psycopg2.OperationalError as exc:
        return exc
    raise AssertionError("something answered on port 1")


def driver_error(kind):
    makers = {
        "sqlite": {"locked": sqlite_locked, "unreachable": sqlite_unreachable},
        "postgresql": {"locked": postgres_locked, "unreachable": postgres_unreachable},
    }
    return makers[connection.vendor][kind]()


@pytest.fixture(params=["locked", "unreachable"])
def failing_database(request):
    """From now on every query fails with the driver's own error, as Django wraps it."""
    error = driver_error(request.param)

    def fail(execute, sql, params, many, context):
        with connection.wrap_database_errors:
            raise error

    with connection.execute_wrapper(fail):
        yield request.param


@pytest.fixture
def posts(db):
    return [make_post(f"Post {n}\nText.", key=f"p{n}") for n in range(3)]


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/posts/", "/roles/", "/reviews/", "/", "/search/?q=ai", "/roles/nobody/"])
def test_a_page_answers_503_in_the_sites_layout(client, posts, failing_database, url):
    response = client.get(url)
    assert_unavailable(response)
    page = response.content.decode()
    assert "The knowledge base is busy for a moment" in page
    assert 'class="site-header"' in page and "Try again in 10 seconds" in page


def test_a_json_request_gets_a_json_503(client, posts, failing_database):
    for response in (client.get("/posts/", {"format": "json"}), client.get("/roles/", HTTP_ACCEPT="application/json")):
        assert_unavailable(response)
        assert response.json()["error"] == "service unavailable"
        assert response.json()["retry_after"] == 10


def test_a_csv_export_fails_before_its_first_byte(client, posts, failing_database):
    response = client.get("/posts/", {"format": "csv"})
    assert_unavailable(response)
    assert not response.streaming
    assert response["Content-Type"].startswith("text/html")  # no file to save, but a page saying why


def test_a_csv_export_reads_its_first_rows_before_answering(client, posts, django_assert_num_queries):
    response = client.get("/posts/", {"format": "csv"})
    assert response.status_code == 200 and response.streaming
    with django_assert_num_queries(0):  # the first thousand rows were read before the response began
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1 + 3


def test_a_failure_outside_a_view_is_a_503_too(failing_database):
    """Saving the session after the view, for example: Django's 500 handler tells the two apart."""
    request = RequestFactory().get("/admin/")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except OperationalError:
        response = server_error(request)
    assert_unavailable(response)


@override_settings(DEBUG=False)
def test_an_error_in_the_query_itself_stays_a_500(client, posts):
    """Only "not now" is a 503; a broken query is a bug, to be seen and fixed."""
    client.raise_request_exception = False

    def broken(execute, sql, params, many, context):
        return execute("SELECT no_such_column FROM no_such_table", (), many, context)

    with connection.execute_wrapper(broken):
        response = client.get("/posts/")
    assert response.status_code == 500


def test_the_errors_are_told_apart_by_the_drivers_own_codes():
    assert is_database_unavailable(wrapped(driver_error("locked")))
    assert is_database_unavailable(wrapped(driver_error("unreachable")))
    assert not is_database_unavailable(RuntimeError("database is locked"))


def wrapped(error):
    try:
        with connection.wrap_database_errors:
            raise error
    except OperationalError as exc:
        return exc


def test_sqlite_waits_a_few_seconds_for_a_lock_before_giving_up():
    from django.conf import settings

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's busy timeout")
    # shorter than gunicorn's 30-second worker timeout, so that the reader gets the 503 page
    assert 1 <= settings.DATABASES["default"]["OPTIONS"]["timeout"] <= 10
