"""The tools and practices catalog in a browser: filtering with JavaScript off through the plain
GET form (the address keeps the filters, so it can be shared), the "why here?" page, axe-core on
each page, and a 360 px screen."""

import pytest
from playwright.sync_api import expect

from pnyx.core.models import Topic
from pnyx.toolbox.models import Usage
from pnyx.toolbox.services.search import index_practice, index_tool
from tests.browser.consultation_steps import log_in, new_page
from tests.toolbox.factories import (
    OrganisationFactory,
    PracticeFactory,
    ToolFactory,
    UserFactory,
    make_toolbox_editor,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalog():
    data = Topic.objects.get_or_create(slug="open-data")[0]
    ngo = OrganisationFactory(country="KE", kind="ngo")
    data_harbour = ToolFactory(
        name="Data Harbour", summary="Publishes open data portals.", usage_count=1
    )
    data_harbour.topics.add(data)
    Usage.objects.create(organisation=ngo, tool=data_harbour, purpose="Our data portal")
    ToolFactory(name="Sheets", summary="Closed spreadsheets.", open_source=False, licence="")
    ToolFactory(name="Decide", summary="Participatory budgets.", languages=["es"])
    budget = PracticeFactory(title="Open budget in Nairobi", country="KE", organisation=ngo)
    budget.topics.add(data)
    for tool in type(data_harbour).objects.all():
        index_tool(tool)
    index_practice(budget)
    return data_harbour


def test_filtering_tools_without_javascript(browser, live_server, catalog):
    page = new_page(browser, live_server, javascript=False)
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Tools").click()
    expect(page.get_by_role("heading", name="Tools", level=1)).to_be_visible()

    page.get_by_label("Topic").select_option(label="Open data (1)")
    page.get_by_label("Country").select_option("KE")
    page.get_by_role("button", name="Show results").click()

    expect(page.get_by_text("1 tool found.")).to_be_visible()
    expect(page.get_by_role("link", name="Data Harbour", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Sheets")).to_have_count(0)
    assert "topic=open-data" in page.url
    assert "country=KE" in page.url

    shared = new_page(browser, live_server, javascript=False)
    shared.goto(page.url)  # the address alone gives the same list
    expect(shared.get_by_text("1 tool found.")).to_be_visible()
    shared.context.close()

    page.get_by_label("Open source only").check()
    page.get_by_role("searchbox", name="Search").fill("participatory")
    page.get_by_label("Topic").select_option("")
    page.get_by_label("Country").select_option("")
    page.get_by_role("button", name="Show results").click()
    expect(page.get_by_role("link", name="Decide", exact=True)).to_be_visible()
    expect(page.get_by_text("1 tool found.")).to_be_visible()

    page.goto("/tools/?topic=open-data")
    page.get_by_role("link", name="Why here? Data Harbour").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Data Harbour")
    page.context.close()


def test_filtering_practices_without_javascript(browser, live_server, catalog):
    page = new_page(browser, live_server, javascript=False)
    page.goto("/practices/")
    page.get_by_label("Country").select_option("KE")
    page.get_by_role("button", name="Show results").click()

    expect(page.get_by_role("link", name="Open budget in Nairobi", exact=True)).to_be_visible()
    assert "country=KE" in page.url
    page.context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/tools/",
        "/tools/?topic=open-data&country=KE&open_source=1",
        "/tools/?topic=astrology",
        "/practices/?country=KE",
    ],
)
def test_the_catalog_pages_pass_axe(page, assert_accessible, catalog, path):
    page.goto(path)

    assert_accessible(page)


def test_the_why_and_import_pages_pass_axe(page, assert_accessible, catalog):
    editor = make_toolbox_editor(UserFactory())
    page.goto("/tools/")
    page.get_by_role("link", name="Why here? Data Harbour").click()
    page.wait_for_url("**/why/**")
    assert_accessible(page)

    log_in(page, editor.email)
    page.goto("/toolbox/import/")
    page.get_by_label("File").set_input_files(
        files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": b"name,summary\nOnly,\n"}]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Nothing was imported: 1 row has problems.")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/tools/", "/practices/", "/toolbox/import/"])
def test_the_catalog_fits_a_360_pixel_screen(browser, live_server, catalog, path):
    page = new_page(browser, live_server, width=360)
    if path == "/toolbox/import/":
        log_in(page, make_toolbox_editor(UserFactory()).email)
    page.goto(path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.context.close()
