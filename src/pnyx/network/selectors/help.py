"""Reads of help requests and of the answers in their threads."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from pnyx.core.models import Topic
from pnyx.network.models import ExpertAnswer, HelpRequest, HelpStatus
from pnyx.orgs.models import Membership, Organisation
from pnyx.toolbox.models import Tool


def _with_details(queryset: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    return queryset.select_related("organisation", "author").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("slug")),
        Prefetch("tools", queryset=Tool.objects.only("pk", "slug", "name").order_by("name", "pk")),
    )


def help_request_list(
    *, topic: str = "", kind: str = "", status: str = "", organisation: str = ""
) -> QuerySet[HelpRequest]:
    """Help requests matching the filters, newest first; public."""
    queryset = HelpRequest.objects.all()
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(status=status)
    if organisation:
        queryset = queryset.filter(organisation__slug=organisation)
    return _with_details(queryset.distinct()).order_by("-created_at", "-pk")


def help_request_get(*, pk: int) -> HelpRequest | None:
    return _with_details(HelpRequest.objects.filter(pk=pk)).first()


def help_request_answers(*, help_request: HelpRequest) -> QuerySet[ExpertAnswer]:
    """The thread: answers marked useful first, then the others, oldest first."""
    return (
        ExpertAnswer.objects.filter(help_request=help_request)
        .select_related("author")
        .order_by("-useful", "created_at", "pk")
    )


def answer_get(*, pk: int) -> ExpertAnswer | None:
    return ExpertAnswer.objects.select_related("help_request__organisation").filter(pk=pk).first()


def organisations_asking(*, user: Any) -> QuerySet[Organisation]:
    """The organisations the person is an active member of (where they may ask for help)."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    memberships = Membership.objects.active().filter(user=user).values("organisation_id")
    return Organisation.objects.filter(pk__in=memberships).order_by("sort_name", "pk")


def open_requests_of_member(*, user: Any, limit: int = 50) -> list[HelpRequest]:
    """The newest open help requests of the person's organisations (to name in a contact)."""
    organisations = organisations_asking(user=user)
    found = HelpRequest.objects.filter(organisation__in=organisations, status=HelpStatus.OPEN)
    return list(found.order_by("-created_at", "-pk")[:limit])


def organisations_with_requests() -> list[tuple[str, str]]:
    """(slug, name) of the organisations that posted a help request, for the list's filter."""
    asking = HelpRequest.objects.values("organisation_id")
    return list(
        Organisation.objects.filter(pk__in=asking)
        .order_by("sort_name", "pk")
        .values_list("slug", "name")
    )
