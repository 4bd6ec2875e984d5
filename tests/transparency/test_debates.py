"""The debate attached to each algorithm: a consultation of the platform organisation, opened on
first use, where people comment on the algorithm and propose changes."""

import pytest
from django.core.exceptions import PermissionDenied

from pnyx.core import algorithms
from pnyx.core.models import AuditEntry
from pnyx.orgs.models import Organisation
from pnyx.participation.models import PhaseKind, Process, ProcessStatus, Proposition
from pnyx.participation.services.propositions import proposition_create
from pnyx.transparency import services
from pnyx.transparency.models import AlgorithmDebate
from tests.orgs.factories import AdminFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

DEBATE_URL = "/algorithms/participation-trending/debate/"


def trending():
    return algorithms.get("participation.trending")


def test_before_anyone_opens_it_the_card_offers_to_open_the_debate(client):
    html = client.get("/algorithms/participation-trending/").content.decode()

    assert "Nobody has opened the debate on this algorithm yet." in html
    assert f'href="{DEBATE_URL}"' in html
    assert not Process.objects.exists()


def test_a_visitor_is_asked_to_log_in_and_their_post_opens_nothing(client):
    page = client.get(DEBATE_URL).content.decode()

    response = client.post(DEBATE_URL)

    assert "/accounts/login/?next=/algorithms/participation-trending/debate/" in page
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not AlgorithmDebate.objects.exists()


def test_a_person_without_a_confirmed_address_cannot_open_it(client):
    client.force_login(UserFactory(confirmed=False))

    page = client.get(DEBATE_URL).content.decode()
    response = client.post(DEBATE_URL)

    assert "Confirm your e-mail address first" in page
    assert 'type="submit">Open the debate' not in page
    assert response.status_code == 403
    assert not AlgorithmDebate.objects.exists()
    assert not Process.objects.exists()
    assert not Organisation.objects.exists()


def test_opening_the_debate_creates_a_public_consultation_of_the_platform_and_leads_there(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(DEBATE_URL)

    debate = AlgorithmDebate.objects.get()
    process = debate.process
    assert debate.algorithm_id == "participation.trending"
    assert response.status_code == 302
    assert response["Location"] == process.get_absolute_url()
    assert process.status == ProcessStatus.PUBLISHED
    assert process.title == "Debate: Trending"
    assert process.slug == "algorithm-participation-trending"
    assert process.organisation.name == "Pnyx"
    assert [q.title for q in process.questions.order_by("position")] == [
        "What should change in this algorithm?",
        "What is unclear, or what worries you about it?",
    ]
    phase = process.phases.get()
    assert phase.kind == PhaseKind.PROPOSING
    assert phase.is_running()
    assert "/algorithms/participation-trending/" in process.body
    entry = AuditEntry.objects.get(action="transparency.algorithm_debate_opened")
    assert entry.actor == person
    assert entry.data == {"algorithm": "participation.trending", "version": "1.0"}


def test_the_debate_link_reaches_the_same_consultation_once_it_is_open(client):
    client.force_login(UserFactory())
    first = client.post(DEBATE_URL)

    again = client.post(DEBATE_URL)
    visitor_link = client.get(DEBATE_URL)

    assert again["Location"] == visitor_link["Location"] == first["Location"]
    assert Process.objects.count() == AlgorithmDebate.objects.count() == 1


def test_every_debate_is_run_by_the_same_platform_organisation():
    person = UserFactory()

    first = services.algorithm_debate_open(actor=person, card=trending())
    second = services.algorithm_debate_open(actor=person, card=algorithms.get("orgs.directory"))

    assert first.organisation == second.organisation
    assert Organisation.objects.count() == 1


def test_an_organisation_that_only_happens_to_be_called_pnyx_is_not_taken_over():
    squatter = OrganisationFactory(name="Pnyx", slug="pnyx")

    process = services.algorithm_debate_open(actor=UserFactory(), card=trending())

    assert process.organisation != squatter
    assert process.organisation.slug == "pnyx-2"


def test_the_configured_platform_organisation_runs_the_debates(settings):
    ours = OrganisationFactory(name="Open Gov Platform Team", slug="platform-team")
    settings.PNYX_PLATFORM_ORGANISATION = "platform-team"

    process = services.algorithm_debate_open(actor=UserFactory(), card=trending())

    assert process.organisation == ours


def test_a_refused_person_leaves_nothing_behind():
    with pytest.raises(PermissionDenied):
        services.algorithm_debate_open(actor=UserFactory(confirmed=False), card=trending())

    assert not AlgorithmDebate.objects.exists()
    assert not AuditEntry.objects.filter(action="transparency.algorithm_debate_opened").exists()


def test_a_person_can_propose_a_change_in_the_debate(client):
    person = UserFactory()
    client.force_login(person)
    process = Process.objects.get(
        pk=services.algorithm_debate_open(actor=person, card=trending()).pk
    )
    question = process.questions.order_by("position").first()

    response = client.post(
        f"/processes/{process.slug}/propose/",
        {
            "question": question.pk,
            "title": "Count only the votes of the last week",
            "body": "Old votes should stop counting.",
        },
    )

    proposition = Proposition.objects.get(process=process)
    assert response.status_code == 302
    assert proposition.author == person
    assert proposition.title == "Count only the votes of the last week"


def test_the_card_shows_the_debate_counts_and_latest_propositions(client):
    person = UserFactory()
    process = services.algorithm_debate_open(actor=person, card=trending())
    question = process.questions.order_by("position").first()
    for title in ("First idea", "Second idea", "Third idea", "Fourth idea"):
        proposition_create(actor=person, process=process, question=question, title=title, body="…")

    html = client.get("/algorithms/participation-trending/").content.decode()

    assert "4 propositions so far" in html
    assert "0 comments" in html
    assert "Fourth idea" in html
    assert "Third idea" in html
    assert "Second idea" in html
    assert "First idea" not in html
    assert f'href="{process.get_absolute_url()}"' in html


def test_the_card_page_costs_a_few_queries_however_big_the_debate(
    client, django_assert_num_queries
):
    person = UserFactory()
    process = services.algorithm_debate_open(actor=person, card=trending())
    question = process.questions.first()
    for number in range(6):
        proposition_create(
            actor=person, process=process, question=question, title=f"Idea {number}", body="…"
        )

    with django_assert_num_queries(2):  # the debate with its consultation; its newest propositions
        client.get("/algorithms/participation-trending/")


def test_platform_administrators_answer_and_moderate_the_debate():
    process = services.algorithm_debate_open(actor=UserFactory(), card=trending())
    admin = AdminFactory()

    assert admin.has_perm("participation.answer_proposition", process)
    assert admin.has_perm("participation.moderate_process", process)
    assert not UserFactory().has_perm("participation.moderate_process", process)


def test_an_unknown_algorithm_has_no_debate(client):
    client.force_login(UserFactory())

    assert client.get("/algorithms/no-such-thing/debate/").status_code == 404
    assert client.post("/algorithms/no-such-thing/debate/").status_code == 404
    assert not Process.objects.exists()
