"""The opinion groups map and tables in a real browser: without JavaScript, on a 360 px screen,
with no axe-core violation; and the consensus order of the process page."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pnyx.participation.services.opinion_groups import opinion_groups_recompute
from tests.browser.consultation_steps import new_page
from tests.participation.opinion_groups_data import voted_process

pytestmark = pytest.mark.django_db(transaction=True)
MAP_NAME = "Map of the participants and their opinion groups"


def test_the_map_and_its_tables_read_on_a_small_screen(
    browser, live_server, assert_accessible, tmp_path
):
    process, _items, _people, _truth = voted_process((12, 9, 6), propositions=9, seen=0.8)
    opinion_groups_recompute(process=process)
    path = f"/processes/{process.slug}/results/"
    without_js = new_page(browser, live_server, javascript=False, width=360)

    without_js.goto(path)

    expect(without_js.get_by_role("img", name=MAP_NAME)).to_be_visible()
    group_a = re.compile(r"^Group A \(\d+ participants\)$")
    expect(without_js.get_by_role("heading", name=group_a)).to_be_visible()
    expect(without_js.locator("caption", has_text="group-informed consensus")).to_have_count(1)
    without_js.context.close()

    page = new_page(browser, live_server, width=360)
    page.goto(path)
    figure = page.get_by_role("img", name=MAP_NAME)
    assert figure.bounding_box()["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    # Kept for a person to look at when PNYX_SCREENSHOTS names a folder.
    folder = Path(os.environ.get("PNYX_SCREENSHOTS", tmp_path))
    figure.screenshot(path=str(folder / "opinion-groups-map-360.png"))
    page.context.close()


def test_the_consensus_order_is_chosen_on_the_process_page(browser, live_server, assert_accessible):
    process, _items, _people, _truth = voted_process((7, 5), propositions=6)
    opinion_groups_recompute(process=process)
    page = new_page(browser, live_server, javascript=False)

    page.goto(process.get_absolute_url())
    page.get_by_label("Order", exact=True).select_option(label="Group-informed consensus")
    page.get_by_role("button", name="Show").click()

    expect(page.get_by_text("every opinion group tends to agree with come first")).to_be_visible()
    assert "order=participation.group_consensus" in page.url
    page.context.close()

    with_js = new_page(browser, live_server)
    with_js.goto(f"{process.get_absolute_url()}?order=group_consensus")
    assert_accessible(with_js)
    with_js.context.close()
