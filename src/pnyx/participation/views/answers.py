"""The organiser's official answer to a proposition (POST from the proposition page)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.permissions import require
from pnyx.participation.forms.community import AnswerForm, add_service_errors
from pnyx.participation.services.answers import proposition_answer
from pnyx.participation.views.comments import visible_proposition


class PropositionAnswerView(LoginRequiredMixin, View):
    """Give or change the official answer; invalid input shows the form again with 400."""

    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        proposition = visible_proposition(request, pk)
        require(request.user, "participation.answer_proposition", proposition)
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                proposition_answer(
                    organiser=request.user,
                    proposition=proposition,
                    state=form.cleaned_data["state"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The official answer was published."))
                return redirect(f"{proposition.get_absolute_url()}#official-answer")
        context = {"proposition": proposition, "answer_form": form}
        return render(request, "participation/answer_form.html", context, status=400)
