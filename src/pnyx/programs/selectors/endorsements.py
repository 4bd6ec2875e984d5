"""Reads behind endorsements: who endorses a version, who has not confirmed the latest one yet,
and as whom the viewer may endorse."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from pnyx.orgs.models import MembershipStatus, Organisation, Role
from pnyx.programs.models import (
    Document,
    Endorsement,
    Version,
)

#: How many endorsers of each kind a version page names; the counts and the API give the rest.
ENDORSERS_SHOWN = 100


def _endorsers_in_order(rows: QuerySet[Endorsement]) -> QuerySet[Endorsement]:
    return rows.select_related("person", "organisation", "version").order_by(
        "-version__major",
        "-version__minor",
        F("organisation__sort_name").asc(nulls_last=True),
        "created_at",
        "pk",
    )


def endorsement_list(
    *, document: Document, version: Version | None = None
) -> QuerySet[Endorsement]:
    """Active endorsements of the document, or of one of its versions: newest version first, then
    organisations by name, then people in the order they endorsed; endorsers loaded with them."""
    rows = Endorsement.objects.filter(document=document, withdrawn_at__isnull=True)
    if version is not None:
        rows = rows.filter(version=version)
    return _endorsers_in_order(rows)


@dataclass(frozen=True)
class VersionEndorsements:
    """Who endorses a version: organisations and people (at most `ENDORSERS_SHOWN` each named)
    and how many of each there are."""

    organisations: list[Endorsement]
    people: list[Endorsement]
    organisation_count: int
    person_count: int

    @property
    def more_organisations(self) -> int:
        return self.organisation_count - len(self.organisations)

    @property
    def more_people(self) -> int:
        return self.person_count - len(self.people)


def version_endorsements(*, version: Version) -> VersionEndorsements:
    """The public list of a version's active endorsements (two queries; a third counts them
    when one list is longer than what the page names)."""
    rows = _endorsers_in_order(
        Endorsement.objects.filter(version=version, withdrawn_at__isnull=True)
    )
    organisations = list(rows.filter(organisation__isnull=False)[:ENDORSERS_SHOWN])
    people = list(rows.filter(person__isnull=False)[:ENDORSERS_SHOWN])
    counts = {"organisations": len(organisations), "people": len(people)}
    if ENDORSERS_SHOWN in counts.values():
        counts = rows.order_by().aggregate(
            organisations=Count("pk", filter=Q(organisation__isnull=False)),
            people=Count("pk", filter=Q(person__isnull=False)),
        )
    return VersionEndorsements(
        organisations=organisations,
        people=people,
        organisation_count=counts["organisations"],
        person_count=counts["people"],
    )


def _earlier_than(version: Version) -> Q:
    return Q(version__major__lt=version.major) | Q(
        version__major=version.major, version__minor__lt=version.minor
    )


def endorsements_awaiting_confirmation(*, version: Version) -> list[Endorsement]:
    """Endorsers of an earlier version who have not endorsed this one, each with the newest
    version they endorse: organisations by name, then people by name (one query)."""
    confirmed = Endorsement.objects.filter(version=version, withdrawn_at__isnull=True)
    earlier = (
        Endorsement.objects.filter(document_id=version.document_id, withdrawn_at__isnull=True)
        .filter(_earlier_than(version))
        .exclude(person__in=confirmed.filter(person__isnull=False).values("person"))
        .exclude(
            organisation__in=confirmed.filter(organisation__isnull=False).values("organisation")
        )
        .select_related("person", "organisation", "version")
        .order_by("-version__major", "-version__minor", "pk")
    )
    newest: dict[tuple[int | None, int | None], Endorsement] = {}
    for endorsement in earlier[: ENDORSERS_SHOWN * 10]:
        newest.setdefault((endorsement.person_id, endorsement.organisation_id), endorsement)
    organisations = [row for row in newest.values() if row.organisation is not None]
    people = [row for row in newest.values() if row.person is not None]
    organisations.sort(key=lambda row: row.organisation.sort_name if row.organisation else "")
    people.sort(key=lambda row: row.person.public_name.casefold() if row.person else "")
    return (organisations + people)[:ENDORSERS_SHOWN]


def endorsement_people_to_ask(*, version: Version) -> set[int]:
    """Ids of the people to ask to confirm for `version`: each person with an active endorsement
    of another version of the document, and each active administrator of an organisation with
    one (two queries)."""
    earlier = Endorsement.objects.filter(
        document_id=version.document_id, withdrawn_at__isnull=True
    ).exclude(version=version)
    people = set(
        earlier.filter(person__isnull=False).values_list("person_id", flat=True).distinct()
    )
    admins = Organisation.objects.filter(
        pk__in=earlier.filter(organisation__isnull=False).values("organisation"),
        memberships__role=Role.ADMIN,
        memberships__status=MembershipStatus.ACTIVE,
        memberships__user__is_active=True,
    ).values_list("memberships__user_id", flat=True)
    return people | set(admins)


@dataclass(frozen=True)
class EndorserChoice:
    """Someone the viewer may endorse as: themselves (`organisation` None) or an organisation
    they administer, with the newest version it endorses ("" when none)."""

    organisation: Organisation | None
    number: str


def organisations_endorsing_as(*, user: Any) -> list[Organisation]:
    """The organisations the person actively administers, by name."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return list(
        Organisation.objects.filter(
            memberships__user=user,
            memberships__role=Role.ADMIN,
            memberships__status=MembershipStatus.ACTIVE,
        ).order_by("sort_name", "pk")
    )


def endorser_choices(*, user: Any, document: Document) -> list[EndorserChoice]:
    """The person first, then each organisation they administer, with what each endorses of the
    document now (two queries)."""
    organisations = organisations_endorsing_as(user=user)
    if not getattr(user, "is_authenticated", False):
        return []
    rows = (
        Endorsement.objects.filter(document=document, withdrawn_at__isnull=True)
        .filter(Q(person=user) | Q(organisation__in=[org.pk for org in organisations]))
        .order_by("-version__major", "-version__minor")
        .values_list("person_id", "organisation_id", "version__number")
    )
    newest: dict[int | None, str] = {}
    for person_id, organisation_id, number in rows:
        newest.setdefault(None if person_id else organisation_id, number)
    return [EndorserChoice(organisation=None, number=newest.get(None, ""))] + [
        EndorserChoice(organisation=org, number=newest.get(org.pk, "")) for org in organisations
    ]


def organisation_by_slug(*, slug: str) -> Organisation | None:
    """The organisation with this address name, or None."""
    return Organisation.objects.filter(slug=slug).first() if slug else None
