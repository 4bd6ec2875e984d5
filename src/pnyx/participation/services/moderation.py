"""Moderation: reporting content, hiding and unhiding it, dismissing reports.

Hiding and unhiding are official acts written to the public audit log. The log entry's target is
the process, and the hidden item is named by its type and id in the entry's data: the log is
append-only, so the title or text that was hidden (perhaps because it revealed someone's personal
data) must never be copied into it.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.accounts.models import User
from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.participation.models import Comment, Process, Proposition, Report, ReportReason
from pnyx.participation.services.comments import change_counters

Target = Proposition | Comment

DETAILS_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 300

AUDIT_ACTIONS = {
    "participation.content_hidden": gettext_lazy("Content hidden by a moderator"),
    "participation.content_unhidden": gettext_lazy("Content shown again by a moderator"),
    "participation.reports_dismissed": gettext_lazy("Reports dismissed by a moderator"),
    "participation.comment_deleted": gettext_lazy("Comment deleted by a moderator"),
    "participation.proposition_answered": gettext_lazy("Proposition answered"),
}


def register_audit_actions() -> None:
    """Give this area's audit actions their labels (idempotent; called from the app's ready)."""
    for action, label in AUDIT_ACTIONS.items():
        audit.register_action(action, label)


def process_of(target: Target) -> Process:
    if isinstance(target, Comment):
        return target.proposition.process
    return target.process


def target_data(target: Target) -> dict[str, Any]:
    """How the audit log and notifications name a target: its type and id, never its text."""
    if isinstance(target, Comment):
        return {
            "target_type": "comment",
            "target_id": target.pk,
            "proposition": target.proposition_id,
        }
    return {"target_type": "proposition", "target_id": target.pk}


def _report_filter(target: Target) -> dict[str, Any]:
    return {"comment": target} if isinstance(target, Comment) else {"proposition": target}


def _check_reportable(*, reporter: User, target: Target, reason: str, details: str) -> None:
    if target.author_id is not None and target.author_id == reporter.pk:
        raise ValidationError(_("You cannot report what you wrote yourself."), code="own")
    if isinstance(target, Comment) and target.deleted_at is not None:
        raise ValidationError(_("This comment was deleted already."), code="deleted")
    if target.hidden_at is not None:
        raise ValidationError(_("The moderators have already hidden this."), code="hidden")
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")}, code="reason")
    if reason == ReportReason.OTHER and not details:
        raise ValidationError(
            {"details": _("Tell the moderators what the problem is.")}, code="details"
        )
    if len(details) > DETAILS_MAX_LENGTH:
        message = _("Details have at most %(limit)s characters.")
        raise ValidationError({"details": message % {"limit": DETAILS_MAX_LENGTH}}, code="long")


def report_create(*, reporter: User, target: Target, reason: str, details: str = "") -> Report:
    """Report a proposition or a comment to the moderators of its process.

    Requires `participation.report_content` and a visible process. One report per person and
    target: a second one raises ValidationError (code `already_reported`), even when two clicks
    race (the unique constraint decides). Own, deleted or already hidden content is refused.
    """
    process = process_of(target)
    require(reporter, "participation.report_content", target)
    require(reporter, "participation.view_process", process)
    details = (details or "").strip()
    _check_reportable(reporter=reporter, target=target, reason=reason, details=details)
    already = ValidationError(
        _("You already reported this; the moderators will look at it."), code="already_reported"
    )
    if Report.objects.filter(reporter=reporter, **_report_filter(target)).exists():
        raise already
    try:
        with transaction.atomic():
            return Report.objects.create(
                process=process,
                reporter=reporter,
                reason=reason,
                details=details,
                **_report_filter(target),
            )
    except IntegrityError as error:
        raise already from error


def _clean_reason(reason: str) -> str:
    text = " ".join((reason or "").split())
    if not text:
        raise ValidationError({"reason": _("Give the reason, it is shown to everyone.")})
    if len(text) > REASON_MAX_LENGTH:
        message = _("The reason has at most %(limit)s characters.")
        raise ValidationError({"reason": message % {"limit": REASON_MAX_LENGTH}})
    return text


def _locked(target: Target) -> Target:
    model = type(target)
    related = "proposition__process" if isinstance(target, Comment) else "process"
    return model.objects.select_for_update().select_related(related).get(pk=target.pk)


def _resolve_reports(target: Target) -> int:
    open_reports = Report.objects.filter(resolved_at__isnull=True, **_report_filter(target))
    return open_reports.update(resolved_at=timezone.now())


def content_hide(*, moderator: User, target: Target, reason: str) -> Target:
    """Hide a proposition or comment behind a tombstone that shows `reason` to everyone.

    Requires `participation.moderate_process` on its process. Resolves the target's open reports,
    takes a visible comment out of the comment counters, and records
    `participation.content_hidden` with the reason. Hiding hidden content raises ValidationError.
    """
    require(moderator, "participation.moderate_process", process_of(target))
    text = _clean_reason(reason)
    with transaction.atomic():
        current = _locked(target)
        if current.hidden_at is not None:
            raise ValidationError(_("This is already hidden."), code="hidden")
        if isinstance(current, Comment) and current.deleted_at is None:
            change_counters(comment=current, delta=-1)
        current.hidden_at = timezone.now()
        current.hidden_reason = text
        current.save(update_fields=["hidden_at", "hidden_reason"])
        resolved = _resolve_reports(current)
        audit.record(
            action="participation.content_hidden",
            actor=moderator,
            target=process_of(current),
            data={**target_data(current), "reason": text, "reports_resolved": resolved},
        )
    return current


def content_unhide(*, moderator: User, target: Target, reason: str) -> Target:
    """Show hidden content again; the reason for changing the decision is required.

    Requires `participation.moderate_process`. A comment that was not deleted counts again.
    Records `participation.content_unhidden`. Unhiding visible content raises ValidationError.
    """
    require(moderator, "participation.moderate_process", process_of(target))
    text = _clean_reason(reason)
    with transaction.atomic():
        current = _locked(target)
        if current.hidden_at is None:
            raise ValidationError(_("This is not hidden."), code="not_hidden")
        if isinstance(current, Comment) and current.deleted_at is None:
            change_counters(comment=current, delta=1)
        current.hidden_at = None
        current.hidden_reason = ""
        current.save(update_fields=["hidden_at", "hidden_reason"])
        audit.record(
            action="participation.content_unhidden",
            actor=moderator,
            target=process_of(current),
            data={**target_data(current), "reason": text},
        )
    return current


def reports_dismiss(*, moderator: User, target: Target) -> int:
    """Close the open reports of a target without hiding it; returns how many were closed.

    Requires `participation.moderate_process`. Records `participation.reports_dismissed` when
    at least one report was open.
    """
    require(moderator, "participation.moderate_process", process_of(target))
    with transaction.atomic():
        resolved = _resolve_reports(target)
        if resolved:
            audit.record(
                action="participation.reports_dismissed",
                actor=moderator,
                target=process_of(target),
                data={**target_data(target), "reports_resolved": resolved},
            )
    return resolved
