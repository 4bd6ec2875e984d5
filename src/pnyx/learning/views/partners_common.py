"""What the partner pages share: finding the partner of a page and the page of a refusal."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from pnyx.learning.models import Partner
from pnyx.learning.selectors import partners as selectors


def error_page(request: HttpRequest, errors: list[str], back: str = "") -> HttpResponse:
    """The 400 page of a refused form that has no page of its own."""
    context = {"errors": errors, "back": back or reverse("learning:partner-list")}
    return render(request, "learning/partner_error.html", context, status=400)


def partner_or_404(slug: str) -> Partner:
    """The approved partner of the organisation with this slug; Http404 otherwise."""
    partner = selectors.partner_get(slug=slug)
    if partner is None:
        raise Http404("No such partner.")
    return partner
