"""Helpers shared by the organisation pages."""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

from pnyx.accounts.models import User
from pnyx.core.pagination import paginate
from pnyx.orgs import selectors
from pnyx.orgs.forms import InvitationForm
from pnyx.orgs.models import Organisation, Role

SECONDARY_PAGE_SIZE = 20


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@dataclass(frozen=True)
class SecondaryPage:
    """A page of a second list on a page that already uses `?page=`, with its own parameter."""

    page_obj: Page
    previous_query: str
    next_query: str


def secondary_page(request: HttpRequest, items: Any, param: str) -> SecondaryPage:
    page_obj = Paginator(items, SECONDARY_PAGE_SIZE).get_page(request.GET.get(param))

    def query(number: int | None) -> str:
        if number is None:
            return ""
        values = request.GET.copy()
        values[param] = str(number)
        return "?" + values.urlencode()

    return SecondaryPage(
        page_obj=page_obj,
        previous_query=query(page_obj.previous_page_number() if page_obj.has_previous() else None),
        next_query=query(page_obj.next_page_number() if page_obj.has_next() else None),
    )


def detail_context(
    request: HttpRequest, organisation: Organisation, invite_form: InvitationForm | None = None
) -> dict[str, Any]:
    """Everything the organisation page shows; the management parts only to those who manage."""
    user = request.user
    can_manage = user.has_perm("orgs.change_membership", organisation)
    context: dict[str, Any] = {
        "organisation": organisation,
        "page_obj": paginate(request, selectors.membership_list(organisation=organisation)),
        "viewer_membership": selectors.membership_of(user=user, organisation=organisation),
        "can_edit": user.has_perm("orgs.change_organisation", organisation),
        "can_request": user.has_perm("orgs.request_membership", organisation),
        "can_manage": can_manage,
        "roles": Role.choices,
    }
    if can_manage:
        requests = selectors.membership_requests(organisation=organisation)
        invitations = selectors.invitation_list_pending(organisation=organisation)
        context["requests"] = secondary_page(request, requests, "requests_page")
        context["invitations"] = secondary_page(request, invitations, "invitations_page")
        context["invite_form"] = invite_form or InvitationForm()
    return context


def render_detail(
    request: HttpRequest,
    organisation: Organisation,
    *,
    status: int = 200,
    invite_form: InvitationForm | None = None,
) -> HttpResponse:
    context = detail_context(request, organisation, invite_form)
    return render(request, "orgs/organisation_detail.html", context, status=status)


class AuthenticatedRequest(HttpRequest):
    """A request behind `LoginRequiredMixin`: `user` is a real account (for the type checker)."""

    user: User
