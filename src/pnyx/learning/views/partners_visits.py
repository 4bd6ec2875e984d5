"""Committee visits: a visit's page (agenda and report), planning and changing a visit, and
writing its report."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.learning.forms.partners import VisitForm, VisitReportForm
from pnyx.learning.models import CommitteeVisit, Partner
from pnyx.learning.selectors import partners as selectors
from pnyx.learning.services import partners_visits as services
from pnyx.learning.views.partners_common import partner_or_404
from pnyx.orgs.forms import add_service_errors


def _visit(partner: Partner, pk: int) -> CommitteeVisit:
    visit = selectors.visit_get(partner=partner, pk=pk)
    if visit is None:
        raise Http404("No such visit.")
    return visit


def _planner(request: HttpRequest, slug: str) -> Partner:
    partner = partner_or_404(slug)
    if not request.user.has_perm("learning.plan_visit", partner):
        raise PermissionDenied("learning.plan_visit")
    return partner


def visit_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partner = partner_or_404(slug)
    visit = _visit(partner, pk)
    context = {
        "partner": partner,
        "visit": visit,
        "may_plan": request.user.has_perm("learning.plan_visit", partner),
        "may_report": visit.starts_on < timezone.localdate(),
    }
    return render(request, "learning/visit_detail.html", context)


class VisitFormView(LoginRequiredMixin, View):
    """Plan a visit (without `pk`) or change one."""

    def _render(self, request: HttpRequest, context: dict[str, Any], status: int = 200) -> Any:
        return render(request, "learning/visit_form.html", context, status=status)

    def get(self, request: AuthenticatedRequest, slug: str, pk: int | None = None) -> HttpResponse:
        partner = _planner(request, slug)
        visit = _visit(partner, pk) if pk is not None else None
        initial = {}
        if visit is not None:
            fields = ("starts_on", "ends_on", "place", "agenda")
            initial = {name: getattr(visit, name) for name in fields}
        form = VisitForm(initial=initial)
        return self._render(request, {"partner": partner, "visit": visit, "form": form})

    def post(self, request: AuthenticatedRequest, slug: str, pk: int | None = None) -> HttpResponse:
        partner = _planner(request, slug)
        visit = _visit(partner, pk) if pk is not None else None
        form = VisitForm(request.POST)
        context = {"partner": partner, "visit": visit, "form": form}
        if not form.is_valid():
            return self._render(request, context, status=400)
        try:
            if visit is None:
                visit = services.visit_plan(
                    actor=request.user, partner=partner, **form.cleaned_data
                )
                messages.success(request, _("The visit is planned."))
            else:
                services.visit_change(actor=request.user, visit=visit, **form.cleaned_data)
                messages.success(request, _("The visit is saved."))
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, context, status=400)
        return redirect("learning:visit-detail", slug=slug, pk=visit.pk)


class VisitReportView(LoginRequiredMixin, View):
    def _render(self, request: HttpRequest, context: dict[str, Any], status: int = 200) -> Any:
        return render(request, "learning/visit_report.html", context, status=status)

    def get(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        partner = _planner(request, slug)
        visit = _visit(partner, pk)
        form = VisitReportForm(initial={"report": visit.report})
        context = {"partner": partner, "visit": visit, "form": form}
        return self._render(request, context, status=200)

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        partner = _planner(request, slug)
        visit = _visit(partner, pk)
        form = VisitReportForm(request.POST)
        context = {"partner": partner, "visit": visit, "form": form}
        if not form.is_valid():
            return self._render(request, context, status=400)
        try:
            services.visit_report(
                actor=request.user, visit=visit, report=form.cleaned_data["report"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, context, status=400)
        messages.success(request, _("The report is published."))
        return redirect("learning:visit-detail", slug=slug, pk=visit.pk)


_VISITS = "learning/partners/<slug:slug>/visits"

urlpatterns = [
    path(f"{_VISITS}/new/", VisitFormView.as_view(), name="visit-create"),
    path(f"{_VISITS}/<int:pk>/", visit_detail, name="visit-detail"),
    path(f"{_VISITS}/<int:pk>/edit/", VisitFormView.as_view(), name="visit-edit"),
    path(f"{_VISITS}/<int:pk>/report/", VisitReportView.as_view(), name="visit-report"),
]
