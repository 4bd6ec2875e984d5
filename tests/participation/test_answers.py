"""Official answers: states, the required reason for a rejection, audit, notifications, page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse

from pnyx.core.models import AuditEntry
from pnyx.participation.models import Follow, Notification
from pnyx.participation.services.answers import proposition_answer
from tests.participation.factories import PropositionFactory, UserFactory, add_organiser
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposition():
    return PropositionFactory()


@pytest.fixture
def organiser(proposition):
    return add_organiser(proposition.process)


def test_the_answer_is_stored_audited_and_notifies_author_and_followers(
    proposition, organiser, django_capture_on_commit_callbacks
):
    follower = UserFactory()
    Follow.objects.create(user=follower, proposition=proposition)
    process_follower = UserFactory()
    Follow.objects.create(user=process_follower, process=proposition.process)

    with django_capture_on_commit_callbacks(execute=True):
        answered = proposition_answer(
            organiser=organiser, proposition=proposition, state="accepted", text="We will."
        )

    assert (answered.answer_state, answered.answer_text) == ("accepted", "We will.")
    assert answered.answered_by == organiser
    assert answered.answered_at is not None
    entry = AuditEntry.objects.get()
    assert entry.action == "participation.proposition_answered"
    assert entry.target_id == str(proposition.pk)
    assert entry.data == {
        "state": "accepted",
        "previous_state": "",
        "process": proposition.process_id,
    }
    notified = Notification.objects.filter(event="participation.proposition_answered")
    assert sorted(notified.values_list("user_id", flat=True)) == sorted(
        [proposition.author_id, follower.pk, process_follower.pk]
    )
    assert notified.first().data["state"] == "accepted"


def test_a_rejection_needs_a_reason_and_nothing_happens_without_one(
    proposition, organiser, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as refused,
    ):
        proposition_answer(organiser=organiser, proposition=proposition, state="rejected", text=" ")

    assert refused.value.message_dict == {
        "text": ["Explain why the proposition is rejected: the reason is required."]
    }
    proposition.refresh_from_db()
    assert proposition.answer_state == ""
    assert AuditEntry.objects.count() == 0
    assert Notification.objects.count() == 0


@pytest.mark.parametrize("state", ["", "maybe", "none"])
def test_an_unknown_state_is_refused(proposition, organiser, state):
    with pytest.raises(ValidationError) as refused:
        proposition_answer(organiser=organiser, proposition=proposition, state=state, text="x")

    assert refused.value.message_dict == {
        "state": [
            "Choose the state of the answer among: evaluating, accepted, rejected, implemented."
        ]
    }


def test_only_an_organiser_answers(proposition, django_capture_on_commit_callbacks):
    moderator = UserFactory()
    proposition.process.moderators.add(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        for person in [UserFactory(), moderator, proposition.author]:
            with pytest.raises(PermissionDenied):
                proposition_answer(
                    organiser=person, proposition=proposition, state="accepted", text=""
                )

    proposition.refresh_from_db()
    assert proposition.answered_at is None
    assert AuditEntry.objects.count() == 0
    assert Notification.objects.count() == 0


def test_changing_the_answer_records_the_previous_state(proposition, organiser):
    proposition_answer(organiser=organiser, proposition=proposition, state="evaluating", text="")

    proposition_answer(
        organiser=organiser, proposition=proposition, state="implemented", text="Done"
    )

    last = AuditEntry.objects.order_by("-seq").first()
    assert last.data["previous_state"] == "evaluating"
    assert last.data["state"] == "implemented"


def render_answer(proposition, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load participation_community %}{% official_answer proposition %}")
    return template.render(RequestContext(request, {"proposition": proposition, "user": user}))


def test_the_answer_shows_state_date_and_markdown_and_the_form_only_to_organisers(
    proposition, organiser
):
    proposition_answer(
        organiser=organiser, proposition=proposition, state="accepted", text="We **will** do it."
    )
    proposition.refresh_from_db()

    public = render_answer(proposition, UserFactory())
    theirs = render_answer(proposition, organiser)

    assert "Accepted" in public
    assert "We <strong>will</strong> do it." in public
    assert "<time datetime=" in public
    assert "Publish the answer" not in public
    assert "Publish the answer" in theirs
    assert reverse("participation:proposition-answer", kwargs={"pk": proposition.pk}) in theirs


def test_answer_page_post_redirects_to_the_answer(client, proposition, organiser):
    client.force_login(organiser)

    response = client.post(
        reverse("participation:proposition-answer", kwargs={"pk": proposition.pk}),
        {"state": "rejected", "text": "Too expensive."},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/propositions/{proposition.pk}/#official-answer"
    proposition.refresh_from_db()
    assert proposition.answer_state == "rejected"


def test_answer_page_rejection_without_reason_answers_400_with_the_message(
    client, proposition, organiser
):
    client.force_login(organiser)

    response = client.post(
        reverse("participation:proposition-answer", kwargs={"pk": proposition.pk}),
        {"state": "rejected", "text": ""},
    )

    assert response.status_code == 400
    assert (
        "Explain why the proposition is rejected: the reason is required."
        in response.content.decode()
    )
    proposition.refresh_from_db()
    assert proposition.answer_state == ""


@pytest.mark.parametrize(("who", "status"), [("stranger", 403), ("author", 403)])
def test_answer_page_refuses_others(client, proposition, who, status):
    person = UserFactory() if who == "stranger" else proposition.author
    client.force_login(person)

    response = client.post(
        reverse("participation:proposition-answer", kwargs={"pk": proposition.pk}),
        {"state": "accepted", "text": "Yes"},
    )

    assert response.status_code == status
    proposition.refresh_from_db()
    assert proposition.answer_state == ""


def test_answer_page_unknown_proposition_is_404(client, organiser):
    client.force_login(organiser)

    response = client.post(reverse("participation:proposition-answer", kwargs={"pk": 999999}))

    assert response.status_code == 404


def test_answer_get_is_not_allowed(client, proposition, organiser):
    client.force_login(organiser)

    response = client.get(
        reverse("participation:proposition-answer", kwargs={"pk": proposition.pk})
    )

    assert response.status_code == 405


@pytest.mark.parametrize("payload", PAYLOADS)
def test_answer_text_payloads_are_inert(proposition, organiser, payload):
    proposition_answer(organiser=organiser, proposition=proposition, state="rejected", text=payload)
    proposition.refresh_from_db()

    html = render_answer(proposition, UserFactory())

    assert dangerous_fragments(html) == []
