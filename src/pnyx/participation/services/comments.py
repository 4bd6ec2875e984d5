"""Comments on propositions: post, reply, edit within the window, delete.

Counting rule (kept exact by every service of this area, and by `moderation`): the
`comment_count` of the proposition, of its process and of the author's Participant row counts the
comments that are neither deleted nor hidden. A deleted comment keeps its place in the thread
(its replies stay) but its text is gone; a hidden one shows a tombstone with the moderator's reason.

Depth: replies nest up to `Comment.MAX_DEPTH` levels (depth 0 to MAX_DEPTH - 1). A reply to a
comment at the deepest level is attached to that comment's parent instead of being refused, so
the conversation goes on as a sibling just below the comment it answers.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pnyx.accounts.models import User
from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.participation.models import (
    Comment,
    CommentVersion,
    Participant,
    Process,
    Proposition,
    Stance,
)
from pnyx.participation.services.notifications import notify

BODY_MAX_LENGTH = 5000


def clean_body(body: str) -> str:
    """The body without surrounding blanks; refuses an empty or too long text."""
    text = (body or "").strip()
    if not text:
        raise ValidationError({"body": _("Write your comment before sending it.")}, code="empty")
    if len(text) > BODY_MAX_LENGTH:
        message = _("A comment has at most %(limit)s characters; this one has %(length)s.")
        raise ValidationError(
            {"body": message % {"limit": BODY_MAX_LENGTH, "length": len(text)}}, code="too_long"
        )
    return text


def clean_stance(stance: str) -> str:
    if stance not in Stance.values:
        message = _("Choose a stance among: %(choices)s.")
        raise ValidationError(
            {"stance": message % {"choices": ", ".join(Stance.values)}}, code="stance"
        )
    return stance


def is_counted(comment: Comment) -> bool:
    """Whether the comment counts in the comment counters (neither deleted nor hidden)."""
    return comment.deleted_at is None and comment.hidden_at is None


def change_counters(*, comment: Comment, delta: int) -> None:
    """Add `delta` to the comment counters of the proposition, process and author, with F()."""
    proposition = comment.proposition
    Proposition.objects.filter(pk=proposition.pk).update(comment_count=F("comment_count") + delta)
    Process.objects.filter(pk=proposition.process_id).update(
        comment_count=F("comment_count") + delta
    )
    if comment.author_id is not None:
        Participant.objects.filter(
            process_id=proposition.process_id, user=comment.author_id
        ).update(comment_count=F("comment_count") + delta)


def _participant(*, user: User, process: Process) -> Participant:
    """The person's Participant row in the process, created (and counted) on first act."""
    participant, created = Participant.objects.get_or_create(process=process, user=user)
    if created:
        Process.objects.filter(pk=process.pk).update(participant_count=F("participant_count") + 1)
    return participant


def _reply_parent(*, proposition: Proposition, parent: Comment | None) -> Comment | None:
    """The comment a reply attaches to: `parent`, or its parent when `parent` is deepest."""
    if parent is None:
        return None
    if parent.proposition_id != proposition.pk:
        raise ValidationError(
            {"parent": _("You can only reply to a comment on the same proposition.")},
            code="other_proposition",
        )
    if parent.deleted_at is not None or parent.hidden_at is not None:
        raise ValidationError(
            {"parent": _("This comment was removed; reply to the proposition instead.")},
            code="removed_parent",
        )
    if parent.depth >= Comment.MAX_DEPTH - 1 and parent.parent_id is not None:
        return Comment.objects.get(pk=parent.parent_id)
    return parent


def comment_create(
    *,
    author: User,
    proposition: Proposition,
    body: str,
    stance: str = Stance.NEUTRAL,
    parent: Comment | None = None,
) -> Comment:
    """Post a comment on a proposition, or a reply to one of its comments.

    Requires `participation.comment_proposition` on the proposition. Raises ValidationError (by
    field: body, stance, parent) for an empty or too long text, an unknown stance, or a parent on
    another proposition or removed. Updates the three comment counters in the transaction and
    notifies followers with `participation.comment_posted` after commit.
    """
    require(author, "participation.comment_proposition", proposition)
    text, chosen = clean_body(body), clean_stance(stance)
    attach_to = _reply_parent(proposition=proposition, parent=parent)
    with transaction.atomic():
        _participant(user=author, process=proposition.process)
        comment = Comment.objects.create(
            proposition=proposition,
            parent=attach_to,
            depth=0 if attach_to is None else attach_to.depth + 1,
            author=author,
            body=text,
            stance=chosen,
        )
        change_counters(comment=comment, delta=1)
        transaction.on_commit(
            lambda: notify(
                event="participation.comment_posted",
                actor=author,
                proposition=proposition,
                data={"comment": comment.pk, "title": proposition.title[:200]},
            )
        )
    return comment


def _locked(comment: Comment) -> Comment:
    """The comment re-read under a row lock, so two concurrent changes cannot both count."""
    current = (
        Comment.objects.select_for_update()
        .select_related("proposition__process")
        .get(pk=comment.pk)
    )
    return current


def comment_update(
    *, author: User, comment: Comment, body: str, stance: str | None = None
) -> Comment:
    """Change the text (and optionally the stance) of one's comment within the edit window.

    Requires `participation.change_comment` (the author, not deleted, within
    `rules.COMMENT_EDIT_WINDOW`). The previous text is kept as a CommentVersion dated when it was
    written, and `edited_at` is set, so the page can show the history. An unchanged text is not
    a new version.
    """
    require(author, "participation.change_comment", comment)
    text = clean_body(body)
    chosen = clean_stance(stance) if stance is not None else None
    with transaction.atomic():
        current = _locked(comment)
        changes: list[str] = []
        if text != current.body:
            CommentVersion.objects.create(
                comment=current,
                body=current.body,
                created_at=current.edited_at or current.created_at,
            )
            current.body = text
            current.edited_at = timezone.now()
            changes += ["body", "edited_at"]
        if chosen is not None and chosen != current.stance:
            current.stance = chosen
            changes.append("stance")
        if changes:
            current.save(update_fields=changes)
    return current


def comment_delete(*, actor: User, comment: Comment) -> Comment:
    """Delete a comment: its text (and earlier versions) are erased, its place in the thread stays.

    Requires `participation.delete_comment` (the author, or a moderator of the process). A
    moderator deleting someone else's comment is a moderation act: it is audited as
    `participation.comment_deleted`. The counters drop by one unless the comment was hidden.
    """
    require(actor, "participation.delete_comment", comment)
    with transaction.atomic():
        current = _locked(comment)
        if current.deleted_at is not None:
            return current
        if is_counted(current):
            change_counters(comment=current, delta=-1)
        current.versions.all().delete()
        current.body = ""
        current.deleted_at = timezone.now()
        current.save(update_fields=["body", "deleted_at"])
        if current.author_id != actor.pk:
            audit.record(
                action="participation.comment_deleted",
                actor=actor,
                target=current.proposition.process,
                data=_audit_data(current),
            )
    return current


def _audit_data(comment: Comment) -> dict[str, Any]:
    return {
        "target_type": "comment",
        "target_id": comment.pk,
        "proposition": comment.proposition_id,
    }
