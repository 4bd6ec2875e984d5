"""Comment services: posting, replies and their depth, counters, edits with history, deletion."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pnyx.core.models import AuditEntry
from pnyx.participation.models import (
    Comment,
    CommentVersion,
    Follow,
    Notification,
    Participant,
    PhaseKind,
    Stance,
)
from pnyx.participation.services.comments import comment_create, comment_delete, comment_update
from tests.participation.factories import (
    CommentFactory,
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposition():
    return PropositionFactory()


def counts(proposition, user=None):
    proposition.refresh_from_db()
    proposition.process.refresh_from_db()
    participant = Participant.objects.filter(process=proposition.process, user=user).first()
    return (
        proposition.comment_count,
        proposition.process.comment_count,
        participant.comment_count if participant else None,
    )


def test_a_comment_counts_on_the_proposition_process_and_participant(proposition):
    person = UserFactory()

    comment = comment_create(
        author=person, proposition=proposition, body="  Good idea.  ", stance=Stance.FOR
    )

    assert comment.body == "Good idea."
    assert comment.depth == 0
    assert comment.parent is None
    assert counts(proposition, person) == (1, 1, 1)
    proposition.process.refresh_from_db()
    assert proposition.process.participant_count == 1


def test_followers_hear_of_a_new_comment_after_commit(
    proposition, django_capture_on_commit_callbacks
):
    follower, person = UserFactory(), UserFactory()
    Follow.objects.create(user=follower, proposition=proposition)

    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(author=person, proposition=proposition, body="Yes", stance="for")

    rows = Notification.objects.filter(event="participation.comment_posted").order_by("user_id")
    assert [row.user_id for row in rows] == sorted([follower.pk, proposition.author_id])
    assert rows[0].data["comment"] == comment.pk


def test_replies_nest_until_the_deepest_level_then_attach_to_the_parents_parent(proposition):
    person = UserFactory()
    level0 = comment_create(author=person, proposition=proposition, body="0", stance="for")
    level1 = comment_create(author=person, proposition=proposition, body="1", parent=level0)
    level2 = comment_create(author=person, proposition=proposition, body="2", parent=level1)

    deeper = comment_create(author=person, proposition=proposition, body="3", parent=level2)

    assert Comment.MAX_DEPTH == 3
    assert (level1.depth, level2.depth) == (1, 2)
    assert deeper.parent_id == level1.pk
    assert deeper.depth == 2


def test_a_reply_to_a_comment_of_another_proposition_is_refused_without_side_effect(proposition):
    other = CommentFactory(proposition=PropositionFactory(question=QuestionFactory()))
    person = UserFactory()

    with pytest.raises(ValidationError) as refused:
        comment_create(author=person, proposition=proposition, body="Hi", parent=other)

    assert refused.value.message_dict == {
        "parent": ["You can only reply to a comment on the same proposition."]
    }
    assert Comment.objects.count() == 1
    assert counts(proposition, person) == (0, 0, None)


@pytest.mark.parametrize(
    ("body", "stance", "errors"),
    [
        ("   ", "for", {"body": ["Write your comment before sending it."]}),
        (
            "x" * 5001,
            "for",
            {"body": ["A comment has at most 5000 characters; this one has 5001."]},
        ),
        ("Fine", "maybe", {"stance": ["Choose a stance among: for, against, neutral."]}),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(proposition, body, stance, errors):
    with pytest.raises(ValidationError) as refused:
        comment_create(author=UserFactory(), proposition=proposition, body=body, stance=stance)

    assert refused.value.message_dict == errors
    assert Comment.objects.count() == 0
    assert Participant.objects.count() == 0


def test_commenting_is_refused_when_the_phase_does_not_open_it():
    proposition = PropositionFactory(
        question=QuestionFactory(process=ProcessFactory(phase=PhaseKind.RESULTS))
    )

    with pytest.raises(PermissionDenied):
        comment_create(author=UserFactory(), proposition=proposition, body="Late")

    assert Comment.objects.count() == 0
    assert counts(proposition) == (0, 0, None)


def test_an_unconfirmed_person_may_not_comment(proposition):
    with pytest.raises(PermissionDenied):
        comment_create(author=UserFactory(confirmed=False), proposition=proposition, body="Hi")

    assert Comment.objects.count() == 0


def test_editing_keeps_the_old_text_as_a_version_and_marks_the_comment_edited(proposition):
    person = UserFactory()
    comment = comment_create(author=person, proposition=proposition, body="First", stance="for")
    written = comment.created_at

    edited = comment_update(author=person, comment=comment, body="Second", stance="against")

    assert (edited.body, edited.stance) == ("Second", "against")
    assert edited.edited_at is not None
    assert list(CommentVersion.objects.values_list("body", "created_at")) == [("First", written)]


def test_an_unchanged_text_makes_no_version(proposition):
    person = UserFactory()
    comment = comment_create(author=person, proposition=proposition, body="Same", stance="for")

    comment_update(author=person, comment=comment, body="Same", stance="neutral")

    comment.refresh_from_db()
    assert comment.edited_at is None
    assert comment.stance == "neutral"
    assert CommentVersion.objects.count() == 0


def test_editing_after_the_window_is_refused_and_changes_nothing(proposition):
    person = UserFactory()
    comment = comment_create(author=person, proposition=proposition, body="Old", stance="for")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    comment.refresh_from_db()

    with pytest.raises(PermissionDenied):
        comment_update(author=person, comment=comment, body="New")

    comment.refresh_from_db()
    assert (comment.body, comment.edited_at) == ("Old", None)
    assert CommentVersion.objects.count() == 0


def test_someone_else_may_not_edit_a_comment(proposition):
    comment = comment_create(author=UserFactory(), proposition=proposition, body="Mine")

    with pytest.raises(PermissionDenied):
        comment_update(author=UserFactory(), comment=comment, body="Yours")

    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_deleting_erases_the_text_and_history_keeps_replies_and_uncounts(proposition):
    author, other = UserFactory(), UserFactory()
    comment = comment_create(author=author, proposition=proposition, body="Draft", stance="for")
    comment_update(author=author, comment=comment, body="Final")
    reply = comment_create(author=other, proposition=proposition, body="Reply", parent=comment)

    deleted = comment_delete(actor=author, comment=comment)

    assert deleted.body == ""
    assert deleted.deleted_at is not None
    assert CommentVersion.objects.count() == 0
    reply.refresh_from_db()
    assert reply.parent_id == comment.pk
    assert counts(proposition, author) == (1, 1, 0)
    assert AuditEntry.objects.count() == 0


def test_deleting_twice_counts_once(proposition):
    author = UserFactory()
    comment = comment_create(author=author, proposition=proposition, body="Once")
    stale = Comment.objects.get(pk=comment.pk)
    comment_delete(actor=author, comment=comment)

    comment_delete(actor=author, comment=stale)  # a second click that read the comment before
    with pytest.raises(PermissionDenied):
        comment_delete(actor=author, comment=Comment.objects.get(pk=comment.pk))

    assert counts(proposition, author) == (0, 0, 0)


def test_a_moderator_deleting_someone_elses_comment_is_audited(proposition):
    moderator = UserFactory()
    proposition.process.moderators.add(moderator)
    comment = comment_create(author=UserFactory(), proposition=proposition, body="Spam")

    comment_delete(actor=moderator, comment=comment)

    entry = AuditEntry.objects.get()
    assert entry.action == "participation.comment_deleted"
    assert entry.data == {
        "target_type": "comment",
        "target_id": comment.pk,
        "proposition": proposition.pk,
    }


def test_a_stranger_may_not_delete_a_comment(proposition):
    comment = comment_create(author=UserFactory(), proposition=proposition, body="Stays")

    with pytest.raises(PermissionDenied):
        comment_delete(actor=UserFactory(), comment=comment)

    comment.refresh_from_db()
    assert (comment.body, comment.deleted_at) == ("Stays", None)
    assert counts(proposition)[:2] == (1, 1)


def test_comment_counters_match_a_recount_after_posts_edits_deletes_and_moderation(proposition):
    from pnyx.participation.selectors.recount import counters_drift
    from pnyx.participation.services.moderation import content_hide, content_unhide

    alice, bob, moderator = UserFactory(), UserFactory(), UserFactory()
    proposition.process.moderators.add(moderator)
    root = comment_create(author=alice, proposition=proposition, body="Root")
    reply = comment_create(author=bob, proposition=proposition, body="Reply", parent=root)
    spam = comment_create(author=bob, proposition=proposition, body="Spam")
    comment_update(author=alice, comment=root, body="Root, edited")
    content_hide(moderator=moderator, target=spam, reason="Spam")
    comment_delete(actor=bob, comment=reply)
    content_hide(moderator=moderator, target=reply, reason="Was rude")
    content_unhide(moderator=moderator, target=reply, reason="Deleted anyway")
    comment_delete(actor=moderator, comment=spam)
    content_unhide(moderator=moderator, target=spam, reason="Deleted anyway")

    proposition.process.refresh_from_db()
    drift = [
        line
        for line in counters_drift(process=proposition.process)
        if "comment_count" in line or "participant_count" in line
    ]
    assert drift == []
    assert counts(proposition, alice) == (1, 1, 1)
    assert counts(proposition, bob)[2] == 0
