"""Moderation pages: reporting, the moderators' queue with hide/unhide/dismiss, the summary."""

import pytest
from django.urls import reverse

from pnyx.core.models import AuditEntry
from pnyx.participation.models import ProcessStatus, Report
from pnyx.participation.services.comments import comment_create
from pnyx.participation.services.moderation import content_hide, report_create
from tests.participation.factories import PropositionFactory, UserFactory, add_organiser
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db

REPORT = "/propositions/report/"


@pytest.fixture
def proposition():
    return PropositionFactory()


@pytest.fixture
def comment(proposition):
    return comment_create(author=UserFactory(), proposition=proposition, body="Buy pills here")


@pytest.fixture
def moderator(proposition):
    person = UserFactory()
    proposition.process.moderators.add(person)
    return person


def queue_url(process, action=""):
    name = f"participation:content-{action}" if action else "participation:moderation-queue"
    if action == "dismiss":
        name = "participation:reports-dismiss"
    return reverse(name, kwargs={"slug": process.slug})


def test_reporting_a_comment_from_its_page(client, comment):
    reporter = UserFactory()
    client.force_login(reporter)

    form = client.get(REPORT, {"comment": comment.pk})
    response = client.post(
        f"{REPORT}?comment={comment.pk}", {"reason": "spam", "details": "Sells pills"}
    )

    assert form.status_code == 200
    assert "Report a comment" in form.content.decode()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    report = Report.objects.get()
    assert (report.reporter, report.comment, report.details) == (reporter, comment, "Sells pills")


def test_a_second_report_answers_400_with_a_clear_message(client, proposition):
    reporter = UserFactory()
    report_create(reporter=reporter, target=proposition, reason="spam")
    client.force_login(reporter)

    response = client.post(f"{REPORT}?proposition={proposition.pk}", {"reason": "off_topic"})

    assert response.status_code == 400
    assert "You already reported this; the moderators will look at it." in response.content.decode()
    assert Report.objects.count() == 1


def test_a_report_without_a_reason_answers_400(client, proposition):
    client.force_login(UserFactory())

    response = client.post(f"{REPORT}?proposition={proposition.pk}", {"reason": ""})

    assert response.status_code == 400
    assert "Choose a reason from the list." in response.content.decode()
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({}, 400),
        ({"comment": "abc"}, 404),
        ({"comment": "999999"}, 404),
        ({"proposition": "0"}, 404),
    ],
)
def test_a_report_of_nothing_or_of_something_unknown(client, query, status):
    client.force_login(UserFactory())

    assert client.get(REPORT, query).status_code == status


def test_an_unconfirmed_person_may_not_report(client, proposition):
    client.force_login(UserFactory(confirmed=False))

    response = client.post(f"{REPORT}?proposition={proposition.pk}", {"reason": "spam"})

    assert response.status_code == 403
    assert Report.objects.count() == 0


def test_content_of_a_draft_process_is_404_to_reporters(client, proposition):
    proposition.process.status = ProcessStatus.DRAFT
    proposition.process.save()
    client.force_login(UserFactory())

    assert client.get(REPORT, {"proposition": proposition.pk}).status_code == 404


def test_the_queue_is_for_moderators_and_organisers_only(client, proposition, comment, moderator):
    report_create(reporter=UserFactory(), target=comment, reason="spam", details="pills again")
    organiser = add_organiser(proposition.process)

    client.force_login(UserFactory())
    assert client.get(queue_url(proposition.process)).status_code == 403
    for person in [moderator, organiser]:
        client.force_login(person)
        response = client.get(queue_url(proposition.process))
        html = response.content.decode()
        assert response.status_code == 200
        assert "pills again" in html
        assert "Spam or advertising (1)" in html


def test_hiding_from_the_queue_shows_a_tombstone_on_the_proposition_page(
    client, proposition, comment, moderator
):
    report_create(reporter=UserFactory(), target=comment, reason="spam")
    client.force_login(moderator)

    response = client.post(
        queue_url(proposition.process, "hide"),
        {"target_type": "comment", "target_id": comment.pk, "reason": "Advertising"},
    )

    assert response.status_code == 302
    assert AuditEntry.objects.get().action == "participation.content_hidden"
    client.force_login(UserFactory())
    page = client.get(proposition.get_absolute_url()).content.decode()
    assert "Hidden by the moderators: Advertising" in page
    assert "Buy pills here" not in page


def test_hiding_without_a_reason_answers_400_and_changes_nothing(
    client, proposition, comment, moderator
):
    client.force_login(moderator)

    response = client.post(
        queue_url(proposition.process, "hide"),
        {"target_type": "comment", "target_id": comment.pk, "reason": ""},
    )

    assert response.status_code == 400
    assert "Give the reason, it is shown to everyone." in response.content.decode()
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert AuditEntry.objects.count() == 0


def test_hiding_content_of_another_process_is_404(client, proposition, moderator):
    elsewhere = comment_create(author=UserFactory(), proposition=PropositionFactory(), body="x")
    client.force_login(moderator)

    response = client.post(
        queue_url(proposition.process, "hide"),
        {"target_type": "comment", "target_id": elsewhere.pk, "reason": "No"},
    )

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.hidden_at is None


def test_a_stranger_cannot_hide_or_dismiss(client, proposition, comment):
    client.force_login(UserFactory())
    data = {"target_type": "comment", "target_id": comment.pk, "reason": "No"}

    assert client.post(queue_url(proposition.process, "hide"), data).status_code == 403
    assert client.post(queue_url(proposition.process, "dismiss"), data).status_code == 403
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_unhiding_and_dismissing_from_the_queue(client, proposition, comment, moderator):
    content_hide(moderator=moderator, target=comment, reason="Spam")
    report_create(reporter=UserFactory(), target=proposition, reason="off_topic")
    client.force_login(moderator)

    queue = client.get(queue_url(proposition.process)).content.decode()
    shown = client.post(
        queue_url(proposition.process, "unhide"),
        {"target_type": "comment", "target_id": comment.pk, "reason": "Not spam after all"},
    )
    dismissed = client.post(
        queue_url(proposition.process, "dismiss"),
        {"target_type": "proposition", "target_id": proposition.pk},
    )

    assert "Hidden because: Spam" in queue
    assert (shown.status_code, dismissed.status_code) == (302, 302)
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert Report.objects.filter(resolved_at__isnull=True).count() == 0


def test_the_summary_is_public_and_counts_without_names(client, proposition, comment, moderator):
    reporter = UserFactory(display_name="Secret Reporter")
    report_create(reporter=reporter, target=comment, reason="spam", details="private note")
    content_hide(moderator=moderator, target=comment, reason="Spam")

    response = client.get(
        reverse("participation:moderation-summary", kwargs={"slug": proposition.process.slug})
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<dt>Reports received</dt><dd>1</dd>" in html
    assert "<dt>Hidden comments</dt><dd>1</dd>" in html
    assert '<tr><th scope="row">Spam or advertising</th><td>1</td></tr>' in html
    assert "Secret Reporter" not in html
    assert "private note" not in html


def test_the_summary_of_a_draft_process_is_404(client, proposition):
    proposition.process.status = ProcessStatus.DRAFT
    proposition.process.save()

    response = client.get(
        reverse("participation:moderation-summary", kwargs={"slug": proposition.process.slug})
    )

    assert response.status_code == 404


def _queue_with(client, text):
    proposition = PropositionFactory()
    moderator = UserFactory()
    proposition.process.moderators.add(moderator)
    reported = comment_create(
        author=UserFactory(display_name=text[:150]), proposition=proposition, body=text
    )
    report_create(reporter=UserFactory(), target=reported, reason="other", details=text)
    hidden = comment_create(author=UserFactory(), proposition=proposition, body=text)
    content_hide(moderator=moderator, target=hidden, reason=text[:300])
    client.force_login(moderator)
    return client.get(queue_url(proposition.process)).content.decode()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_reports_and_reasons_are_inert_in_the_queue(client, payload):
    baseline = dangerous_fragments(_queue_with(client, "A harmless remark"))

    html = _queue_with(client, payload)

    assert dangerous_fragments(html) == baseline
