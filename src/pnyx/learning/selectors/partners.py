"""Reads about learning partners: the directory, applications, a partner's page (committee,
rubric, courses, study groups, visits, credits granted) and who holds which committee role."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When

from pnyx.learning.models import (
    ApplicationStatus,
    CommitteeMember,
    CommitteeRole,
    CommitteeVisit,
    Course,
    CourseStatus,
    CreditApplication,
    CriterionScore,
    Partner,
    PartnerStatus,
    RubricCriterion,
    StudyGroup,
)
from pnyx.orgs.algorithms import name_sort_key
from pnyx.orgs.models import Membership, Organisation, OrganisationKind

#: The organisation kinds that may become learning partners.
PARTNER_KINDS = (OrganisationKind.SCHOOL, OrganisationKind.UNIVERSITY)

# Chair first, then secretary, then the other members.
_ROLE_ORDER = Case(
    When(role=CommitteeRole.CHAIR, then=Value(0)),
    When(role=CommitteeRole.SECRETARY, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def committee_role_of(*, user: Any, partner: Partner) -> str | None:
    """The person's role on the partner's committee, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    roles = CommitteeMember.objects.filter(partner=partner, person=user)
    return roles.values_list("role", flat=True).first()


def partner_list(*, q: str = "", country: str = "", kind: str = "") -> QuerySet[Partner]:
    """Approved partners matching the (already validated) filters, by name; public. `q` matches
    the organisation's name without regard to case or accents. Each row carries
    `course_count` (its published courses)."""
    queryset = Partner.objects.filter(status=PartnerStatus.APPROVED)
    if q.strip():
        queryset = queryset.filter(organisation__sort_name__contains=name_sort_key(q.strip()))
    if country:
        queryset = queryset.filter(organisation__country=country)
    if kind:
        queryset = queryset.filter(organisation__kind=kind)
    published = Q(courses__status=CourseStatus.PUBLISHED)
    return (
        queryset.select_related("organisation")
        .annotate(course_count=Count("courses", filter=published, distinct=True))
        .order_by("organisation__sort_name", "pk")
    )


def partner_countries() -> list[str]:
    """The country codes of approved partners, for the directory's filter."""
    codes = Partner.objects.filter(status=PartnerStatus.APPROVED).exclude(organisation__country="")
    return sorted(set(codes.values_list("organisation__country", flat=True)))


def partner_get(*, slug: str) -> Partner | None:
    """The approved partner of the organisation with this slug, or None."""
    found = Partner.objects.filter(status=PartnerStatus.APPROVED, organisation__slug=slug)
    return found.select_related("organisation").first()


def partner_application_list(*, status: str = PartnerStatus.PENDING) -> QuerySet[Partner]:
    """Applications in the given status, oldest first (newest decisions first once decided);
    for platform administrators."""
    found = Partner.objects.filter(status=status).select_related(
        "organisation", "applied_by", "decided_by"
    )
    if status == PartnerStatus.PENDING:
        return found.order_by("created_at", "pk")
    return found.order_by("-decided_at", "-pk")


def partner_application_get(*, pk: int) -> Partner | None:
    return Partner.objects.select_related("organisation", "applied_by").filter(pk=pk).first()


def organisations_administered(*, user: Any) -> QuerySet[Organisation]:
    """The organisations the person is an active administrator of, by name."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    admin_of = Membership.objects.admins().filter(user=user).values("organisation_id")
    return Organisation.objects.filter(pk__in=admin_of).order_by("sort_name", "pk")


def applications_of_admin(*, user: Any) -> QuerySet[Partner]:
    """The partner applications (any status) of the organisations the person administers."""
    organisations = organisations_administered(user=user)
    found = Partner.objects.filter(organisation__in=organisations).select_related("organisation")
    return found.order_by("organisation__sort_name", "pk")


def platform_admin_ids() -> list[int]:
    """The ids of the active platform administrators (told of new applications)."""
    admins = get_user_model().objects.filter(is_active=True, is_staff=True)
    return list(admins.order_by("pk").values_list("pk", flat=True))


def committee_list(*, partner: Partner) -> QuerySet[CommitteeMember]:
    """The committee: the chair first, then the secretary, then members, by name; public."""
    return (
        CommitteeMember.objects.filter(partner=partner)
        .select_related("person")
        .annotate(role_rank=_ROLE_ORDER)
        .order_by("role_rank", "person__display_name", "pk")
    )


def committee_member_get(*, partner: Partner, pk: int) -> CommitteeMember | None:
    found = CommitteeMember.objects.filter(partner=partner, pk=pk)
    return found.select_related("person", "partner__organisation").first()


def rubric_list(*, partner: Partner) -> QuerySet[RubricCriterion]:
    """The partner's rubric in its order; public."""
    return RubricCriterion.objects.filter(partner=partner).order_by("position", "pk")


def criterion_get(*, partner: Partner, pk: int) -> RubricCriterion | None:
    return RubricCriterion.objects.filter(partner=partner, pk=pk).first()


def criterion_in_use(*, criterion: RubricCriterion) -> bool:
    """Whether a review already scored this criterion."""
    return CriterionScore.objects.filter(criterion=criterion).exists()


def visit_list(*, partner: Partner) -> QuerySet[CommitteeVisit]:
    """The partner's committee visits, newest first; public."""
    return CommitteeVisit.objects.filter(partner=partner).order_by("-starts_on", "-pk")


def visit_get(*, partner: Partner, pk: int) -> CommitteeVisit | None:
    found = CommitteeVisit.objects.filter(partner=partner, pk=pk)
    return found.select_related("partner__organisation").first()


def partner_courses(*, partner: Partner) -> QuerySet[Course]:
    """The partner's published courses, by title."""
    return Course.objects.filter(partner=partner, status=CourseStatus.PUBLISHED).order_by(
        "title", "pk"
    )


def partner_groups(*, partner: Partner) -> QuerySet[StudyGroup]:
    """Study groups of the partner or of one of its published courses, by name."""
    attached = Q(partner=partner) | Q(
        course__partner=partner, course__status=CourseStatus.PUBLISHED
    )
    return (
        StudyGroup.objects.filter(attached)
        .select_related("course")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class CreditsGranted:
    applications: int
    credits: Decimal


def credits_granted(*, partner: Partner) -> CreditsGranted:
    """How many credit applications the partner granted, and the credits granted in all."""
    totals = CreditApplication.objects.filter(
        partner=partner, status=ApplicationStatus.GRANTED
    ).aggregate(applications=Count("pk"), credits=Sum("credits_granted"))
    total = totals["credits"] or Decimal("0")
    # Without trailing zeros ("4.5", "3"), but never in exponent form ("1E+1").
    total = total.quantize(Decimal(1)) if total == total.to_integral() else total.normalize()
    return CreditsGranted(applications=totals["applications"] or 0, credits=total)


@dataclass(frozen=True)
class PartnerOverview:
    """Everything a partner's page and the API's partner detail show."""

    partner: Partner
    committee: list[CommitteeMember]
    rubric: list[RubricCriterion]
    courses: list[Course]
    groups: list[StudyGroup]
    upcoming_visits: list[CommitteeVisit]
    past_visits: list[CommitteeVisit]
    credits: CreditsGranted


def partner_overview(*, partner: Partner, today: date) -> PartnerOverview:
    """The partner's committee, rubric, published courses, study groups, visits (upcoming ones,
    soonest first; past ones, i.e. begun before `today`, newest first) and credits granted."""
    visits = list(visit_list(partner=partner))
    return PartnerOverview(
        partner=partner,
        committee=list(committee_list(partner=partner)),
        rubric=list(rubric_list(partner=partner)),
        courses=list(partner_courses(partner=partner)),
        groups=list(partner_groups(partner=partner)),
        upcoming_visits=sorted(
            (visit for visit in visits if visit.starts_on >= today),
            key=lambda visit: (visit.starts_on, visit.pk),
        ),
        past_visits=[visit for visit in visits if visit.starts_on < today],
        credits=credits_granted(partner=partner),
    )
