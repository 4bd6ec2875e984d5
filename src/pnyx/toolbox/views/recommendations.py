"""“Tools and practices for you”: the list with each item's reasons, and the person's settings.

Anonymous visitors, and people who turned personalisation off, see the non-personal order
(popularity and freshness only), which says so.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.orgs.forms import add_service_errors
from pnyx.orgs.models import Organisation
from pnyx.toolbox.forms.recommendations import RecommenderSettingsForm
from pnyx.toolbox.recommender import DEFAULT_WEIGHTS
from pnyx.toolbox.recommender_card import RECOMMENDER_CARD
from pnyx.toolbox.selectors import recommendations as selectors
from pnyx.toolbox.services.recommendations import (
    recommender_settings_reset,
    recommender_settings_save,
)

#: How many recommendations the page shows.
PAGE_LIMIT = 20


def _chosen_organisation(request: HttpRequest, mine: list[Organisation]) -> Organisation | None:
    """The organisation of `?organisation=<slug>`: 404 when unknown, 403 when the person is not
    an active member; None when none was asked for."""
    slug = request.GET.get("organisation", "")
    if not slug:
        return None
    for organisation in mine:
        if organisation.slug == slug:
            return organisation
    if not selectors.organisation_exists(slug=slug):
        raise Http404("No such organisation.")
    raise PermissionDenied("not a member")


class RecommendationsView(View):
    """The recommendations for the signed-in person, or for one of their organisations."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        mine = selectors.member_organisations(user)
        organisation = _chosen_organisation(request, mine)
        found = selectors.settings_for(user)
        results = selectors.recommendations_for(
            user=user,
            organisation=organisation,
            weights=selectors.saved_weights(found),
            personalised=found.personalised,
            limit=PAGE_LIMIT,
        )
        context: dict[str, Any] = {
            "results": results,
            "organisation": organisation,
            "organisations": mine,
            "card": RECOMMENDER_CARD,
            "why_query": f"organisation={organisation.slug}" if organisation else "",
        }
        return render(request, "toolbox/recommendations.html", context)


class RecommenderSettingsView(LoginRequiredMixin, View):
    """Change the weight of each factor, or turn personal recommendations off."""

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        found = selectors.settings_for(request.user)
        initial = RecommenderSettingsForm.initial_from(
            found.personalised, selectors.saved_weights(found)
        )
        return self._render(request, RecommenderSettingsForm(initial=initial), status=200)

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        if "reset" in request.POST:
            recommender_settings_reset(actor=request.user)
            messages.success(request, _("Your recommendations use the default settings again."))
            return redirect("toolbox:recommendations")
        form = RecommenderSettingsForm(request.POST)
        if form.is_valid():
            try:
                recommender_settings_save(
                    actor=request.user,
                    personalised=form.cleaned_data["personalised"],
                    weights=form.weights(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your recommendation settings were saved."))
                return redirect("toolbox:recommendations")
        return self._render(request, form, status=400)

    def _render(
        self, request: HttpRequest, form: RecommenderSettingsForm, *, status: int
    ) -> HttpResponse:
        context = {
            "form": form,
            "card": RECOMMENDER_CARD,
            "defaults": DEFAULT_WEIGHTS,
            "list_url": reverse("toolbox:recommendations"),
        }
        return render(request, "toolbox/recommender_settings.html", context, status=status)
