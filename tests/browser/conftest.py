"""Browser tests: Playwright driving Debian's Chromium against the live test server.

They skip, saying why, on a machine without /usr/bin/chromium (`.ci/run` installs it).
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("PNYX_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the Django test database is still used
# synchronously, from the test body only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def mail_dir(settings, tmp_path):
    """Real e-mail files, as in the embedded mode, in a folder of this test's own."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return tmp_path / "mail"


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


#: axe-core leaves these "to review" (the page might still change), but on a rendered page they
#: are plain mistakes: an aria-describedby naming an id that is not there, or an ARIA attribute
#: the element may not carry.
CERTAIN_WHEN_RENDERED = {"aria-valid-attr-value", "aria-prohibited-attr"}


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core on the current page and fail with the violations listed."""

    def check(page):
        results = axe.run(page)
        found = results.response["violations"] + [
            result
            for result in results.response["incomplete"]
            if result["id"] in CERTAIN_WHEN_RENDERED
        ]
        details = [
            f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes) "
            f"e.g. {violation['nodes'][0]['html'][:160]}"
            for violation in found
        ]
        assert details == [], f"axe-core violations on {page.url}:\n" + "\n".join(details)

    return check
