"""The open-data page in a real browser: accessible, readable at 360 px, and its ZIP downloads
without JavaScript."""

import zipfile

import pytest
from playwright.sync_api import expect

from pnyx.transparency.open_data import archive
from tests.participation.factories import PropositionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def built(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    PropositionFactory(title="Publish the procurement register")
    return archive.build()


def test_the_page_before_any_package_is_accessible(page, assert_accessible, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"

    page.goto("/open-data/")

    expect(page.get_by_text("The files are being prepared.")).to_be_visible()
    assert_accessible(page)


def test_the_page_with_its_package_is_accessible_and_fits_360_pixels(
    page, assert_accessible, built
):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/open-data/")
    page.locator("details summary").first.click()

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_the_zip_downloads_with_javascript_off(browser, live_server, built, tmp_path):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/open-data/")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download everything").click()

    path = tmp_path / "downloaded.zip"
    download_info.value.save_as(path)
    with zipfile.ZipFile(path) as bundle:
        assert "pnyx-open-data/datapackage.json" in bundle.namelist()
    context.close()
