"""The “for you” page, its settings, the “why” page and the settings as personal data."""

import pytest

from pnyx.core import personal_data
from pnyx.core.models import Topic
from pnyx.toolbox.models import RecommenderSettings
from pnyx.toolbox.recommender import DEFAULT_WEIGHTS
from pnyx.toolbox.services.usages import usage_declare
from tests.programs.factories import add_admin, add_member
from tests.toolbox.factories import OrganisationFactory, PracticeFactory, ToolFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/tools/for-you/"
SETTINGS = "/tools/for-you/settings/"


def topic(slug):
    return Topic.objects.get_or_create(slug=slug)[0]


@pytest.fixture
def catalog():
    """A person in an NGO on budgets; a budget tool nobody uses, a popular tool off topic."""
    budget = topic("fiscal-openness")
    organisation = OrganisationFactory(name="Budget Watch", slug="budget-watch")
    organisation.topics.add(budget)
    person = add_admin(organisation)
    matching = ToolFactory(name="Budget Lens")
    matching.topics.add(budget)
    popular = ToolFactory(name="Crowd Caller")
    for _ in range(3):
        other = OrganisationFactory(country="BR", kind="school")
        usage_declare(actor=add_admin(other), organisation=other, tool=popular, purpose="Calls")
    return {"person": person, "organisation": organisation, "matching": matching}


def form_data(personalised=True, **weights):
    data = {f"weight_{name}": value for name, value in DEFAULT_WEIGHTS.items()}
    data.update({f"weight_{name}": value for name, value in weights.items()})
    if personalised:
        data["personalised"] = "on"
    return data


def names_in_order(response):
    return [item.candidate.title for item in response.context["results"].items]


def test_a_person_sees_suggestions_for_their_organisation_with_reasons(client, catalog):
    client.force_login(catalog["person"])

    response = client.get(URL, {"organisation": "budget-watch"})

    assert response.status_code == 200
    assert names_in_order(response)[0] == "Budget Lens"
    page = response.content.decode()
    assert "Suggestions for Budget Watch." in page
    assert "Shared topics" in page
    assert "Organisations like yours use it" in page
    assert "Why it is here" in page


def test_changing_a_weight_changes_the_order(client, catalog):
    client.force_login(catalog["person"])
    before = names_in_order(client.get(URL, {"organisation": "budget-watch"}))
    saved = client.post(SETTINGS, form_data(topics=0, popularity=5))
    after = names_in_order(client.get(URL, {"organisation": "budget-watch"}))

    assert saved.status_code == 302
    assert before[0] == "Budget Lens"
    assert after[0] == "Crowd Caller"
    assert RecommenderSettings.objects.get().weights["popularity"] == 5


@pytest.mark.parametrize("value", ["7", "-1", "many", ""])
def test_a_weight_out_of_range_is_a_400_naming_the_factor(client, catalog, value):
    client.force_login(catalog["person"])

    response = client.post(SETTINGS, form_data(topics=value))

    assert response.status_code == 400
    assert (
        "Give the weight of “Shared topics” as a number from 0 to 5." in response.content.decode()
    )
    assert not RecommenderSettings.objects.exists()


def test_turning_personalisation_off_shows_the_common_order_and_says_so(client, catalog):
    client.force_login(catalog["person"])
    saved = client.post(SETTINGS, form_data(personalised=False))

    response = client.get(URL)

    page = response.content.decode()
    assert saved.status_code == 302
    assert "Personal recommendations are turned off" in page
    assert not response.context["results"].personalised
    assert names_in_order(response)[0] == "Crowd Caller"


def test_resetting_forgets_the_settings(client, catalog):
    client.force_login(catalog["person"])
    RecommenderSettings.objects.create(user=catalog["person"], personalised=False)

    response = client.post(SETTINGS, {"reset": "1"})

    assert response.status_code == 302
    assert not RecommenderSettings.objects.exists()


def test_the_settings_page_shows_the_current_weights(client, catalog):
    RecommenderSettings.objects.create(user=catalog["person"], weights={"topics": 4.5})
    client.force_login(catalog["person"])

    response = client.get(SETTINGS)

    assert response.status_code == 200
    assert response.context["form"]["weight_topics"].value() == 4.5


def test_an_anonymous_visitor_gets_the_common_order_and_an_invitation(client, catalog):
    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "to get suggestions for you and your organisation" in page
    assert not response.context["results"].personalised


def test_an_anonymous_visitor_is_sent_to_sign_in_for_the_settings(client):
    assert client.get(SETTINGS).status_code == 302


def test_someone_elses_organisation_is_a_403_and_an_unknown_one_a_404(client, catalog):
    client.force_login(UserFactory())

    assert client.get(URL, {"organisation": "budget-watch"}).status_code == 403
    assert client.get(URL, {"organisation": "nobody-here"}).status_code == 404


def test_a_member_gets_the_person_list_mixed_with_their_organisations(client, catalog):
    member = add_member(catalog["organisation"])
    client.force_login(member)

    response = client.get(URL)

    assert response.status_code == 200
    assert names_in_order(response)[0] == "Budget Lens"  # the organisation's topic


def test_the_page_reads_a_bounded_number_of_queries(client, catalog, django_assert_max_num_queries):
    for _ in range(30):
        PracticeFactory().topics.add(topic("fiscal-openness"))
    client.force_login(catalog["person"])
    client.get(URL, {"organisation": "budget-watch"})

    with django_assert_max_num_queries(12):
        response = client.get(URL, {"organisation": "budget-watch"})

    assert len(response.context["results"].items) == 20


def test_the_why_page_explains_one_suggestion(client, catalog):
    client.force_login(catalog["person"])
    tool = catalog["matching"]

    response = client.get(
        f"/algorithms/toolbox-recommender/why/{tool.pk}/",
        {"kind": "tool", "organisation": "budget-watch"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Budget Lens" in page
    assert "Shared topics" in page


def test_the_why_page_of_an_unknown_item_is_a_404(client, catalog):
    client.force_login(catalog["person"])

    response = client.get("/algorithms/toolbox-recommender/why/999999/", {"kind": "practice"})

    assert response.status_code == 404


def test_settings_are_exported_and_deleted_with_the_person(catalog):
    person = catalog["person"]
    RecommenderSettings.objects.create(user=person, personalised=False, weights={"topics": 2})
    source = personal_data.get("toolbox.recommender_settings")

    exported = source.export(person)
    source.anonymise(person)

    assert exported[0]["personalised"] is False
    assert exported[0]["weights"] == {"topics": 2}
    assert not RecommenderSettings.objects.filter(user=person).exists()
