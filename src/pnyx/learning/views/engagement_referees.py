"""The referee's page: reached from the link e-mailed to them, it shows the entry they are asked
about and lets them confirm it (with a note) or decline. No account is needed."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from pnyx.learning.forms.engagement import RefereeAnswerForm
from pnyx.learning.services import engagement_referees as services

TEMPLATE = "learning/engagement_referee.html"


def _gone(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/engagement_referee_gone.html", status=404)


@method_decorator(never_cache, name="dispatch")
class RefereeAnswerView(View):
    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        entry = services.referee_entry_for_token(token=token)
        if entry is None:
            return _gone(request)
        return render(request, TEMPLATE, {"entry": entry, "form": RefereeAnswerForm()})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        entry = services.referee_entry_for_token(token=token)
        if entry is None:
            return _gone(request)
        form = RefereeAnswerForm(request.POST)
        if not form.is_valid():
            return render(request, TEMPLATE, {"entry": entry, "form": form}, status=400)
        confirm = form.cleaned_data["answer"] == "confirm"
        try:
            services.referee_answer(token=token, confirm=confirm, note=form.cleaned_data["note"])
        except ValidationError as error:
            if getattr(error, "code", "") == "unusable":
                return _gone(request)
            form.add_error("note" if hasattr(error, "error_dict") else None, error.messages)
            return render(request, TEMPLATE, {"entry": entry, "form": form}, status=400)
        context = {"entry": entry, "confirmed": confirm}
        return render(request, "learning/engagement_referee_done.html", context)


urlpatterns = [
    path(
        "learning/engagement/referee/<str:token>/",
        RefereeAnswerView.as_view(),
        name="engagement-referee",
    ),
]
