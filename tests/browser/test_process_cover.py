"""An organiser gives a consultation a cover image in a real browser, without JavaScript, and
people see it on a 360 px screen: on the consultation's page and in the listing."""

import pytest
from playwright.sync_api import expect

from tests.browser.consultation_steps import log_in, new_page
from tests.core.image_files import image_bytes
from tests.participation.factories import ProcessFactory, add_organiser

pytestmark = pytest.mark.django_db(transaction=True)

ALT = "Neighbours around a table, sharing ideas"


def test_an_organiser_adds_a_cover_that_fits_a_phone_screen(
    browser, live_server, assert_accessible, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    process = ProcessFactory(title="Open budget", slug="open-budget")
    organiser = add_organiser(process)
    without_js = new_page(browser, live_server, javascript=False, width=360)
    log_in(without_js, organiser.email)

    without_js.goto("/processes/open-budget/manage/")
    without_js.get_by_label("Cover image:", exact=True).set_input_files(
        {
            "name": "IMG_2041.jpg",
            "mimeType": "image/jpeg",
            "buffer": image_bytes("JPEG", (1200, 600)),
        }
    )
    without_js.get_by_label("Description of the cover image").fill(ALT)
    without_js.get_by_role("button", name="Save the changes").click()
    expect(without_js.get_by_text("The changes are saved.")).to_be_visible()
    expect(without_js.get_by_label("Remove the cover image")).not_to_be_checked()
    without_js.context.close()

    page = new_page(browser, live_server, width=360)
    for path in ("/processes/open-budget/", "/processes/"):
        page.goto(path)
        cover = page.get_by_role("img", name=ALT)
        cover.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=cover.element_handle()
        )
        box = cover.bounding_box()
        assert box is not None
        assert box["width"] <= 360 - 2 * 16
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        assert_accessible(page)
    log_in(page, organiser.email)
    page.goto("/processes/open-budget/manage/")
    assert_accessible(page)
    page.context.close()
