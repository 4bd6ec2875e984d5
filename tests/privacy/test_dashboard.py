"""The personal-data dashboard: every source of every app, readable, and only one's own."""

import pytest
from django.utils import timezone
from django.utils.html import escape

from pnyx.core import personal_data
from pnyx.participation.models import Notification
from pnyx.privacy import display
from tests.accounts.factories import UserFactory
from tests.privacy.conftest import EMAIL, NAME

pytestmark = pytest.mark.django_db


def test_the_dashboard_needs_a_login(client):
    response = client.get("/privacy/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_dashboard_lists_every_source_grouped_by_app(client, world):
    client.force_login(world.person)

    page = client.get("/privacy/").content.decode()

    for title in ("Accounts", "Organisations", "Consultations", "Core", "Privacy"):
        assert f">{title}</h3>" in page
    for source in personal_data.sources():
        assert f">{escape(str(source.label))}</h4>" in page
        assert escape(str(source.description)) in page
    assert page.index(">Accounts</h3>") < page.index(">Consultations</h3>")


def test_the_dashboard_shows_the_persons_data_in_words(client, world):
    client.force_login(world.person)

    page = client.get("/privacy/").content.decode()

    assert EMAIL in page
    assert f"<dd>{NAME}</dd>" in page
    assert "Laptop script" in page
    assert "Budget Watch" in page
    assert "Publish every budget line" in page
    assert "Yes, and the amendments." in page
    assert "Wrong question." in page
    assert "Open budgets 2027" in page
    assert '<th scope="col">Created</th>' in page
    assert "created_at" not in page
    assert "News from Pnyx by e-mail" in page


def test_nobody_elses_data_appears(client, world):
    stranger = UserFactory(display_name="Sam Stranger")
    client.force_login(stranger)

    page = client.get("/privacy/").content.decode()

    assert stranger.email in page
    assert EMAIL not in page
    assert "Yes, and the amendments." not in page


def test_every_exported_field_has_a_translated_label(world):
    """A new field in an export needs its label in `display.FIELD_LABELS`. Free-form details
    (a notification's data, a job's arguments and result) keep their own keys."""
    free_form = {"data", "arguments", "result"}

    def keys(value):
        if isinstance(value, dict):
            for key, item in value.items():
                yield key
                if key not in free_form:
                    yield from keys(item)
        elif isinstance(value, list):
            for item in value:
                yield from keys(item)

    exported = personal_data.export_all(world.person)
    rows = [source.rows(world.person) for source in personal_data.sources() if source.rows]
    found = set(keys(list(exported.values()))) | set(keys(rows))

    assert "email" in found
    assert found - set(display.FIELD_LABELS) == set()


def test_a_long_list_shows_a_few_rows_and_links_to_all_of_them(client, world):
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(user=world.person, event=f"participation.event_{n}", created_at=now)
        for n in range(30)
    )
    client.force_login(world.person)

    page = client.get("/privacy/").content.decode()
    first = client.get("/privacy/data/participation.notifications/").content.decode()
    second = client.get("/privacy/data/participation.notifications/?page=2").content.decode()

    assert "See all 31 entries of “Notifications”" in page
    # The five oldest: Zelda's first notification, then four of the new ones.
    assert "participation.phase_started" in page
    assert page.count("participation.event_") == 4
    assert first.count("participation.event_") + second.count("participation.event_") == 30
    assert "Page 2 of 2" in second


def test_an_unknown_source_is_a_404(client, world):
    client.force_login(world.person)

    assert client.get("/privacy/data/no.such_source/").status_code == 404


def test_the_account_page_links_to_the_dashboard(client, world):
    client.force_login(world.person)

    page = client.get("/account/").content.decode()

    assert 'href="/privacy/"' in page


@pytest.mark.parametrize(
    ("language", "title"), [("fr", "Vos données personnelles"), ("es", "Sus datos personales")]
)
def test_the_dashboard_speaks_the_persons_language(client, world, language, title):
    client.force_login(world.person)

    page = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert f"<h1>{title}</h1>" in page


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("2026-03-02T09:30:00+00:00", "March 2, 2026, 9:30 a.m."),
        ("2026-03-02T09:30", "2026-03-02T09:30"),
        ("2026-03-02T09:30 at the town hall", "2026-03-02T09:30 at the town hall"),
        (True, "Yes"),
        (None, "—"),
        (["pt", "en"], "pt, en"),
        (
            [{"email": "a@example.org", "primary": True}],
            "E-mail address: a@example.org, Primary: Yes",
        ),
    ],
)
def test_values_read_as_words(value, text):
    assert display.cell("any", value).text == text


def test_only_an_address_on_this_site_becomes_a_link():
    assert display.cell("url", "/propositions/4/").url == "/propositions/4/"
    assert display.cell("url", "//evil.example/").url == ""
    assert display.cell("title", "/propositions/4/").url == ""


def test_countries_languages_and_topics_read_as_names():
    assert display.cell("country", "PT").text == "Portugal"
    assert display.cell("languages", ["pt", "en"]).text == "Portuguese, English"
    assert display.cell("topics", ["justice"]).text == "Justice"


def test_a_source_holding_nothing_offers_no_link_to_more(client, world):
    client.force_login(world.person)

    page = client.get("/privacy/").content.decode()

    assert "Account deletion request" in page
    assert "See all" not in page
