"""The directory, an organisation's page, registering and editing, and "my organisations"."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views import View

from pnyx.core import algorithms
from pnyx.core.pagination import paginate
from pnyx.core.permissions import require
from pnyx.orgs import selectors, services
from pnyx.orgs.algorithms import DIRECTORY_CARD
from pnyx.orgs.forms import DirectoryFilterForm, OrganisationForm, add_service_errors
from pnyx.orgs.models import Organisation
from pnyx.orgs.views.common import AuthenticatedRequest, HtmxHttpRequest, render_detail


def why_url_parts(filters: dict[str, str]) -> tuple[str, str] | None:
    """The URL of the page that explains an organisation's place in the directory with these
    filters, as the parts before and after the organisation's id (reversed once per page); None
    when the order has no explanations."""
    if algorithms.explainer(DIRECTORY_CARD.id) is None:
        return None
    marker = 987654321987654321
    kwargs = {"slug": DIRECTORY_CARD.slug, "item": marker}
    prefix, _marker, suffix = reverse("transparency:algorithm-why", kwargs=kwargs).partition(
        str(marker)
    )
    query = urlencode({name: value for name, value in filters.items() if value})
    return prefix, f"{suffix}?{query}" if query else suffix


class OrganisationListView(View):
    """The directory: search, filters, pages; an htmx request gets only the results fragment."""

    def get(self, request: HtmxHttpRequest) -> HttpResponse:
        form = DirectoryFilterForm(request.GET, used_countries=selectors.organisation_countries())
        filters = form.filters()
        page_obj = paginate(request, selectors.organisation_list(**filters))
        context = {
            "form": form,
            "page_obj": page_obj,
            "ignored": form.ignored(),
            "ordering": DIRECTORY_CARD.output(),
            "why_url": why_url_parts(filters),
        }
        template = "orgs/organisation_list.html"
        if request.htmx:
            template += "#results"
        response = render(request, template, context)
        patch_vary_headers(response, ("HX-Request",))
        return response


class OrganisationDetailView(View):
    """An organisation's public page, with the management tools for its administrators."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return render_detail(request, selectors.organisation_get(slug=slug))


class OrganisationMineView(LoginRequiredMixin, View):
    """The organisations the person belongs to or asked to join."""

    def get(self, request: HttpRequest) -> HttpResponse:
        memberships = selectors.organisation_list_for_user(user=request.user)
        context = {"page_obj": paginate(request, memberships)}
        return render(request, "orgs/organisation_mine.html", context)


def _render_form(
    request: HttpRequest, form: OrganisationForm, *, organisation: Organisation | None, status: int
) -> HttpResponse:
    context = {"form": form, "organisation": organisation}
    return render(request, "orgs/organisation_form.html", context, status=status)


class OrganisationCreateView(LoginRequiredMixin, View):
    """Register an organisation (people with a confirmed e-mail address)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and not user.has_perm("orgs.add_organisation"):
            return render(request, "orgs/organisation_email_needed.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        return _render_form(request, OrganisationForm(), organisation=None, status=200)

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        form = OrganisationForm(request.POST)
        if form.is_valid():
            try:
                organisation = services.organisation_register(
                    actor=request.user, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is registered, and you are its administrator.")
                    % {"name": organisation.name},
                )
                return redirect(organisation)
        return _render_form(request, form, organisation=None, status=400)


class OrganisationEditView(LoginRequiredMixin, View):
    """Edit an organisation's public details (its administrators and platform administrators)."""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.organisation = selectors.organisation_get(slug=kwargs["slug"])

    def get(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        organisation = self.organisation
        require(request.user, "orgs.change_organisation", organisation)
        initial = {
            "name": organisation.name,
            "kind": organisation.kind,
            "country": str(organisation.country),
            "topics": list(organisation.topics.all()),
            "website": organisation.website,
            "description": organisation.description,
        }
        form = OrganisationForm(initial=initial)
        return _render_form(request, form, organisation=organisation, status=200)

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        organisation = self.organisation
        require(request.user, "orgs.change_organisation", organisation)
        form = OrganisationForm(request.POST)
        if form.is_valid():
            try:
                services.organisation_update(
                    actor=request.user, organisation=organisation, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The changes are saved."))
                return redirect(organisation)
        return _render_form(request, form, organisation=organisation, status=400)
