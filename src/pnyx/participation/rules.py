"""Who may do what in a consultation.

Permission objects: the organisation for `add_process`; the process for process-wide acts
(change, moderate, add a proposition); the proposition for votes, comments and answers; the
comment for editing or deleting a comment. Acts that depend on the calendar also need the
feature to be open in a running phase (see `models.PHASE_FEATURES`).
"""

from datetime import timedelta
from typing import Any

import rules

from pnyx.accounts.rules import has_confirmed_email
from pnyx.core.permissions import is_platform_admin
from pnyx.orgs.rules import is_org_admin
from pnyx.participation.models import Feature, ProcessStatus, PropositionStatus
from pnyx.participation.selectors import access

#: How long after posting a comment its author may still edit it.
COMMENT_EDIT_WINDOW = timedelta(minutes=30)


def _process_of(obj: Any) -> Any:
    """The process an object belongs to (itself for a process)."""
    if obj is None:
        return None
    if hasattr(obj, "proposition_id") and hasattr(obj, "proposition"):
        return obj.proposition.process
    return getattr(obj, "process", obj)


@rules.predicate
def is_active_person(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def is_organiser(user: Any, obj: Any) -> bool:
    """An administrator of the organisation running the process."""
    process = _process_of(obj)
    return process is not None and bool(is_org_admin(user, process.organisation))


@rules.predicate
def is_moderator(user: Any, obj: Any) -> bool:
    """A moderator named on the process (organisers moderate too, see `can_moderate`)."""
    process = _process_of(obj)
    if process is None or not getattr(user, "is_authenticated", False):
        return False
    return process.moderators.filter(pk=user.pk).exists()


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    process = _process_of(obj)
    return process is not None and process.status == ProcessStatus.PUBLISHED


@rules.predicate
def is_visible_process(user: Any, obj: Any) -> bool:
    process = _process_of(obj)
    return process is not None and process.status != ProcessStatus.DRAFT


def _feature_predicate(feature: str) -> Any:
    @rules.predicate(name=f"is_{feature}_open")
    def open_now(user: Any, obj: Any) -> bool:
        process = _process_of(obj)
        return process is not None and feature in access.open_features(process=process)

    @rules.predicate(name=f"is_in_{feature}_audience")
    def in_audience(user: Any, obj: Any) -> bool:
        process = _process_of(obj)
        if process is None or not getattr(user, "is_authenticated", False):
            return False
        return access.is_in_audience(user=user, process=process, feature=feature)

    return open_now, in_audience


is_propose_open, is_in_propose_audience = _feature_predicate(Feature.PROPOSE)
is_vote_open, is_in_vote_audience = _feature_predicate(Feature.VOTE)
is_comment_open, is_in_comment_audience = _feature_predicate(Feature.COMMENT)


@rules.predicate
def is_author(user: Any, obj: Any) -> bool:
    return (
        obj is not None
        and getattr(user, "is_authenticated", False)
        and obj.author_id is not None
        and obj.author_id == user.pk
    )


@rules.predicate
def is_live_proposition(user: Any, proposition: Any) -> bool:
    """Published, not withdrawn and not hidden by a moderator."""
    return (
        proposition is not None
        and proposition.status == PropositionStatus.PUBLISHED
        and proposition.hidden_at is None
    )


@rules.predicate
def is_within_edit_window(user: Any, comment: Any) -> bool:
    from django.utils import timezone

    return comment is not None and timezone.now() - comment.created_at <= COMMENT_EDIT_WINDOW


@rules.predicate
def is_not_deleted(user: Any, comment: Any) -> bool:
    return comment is not None and comment.deleted_at is None


can_organise = is_active_person & (is_organiser | is_platform_admin)
can_moderate = is_active_person & (is_moderator | is_organiser | is_platform_admin)
takes_part = is_active_person & has_confirmed_email & is_published

rules.add_perm("participation.add_process", is_active_person & (is_org_admin | is_platform_admin))
rules.add_perm("participation.change_process", can_organise)
rules.add_perm("participation.view_process", is_visible_process | can_organise)
rules.add_perm("participation.moderate_process", can_moderate)
rules.add_perm(
    "participation.add_proposition", takes_part & is_propose_open & is_in_propose_audience
)
rules.add_perm("participation.change_proposition", takes_part & is_author & is_live_proposition)
rules.add_perm("participation.withdraw_proposition", takes_part & is_author & is_live_proposition)
rules.add_perm(
    "participation.vote_proposition",
    takes_part & is_live_proposition & is_vote_open & is_in_vote_audience,
)
rules.add_perm(
    "participation.comment_proposition",
    takes_part & is_live_proposition & is_comment_open & is_in_comment_audience,
)
rules.add_perm(
    "participation.change_comment",
    takes_part & is_author & is_not_deleted & is_within_edit_window,
)
rules.add_perm("participation.delete_comment", is_not_deleted & (is_author | can_moderate))
rules.add_perm("participation.answer_proposition", can_organise)
rules.add_perm("participation.report_content", is_active_person & has_confirmed_email)
rules.add_perm("participation.follow", is_active_person)

# --- Area A (processes): joining a consultation through its invitation link.
rules.add_perm("participation.join_process", is_active_person & is_visible_process)

# --- Area B (propositions and votes) ---
# Taking one's vote back stays possible on a withdrawn or hidden proposition while voting is open,
# so that a vote there never holds a place in the person's vote limit for good.
rules.add_perm("participation.unvote_proposition", takes_part & is_vote_open & is_in_vote_audience)
