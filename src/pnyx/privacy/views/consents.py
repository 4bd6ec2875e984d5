"""Changing one's consents, with the history of every choice."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.pagination import paginate
from pnyx.core.permissions import require
from pnyx.privacy import display, selectors
from pnyx.privacy.forms import ConsentForm
from pnyx.privacy.services.consents import consents_set


class ConsentView(LoginRequiredMixin, View):
    """The consents in force as a form, and their history below it."""

    template_name = "privacy/consent_form.html"

    def _render(
        self, request: AuthenticatedRequest, form: ConsentForm, status: int = 200
    ) -> HttpResponse:
        page_obj = paginate(request, selectors.consent_history(person=request.user))
        context = {
            "form": form,
            "page_obj": page_obj,
            "history": display.consent_rows(page_obj.object_list),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        require(request.user, "privacy.change_consent", request.user)
        state = selectors.consent_state(person=request.user)
        return self._render(request, ConsentForm(initial=ConsentForm.initial_for(state)))

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        form = ConsentForm(request.POST)
        if form.is_valid():
            try:
                added = consents_set(
                    actor=request.user, person=request.user, choices=form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if added:
                    messages.success(request, _("Your choices were saved."))
                else:
                    messages.info(request, _("Nothing changed: these were already your choices."))
                return redirect("privacy:consents")
        return self._render(request, form, status=400)
