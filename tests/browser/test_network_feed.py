"""The feed in a real browser: a person follows an organisation from its news, finds that news in
their feed, and every page of the feed side passes axe-core and fits a 360 px screen."""

import pytest
from playwright.sync_api import expect

from pnyx.core.models import Topic
from pnyx.network.services.news import news_create
from tests.browser.consultation_steps import log_in
from tests.orgs.factories import OrganisationFactory, UserFactory
from tests.programs.factories import add_admin

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def news():
    organisation = OrganisationFactory(name="Open Cities", slug="open-cities")
    admin = add_admin(organisation, UserFactory(email="admin@example.org"))
    topic, _created = Topic.objects.get_or_create(slug="open-data")
    UserFactory(email="reader@example.org")
    return news_create(
        actor=admin,
        organisation=organisation,
        title="The city budget is open data now",
        body="Every **line** of the budget, as a spreadsheet.",
        topics=[topic],
    )


def test_following_an_organisation_brings_its_news_to_the_feed(page, assert_accessible, news):
    log_in(page, "reader@example.org")
    page.get_by_role("link", name="Feed", exact=True).click()
    expect(page.get_by_role("heading", name="Your feed", exact=True)).to_be_visible()
    expect(page.get_by_text("Your feed is empty because you follow nothing yet.")).to_be_visible()

    page.goto("/news/?organisation=open-cities")
    page.get_by_role("button", name="Follow Open Cities").click()
    expect(page.get_by_text("You follow Open Cities.")).to_be_visible()
    expect(page.get_by_role("button", name="Unfollow Open Cities")).to_be_visible()

    page.get_by_role("link", name="Feed", exact=True).click()
    expect(page.get_by_role("link", name="The city budget is open data now")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path", ["/feed/", "/following/", "/news/", "{news}", "/topics/", "/topics/open-data/"]
)
def test_the_feed_pages_are_accessible_at_360_pixels(page, assert_accessible, news, path):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "reader@example.org")

    page.goto(path.format(news=news.get_absolute_url()))

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_the_news_form_is_accessible_at_360_pixels(page, assert_accessible, news):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "admin@example.org")

    for path in ("/news/new/", f"/news/{news.pk}/edit/", f"/news/{news.pk}/delete/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(page)
