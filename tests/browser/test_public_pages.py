import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = ["/", "/organisations/", "/algorithms/", "/audit/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_are_accessible(page, assert_accessible, path):
    response = page.goto(path)

    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_fit_a_360_pixel_screen(page, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(path)

    scroll_width = page.evaluate("document.documentElement.scrollWidth")

    assert scroll_width <= 360


def test_the_language_follows_the_browser_until_a_choice_is_made(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.select_option("#language-select", "es")
    page.get_by_role("button", name="Changer de langue").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.goto("/algorithms/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    context.close()


def test_the_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
