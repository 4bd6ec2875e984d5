"""Credit applications, the learner's side: their list, applying to a partner, one
application's page (which the partner's committee sees too) and withdrawing."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core import personal_data
from pnyx.core.pagination import paginate
from pnyx.learning.forms.credits import ApplicationForm
from pnyx.learning.models import CreditApplication, Partner
from pnyx.learning.selectors import credits as selectors
from pnyx.learning.selectors import engagement as engagement_selectors
from pnyx.learning.services import credits as services
from pnyx.learning.services.credits_decisions import CREDIT_COMMITTEE
from pnyx.learning.services.engagement_referees import referee_status
from pnyx.learning.services.engagement_sync import engagement_refresh
from pnyx.learning.views import credits_committee
from pnyx.learning.views.credits_access import error_page, visible_application
from pnyx.orgs.forms import add_service_errors


@method_decorator(never_cache, name="dispatch")
class ApplicationListView(LoginRequiredMixin, View):
    """The learner's own applications, newest first."""

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        page = paginate(request, selectors.application_list_for_learner(learner=request.user))
        return render(request, "learning/application_list.html", {"page": page})


class ApplicationCreateView(LoginRequiredMixin, View):
    """Apply to the partner named by `?partner=<slug>`; without one, choose a partner."""

    template_name = "learning/application_form.html"

    def _partner(self, request: AuthenticatedRequest) -> Partner | None:
        slug = request.GET.get("partner", "").strip()[:220]
        if not slug:
            return None
        partner = selectors.partner_get_by_slug(slug=slug)
        if partner is None:
            raise Http404("No such partner.")
        return partner

    def _context(self, request: AuthenticatedRequest, partner: Partner) -> dict[str, Any]:
        entries = list(engagement_selectors.engagement_entries_for_learner(learner=request.user))
        rubric = selectors.rubric_for_partner(partner=partner)
        return {"partner": partner, "entries": entries, "rubric": rubric}

    def _refusal(self, request: AuthenticatedRequest, partner: Partner) -> HttpResponse | None:
        if not selectors.partner_accepts_applications(partner=partner):
            message = _("%(partner)s does not take credit applications.") % {"partner": partner}
            return error_page(request, [message], 404)
        if not request.user.has_perm("learning.apply_for_credits", partner):
            raise PermissionDenied("learning.apply_for_credits")
        return None

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        partner = self._partner(request)
        if partner is None:
            page = paginate(request, selectors.partners_accepting_applications())
            return render(request, "learning/application_partner_choice.html", {"page": page})
        refusal = self._refusal(request, partner)
        if refusal is not None:
            return refusal
        engagement_refresh(learner=request.user)
        context = self._context(request, partner)
        context["form"] = ApplicationForm(entries=context["entries"])
        return render(request, self.template_name, context)

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        partner = self._partner(request)
        if partner is None:
            raise Http404("Choose a partner.")
        refusal = self._refusal(request, partner)
        if refusal is not None:
            return refusal
        context = self._context(request, partner)
        form = ApplicationForm(request.POST, entries=context["entries"])
        context["form"] = form
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        try:
            application = services.credit_application_submit(
                actor=request.user,
                partner=partner,
                entry_ids=form.entry_ids(),
                statement=form.cleaned_data["statement"],
                credits_requested=form.cleaned_data["credits_requested"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return render(request, self.template_name, context, status=400)
        messages.success(request, _("Your application is sent to the committee."))
        return redirect("learning:application-detail", pk=application.pk)


def _permissions(user: Any, application: CreditApplication) -> dict[str, bool]:
    return {
        "may_withdraw": user.has_perm("learning.withdraw_credit_application", application),
        "may_declare": user.has_perm("learning.declare_conflict", application),
        "may_review": user.has_perm("learning.review_credit_application", application),
        "may_decide": user.has_perm("learning.decide_credit_application", application),
    }


@never_cache
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The application, its entries and the rubric; for its committee also the reviews, the
    conflicts declared and the acts open to the viewer."""
    application = visible_application(request, pk)
    user = request.user
    committee = user.has_perm("learning.view_partner_applications", application.partner)
    if committee:
        personal_data.record_access(
            staff=user,
            people=[application.learner],
            source_keys=["learning.engagement", "learning.credit_applications"],
            reason=CREDIT_COMMITTEE.key,
            detail=application.partner.organisation.name,
        )
    context = {
        "application": application,
        "entries": [
            {"entry": entry, "referee": referee_status(entry)}
            for entry in application.entries.all()
        ],
        "rubric": selectors.rubric_for_partner(partner=application.partner),
        "committee": committee,
        "is_learner": application.learner_id == user.pk,
        "in_conflict": selectors.has_declared_conflict(user=user, application=application),
        "my_review": selectors.application_review_of(application=application, user=user),
        **_permissions(user, application),
    }
    return render(request, "learning/application_detail.html", context)


class ApplicationWithdrawView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        application = visible_application(request, pk)
        services.credit_application_withdraw(actor=request.user, application=application)
        messages.success(request, _("Your application is withdrawn."))
        return redirect(reverse("learning:application-detail", kwargs={"pk": pk}))


urlpatterns = [
    path("learning/applications/", ApplicationListView.as_view(), name="application-list"),
    path("learning/applications/new/", ApplicationCreateView.as_view(), name="application-create"),
    path("learning/applications/<int:pk>/", application_detail, name="application-detail"),
    path(
        "learning/applications/<int:pk>/withdraw/",
        ApplicationWithdrawView.as_view(),
        name="application-withdraw",
    ),
    *credits_committee.urlpatterns,
]
