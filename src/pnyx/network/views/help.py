"""Help requests: the list, posting one for an organisation, its page with the practitioners
suggested (and why), closing and reopening, and for a data set the experts' answers thread."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.accounts.languages import language_name
from pnyx.core.pagination import paginate
from pnyx.core.taxonomy import topic_name
from pnyx.network import matching
from pnyx.network.forms.practitioners import (
    AnswerForm,
    HelpRequestForm,
    add_service_errors,
    topic_choices,
)
from pnyx.network.models import HelpKind, HelpRequest, HelpStatus
from pnyx.network.selectors import help as selectors
from pnyx.network.selectors import practitioners as practitioner_selectors
from pnyx.network.services import help as services
from pnyx.network.views.practitioners import FILTER_MAX_LENGTH, country_name

REASON_LABELS = {
    "topics": gettext_lazy("Shared topics"),
    "tools": gettext_lazy("Shared tools"),
    "languages": gettext_lazy("Shared languages"),
    "country": gettext_lazy("Helps in the same country"),
    "data": gettext_lazy("Helps make sense of data sets"),
}


def _reason_lines(suggestion: practitioner_selectors.Suggestion) -> list[dict[str, Any]]:
    """Each reason of a suggestion in words: its label, what is shared, what it added."""
    tool_names = {tool.slug: tool.name for tool in suggestion.practitioner.tools.all()}
    namers = {
        "topics": topic_name,
        "tools": lambda slug: tool_names.get(slug, slug),
        "languages": language_name,
        "country": country_name,
        "data": lambda _item: "",
    }
    return [
        {
            "label": str(REASON_LABELS[reason.factor]),
            "items": [namers[reason.factor](item) for item in reason.shared if item != "data"],
            "contribution": reason.contribution,
        }
        for reason in suggestion.match.reasons
    ]


def help_request_list(request: HttpRequest) -> HttpResponse:
    def value(name: str) -> str:
        return request.GET.get(name, "").strip()[:FILTER_MAX_LENGTH]

    filters = {
        "topic": value("topic"),
        "kind": value("kind") if value("kind") in HelpKind.values else "",
        "status": value("status") if value("status") in HelpStatus.values else "",
        "organisation": value("organisation"),
    }
    page = paginate(request, selectors.help_request_list(**filters))
    context = {
        "page": page,
        "filters": filters,
        "topic_choices": topic_choices(),
        "kind_choices": HelpKind.choices,
        "status_choices": HelpStatus.choices,
        "organisation_choices": selectors.organisations_with_requests(),
        "may_ask": selectors.organisations_asking(user=request.user).exists(),
    }
    return render(request, "network/help_list.html", context)


class HelpRequestCreateView(LoginRequiredMixin, View):
    def _organisations(self, request: HttpRequest) -> dict[str, Any]:
        return {org.slug: org for org in selectors.organisations_asking(user=request.user)}

    def _render(self, request: HttpRequest, form: HelpRequestForm, status: int = 200) -> Any:
        return render(request, "network/help_form.html", {"form": form}, status=status)

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        organisations = self._organisations(request)
        if not organisations:
            raise PermissionDenied("network.ask_help")
        choices = [(slug, org.name) for slug, org in organisations.items()]
        return self._render(request, HelpRequestForm(organisations=choices))

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        organisations = self._organisations(request)
        if not organisations:
            raise PermissionDenied("network.ask_help")
        choices = [(slug, org.name) for slug, org in organisations.items()]
        form = HelpRequestForm(request.POST, organisations=choices)
        if not form.is_valid():
            return self._render(request, form, status=400)
        data = dict(form.cleaned_data)
        data["organisation"] = organisations[data["organisation"]]
        try:
            help_request = services.help_request_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, form, status=400)
        messages.success(request, _("Your help request is published."))
        return redirect(help_request.get_absolute_url())


def _help_request(pk: int) -> HelpRequest:
    help_request = selectors.help_request_get(pk=pk)
    if help_request is None:
        raise Http404("No such help request.")
    return help_request


def help_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = _help_request(pk)
    user = request.user
    is_data = help_request.kind == HelpKind.DATA
    suggestions = []
    if help_request.status == HelpStatus.OPEN:
        suggestions = [
            {"suggestion": suggestion, "reasons": _reason_lines(suggestion)}
            for suggestion in practitioner_selectors.suggested_practitioners(
                help_request=help_request
            )
        ]
    context = {
        "help_request": help_request,
        "topics": [topic.name for topic in help_request.topics.all()],
        "tools": [tool.name for tool in help_request.tools.all()],
        "languages": [language_name(code) for code in help_request.languages],
        "country": country_name(str(help_request.country)) if help_request.country else "",
        "is_data": is_data,
        "suggestions": suggestions,
        "algorithm": matching.MATCHING_CARD,
        "may_manage": user.has_perm("network.ask_help", help_request.organisation),
        "may_contact": user.has_perm("network.contact"),
        "answers": selectors.help_request_answers(help_request=help_request) if is_data else [],
        "may_answer": (
            is_data
            and help_request.status == HelpStatus.OPEN
            and user.has_perm("network.answer_help", help_request)
        ),
        "may_mark": is_data and user.has_perm("network.mark_useful", help_request),
        "answer_form": AnswerForm(),
    }
    return render(request, "network/help_detail.html", context)


class HelpRequestStatusView(LoginRequiredMixin, View):
    """Close or reopen (`status` = closed or open)."""

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        help_request = _help_request(pk)
        try:
            services.help_request_set_status(
                actor=request.user, help_request=help_request, status=request.POST.get("status", "")
            )
        except ValidationError as error:
            return render(
                request, "network/help_error.html", {"errors": error.messages}, status=400
            )
        if help_request.status == HelpStatus.CLOSED:
            messages.success(request, _("The help request is closed."))
        else:
            messages.success(request, _("The help request is open again."))
        return redirect(help_request.get_absolute_url())


class AnswerCreateView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        help_request = _help_request(pk)
        form = AnswerForm(request.POST)
        errors: list[str] = []
        if form.is_valid():
            try:
                services.answer_add(
                    actor=request.user, help_request=help_request, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                errors = error.messages
        else:
            errors = [str(message) for messages_ in form.errors.values() for message in messages_]
        if errors:
            return render(request, "network/help_error.html", {"errors": errors}, status=400)
        messages.success(request, _("Your answer is published."))
        return redirect(f"{help_request.get_absolute_url()}#answers")


class AnswerUsefulView(LoginRequiredMixin, View):
    """Mark an answer useful (`useful` = 1) or undo it (0)."""

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        answer = selectors.answer_get(pk=pk)
        if answer is None:
            raise Http404("No such answer.")
        value = request.POST.get("useful")
        if value not in ("0", "1"):
            errors = [_("Choose whether the answer is useful.")]
            return render(request, "network/help_error.html", {"errors": errors}, status=400)
        services.answer_mark_useful(actor=request.user, answer=answer, useful=value == "1")
        return redirect(f"{answer.help_request.get_absolute_url()}#answers")
