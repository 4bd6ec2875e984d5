"""Reads about organisations shared by the pages, the API, the rules and the services."""

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from pnyx.core import search
from pnyx.core.models import Topic
from pnyx.orgs.algorithms import directory_order
from pnyx.orgs.models import Invitation, Membership, MembershipStatus, Organisation

_ACTIVE_MEMBERS = Count(
    "memberships",
    filter=Q(memberships__status=MembershipStatus.ACTIVE, memberships__user__is_active=True),
    distinct=True,
)


def _with_listing_data(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return queryset.annotate(member_count=_ACTIVE_MEMBERS).prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("slug"))
    )


def organisation_list(
    *, q: str = "", kind: str = "", country: str = "", topic: str = ""
) -> QuerySet[Organisation]:
    """Organisations matching the (already validated) filters, in the `orgs.directory` order.

    Public: every organisation is listed. Each row carries `member_count` (active members) and
    its topics prefetched, so a page of results costs a fixed number of queries.
    """
    queryset = Organisation.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(country=country)
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    queryset = search.filter_queryset(queryset, q)
    # No `search_rank` when the query has no words or nothing matched (an empty queryset).
    searching = "search_rank" in queryset.query.annotations
    return _with_listing_data(queryset).order_by(*directory_order(searching=searching))


def organisation_countries() -> list[str]:
    """The country codes used by at least one organisation, for the directory's country filter."""
    codes = Organisation.objects.exclude(country="").values_list("country", flat=True)
    return sorted(set(codes.distinct()))


def organisation_get(*, slug: str) -> Organisation:
    """One organisation with its topics and member count; Http404 for an unknown slug."""
    found = _with_listing_data(Organisation.objects.filter(slug=slug)).first()
    if found is None:
        raise Http404("No such organisation.")
    return found


def organisation_get_by_id(*, pk: int) -> Organisation | None:
    """One organisation with its topics and member count, or None."""
    return _with_listing_data(Organisation.objects.filter(pk=pk)).first()


def organisation_list_for_user(*, user: Any) -> QuerySet[Membership]:
    """The person's memberships (active and requested) with their organisations, by name."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__sort_name", "organisation__pk")
    )


def membership_list(*, organisation: Organisation) -> QuerySet[Membership]:
    """Active members, administrators first, then by public name; public."""
    return (
        Membership.objects.active()
        .filter(organisation=organisation, user__is_active=True)
        .select_related("user")
        # "admin" sorts before "member", so administrators come first.
        .order_by("role", "user__display_name", "user__pk")
    )


def membership_requests(*, organisation: Organisation) -> QuerySet[Membership]:
    """Join requests waiting for a decision, oldest first; for the organisation's administrators."""
    return (
        Membership.objects.requested()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def membership_get(*, organisation: Organisation, pk: int) -> Membership:
    """One membership of this organisation; Http404 when it belongs elsewhere or does not exist."""
    found = Membership.objects.filter(organisation=organisation, pk=pk).select_related("user")
    membership = found.first()
    if membership is None:
        raise Http404("No such membership.")
    return membership


def membership_of(*, user: Any, organisation: Organisation) -> Membership | None:
    """The person's membership of the organisation (active or requested), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def role_of(*, user: Any, organisation: Organisation) -> str | None:
    """The person's role in the organisation when their membership is active, else None."""
    roles = Membership.objects.active().filter(user=user, organisation=organisation)
    return roles.values_list("role", flat=True).first()


def invitation_list_pending(*, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations that can still be accepted, newest first; for the administrators."""
    return Invitation.objects.pending().filter(organisation=organisation).order_by("-created_at")


def invitation_get(*, organisation: Organisation, pk: int) -> Invitation:
    """One invitation of this organisation; Http404 when it belongs elsewhere or does not exist."""
    invitation = Invitation.objects.filter(organisation=organisation, pk=pk).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def invitation_get_by_token_hash(*, token_hash: str) -> Invitation | None:
    """The invitation whose token hashes to this value, in any state, or None."""
    queryset = Invitation.objects.select_related("organisation", "created_by")
    return queryset.filter(token_hash=token_hash).first()


def has_verified_address(*, user: Any, email: str) -> bool:
    """Whether the person confirmed this exact address (compared without case)."""
    addresses = EmailAddress.objects.filter(user=user, verified=True, email__iexact=email)
    return addresses.exists()


def topic_list() -> QuerySet[Topic]:
    """Every topic, for the organisation forms and the directory filter."""
    return Topic.objects.order_by("slug")
