"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's own browser download is not available on these machines, so the
tests launch /usr/bin/chromium (or $KB_CHROMIUM). Without it they skip, unless
KB_REQUIRE_BROWSER=1 (CI) turns the missing browser into a failure.
Screenshots go to test-artifacts/screenshots/ (not committed).
"""

import os
from pathlib import Path

import pytest

from tests.seeds import ROOT

CHROMIUM = Path(os.environ.get("KB_CHROMIUM", "/usr/bin/chromium"))
REQUIRE_BROWSER = os.environ.get("KB_REQUIRE_BROWSER", "") == "1"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (install Debian's chromium package)"
        if REQUIRE_BROWSER:
            pytest.fail(message + "; KB_REQUIRE_BROWSER=1 makes this a failure.")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls
    # made by the tests themselves are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class Session:
    """A page plus what the tests check on it: console errors, accessibility, screenshots."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.errors = []
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        assert response is not None
        return response

    def assert_no_console_errors(self):
        assert self.errors == [], f"console errors: {self.errors}"

    def assert_accessible(self, *, exclude=()):
        """axe-core finds no serious or critical violation on the current page (outside `exclude`, CSS
        selectors of parts the project does not write, such as the admin's bundled select2 widget)."""
        from axe_playwright_python.sync_playwright import Axe

        context = {"include": [["html"]], "exclude": [[selector] for selector in exclude]} if exclude else None
        results = Axe().run(self.page, context=context)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad
        )

    def screenshot(self, name, *, full_page=True):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        assert path.stat().st_size > 1000
        return path


def _session(browser, live_server, **context_options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    session = Session(context.new_page(), live_server.url)
    return context, session


@pytest.fixture
def web(browser, live_server):
    context, session = _session(browser, live_server)
    yield session
    context.close()


@pytest.fixture
def web_mobile_dark(browser, live_server):
    context, session = _session(browser, live_server, color_scheme="dark")
    session.page.set_viewport_size({"width": 390, "height": 844})
    yield session
    context.close()


@pytest.fixture
def seeded(transactional_db):
    """The three seed documents imported into the live server's database."""
    from django.core.management import call_command

    call_command("import_seeds", verbosity=0)
