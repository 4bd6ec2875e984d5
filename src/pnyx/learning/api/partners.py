"""Learning partners in the API: the directory of approved partners and one partner with its
committee (public names and roles), rubric, committee visits, courses and credits granted."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import field_validator

from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut, country_code
from pnyx.learning.models import CommitteeMember, Partner
from pnyx.learning.selectors import partners as selectors

router = Router(tags=["learning"])

SEARCH_MAX_LENGTH = 120


class _PartnerFields(Schema):
    slug: str = Field(description="The organisation's slug, which names the partner.")
    name: str
    kind: str = Field(description="school or university.")
    country: str = Field(description="ISO 3166-1 alpha-2 code; empty for international.")
    credit_unit: str = Field(description="How the partner counts credits, e.g. ECTS.")
    course_count: int = Field(description="Published courses.")


class PartnerOut(_PartnerFields):
    @staticmethod
    def resolve_slug(obj: Partner) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_name(obj: Partner) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_kind(obj: Partner) -> str:
        return obj.organisation.kind

    @staticmethod
    def resolve_country(obj: Partner) -> str:
        return str(obj.organisation.country)

    @staticmethod
    def resolve_course_count(obj: Partner) -> int:
        return int(getattr(obj, "course_count", 0))


class PartnerFilters(Schema):
    q: str = Field("", max_length=SEARCH_MAX_LENGTH, description="Words of the name.")
    country: str = Field("", description="ISO 3166-1 alpha-2 country code, e.g. `FR`.")
    kind: str = Field("", description="school or university.")

    @field_validator("q")
    @classmethod
    def without_nul(cls, value: str) -> str:
        return value.replace("\x00", "")

    @field_validator("country")
    @classmethod
    def known_country(cls, value: str) -> str:
        return country_code(value)

    @field_validator("kind")
    @classmethod
    def partner_kind(cls, value: str) -> str:
        if value and value not in selectors.PARTNER_KINDS:
            raise ValueError(
                _("Unknown kind '%(value)s'; use school or university.") % {"value": value}
            )
        return value


class CommitteeMemberOut(Schema):
    name: str = Field(description="The person's public name.")
    role: str = Field(description="chair, secretary or member.")

    @staticmethod
    def resolve_name(obj: CommitteeMember) -> str:
        return obj.person.public_name


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    max_score: int = Field(description="Scores go from 0 to this number.")
    position: int


class VisitOut(Schema):
    id: int
    starts_on: date
    ends_on: date | None
    place: str
    agenda: str = Field(description="Markdown.")
    report: str = Field(description="Markdown; empty until the committee writes it.")
    reported_at: datetime | None


class CourseRefOut(Schema):
    slug: str
    title: str


class CreditsOut(Schema):
    applications: int = Field(description="Credit applications granted.")
    credits: Decimal = Field(description="Credits granted in all, in the partner's unit.")


class PartnerDetailOut(_PartnerFields):
    statement: str
    committee: list[CommitteeMemberOut] = Field(description="The chair first, then the secretary.")
    rubric: list[CriterionOut]
    upcoming_visits: list[VisitOut] = Field(description="Soonest first.")
    past_visits: list[VisitOut] = Field(description="Newest first.")
    courses: list[CourseRefOut] = Field(description="Published courses.")
    credits_granted: CreditsOut


@router.get(
    "/learning/partners",
    response={200: list[PartnerOut], 422: ValidationErrorOut},
    operation_id="partner_list",
    summary="The learning partners",
)
@paginate(BoundedPageNumberPagination)
def partner_list(request: HttpRequest, filters: Query[PartnerFilters]) -> Any:
    """Approved partners by name; `q` searches names without regard to case or accents."""
    return selectors.partner_list(**filters.dict())


@router.get(
    "/learning/partners/{slug}",
    response={200: PartnerDetailOut, 404: ErrorOut},
    operation_id="partner_get",
    summary="One learning partner",
)
def partner_get(request: HttpRequest, slug: str) -> Any:
    """The partner with its committee, public rubric, visits, courses and credits granted."""
    slug = slug.replace("\x00", "")[:220]
    partner = selectors.partner_get(slug=slug)
    if partner is None:
        raise HttpError(
            404, _("No learning partner has the address name %(slug)s.") % {"slug": slug}
        )
    overview = selectors.partner_overview(partner=partner, today=timezone.localdate())
    organisation = partner.organisation
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "country": str(organisation.country),
        "credit_unit": partner.credit_unit,
        "course_count": len(overview.courses),
        "statement": partner.statement,
        "committee": overview.committee,
        "rubric": overview.rubric,
        "upcoming_visits": overview.upcoming_visits,
        "past_visits": overview.past_visits,
        "courses": overview.courses,
        "credits_granted": overview.credits,
    }
