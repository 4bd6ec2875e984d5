"""What credit applications hold about a person: the applications they made, and as a committee
member, the reviews they wrote and the conflicts of interest they declared."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.learning.models import ApplicationReview, ConflictDeclaration, CreditApplication


def _decimal(value: Any) -> str | None:
    return str(value) if value is not None else None


def export_applications(person: Any) -> list[dict[str, Any]]:
    """The person's applications, oldest first, with the decision and the entries attached."""
    applications = (
        CreditApplication.objects.filter(learner=person)
        .select_related("partner__organisation")
        .prefetch_related("entries")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": application.pk,
            "partner": application.partner.organisation.name,
            "entries": ", ".join(entry.activity for entry in application.entries.all()),
            "statement": application.statement,
            "credits_requested": _decimal(application.credits_requested),
            "status": application.status,
            "credits_granted": _decimal(application.credits_granted),
            "decision_reasons": application.decision_reasons,
            "decided_at": application.decided_at.isoformat() if application.decided_at else None,
            "created_at": application.created_at.isoformat(),
        }
        for application in applications
    ]


def delete_applications(person: Any) -> None:
    """Delete the person's applications with their reviews (a credential issued stays the
    learner's; the audit log keeps the decision)."""
    with transaction.atomic():
        CreditApplication.objects.filter(learner=person).delete()


def export_reviews(person: Any) -> list[dict[str, Any]]:
    """The reviews the person wrote as a committee member, oldest first, with their scores."""
    reviews = (
        ApplicationReview.objects.filter(reviewer=person)
        .select_related("application__partner__organisation")
        .prefetch_related("scores__criterion")
        .order_by("created_at", "pk")
    )
    return [
        {
            "application": review.application_id,
            "partner": review.application.partner.organisation.name,
            "scores": "; ".join(
                f"{score.criterion.name}: {score.score}"
                + (f" ({score.comment})" if score.comment else "")
                for score in review.scores.all()
            ),
            "comment": review.comment,
            "credits_recommended": _decimal(review.credits_recommended),
            "created_at": review.created_at.isoformat(),
        }
        for review in reviews
    ]


def delete_reviews(person: Any) -> None:
    """Delete the person's reviews (decisions already taken stay, with the audit log)."""
    with transaction.atomic():
        ApplicationReview.objects.filter(reviewer=person).delete()


def export_conflicts(person: Any) -> list[dict[str, Any]]:
    """The conflicts of interest the person declared, oldest first."""
    declarations = (
        ConflictDeclaration.objects.filter(member=person)
        .select_related("application__partner__organisation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "application": declaration.application_id,
            "partner": declaration.application.partner.organisation.name,
            "reason": declaration.reason,
            "created_at": declaration.created_at.isoformat(),
        }
        for declaration in declarations
    ]


def delete_conflicts(person: Any) -> None:
    with transaction.atomic():
        ConflictDeclaration.objects.filter(member=person).delete()


SOURCES = [
    personal_data.PersonalDataSource(
        key="learning.credit_applications",
        label=_("Your credit applications"),
        description=_(
            "The applications for credits you made: the partner, the entries you attached, "
            "what you wrote, the credits you asked for, and the committee's decision."
        ),
        export=export_applications,
        anonymise=delete_applications,
        purpose=_("To let a partner's committee review your engagement and grant credits."),
        visibility=personal_data.Visibility.PRIVATE,
        seen_by=_(
            "The committee of the partner you applied to. The public audit log records each "
            "decision with your account number, the partner and the credits, never what "
            "you wrote."
        ),
    ),
    personal_data.PersonalDataSource(
        key="learning.application_reviews",
        label=_("Your reviews of credit applications"),
        description=_(
            "As a committee member: your score for each criterion, your comments and the "
            "credits you would grant."
        ),
        export=export_reviews,
        anonymise=delete_reviews,
        purpose=_("To let the committee decide on credit applications."),
        visibility=personal_data.Visibility.PRIVATE,
        seen_by=_("The other members of the committee."),
    ),
    personal_data.PersonalDataSource(
        key="learning.conflict_declarations",
        label=_("Your declarations of conflicts of interest"),
        description=_("As a committee member: the applications you stood aside from, and why."),
        export=export_conflicts,
        anonymise=delete_conflicts,
        purpose=_("To keep each decision on credits impartial."),
        visibility=personal_data.Visibility.PRIVATE,
        seen_by=_("The other members of the committee."),
    ),
]


def register_sources() -> None:
    """Declare the sources in the core registry (called from the app's `ready`)."""
    for source in SOURCES:
        personal_data.register(source)
