"""Help requests: posting for one's organisation, closing and reopening, the list's filters,
the page with suggested practitioners and their reasons, and the answers thread of a data set
request with useful answers first."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pnyx.core import personal_data
from pnyx.network.models import ExpertAnswer, HelpKind, HelpRequest, HelpStatus
from pnyx.network.services import help as services
from tests.network.factories import (
    ExpertAnswerFactory,
    HelpRequestFactory,
    OrganisationFactory,
    PractitionerFactory,
    UserFactory,
    add_member,
    topics,
)
from tests.network.test_practitioners import live_fragments, main
from tests.toolbox.factories import ToolFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("network:help-list")
CREATE_URL = reverse("network:help-create")


@pytest.fixture
def ngo():
    return OrganisationFactory(name="Open Budget Lab", slug="open-budget-lab")


@pytest.fixture
def member(ngo):
    return add_member(ngo, UserFactory(display_name="Mia Member"))


@pytest.fixture
def data_request(ngo, member):
    return HelpRequestFactory(
        organisation=ngo,
        author=member,
        kind=HelpKind.DATA,
        title="What do these procurement columns mean?",
        dataset_url="https://data.example.org/procurement.csv",
    )


def _form(**changes):
    data = {
        "organisation": "open-budget-lab",
        "kind": "help",
        "title": "Help us open our budget",
        "body": "We need **someone** who knows budgets.",
        "topics": ["fiscal-openness"],
        "languages": ["fr"],
        "country": "FR",
    }
    return {**data, **changes}


def test_a_member_posts_a_help_request_for_the_organisation(client, ngo, member):
    client.force_login(member)
    response = client.post(CREATE_URL, _form())
    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == help_request.get_absolute_url()
    assert help_request.organisation == ngo
    assert help_request.author == member
    page = client.get(help_request.get_absolute_url()).content.decode()
    assert "<strong>someone</strong>" in page
    assert "Open Budget Lab" in page


def test_a_data_request_needs_the_data_set_address(client, ngo, member):
    client.force_login(member)
    response = client.post(CREATE_URL, _form(kind="data"))
    assert response.status_code == 400
    assert "Give the address of the data set to make sense of." in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.help_request_create(
            actor=member,
            organisation=ngo,
            title="t",
            body="b",
            kind="data",
            dataset_url="javascript:alert(1)",
        )
    assert "dataset_url" in refused.value.message_dict


def test_people_outside_the_organisation_may_not_post_for_it(client, ngo):
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        services.help_request_create(actor=stranger, organisation=ngo, title="t", body="b")
    client.force_login(stranger)
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, _form()).status_code == 403


def test_a_member_cannot_post_for_another_organisation_through_the_form(client, member):
    other = OrganisationFactory(slug="other-org")
    client.force_login(member)
    response = client.post(CREATE_URL, _form(organisation=other.slug))
    assert response.status_code == 400
    assert not HelpRequest.objects.exists()


def test_members_close_and_reopen_others_may_not(client, ngo, member, data_request):
    url = reverse("network:help-status", args=[data_request.pk])
    client.force_login(UserFactory())
    assert client.post(url, {"status": "closed"}).status_code == 403
    client.force_login(member)
    assert client.post(url, {"status": "nonsense"}).status_code == 400
    client.post(url, {"status": "closed"})
    data_request.refresh_from_db()
    assert data_request.status == HelpStatus.CLOSED
    client.post(url, {"status": "open"})
    data_request.refresh_from_db()
    assert data_request.status == HelpStatus.OPEN


def test_the_list_filters_by_topic_kind_status_and_organisation(client, ngo, data_request):
    other = HelpRequestFactory(title="Help with our petition site", topics=topics("justice"))
    other.status = HelpStatus.CLOSED
    other.save()
    cases = [
        ({"kind": "data"}, data_request.title, other.title),
        ({"topic": "justice"}, other.title, data_request.title),
        ({"status": "closed"}, other.title, data_request.title),
        ({"organisation": ngo.slug}, data_request.title, other.title),
    ]
    for query, shown, hidden in cases:
        html = client.get(LIST_URL, query).content.decode()
        assert shown in html, query
        assert hidden not in html, query
    assert client.get(LIST_URL, {"kind": "<script>"}).status_code == 200


def test_the_page_suggests_matching_practitioners_with_their_reasons(client, ngo, member):
    tool = ToolFactory(name="OpenSpending", slug="openspending")
    help_request = HelpRequestFactory(
        organisation=ngo, author=member, topics=topics("fiscal-openness"), tools=[tool]
    )
    PractitionerFactory(
        user=UserFactory(display_name="Budget Expert"),
        topics=topics("fiscal-openness"),
        tools=[tool],
        languages=["en"],
    )
    PractitionerFactory(user=UserFactory(display_name="Unrelated"), topics=topics("justice"))
    PractitionerFactory(
        user=UserFactory(display_name="Paused Person"),
        topics=topics("fiscal-openness"),
        available=False,
    )
    html = client.get(help_request.get_absolute_url()).content.decode()
    assert "Budget Expert" in html
    assert "Shared topics: Fiscal openness" in html
    assert "Shared tools: OpenSpending" in html
    assert "Shared languages: English" in html
    assert "Unrelated" not in html
    assert "Paused Person" not in html
    assert reverse("transparency:algorithm-detail", args=["network-practitioner_matching"]) in html


def test_the_help_page_runs_a_bounded_number_of_queries(
    client, ngo, member, data_request, django_assert_max_num_queries
):
    data_request.topics.set(topics("open-data"))
    for _ in range(15):
        PractitionerFactory(topics=topics("open-data"), data_expert=True)
        ExpertAnswerFactory(help_request=data_request)
    client.force_login(member)
    with django_assert_max_num_queries(24):
        response = client.get(data_request.get_absolute_url())
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(LIST_URL).status_code == 200


def test_a_data_request_links_the_data_set_without_following_it(client, data_request):
    html = client.get(data_request.get_absolute_url()).content.decode()
    assert '<a href="https://data.example.org/procurement.csv" rel="nofollow noopener">' in html


def test_a_confirmed_person_answers_and_members_mark_it_useful(client, member, data_request):
    expert = UserFactory(display_name="Data Dan")
    early = ExpertAnswerFactory(help_request=data_request, body="First, unhelpful answer")
    client.force_login(expert)
    response = client.post(
        reverse("network:answer-create", args=[data_request.pk]),
        {"body": "Column C holds amounts in euros."},
    )
    assert response.status_code == 302
    answer = ExpertAnswer.objects.get(author=expert)
    useful_url = reverse("network:answer-useful", args=[answer.pk])
    assert client.post(useful_url, {"useful": "1"}).status_code == 403
    client.force_login(member)
    client.post(useful_url, {"useful": "1"})
    html = client.get(data_request.get_absolute_url()).content.decode()
    assert html.index("Column C holds amounts in euros.") < html.index(early.body)
    assert "Useful" in html
    client.post(useful_url, {"useful": "0"})
    answer.refresh_from_db()
    assert not answer.useful
    assert client.post(useful_url, {"useful": "perhaps"}).status_code == 400


def test_answers_need_a_confirmed_address_an_open_data_request_and_a_body(
    client, ngo, member, data_request
):
    url = reverse("network:answer-create", args=[data_request.pk])
    client.force_login(UserFactory(confirmed=False))
    assert client.post(url, {"body": "Hello"}).status_code == 403
    client.force_login(UserFactory())
    assert client.post(url, {"body": ""}).status_code == 400
    plain = HelpRequestFactory(organisation=ngo)
    response = client.post(reverse("network:answer-create", args=[plain.pk]), {"body": "Hi"})
    assert response.status_code == 400
    services.help_request_set_status(actor=member, help_request=data_request, status="closed")
    response = client.post(url, {"body": "Too late"})
    assert response.status_code == 400
    assert "This help request is closed." in response.content.decode()


def test_unknown_requests_and_answers_are_404(client):
    client.force_login(UserFactory())
    assert client.get(reverse("network:help-detail", args=[999])).status_code == 404
    assert (
        client.post(reverse("network:answer-useful", args=[999]), {"useful": "1"}).status_code
        == 404
    )


def test_titles_bodies_and_answers_are_escaped(client, ngo, member):
    payload = "<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))"
    help_request = HelpRequestFactory(
        organisation=ngo,
        kind=HelpKind.DATA,
        dataset_url="https://data.example.org/x.csv",
        title=payload,
        body=payload,
    )
    ExpertAnswerFactory(help_request=help_request, body=payload)
    for url in (help_request.get_absolute_url(), LIST_URL):
        html = main(client.get(url))
        assert live_fragments(html) == []


def test_authored_requests_and_answers_are_exported_then_anonymised(member, data_request):
    ExpertAnswerFactory(help_request=data_request, author=member, body="My own answer")
    source = personal_data.get("network.help")
    rows = source.export(member)
    assert {row["event"] for row in rows} == {"network.help_requested", "network.answer_written"}
    source.anonymise(member)
    data_request.refresh_from_db()
    assert data_request.author is None
    assert ExpertAnswer.objects.get(body="My own answer").author is None
