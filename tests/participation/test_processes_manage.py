"""Creating a consultation and the management page: forms, bad input, permissions, publishing."""

import pytest

from pnyx.core.models import AuditEntry
from pnyx.participation.models import Phase, PhaseKind, Process, ProcessStatus, Question
from tests.orgs.factories import MembershipFactory
from tests.participation.factories import (
    OrganisationFactory,
    PhaseFactory,
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
    add_organiser,
)

pytestmark = pytest.mark.django_db

CREATE = "/processes/new/"


def manage_url(process, action="", pk=None):
    url = f"/processes/{process.slug}/manage/"
    if action:
        url += f"{action}/"
    if pk is not None:
        url += f"{pk}/"
    return url


VALID = {
    "title": "Democracy Night",
    "summary": "Three questions.",
    "body": "",
    "vote_mode": "support",
    "propose_audience": "confirmed",
    "vote_audience": "confirmed",
    "comment_audience": "confirmed",
    "languages": ["en"],
}


@pytest.fixture
def organiser_client(client):
    organisation = OrganisationFactory(slug="friends", name="Friends")
    admin = MembershipFactory(organisation=organisation, role="admin").user
    client.force_login(admin)
    client.organisation = organisation
    return client


def test_the_create_form_offers_only_administered_organisations(organiser_client):
    OrganisationFactory(slug="elsewhere", name="Elsewhere")

    response = organiser_client.get(CREATE, {"organisation": "friends"})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<option value="friends" selected>Friends</option>' in html
    assert "Elsewhere" not in html


def test_creating_a_draft_leads_to_its_management_page(organiser_client):
    response = organiser_client.post(CREATE, {**VALID, "organisation": "friends"})

    process = Process.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "/processes/democracy-night/manage/"
    assert (process.status, process.organisation.slug) == (ProcessStatus.DRAFT, "friends")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"organisation": "elsewhere"}, "Select a valid choice."),
        ({"vote_limit": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"vote_limit": "many"}, "Enter a whole number."),
        ({"languages": ["de"]}, "Select a valid choice. de is not one of the available choices."),
        ({"moderator_emails": "not-an-address"}, "These are not e-mail addresses: not-an-address."),
        ({"moderator_emails": "ghost@example.org"}, "Nobody on Pnyx uses these addresses"),
        ({"member_organisations": "ghost-org"}, "No organisation has the address name ghost-org."),
        ({"vote_audience": "members"}, "Name at least one organisation whose members take part."),
    ],
)
def test_bad_input_re_renders_the_form_with_400_and_saves_nothing(
    organiser_client, changes, message
):
    OrganisationFactory(slug="elsewhere")
    data = {**VALID, "organisation": "friends", **changes}

    response = organiser_client.post(CREATE, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Process.objects.count() == 0


def test_people_who_administer_nothing_get_403(client):
    client.force_login(UserFactory())

    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {**VALID, "organisation": "x"}).status_code == 403


def test_visitors_are_sent_to_log_in(client):
    response = client.get(CREATE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.fixture
def draft():
    process = ProcessFactory(status=ProcessStatus.DRAFT, phase=False, published_at=None)
    return process, add_organiser(process)


def test_the_management_page_shows_every_section_to_organisers(client, draft):
    process, organiser = draft
    client.force_login(organiser)

    response = client.get(manage_url(process))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for heading in ("Publication", "Questions", "Phases", "Invitation link"):
        assert f">{heading}</h2>" in html
    assert 'name="publish-confirm"' in html


def test_non_organisers_get_403_and_drafts_stay_hidden(client, draft):
    process, _organiser = draft
    published = ProcessFactory()
    client.force_login(UserFactory())

    assert client.get(manage_url(published)).status_code == 403
    assert (
        client.post(manage_url(published, "publish"), {"publish-confirm": "on"}).status_code == 403
    )
    assert client.get(manage_url(process)).status_code == 404
    assert client.post(manage_url(process, "question-add"), {}).status_code == 404
    assert Question.objects.count() == 0


def test_details_are_saved_and_bad_details_answer_400(client, draft):
    process, organiser = draft
    client.force_login(organiser)
    data = {f"details-{name}": value for name, value in VALID.items()}

    saved = client.post(manage_url(process), {**data, "details-title": "Renamed"})
    refused = client.post(manage_url(process), {**data, "details-title": ""})

    assert saved.status_code == 302
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    process.refresh_from_db()
    assert process.title == "Renamed"


def test_adding_questions_and_phases_then_publishing(client, draft):
    process, organiser = draft
    client.force_login(organiser)

    client.post(manage_url(process, "question-add"), {"question-new-title": "How?"})
    client.post(
        manage_url(process, "phase-add"),
        {
            "phase-new-kind": "proposing",
            "phase-new-starts_at": "2030-01-01T10:00",
            "phase-new-ends_at": "2030-02-01T10:00",
        },
    )
    response = client.post(manage_url(process, "publish"), {"publish-confirm": "on"})

    process.refresh_from_db()
    assert response.status_code == 302
    assert process.status == ProcessStatus.PUBLISHED
    assert list(process.questions.values_list("title", flat=True)) == ["How?"]
    assert process.phases.get().starts_at.isoformat() == "2030-01-01T10:00:00+00:00"


def test_publishing_without_confirmation_or_before_it_is_complete_answers_400(client, draft):
    process, organiser = draft
    client.force_login(organiser)

    unconfirmed = client.post(manage_url(process, "publish"), {})
    incomplete = client.post(manage_url(process, "publish"), {"publish-confirm": "on"})

    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm." in unconfirmed.content.decode()
    assert incomplete.status_code == 400
    assert "Add at least one question before publishing." in incomplete.content.decode()
    process.refresh_from_db()
    assert process.status == ProcessStatus.DRAFT
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"phase-new-kind": "voting", "phase-new-starts_at": "2030-01-02T10:00",
             "phase-new-ends_at": "2030-01-01T10:00"},
            "The phase must end after it starts.",
        ),
        (
            {"phase-new-kind": "voting", "phase-new-starts_at": "soon",
             "phase-new-ends_at": "2030-01-01T10:00"},
            "Enter a valid date/time.",
        ),
        (
            {"phase-new-kind": "party", "phase-new-starts_at": "2030-01-01T10:00",
             "phase-new-ends_at": "2030-01-02T10:00"},
            "Select a valid choice. party is not one of the available choices.",
        ),
        (
            {"phase-new-kind": "proposing", "phase-new-starts_at": "2030-01-05T10:00",
             "phase-new-ends_at": "2030-03-01T10:00"},
            "This phase overlaps the Proposing phase",
        ),
    ],
)  # fmt: skip
def test_bad_phases_answer_400_with_the_reason(client, draft, data, message):
    process, organiser = draft
    PhaseFactory(process=process, kind=PhaseKind.PROPOSING,
                 starts_at="2030-01-01T00:00Z", ends_at="2030-02-01T00:00Z")  # fmt: skip
    client.force_login(organiser)

    response = client.post(manage_url(process, "phase-add"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Phase.objects.count() == 1


def test_editing_and_deleting_a_phase(client, draft):
    process, organiser = draft
    phase = PhaseFactory(process=process)
    client.force_login(organiser)
    prefix = f"phase-{phase.pk}"

    edited = client.post(
        manage_url(process, "phase-update", phase.pk),
        {f"{prefix}-kind": "voting", f"{prefix}-starts_at": "2030-01-01T10:00",
         f"{prefix}-ends_at": "2030-01-03T10:00", f"{prefix}-title": "Vote"},
    )  # fmt: skip
    phase.refresh_from_db()
    deleted = client.post(manage_url(process, "phase-delete", phase.pk))

    assert edited.status_code == 302
    assert (phase.kind, phase.title) == ("voting", "Vote")
    assert deleted.status_code == 302
    assert Phase.objects.count() == 0


def test_a_phase_of_another_process_answers_404(client, draft):
    process, organiser = draft
    foreign = PhaseFactory()
    client.force_login(organiser)

    response = client.post(manage_url(process, "phase-delete", foreign.pk))

    assert response.status_code == 404
    assert Phase.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("path", ["fly-away", "publish/3", "phase-delete"])
def test_unknown_actions_or_missing_ids_answer_404(client, draft, path):
    process, organiser = draft
    client.force_login(organiser)

    assert client.post(f"{manage_url(process)}{path}/").status_code == 404


def test_deleting_a_question_with_propositions_answers_400(client):
    proposition = PropositionFactory()
    process = proposition.process
    QuestionFactory(process=process)
    client.force_login(add_organiser(process))

    response = client.post(manage_url(process, "question-delete", proposition.question_id))

    assert response.status_code == 400
    assert "This question already has propositions" in response.content.decode()
    assert Question.objects.filter(pk=proposition.question_id).exists()


def test_moving_questions_and_refusing_a_bad_direction(client, draft):
    process, organiser = draft
    first = QuestionFactory(process=process, title="First", position=0)
    second = QuestionFactory(process=process, title="Second", position=1)
    client.force_login(organiser)

    moved = client.post(manage_url(process, "question-move", second.pk), {"direction": "up"})
    refused = client.post(manage_url(process, "question-move", first.pk), {"direction": "left"})

    assert moved.status_code == 302
    assert refused.status_code == 400
    assert "Select a valid choice." in refused.content.decode()
    assert list(process.questions.values_list("title", flat=True)) == ["Second", "First"]


def test_archiving_needs_confirmation(client):
    process = ProcessFactory()
    client.force_login(add_organiser(process))

    refused = client.post(manage_url(process, "archive"), {})
    done = client.post(manage_url(process, "archive"), {"archive-confirm": "on"})

    assert refused.status_code == 400
    assert done.status_code == 302
    process.refresh_from_db()
    assert process.status == ProcessStatus.ARCHIVED


def test_get_on_an_action_changes_nothing(client, draft):
    process, organiser = draft
    client.force_login(organiser)

    response = client.get(manage_url(process, "publish"))

    assert response.status_code == 302
    process.refresh_from_db()
    assert process.status == ProcessStatus.DRAFT
