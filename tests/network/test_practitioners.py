"""Practitioners: offering help, pausing and removing, the directory with its search and
filters, and a practitioner's public page (never the e-mail address)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pnyx.core import personal_data
from pnyx.network.models import Practitioner
from pnyx.network.services import practitioners as services
from tests.network.factories import PractitionerFactory, UserFactory, topics
from tests.security.xss_payloads import dangerous_fragments
from tests.toolbox.factories import ToolFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("network:practitioner-list")
EDIT_URL = reverse("network:practitioner-edit")


def main(response):
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def live_fragments(html):
    """What could run script in the page, besides the page's own forms."""
    return [fragment for fragment in dangerous_fragments(html) if fragment != "<form>"]


def _offer(person, **changes):
    fields = {
        "headline": "I help councils publish budgets",
        "topics": ["open-data"],
        "languages": ["fr"],
        "countries": ["FR"],
        "hours_per_month": 6,
    }
    return services.practitioner_save(actor=person, **{**fields, **changes})


def test_a_confirmed_person_offers_help_and_appears_in_the_directory(client):
    person = UserFactory(display_name="Ada Lovelace")
    tool = ToolFactory(name="Agora Commons", slug="agora-commons")
    client.force_login(person)
    response = client.post(
        EDIT_URL,
        {
            "headline": "I help make sense of budgets",
            "topics": ["open-data", "fiscal-openness"],
            "tools": ["agora-commons"],
            "languages": ["fr", "es"],
            "countries": ["FR", "ES"],
            "hours_per_month": "8",
            "data_expert": "on",
            "available": "on",
        },
    )
    practitioner = Practitioner.objects.get(user=person)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:practitioner-detail", args=[practitioner.pk])
    assert list(practitioner.tools.all()) == [tool]
    assert practitioner.data_expert
    assert practitioner.hours_per_month == 8
    page = client.get(LIST_URL).content.decode()
    assert "Ada Lovelace" in page
    assert "I help make sense of budgets" in page


def test_an_unconfirmed_person_may_not_offer_help(client):
    person = UserFactory(confirmed=False)
    with pytest.raises(PermissionDenied):
        _offer(person)
    client.force_login(person)
    assert client.get(EDIT_URL).status_code == 403
    assert client.post(EDIT_URL, {"headline": "x", "hours_per_month": "2"}).status_code == 403


def test_anonymous_people_are_sent_to_sign_in_to_offer_help(client):
    response = client.get(EDIT_URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"headline": "  "}, "headline"),
        ({"topics": ["not-a-topic"]}, "topics"),
        ({"tools": ["no-such-tool"]}, "tools"),
        ({"languages": ["xx-nope"]}, "languages"),
        ({"countries": ["ZZ"]}, "countries"),
        ({"hours_per_month": 0}, "hours_per_month"),
    ],
)
def test_the_service_refuses_bad_values_naming_the_field(changes, field):
    with pytest.raises(ValidationError) as refused:
        _offer(UserFactory(), **changes)
    assert field in refused.value.message_dict


def test_a_bad_form_is_a_400_with_the_form_again(client):
    client.force_login(UserFactory())
    response = client.post(EDIT_URL, {"headline": "", "hours_per_month": "500"})
    assert response.status_code == 400
    assert "Please correct the errors below." in response.content.decode()


def test_pausing_hides_the_profile_from_the_directory_and_others_until_resumed(client):
    person = UserFactory(display_name="Grace Hopper")
    practitioner = _offer(person)
    detail = reverse("network:practitioner-detail", args=[practitioner.pk])
    client.force_login(person)
    client.post(reverse("network:practitioner-availability"), {"available": "0"})
    assert "I help councils publish budgets" not in client.get(LIST_URL).content.decode()
    assert client.get(detail).status_code == 200  # its owner still sees it
    client.force_login(UserFactory())
    assert client.get(detail).status_code == 404
    client.force_login(person)
    client.post(reverse("network:practitioner-availability"), {"available": "1"})
    assert "I help councils publish budgets" in client.get(LIST_URL).content.decode()


def test_a_bad_availability_value_is_a_400(client):
    person = UserFactory()
    _offer(person)
    client.force_login(person)
    response = client.post(reverse("network:practitioner-availability"), {"available": "maybe"})
    assert response.status_code == 400


def test_removing_deletes_the_profile(client):
    person = UserFactory()
    _offer(person)
    client.force_login(person)
    response = client.post(reverse("network:practitioner-remove"))
    assert response.status_code == 302
    assert not Practitioner.objects.filter(user=person).exists()


def test_the_public_page_shows_public_fields_and_never_the_e_mail_address(client):
    person = UserFactory(display_name="Ada", email="ada.secret@example.org")
    practitioner = _offer(person, data_expert=True)
    client.force_login(UserFactory())
    page = client.get(reverse("network:practitioner-detail", args=[practitioner.pk]))
    html = page.content.decode()
    assert "I help councils publish budgets" in html
    assert "Open data" in html
    assert "French" in html
    assert "France" in html
    assert "Helps make sense of data sets" in html
    assert "ada.secret@example.org" not in html
    assert "ada.secret@example.org" not in client.get(LIST_URL).content.decode()


def test_search_finds_words_of_the_headline_and_of_the_name(client):
    _offer(UserFactory(display_name="Marie Curie"), headline="Procurement dashboards")
    _offer(UserFactory(display_name="Alan Turing"), headline="Freedom of information requests")
    html = client.get(LIST_URL, {"q": "procurement"}).content.decode()
    assert "Marie Curie" in html
    assert "Alan Turing" not in html
    html = client.get(LIST_URL, {"q": "turing"}).content.decode()
    assert "Alan Turing" in html
    assert "Marie Curie" not in html


def test_filters_narrow_by_topic_tool_language_country_and_data_help(client):
    tool = ToolFactory(slug="civic-forum", name="Civic Forum")
    PractitionerFactory(
        user=UserFactory(display_name="Alpha"),
        topics=topics("justice"),
        tools=[tool],
        languages=["pt"],
        countries=["BR"],
        data_expert=True,
    )
    PractitionerFactory(user=UserFactory(display_name="Beta"), topics=topics("open-data"))
    for query in (
        {"topic": "justice"},
        {"tool": "civic-forum"},
        {"language": "pt"},
        {"country": "br"},
        {"data": "1"},
    ):
        html = client.get(LIST_URL, query).content.decode()
        assert "Alpha" in html, query
        assert "Beta" not in html, query


def test_odd_filter_values_give_an_empty_list_not_an_error(client):
    response = client.get(LIST_URL, {"topic": "x" * 500, "language": '"%_', "page": "999999999"})
    assert response.status_code == 200


def test_the_directory_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    tools = [ToolFactory() for _ in range(3)]
    for _ in range(25):
        PractitionerFactory(topics=topics("open-data", "justice"), tools=tools)
    with django_assert_max_num_queries(14):
        response = client.get(LIST_URL)
    assert response.status_code == 200


def test_text_is_escaped_on_the_directory_and_the_page(client):
    payload = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    practitioner = _offer(UserFactory(display_name=payload), headline=payload)
    for url in (LIST_URL, reverse("network:practitioner-detail", args=[practitioner.pk])):
        html = main(client.get(url))
        assert "&lt;script&gt;" in html
        assert live_fragments(html) == []


def test_the_profile_is_exported_and_deleted_with_the_personal_data():
    person = UserFactory()
    _offer(person)
    source = personal_data.get("network.practitioner")
    [row] = source.export(person)
    assert row["headline"] == "I help councils publish budgets"
    assert row["topics"] == ["open-data"]
    source.anonymise(person)
    assert not Practitioner.objects.filter(user=person).exists()
