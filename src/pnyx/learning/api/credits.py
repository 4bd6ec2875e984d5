"""Credit applications in the API: one's own applications, and for a partner's committee the
applications sent to it, conflicts of interest, reviews and decisions.

Every refusal is a 4xx with its reason: 401 without a token; 403 for an act the person may not
do (their own application, a declared conflict, not a chair, no confirmed address); 404 for an
application they may not see or an unknown partner; 409 for an act that no longer applies (a
decided application, a partner not taking applications, no review yet); 422 per field.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut, invalid_input
from pnyx.learning.models import (
    ApplicationReview,
    ConflictDeclaration,
    CreditApplication,
    EngagementEntry,
)
from pnyx.learning.selectors import credits as selectors
from pnyx.learning.services import credits as services
from pnyx.learning.services.credits_decisions import credit_application_decide
from pnyx.learning.services.engagement_referees import referee_status

router = Router(tags=["learning"])

_WRITES = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut}
#: A number of credits: above 0, at most 60, with at most two decimals.
Credits = Annotated[Decimal, Field(gt=0, le=services.MAX_CREDITS, max_digits=4, decimal_places=2)]


class AttachedEntryOut(Schema):
    """An entry as the committee sees it: no referee e-mail address."""

    id: int
    source: str
    activity: str
    organisation_name: str
    started_on: date
    ended_on: date | None
    hours: Decimal | None
    description: str
    evidence_url: str
    has_evidence_file: bool
    referee_name: str
    referee_status: str
    referee_note: str

    @staticmethod
    def resolve_has_evidence_file(obj: EngagementEntry) -> bool:
        return bool(obj.evidence_file)

    @staticmethod
    def resolve_referee_status(obj: EngagementEntry) -> str:
        return referee_status(obj)


class ScoreOut(Schema):
    criterion: int = Field(alias="criterion_id")
    score: int
    comment: str


class ReviewOut(Schema):
    id: int
    reviewer: str
    scores: list[ScoreOut]
    comment: str
    credits_recommended: Decimal | None = Field(description="Null: the reviewer would refuse.")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_reviewer(obj: ApplicationReview) -> str:
        return obj.reviewer.public_name

    @staticmethod
    def resolve_scores(obj: ApplicationReview) -> list[Any]:
        return list(obj.scores.all())


class ConflictOut(Schema):
    member: str
    reason: str
    created_at: datetime

    @staticmethod
    def resolve_member(obj: ConflictDeclaration) -> str:
        return obj.member.public_name


class ApplicationOut(Schema):
    id: int
    learner: str = Field(description="The learner's public name.")
    partner: str = Field(description="The partner's slug.")
    partner_name: str
    credit_unit: str
    status: str = Field(description="submitted, granted, refused or withdrawn.")
    credits_requested: Decimal
    credits_granted: Decimal | None
    decision_reasons: str
    decided_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_learner(obj: CreditApplication) -> str:
        return obj.learner.public_name

    @staticmethod
    def resolve_partner(obj: CreditApplication) -> str:
        return obj.partner.organisation.slug

    @staticmethod
    def resolve_partner_name(obj: CreditApplication) -> str:
        return obj.partner.organisation.name

    @staticmethod
    def resolve_credit_unit(obj: CreditApplication) -> str:
        return obj.partner.credit_unit


class ApplicationDetailOut(ApplicationOut):
    statement: str
    entries: list[AttachedEntryOut]
    reviews: list[ReviewOut] = Field(description="For the committee only; empty for the learner.")
    conflicts: list[ConflictOut] = Field(description="For the committee only.")

    @staticmethod
    def resolve_entries(obj: CreditApplication) -> list[Any]:
        return list(obj.entries.all())

    @staticmethod
    def resolve_reviews(obj: CreditApplication) -> list[Any]:
        return list(obj.reviews.all()) if getattr(obj, "committee_view", False) else []

    @staticmethod
    def resolve_conflicts(obj: CreditApplication) -> list[Any]:
        return list(obj.conflicts.all()) if getattr(obj, "committee_view", False) else []


class ApplicationIn(Schema):
    partner: str = Field(..., max_length=220, description="The partner's slug.")
    entries: list[int] = Field(..., max_length=200, description="Ids of entries of your record.")
    statement: str = Field(..., max_length=services.STATEMENT_MAX_LENGTH)
    credits_requested: Credits


class ConflictIn(Schema):
    reason: str = Field(..., max_length=services.REASON_MAX_LENGTH)


class ScoreIn(Schema):
    criterion: int = Field(..., description="The id of a criterion of the partner's rubric.")
    score: int = Field(..., ge=0, le=10)
    comment: str = Field("", max_length=services.SCORE_COMMENT_MAX_LENGTH)


class ReviewIn(Schema):
    scores: list[ScoreIn] = Field(..., max_length=100)
    comment: str = Field("", max_length=services.COMMENT_MAX_LENGTH)
    credits_recommended: Credits | None = None


class DecisionIn(Schema):
    decision: Literal["grant", "refuse"]
    credits: Credits | None = None
    reasons: str = Field("", max_length=services.COMMENT_MAX_LENGTH)


def _detail(request: HttpRequest, pk: int) -> CreditApplication:
    """The application when the caller may see it (learner or committee), else 404."""
    user = request.auth  # type: ignore[attr-defined]
    application = selectors.application_get(pk=pk)
    if application is None or not user.has_perm("learning.view_credit_application", application):
        raise HttpError(404, _("No application you may see has the id %(id)s.") % {"id": pk})
    committee = user.has_perm("learning.view_partner_applications", application.partner)
    application.committee_view = committee  # type: ignore[attr-defined]
    return application


def _refused(request: HttpRequest, application: CreditApplication, permission: str) -> Status:
    code, reason = services.refusal_reason(
        actor=request.auth,  # type: ignore[attr-defined]
        application=application,
        permission=permission,
    )
    return Status(409 if code == "closed" else 403, {"detail": reason})


def _service_error(error: DjangoValidationError) -> Status:
    """A field error is a 422; a refusal of the act as a whole, a 409."""
    if hasattr(error, "error_dict"):
        raise invalid_input(error) from error
    return Status(409, {"detail": " ".join(error.messages)})


@router.get(
    "/learning/applications",
    response={200: list[ApplicationOut], 401: ErrorOut, 422: ValidationErrorOut},
    auth=api_auth,
    operation_id="credit_application_list",
    summary="My credit applications",
)
@paginate(BoundedPageNumberPagination)
def credit_application_list(request: HttpRequest) -> Any:
    """Your applications, newest first."""
    learner = request.auth  # type: ignore[attr-defined]
    return selectors.application_list_for_learner(learner=learner).select_related("learner")


@router.post(
    "/learning/applications",
    response={201: ApplicationDetailOut, **_WRITES},
    auth=api_auth,
    operation_id="credit_application_submit",
    summary="Apply to a partner for credits",
)
def credit_application_submit(request: HttpRequest, payload: ApplicationIn) -> Any:
    """Send an application resting on entries of your record. 409 when the partner takes no
    applications or yours to it still waits for a decision."""
    partner = selectors.partner_get_by_slug(slug=payload.partner)
    if partner is None:
        raise HttpError(404, _("No partner has the slug %(slug)s.") % {"slug": payload.partner})
    if not selectors.partner_accepts_applications(partner=partner):
        message = _("%(partner)s does not take credit applications.") % {"partner": partner}
        return Status(409, {"detail": message})
    try:
        application = services.credit_application_submit(
            actor=request.auth,  # type: ignore[attr-defined]
            partner=partner,
            entry_ids=payload.entries,
            statement=payload.statement,
            credits_requested=payload.credits_requested,
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Confirm your e-mail address to apply.")})
    except DjangoValidationError as error:
        return _service_error(error)
    return Status(201, _detail(request, application.pk))


@router.get(
    "/learning/applications/{id}",
    response={200: ApplicationDetailOut, 401: ErrorOut, 404: ErrorOut},
    auth=api_auth,
    operation_id="credit_application_get",
    summary="One credit application",
)
def credit_application_get(request: HttpRequest, id: int) -> Any:  # noqa: A002
    """Your application, or one sent to a partner whose committee you sit on (with its reviews
    and the conflicts declared)."""
    return _detail(request, id)


@router.post(
    "/learning/applications/{id}/withdraw",
    response={200: ApplicationDetailOut, **_WRITES},
    auth=api_auth,
    operation_id="credit_application_withdraw",
    summary="Withdraw my application",
)
def credit_application_withdraw(request: HttpRequest, id: int) -> Any:  # noqa: A002
    """Withdraw your application while it waits (409 once decided)."""
    application = _detail(request, id)
    if not request.auth.has_perm("learning.withdraw_credit_application", application):  # type: ignore[attr-defined]
        if application.learner_id != request.auth.pk:  # type: ignore[attr-defined]
            return Status(403, {"detail": _("Only the learner withdraws an application.")})
        return Status(409, {"detail": _("This application no longer waits for a decision.")})
    services.credit_application_withdraw(actor=request.auth, application=application)  # type: ignore[attr-defined]
    return _detail(request, id)


@router.post(
    "/learning/applications/{id}/conflict",
    response={201: ConflictOut, **_WRITES},
    auth=api_auth,
    operation_id="credit_application_conflict",
    summary="Declare a conflict of interest",
)
def credit_application_conflict(request: HttpRequest, id: int, payload: ConflictIn) -> Any:  # noqa: A002
    """Stand aside from an application: you will neither review nor decide it."""
    application = _detail(request, id)
    user = request.auth  # type: ignore[attr-defined]
    if not user.has_perm("learning.declare_conflict", application):
        return _refused(request, application, "learning.declare_conflict")
    try:
        declaration = services.conflict_declare(
            actor=user, application=application, reason=payload.reason
        )
    except DjangoValidationError as error:
        return _service_error(error)
    return Status(201, declaration)


@router.post(
    "/learning/applications/{id}/reviews",
    response={201: ReviewOut, **_WRITES},
    auth=api_auth,
    operation_id="credit_application_review",
    summary="Review an application against the rubric",
)
def credit_application_review(request: HttpRequest, id: int, payload: ReviewIn) -> Any:  # noqa: A002
    """Score every criterion of the rubric; sending again replaces your review."""
    application = _detail(request, id)
    user = request.auth  # type: ignore[attr-defined]
    if not user.has_perm("learning.review_credit_application", application):
        return _refused(request, application, "learning.review_credit_application")
    scores = [
        services.ScoreInput(criterion_id=item.criterion, score=item.score, comment=item.comment)
        for item in payload.scores
    ]
    try:
        review = services.application_review_submit(
            actor=user,
            application=application,
            scores=scores,
            comment=payload.comment,
            credits_recommended=payload.credits_recommended,
        )
    except DjangoValidationError as error:
        return _service_error(error)
    return Status(201, review)


@router.post(
    "/learning/applications/{id}/decision",
    response={200: ApplicationDetailOut, **_WRITES},
    auth=api_auth,
    operation_id="credit_application_decide",
    summary="Grant credits or refuse (a chair)",
)
def credit_application_decide_route(request: HttpRequest, id: int, payload: DecisionIn) -> Any:  # noqa: A002
    """Grant `credits` (issuing the learner's credential) or refuse with `reasons`. 409 before
    any review."""
    application = _detail(request, id)
    user = request.auth  # type: ignore[attr-defined]
    if not user.has_perm("learning.decide_credit_application", application):
        return _refused(request, application, "learning.decide_credit_application")
    try:
        credit_application_decide(
            actor=user,
            application=application,
            grant=payload.decision == "grant",
            credits=payload.credits,
            reasons=payload.reasons,
        )
    except DjangoValidationError as error:
        return _service_error(error)
    return _detail(request, id)
