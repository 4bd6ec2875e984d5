"""Reads of credit applications: who sits on which committee, the partners taking applications,
a learner's applications, a committee's list, and one application with all it shows."""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from pnyx.learning.models import (
    ApplicationReview,
    CommitteeMember,
    CommitteeRole,
    ConflictDeclaration,
    CreditApplication,
    CriterionScore,
    EngagementEntry,
    Partner,
    PartnerStatus,
    RubricCriterion,
)

# Remembered on the user object for the request: pages ask several permissions in a row.
_ROLES_CACHE = "_pnyx_learning_committee_roles"


def committee_role(*, user: Any, partner_id: int | None) -> str | None:
    """The person's role on the partner's committee (chair, member, secretary), or None."""
    if partner_id is None or not getattr(user, "is_authenticated", False):
        return None
    roles = getattr(user, _ROLES_CACHE, None)
    if roles is None:
        roles = dict(CommitteeMember.objects.filter(person=user).values_list("partner_id", "role"))
        setattr(user, _ROLES_CACHE, roles)
    return roles.get(partner_id)


def forget_committee_roles(user: Any) -> None:
    """Drop the remembered roles (after a change of committee within the same request)."""
    if hasattr(user, _ROLES_CACHE):
        delattr(user, _ROLES_CACHE)


def has_declared_conflict(*, user: Any, application: CreditApplication) -> bool:
    """Whether the person declared a conflict of interest on the application."""
    if not getattr(user, "pk", None):
        return False
    declared = getattr(application, "_prefetched_objects_cache", {}).get("conflicts")
    if declared is not None:
        return any(conflict.member_id == user.pk for conflict in declared)
    return ConflictDeclaration.objects.filter(application=application, member=user).exists()


def partner_accepts_applications(*, partner: Partner) -> bool:
    """An approved partner with a published rubric (at least one criterion)."""
    return (
        partner.status == PartnerStatus.APPROVED
        and RubricCriterion.objects.filter(partner=partner).exists()
    )


def partner_get_by_slug(*, slug: str) -> Partner | None:
    """The partner whose organisation has this address name, whatever its status."""
    return Partner.objects.select_related("organisation").filter(organisation__slug=slug).first()


def partners_accepting_applications() -> QuerySet[Partner]:
    """Approved partners with a rubric, by name; public."""
    with_rubric = RubricCriterion.objects.filter(partner=OuterRef("pk"))
    return (
        Partner.objects.filter(status=PartnerStatus.APPROVED)
        .filter(Exists(with_rubric))
        .select_related("organisation")
        .order_by("organisation__sort_name", "pk")
    )


def rubric_for_partner(*, partner: Partner) -> list[RubricCriterion]:
    """The partner's published criteria in their order."""
    return list(RubricCriterion.objects.filter(partner=partner).order_by("position", "pk"))


def committee_people(*, partner: Partner) -> list[int]:
    """The ids of the people on the partner's committee."""
    return list(CommitteeMember.objects.filter(partner=partner).values_list("person_id", flat=True))


def committee_chairs(*, partner: Partner) -> list[int]:
    """The ids of the chairs of the partner's committee."""
    chairs = CommitteeMember.objects.filter(partner=partner, role=CommitteeRole.CHAIR)
    return list(chairs.values_list("person_id", flat=True))


def application_list_for_learner(*, learner: Any) -> QuerySet[CreditApplication]:
    """The learner's applications, newest first, with their partner; for the learner."""
    return (
        CreditApplication.objects.filter(learner=learner)
        .select_related("partner__organisation")
        .order_by("-created_at", "-pk")
    )


def application_list_for_partner(
    *, partner: Partner, user: Any, status: str = ""
) -> QuerySet[CreditApplication]:
    """The applications sent to the partner, newest first, with the learner, the entries, the
    number of reviews, and whether `user` reviewed or declared a conflict; for its committee."""
    queryset = CreditApplication.objects.filter(partner=partner)
    if status:
        queryset = queryset.filter(status=status)
    mine = {"reviewer": user} if getattr(user, "pk", None) else {"pk__in": []}
    conflict = {"member": user} if getattr(user, "pk", None) else {"pk__in": []}
    entries = EngagementEntry.objects.only("pk", "activity", "started_on").order_by(
        "-started_on", "pk"
    )
    return (
        queryset.select_related("learner")
        .prefetch_related(Prefetch("entries", queryset=entries))
        .annotate(
            review_count=Count("reviews", distinct=True),
            reviewed_by_me=Exists(
                ApplicationReview.objects.filter(application=OuterRef("pk"), **mine)
            ),
            conflict_of_mine=Exists(
                ConflictDeclaration.objects.filter(application=OuterRef("pk"), **conflict)
            ),
        )
        .order_by("-created_at", "-pk")
    )


def application_get(*, pk: int) -> CreditApplication | None:
    """One application with its learner, partner, entries, conflicts and reviews (with their
    scores); permission checks decide who sees it."""
    scores = CriterionScore.objects.select_related("criterion").order_by(
        "criterion__position", "pk"
    )
    reviews = ApplicationReview.objects.select_related("reviewer").prefetch_related(
        Prefetch("scores", queryset=scores)
    )
    entries = EngagementEntry.objects.select_related("organisation").order_by("-started_on", "pk")
    return (
        CreditApplication.objects.select_related("learner", "partner__organisation", "decided_by")
        .prefetch_related(
            Prefetch("entries", queryset=entries),
            Prefetch("reviews", queryset=reviews.order_by("created_at", "pk")),
            Prefetch("conflicts", queryset=ConflictDeclaration.objects.select_related("member")),
        )
        .filter(pk=pk)
        .first()
    )


def application_review_of(*, application: CreditApplication, user: Any) -> ApplicationReview | None:
    """The person's review of the application, from the prefetched reviews when there."""
    if not getattr(user, "pk", None):
        return None
    return next(
        (review for review in application.reviews.all() if review.reviewer_id == user.pk), None
    )
