"""Moderation services: reports (one per person and target), hide/unhide (audited), summary."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnyx.core.models import AuditEntry
from pnyx.participation.models import Comment, ProcessStatus, Report, ReportReason
from pnyx.participation.selectors.moderation import (
    moderation_queue,
    moderation_queue_items,
    moderation_summary,
)
from pnyx.participation.services.comments import comment_create
from pnyx.participation.services.moderation import (
    content_hide,
    content_unhide,
    report_create,
    reports_dismiss,
)
from tests.participation.factories import PropositionFactory, UserFactory, add_organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposition():
    return PropositionFactory()


@pytest.fixture
def comment(proposition):
    return comment_create(author=UserFactory(), proposition=proposition, body="Buy my product")


@pytest.fixture
def moderator(proposition):
    person = UserFactory()
    proposition.process.moderators.add(person)
    return person


def test_a_person_reports_a_comment_once(comment):
    reporter = UserFactory()

    report = report_create(reporter=reporter, target=comment, reason=ReportReason.SPAM)

    assert (report.comment_id, report.proposition_id) == (comment.pk, None)
    assert report.process_id == comment.proposition.process_id
    with pytest.raises(ValidationError) as again:
        report_create(reporter=reporter, target=comment, reason=ReportReason.OFFENSIVE)
    assert again.value.messages == ["You already reported this; the moderators will look at it."]
    assert Report.objects.count() == 1


def test_another_reason_needs_details(proposition):
    with pytest.raises(ValidationError) as refused:
        report_create(reporter=UserFactory(), target=proposition, reason=ReportReason.OTHER)

    assert refused.value.message_dict == {"details": ["Tell the moderators what the problem is."]}
    assert Report.objects.count() == 0


@pytest.mark.parametrize("reason", ["", "boring"])
def test_an_unknown_reason_is_refused(proposition, reason):
    with pytest.raises(ValidationError) as refused:
        report_create(reporter=UserFactory(), target=proposition, reason=reason)

    assert refused.value.message_dict == {"reason": ["Choose a reason from the list."]}


def test_nobody_reports_their_own_comment(comment):
    with pytest.raises(ValidationError) as refused:
        report_create(reporter=comment.author, target=comment, reason=ReportReason.SPAM)

    assert refused.value.messages == ["You cannot report what you wrote yourself."]
    assert Report.objects.count() == 0


def test_an_unconfirmed_person_may_not_report(comment):
    with pytest.raises(PermissionDenied):
        report_create(reporter=UserFactory(confirmed=False), target=comment, reason="spam")

    assert Report.objects.count() == 0


def test_content_of_a_draft_process_cannot_be_reported(proposition):
    proposition.process.status = ProcessStatus.DRAFT
    proposition.process.save()

    with pytest.raises(PermissionDenied):
        report_create(reporter=UserFactory(), target=proposition, reason="spam")


def test_hiding_a_comment_is_audited_resolves_reports_and_uncounts_it(comment, moderator):
    report_create(reporter=UserFactory(), target=comment, reason=ReportReason.SPAM)
    report_create(reporter=UserFactory(), target=comment, reason=ReportReason.OFFENSIVE)

    hidden = content_hide(moderator=moderator, target=comment, reason="  Advertising  ")

    assert hidden.hidden_at is not None
    assert hidden.hidden_reason == "Advertising"
    assert Report.objects.filter(resolved_at__isnull=True).count() == 0
    proposition = comment.proposition
    proposition.refresh_from_db()
    assert proposition.comment_count == 0
    entry = AuditEntry.objects.get()
    assert entry.action == "participation.content_hidden"
    assert entry.target_id == str(proposition.process_id)
    assert entry.data == {
        "target_type": "comment",
        "target_id": comment.pk,
        "proposition": proposition.pk,
        "reason": "Advertising",
        "reports_resolved": 2,
    }


def test_unhiding_counts_the_comment_again_and_is_audited(comment, moderator):
    content_hide(moderator=moderator, target=comment, reason="Spam")

    shown = content_unhide(moderator=moderator, target=comment, reason="It was a real opinion")

    assert (shown.hidden_at, shown.hidden_reason) == (None, "")
    comment.proposition.refresh_from_db()
    assert comment.proposition.comment_count == 1
    last = AuditEntry.objects.order_by("-seq").first()
    assert last.action == "participation.content_unhidden"
    assert last.data["reason"] == "It was a real opinion"


def test_hiding_needs_a_reason_and_changes_nothing_without_one(comment, moderator):
    with pytest.raises(ValidationError) as refused:
        content_hide(moderator=moderator, target=comment, reason="   ")

    assert refused.value.message_dict == {"reason": ["Give the reason, it is shown to everyone."]}
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert AuditEntry.objects.count() == 0


def test_a_person_who_does_not_moderate_cannot_hide(comment):
    with pytest.raises(PermissionDenied):
        content_hide(moderator=UserFactory(), target=comment, reason="I disagree")

    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert AuditEntry.objects.count() == 0


def test_an_organiser_hides_a_proposition(proposition):
    organiser = add_organiser(proposition.process)

    content_hide(moderator=organiser, target=proposition, reason="Names a private person")

    proposition.refresh_from_db()
    assert proposition.hidden_reason == "Names a private person"
    assert AuditEntry.objects.get().data["target_type"] == "proposition"


def test_hiding_twice_is_refused(comment, moderator):
    content_hide(moderator=moderator, target=comment, reason="Spam")

    with pytest.raises(ValidationError) as refused:
        content_hide(moderator=moderator, target=comment, reason="Spam again")

    assert refused.value.messages == ["This is already hidden."]
    assert AuditEntry.objects.count() == 1


def test_a_deleted_then_hidden_comment_is_uncounted_once(comment, moderator):
    from pnyx.participation.services.comments import comment_delete

    comment_delete(actor=comment.author, comment=comment)
    content_hide(moderator=moderator, target=Comment.objects.get(pk=comment.pk), reason="Spam")
    content_unhide(moderator=moderator, target=comment, reason="Mistake")

    comment.proposition.refresh_from_db()
    assert comment.proposition.comment_count == 0


def test_dismissing_resolves_reports_without_hiding(comment, moderator):
    report_create(reporter=UserFactory(), target=comment, reason=ReportReason.SPAM)

    assert reports_dismiss(moderator=moderator, target=comment) == 1

    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert AuditEntry.objects.get().action == "participation.reports_dismissed"


def test_the_queue_groups_open_reports_by_target_most_reported_first(proposition, comment):
    for reason in [ReportReason.SPAM, ReportReason.SPAM, ReportReason.OFFENSIVE]:
        report_create(reporter=UserFactory(), target=comment, reason=reason, details="ad")
    report_create(reporter=UserFactory(), target=proposition, reason=ReportReason.OFF_TOPIC)

    rows = list(moderation_queue(process=proposition.process))
    items = moderation_queue_items(rows=rows)

    assert [(item.kind, item.target.pk, item.report_count) for item in items] == [
        ("comment", comment.pk, 3),
        ("proposition", proposition.pk, 1),
    ]
    assert items[0].reasons == [("Insulting, hateful or harassing", 1), ("Spam or advertising", 2)]
    assert items[0].details == ["ad", "ad", "ad"]


def test_the_summary_counts_reports_hidden_items_and_reasons(proposition, comment, moderator):
    report_create(reporter=UserFactory(), target=comment, reason=ReportReason.SPAM)
    report_create(reporter=UserFactory(), target=comment, reason=ReportReason.SPAM)
    report_create(reporter=UserFactory(), target=proposition, reason=ReportReason.OFF_TOPIC)
    content_hide(moderator=moderator, target=comment, reason="Spam")

    summary = moderation_summary(process=proposition.process)

    assert (summary.report_count, summary.open_report_count) == (3, 1)
    assert (summary.hidden_proposition_count, summary.hidden_comment_count) == (0, 1)
    assert summary.hidden_count == 1
    assert [(value, count) for value, _label, count in summary.reasons] == [
        ("spam", 2),
        ("offensive", 0),
        ("personal_data", 0),
        ("off_topic", 1),
        ("other", 0),
    ]
