"""Credit applications: a learner applies and may withdraw; committee members declare conflicts
of interest and review. The decision is in `credits_decisions`.

Applying needs `learning.apply_for_credits` on the partner (a confirmed address; an approved
partner with a rubric); withdrawing, `learning.withdraw_credit_application`; declaring a conflict,
`learning.declare_conflict`; reviewing, `learning.review_credit_application` (a committee member
who is not the learner, declared no conflict, on a waiting application).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from pnyx.core.permissions import require
from pnyx.learning.models import (
    ApplicationReview,
    ApplicationStatus,
    ConflictDeclaration,
    CreditApplication,
    CriterionScore,
    Partner,
)
from pnyx.learning.selectors import credits as selectors
from pnyx.learning.selectors import engagement as engagement_selectors
from pnyx.learning.services.engagement_sync import engagement_refresh
from pnyx.participation.services.notifications import notify_people

MAX_CREDITS = Decimal(60)
STATEMENT_MIN_LENGTH = 50
STATEMENT_MAX_LENGTH = 10000
COMMENT_MAX_LENGTH = 5000
SCORE_COMMENT_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 2000


def checked_credits(field: str, value: Any, most: Decimal) -> Decimal:
    """A number of credits above 0, at most `most`, with at most two decimals; ValidationError
    keyed by `field` otherwise."""
    try:
        credits = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        credits = Decimal("NaN")
    exponent = credits.as_tuple().exponent
    if not credits.is_finite() or credits <= 0 or credits > most:
        message = _("Give a number of credits above 0 and at most %(most)s.") % {"most": most}
        raise ValidationError({field: message}, code="credits")
    if isinstance(exponent, int) and exponent < -2:
        message = _("Give the credits with at most two decimals.")
        raise ValidationError({field: message}, code="credits")
    return credits.quantize(Decimal("0.01"))


def checked_text(field: str, value: str, limit: int, *, least: int = 0) -> str:
    """The trimmed text; ValidationError keyed by `field` when shorter than `least` (empty when
    `least` is 1) or longer than `limit`."""
    text = (value or "").strip()
    if least and not text:
        raise ValidationError({field: _("This field is required.")}, code="required")
    if len(text) < least:
        message = _("Write at least %(least)s characters.") % {"least": least}
        raise ValidationError({field: message}, code="too_short")
    if len(text) > limit:
        message = _("At most %(limit)s characters.") % {"limit": limit}
        raise ValidationError({field: message}, code="too_long")
    return text


def _entries(learner: Any, ids: Iterable[int]) -> list[Any]:
    wanted = sorted(set(ids))
    if not wanted:
        raise ValidationError({"entries": _("Choose at least one entry of your record.")})
    found = engagement_selectors.engagement_entry_ids_of(learner=learner, ids=wanted)
    if len(found) != len(wanted):
        message = _("Choose entries of your own record.")
        raise ValidationError({"entries": message}, code="not_yours")
    return found


def credit_application_submit(
    *,
    actor: Any,
    partner: Partner,
    entry_ids: Iterable[int],
    statement: str,
    credits_requested: Any,
) -> CreditApplication:
    """Apply to the partner for credits, resting on entries of one's record (the entries Pnyx
    keeps are refreshed first). One waiting application per partner at a time. The committee is
    notified. Needs `learning.apply_for_credits` on the partner."""
    require(actor, "learning.apply_for_credits", partner)
    text = checked_text("statement", statement, STATEMENT_MAX_LENGTH, least=STATEMENT_MIN_LENGTH)
    credits = checked_credits("credits_requested", credits_requested, MAX_CREDITS)
    waiting = ValidationError(
        _("Your application to this partner waits for a decision: withdraw it first."),
        code="waiting",
    )
    with transaction.atomic():
        engagement_refresh(learner=actor)
        entries = _entries(actor, entry_ids)
        if CreditApplication.objects.filter(
            learner=actor, partner=partner, status=ApplicationStatus.SUBMITTED
        ).exists():
            raise waiting
        try:
            with transaction.atomic():
                application = CreditApplication.objects.create(
                    learner=actor, partner=partner, statement=text, credits_requested=credits
                )
        except IntegrityError as error:  # a parallel submission was saved first
            raise waiting from error
        application.entries.set(entries)
        notify_people(
            event="learning.application_submitted",
            people=selectors.committee_people(partner=partner),
            actor=actor,
            data={
                "partner": partner.organisation.name,
                "path": reverse("learning:application-detail", kwargs={"pk": application.pk}),
            },
        )
    return application


def _locked(actor: Any, application: CreditApplication, permission: str) -> CreditApplication:
    """The application locked for the change, with the permission checked again on its fresh
    state (a decision or a conflict may have come meanwhile)."""
    locked = (
        CreditApplication.objects.select_for_update()
        .select_related("partner__organisation")
        .get(pk=application.pk)
    )
    require(actor, permission, locked)
    return locked


def credit_application_withdraw(*, actor: Any, application: CreditApplication) -> CreditApplication:
    """Withdraw one's own application while it waits. Needs
    `learning.withdraw_credit_application`."""
    require(actor, "learning.withdraw_credit_application", application)
    with transaction.atomic():
        locked = _locked(actor, application, "learning.withdraw_credit_application")
        locked.status = ApplicationStatus.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
    return locked


def conflict_declare(
    *, actor: Any, application: CreditApplication, reason: str
) -> ConflictDeclaration:
    """Declare a conflict of interest on an application (a relative, one's own student, a
    colleague): it sets the member aside from reviewing and deciding it, and a review they had
    written is withdrawn. Needs `learning.declare_conflict`."""
    require(actor, "learning.declare_conflict", application)
    text = checked_text("reason", reason, REASON_MAX_LENGTH, least=1)
    try:
        with transaction.atomic():
            locked = _locked(actor, application, "learning.declare_conflict")
            declaration = ConflictDeclaration.objects.create(
                application=locked, member=actor, reason=text
            )
            ApplicationReview.objects.filter(application=locked, reviewer=actor).delete()
    except IntegrityError:  # declared from another tab a moment ago
        message = _("You already declared a conflict of interest on this application.")
        raise ValidationError(message, code="declared") from None
    return declaration


@dataclass(frozen=True)
class ScoreInput:
    """A reviewer's score of one rubric criterion, with an optional comment."""

    criterion_id: int
    score: int
    comment: str = ""


def _scores(partner: Partner, scores: Sequence[ScoreInput]) -> list[ScoreInput]:
    """Exactly one score within 0..max for every criterion of the rubric, with checked comments."""
    rubric = {
        criterion.pk: criterion for criterion in selectors.rubric_for_partner(partner=partner)
    }
    given = {item.criterion_id: item for item in scores}
    errors: dict[str, list[str]] = {}
    if len(given) != len(scores) or set(given) - set(rubric):
        errors["scores"] = [_("Score each criterion of the rubric once.")]
    for pk, criterion in rubric.items():
        item = given.get(pk)
        name = f"score_{pk}"
        if item is None:
            errors[name] = [_("Score this criterion.")]
        elif not 0 <= item.score <= criterion.max_score:
            message = _("Give a score from 0 to %(max)s.") % {"max": criterion.max_score}
            errors[name] = [message]
        elif len(item.comment.strip()) > SCORE_COMMENT_MAX_LENGTH:
            message = _("At most %(limit)s characters.") % {"limit": SCORE_COMMENT_MAX_LENGTH}
            errors[f"comment_{pk}"] = [message]
    if errors:
        raise ValidationError(errors)
    return [given[pk] for pk in rubric]


def application_review_submit(
    *,
    actor: Any,
    application: CreditApplication,
    scores: Sequence[ScoreInput],
    comment: str = "",
    credits_recommended: Any = None,
) -> ApplicationReview:
    """Write (or rewrite) one's review of a waiting application: a score for every rubric
    criterion, comments, and the credits one would grant (None: one would refuse), at most the
    credits asked. Needs `learning.review_credit_application`."""
    require(actor, "learning.review_credit_application", application)
    checked = _scores(application.partner, scores)
    text = checked_text("comment", comment, COMMENT_MAX_LENGTH)
    credits = None
    if credits_recommended not in (None, ""):
        most = application.credits_requested
        credits = checked_credits("credits_recommended", credits_recommended, most)
    with transaction.atomic():
        locked = _locked(actor, application, "learning.review_credit_application")
        review, _created = ApplicationReview.objects.update_or_create(
            application=locked,
            reviewer=actor,
            defaults={"comment": text, "credits_recommended": credits},
        )
        review.scores.all().delete()
        CriterionScore.objects.bulk_create(
            CriterionScore(
                review=review,
                criterion_id=item.criterion_id,
                score=item.score,
                comment=item.comment.strip(),
            )
            for item in checked
        )
    return review


def refusal_reason(
    *, actor: Any, application: CreditApplication, permission: str
) -> tuple[str, str]:
    """Why a committee act (`permission`) is refused to `actor` on the application, for the
    pages and the API to say: a code (own, conflict, closed, not_chair, denied) and a sentence."""
    if application.learner_id == getattr(actor, "pk", None):
        return "own", _("Nobody judges their own application.")
    if selectors.has_declared_conflict(user=actor, application=application):
        if permission == "learning.declare_conflict":
            return "conflict", _("You already declared a conflict of interest on this application.")
        return "conflict", _(
            "You declared a conflict of interest on this application: you neither review nor "
            "decide it."
        )
    if application.status != ApplicationStatus.SUBMITTED:
        return "closed", _("This application no longer waits for a decision.")
    role = selectors.committee_role(user=actor, partner_id=application.partner_id)
    if permission == "learning.decide_credit_application" and role is not None:
        return "not_chair", _("Only a chair of the committee decides.")
    return "denied", _("You are not allowed to do this.")
