"""Credit applications, the committee's side: the partner's list, declaring a conflict of
interest, reviewing against the rubric and deciding. Pages and services refuse the same people:
a member with a declared conflict neither reviews nor decides."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.pagination import paginate
from pnyx.learning.forms.credits import ConflictForm, DecisionForm, ReviewForm
from pnyx.learning.models import ApplicationStatus, CreditApplication
from pnyx.learning.selectors import credits as selectors
from pnyx.learning.services import credits as services
from pnyx.learning.services.credits_decisions import credit_application_decide
from pnyx.learning.views.credits_access import error_page, visible_application
from pnyx.orgs.forms import add_service_errors

FILTER_MAX_LENGTH = 20


@never_cache
@login_required
def partner_applications(request: HttpRequest, slug: str) -> HttpResponse:
    """The applications sent to the partner, with their entries and the rubric; its committee
    only (a visitor is asked to log in first, as a member following a notification would be)."""
    partner = selectors.partner_get_by_slug(slug=slug)
    if partner is None:
        raise Http404("No such partner.")
    if not request.user.has_perm("learning.view_partner_applications", partner):
        raise PermissionDenied("learning.view_partner_applications")
    status = request.GET.get("status", "").strip()[:FILTER_MAX_LENGTH]
    status = status if status in ApplicationStatus.values else ""
    found = selectors.application_list_for_partner(
        partner=partner, user=request.user, status=status
    )
    context = {
        "partner": partner,
        "page": paginate(request, found),
        "status": status,
        "status_choices": ApplicationStatus.choices,
        "rubric": selectors.rubric_for_partner(partner=partner),
    }
    return render(request, "learning/application_committee_list.html", context)


class Refused(PermissionDenied):
    """A committee act the viewer may not do, with the reason to show them."""


class _CommitteeActView(LoginRequiredMixin, View):
    """A committee act on one application: the permission is checked before the form shows,
    and again by the service when it is sent."""

    permission = ""
    template_name = ""

    def application(self, request: HttpRequest, pk: int) -> CreditApplication:
        """The application, once the viewer may act on it; a refusal says why (403)."""
        application = visible_application(request, pk)
        if not request.user.has_perm(self.permission, application):
            _code, reason = services.refusal_reason(
                actor=request.user, application=application, permission=self.permission
            )
            raise Refused(reason)
        return application

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return super().dispatch(request, *args, **kwargs)
        except Refused as refused:
            return error_page(request, [str(refused)], 403)

    def render_form(
        self, request: HttpRequest, application: CreditApplication, form: Form, status: int = 200
    ) -> HttpResponse:
        context = {"application": application, "form": form, **self.more_context(application)}
        return render(request, self.template_name, context, status=status)

    def more_context(self, application: CreditApplication) -> dict[str, Any]:
        return {}

    def done(self, application: CreditApplication, message: str) -> HttpResponse:
        messages.success(self.request, message)
        return redirect("learning:application-detail", pk=application.pk)


@method_decorator(never_cache, name="dispatch")
class ConflictDeclareView(_CommitteeActView):
    permission = "learning.declare_conflict"
    template_name = "learning/application_conflict_form.html"

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return self.render_form(request, self.application(request, pk), ConflictForm())

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        application = self.application(request, pk)
        form = ConflictForm(request.POST)
        if form.is_valid():
            try:
                services.conflict_declare(
                    actor=request.user, application=application, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                message = _("Your conflict of interest is recorded: you stand aside.")
                return self.done(application, message)
        return self.render_form(request, application, form, status=400)


@method_decorator(never_cache, name="dispatch")
class ReviewView(_CommitteeActView):
    permission = "learning.review_credit_application"
    template_name = "learning/review_form.html"

    def more_context(self, application: CreditApplication) -> dict[str, Any]:
        return {"rubric": selectors.rubric_for_partner(partner=application.partner)}

    def _form(self, application: CreditApplication, data: Any = None) -> ReviewForm:
        rubric = selectors.rubric_for_partner(partner=application.partner)
        review = selectors.application_review_of(application=application, user=self.request.user)
        initial: dict[str, Any] = {}
        if review is not None:
            initial = {"comment": review.comment, "credits_recommended": review.credits_recommended}
            for score in review.scores.all():
                initial[f"score_{score.criterion_id}"] = score.score
                initial[f"comment_{score.criterion_id}"] = score.comment
        return ReviewForm(data, initial=initial, rubric=rubric, most=application.credits_requested)

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        application = self.application(request, pk)
        return self.render_form(request, application, self._form(application))

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        application = self.application(request, pk)
        form = self._form(application, request.POST)
        if form.is_valid():
            try:
                services.application_review_submit(
                    actor=request.user,
                    application=application,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    credits_recommended=form.cleaned_data["credits_recommended"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return self.done(application, _("Your review is saved."))
        return self.render_form(request, application, form, status=400)


@method_decorator(never_cache, name="dispatch")
class DecisionView(_CommitteeActView):
    permission = "learning.decide_credit_application"
    template_name = "learning/application_decision_form.html"

    def more_context(self, application: CreditApplication) -> dict[str, Any]:
        return {"reviews": application.reviews.all()}

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return self.render_form(request, self.application(request, pk), DecisionForm())

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        application = self.application(request, pk)
        form = DecisionForm(request.POST)
        if form.is_valid():
            grant = form.cleaned_data["decision"] == "grant"
            try:
                credit_application_decide(
                    actor=request.user,
                    application=application,
                    grant=grant,
                    credits=form.cleaned_data["credits"],
                    reasons=form.cleaned_data["reasons"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                message = (
                    _("The credits are granted.") if grant else _("The application is refused.")
                )
                return self.done(application, message)
        return self.render_form(request, application, form, status=400)


urlpatterns = [
    path(
        "learning/partners/<slug:slug>/applications/",
        partner_applications,
        name="partner-credit-applications",
    ),
    path(
        "learning/applications/<int:pk>/conflict/",
        ConflictDeclareView.as_view(),
        name="application-conflict",
    ),
    path("learning/applications/<int:pk>/review/", ReviewView.as_view(), name="application-review"),
    path(
        "learning/applications/<int:pk>/decision/",
        DecisionView.as_view(),
        name="application-decision",
    ),
]
