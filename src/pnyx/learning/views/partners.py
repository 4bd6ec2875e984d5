"""Partner pages: the directory, a partner's page, applying to become a partner, and the
platform administrators' list of applications with their decisions. The committee, rubric and
visit pages are in `partners_committee` and `partners_visits`; their paths are listed here."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django_countries import countries

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.pagination import paginate
from pnyx.learning.forms.partners import (
    PartnerApplyForm,
    PartnerDecisionForm,
    form_errors,
)
from pnyx.learning.models import PartnerStatus
from pnyx.learning.selectors import partners as selectors
from pnyx.learning.services import partners as services
from pnyx.learning.views import partners_committee as committee_views
from pnyx.learning.views import partners_visits as visit_views
from pnyx.learning.views.partners_common import error_page, partner_or_404
from pnyx.orgs.forms import add_service_errors
from pnyx.orgs.models import OrganisationKind

#: As long as a filter value may be.
FILTER_MAX_LENGTH = 120


def _kind_choices() -> list[tuple[str, str]]:
    labels = dict(OrganisationKind.choices)
    return [(kind, str(labels[kind])) for kind in selectors.PARTNER_KINDS]


def partner_list(request: HttpRequest) -> HttpResponse:
    """Approved partners: search by name, filter by country and kind; paginated."""

    def value(name: str) -> str:
        return request.GET.get(name, "").replace("\x00", "").strip()[:FILTER_MAX_LENGTH]

    country_codes = selectors.partner_countries()
    filters = {
        "q": value("q"),
        "country": value("country").upper() if value("country").upper() in country_codes else "",
        "kind": value("kind") if value("kind") in selectors.PARTNER_KINDS else "",
    }
    context = {
        "page": paginate(request, selectors.partner_list(**filters)),
        "filters": filters,
        "country_choices": [(code, countries.name(code) or code) for code in country_codes],
        "kind_choices": _kind_choices(),
    }
    return render(request, "learning/partner_list.html", context)


def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A partner's page: statement, committee, rubric, courses, groups, visits and credits."""
    partner = partner_or_404(slug)
    user = request.user
    context: dict[str, Any] = {
        "overview": selectors.partner_overview(partner=partner, today=timezone.localdate()),
        "partner": partner,
        "may_change_committee": user.has_perm("learning.change_committee", partner),
        "may_change_rubric": user.has_perm("learning.change_rubric", partner),
        "may_plan_visit": user.has_perm("learning.plan_visit", partner),
        "may_add_group": user.has_perm("learning.add_group"),
        "may_apply": user.has_perm("learning.apply_for_credits", partner),
        "may_see_applications": user.has_perm("learning.view_partner_applications", partner),
        "may_see_credentials": user.has_perm("learning.view_partner_credentials", partner),
    }
    return render(request, "learning/partner_detail.html", context)


class PartnerApplyView(LoginRequiredMixin, View):
    """Apply for an organisation one administers; shows the state of earlier applications."""

    def _render(self, request: HttpRequest, form: PartnerApplyForm, status: int = 200) -> Any:
        context = {
            "form": form,
            "applications": selectors.applications_of_admin(user=request.user),
        }
        return render(request, "learning/partner_apply.html", context, status=status)

    def _form(self, request: HttpRequest, data: Any = None) -> PartnerApplyForm:
        organisations = selectors.organisations_administered(user=request.user)
        choices = [(org.slug, org.name) for org in organisations]
        return PartnerApplyForm(data, organisations=choices)

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        return self._render(request, self._form(request))

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        form = self._form(request, request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        data = dict(form.cleaned_data)
        organisation = selectors.organisations_administered(user=request.user).get(
            slug=data.pop("organisation")
        )
        try:
            services.partner_apply(actor=request.user, organisation=organisation, **data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, form, status=400)
        messages.success(
            request,
            _("The application of %(name)s is sent: platform administrators will decide.")
            % {"name": organisation.name},
        )
        return redirect("learning:partner-apply")


@login_required
def partner_applications(request: HttpRequest) -> HttpResponse:
    """Applications for platform administrators: pending ones (or decided ones, by status)."""
    if not request.user.has_perm("learning.decide_partner"):
        raise PermissionDenied("learning.decide_partner")
    status = request.GET.get("status", "")
    if status not in PartnerStatus.values:
        status = PartnerStatus.PENDING
    context = {
        "page": paginate(request, selectors.partner_application_list(status=status)),
        "status": status,
        "status_choices": PartnerStatus.choices,
    }
    return render(request, "learning/partner_applications.html", context)


class PartnerDecideView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        partner = selectors.partner_application_get(pk=pk)
        if partner is None:
            raise Http404("No such application.")
        back = reverse("learning:partner-applications")
        form = PartnerDecisionForm(request.POST)
        if not form.is_valid():
            return error_page(request, form_errors(form), back)
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.partner_decide(
                actor=request.user,
                partner=partner,
                approve=approve,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            return error_page(request, error.messages, back)
        if approve:
            message = _("%(name)s is now a learning partner.")
        else:
            message = _("The application of %(name)s was rejected.")
        messages.success(request, message % {"name": partner.organisation.name})
        return redirect(back)


urlpatterns = [
    path("learning/partners/", partner_list, name="partner-list"),
    path("learning/partners/apply/", PartnerApplyView.as_view(), name="partner-apply"),
    path("learning/partners/applications/", partner_applications, name="partner-applications"),
    path(
        "learning/partners/applications/<int:pk>/decide/",
        PartnerDecideView.as_view(),
        name="partner-decide",
    ),
    path("learning/partners/<slug:slug>/", partner_detail, name="partner-detail"),
    *committee_views.urlpatterns,
    *visit_views.urlpatterns,
]
