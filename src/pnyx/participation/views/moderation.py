"""Reporting content, the moderators' queue with hide/unhide/dismiss, and the public summary."""

from abc import ABC, abstractmethod
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core import personal_data
from pnyx.core.pagination import paginate
from pnyx.core.permissions import require
from pnyx.participation.forms.community import (
    DismissForm,
    ModerationForm,
    ReportForm,
    add_service_errors,
    form_errors,
)
from pnyx.participation.models import Comment, Process, Proposition
from pnyx.participation.personal_data import MODERATION, SOURCE_COMMENTS, SOURCE_PROPOSITIONS
from pnyx.participation.selectors import moderation as selectors
from pnyx.participation.services import moderation as services
from pnyx.participation.views.comments import comment_url, visible_comment, visible_proposition

HIDDEN_PAGE_SIZE = 20


def target_url(target: Proposition | Comment) -> str:
    if isinstance(target, Comment):
        return comment_url(target)
    return target.get_absolute_url()


class ReportCreateView(LoginRequiredMixin, View):
    """Report `?proposition=<pk>` or `?comment=<pk>` to the moderators of its process."""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.target: Proposition | Comment | None = None
        for name, lookup in (("comment", visible_comment), ("proposition", visible_proposition)):
            value = request.GET.get(name, "")
            if value:
                if not value.isdigit():
                    raise Http404
                self.target = lookup(request, int(value))
                break

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if self.target is None and request.user.is_authenticated:
            message = _("Say what you report: add ?proposition=<id> or ?comment=<id>.")
            messages.error(request, message)
            return render(request, "400.html", status=400)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        require(request.user, "participation.report_content", self.target)
        return self._render(request, ReportForm())

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        require(request.user, "participation.report_content", self.target)
        assert self.target is not None  # noqa: S101 - set by setup, checked by dispatch
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                services.report_create(
                    reporter=request.user,
                    target=self.target,
                    reason=form.cleaned_data["reason"],
                    details=form.cleaned_data["details"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you. The moderators will look at your report."))
                return redirect(target_url(self.target))
        return self._render(request, form, status=400)

    def _render(self, request: HttpRequest, form: ReportForm, status: int = 200) -> HttpResponse:
        target = self.target
        context = {
            "form": form,
            "target": target,
            "is_comment": isinstance(target, Comment),
            "proposition": target.proposition if isinstance(target, Comment) else target,
            "query": request.GET.urlencode(),
        }
        return render(request, "participation/moderation_report.html", context, status=status)


def visible_process(request: HttpRequest, slug: str) -> Process:
    process = selectors.process_get(slug=slug)
    if process is None or not rules.has_perm("participation.view_process", request.user, process):
        raise Http404
    return process


def record_hidden_views(request: HttpRequest, process: Process, targets: list[Any]) -> None:
    """Log, for their authors, the hidden content shown to a moderator (it is no longer public)."""
    for model, source in ((Proposition, SOURCE_PROPOSITIONS), (Comment, SOURCE_COMMENTS)):
        personal_data.record_access(
            staff=request.user,
            people=[
                target.author
                for target in targets
                if isinstance(target, model)
                and target.hidden_at is not None
                and getattr(target, "deleted_at", None) is None
            ],
            source_keys=[source],
            reason=MODERATION.key,
            detail=process.title,
        )


def queue_context(request: HttpRequest, process: Process) -> dict[str, Any]:
    page_obj = paginate(request, selectors.moderation_queue(process=process))
    hidden = Paginator(selectors.hidden_content(process=process), HIDDEN_PAGE_SIZE)
    items = selectors.moderation_queue_items(rows=list(page_obj.object_list))
    hidden_page = hidden.get_page(request.GET.get("hidden_page"))
    shown = [item.target for item in items] + [target for _kind, target in hidden_page]
    record_hidden_views(request, process, shown)
    return {
        "process": process,
        "page_obj": page_obj,
        "items": items,
        "hidden_page": hidden_page,
    }


class ModerationQueueView(LoginRequiredMixin, View):
    """The open reports of a process, most reported first, and what is hidden (moderators)."""

    def get(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        process = visible_process(request, slug)
        require(request.user, "participation.moderate_process", process)
        return render(
            request, "participation/moderation_queue.html", queue_context(request, process)
        )


class ModerationActionView(LoginRequiredMixin, View, ABC):
    """Base of the queue's buttons: refused input re-renders the queue with 400 and the message."""

    http_method_names = ["post"]
    form_class: type[ModerationForm] | type[DismissForm] = ModerationForm

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        process = visible_process(request, slug)
        require(request.user, "participation.moderate_process", process)
        form = self.form_class(request.POST)
        if form.is_valid():
            target = selectors.moderation_target(
                process=process,
                kind=form.cleaned_data["target_type"],
                pk=form.cleaned_data["target_id"],
            )
            if target is None:
                raise Http404
            try:
                done = self.act(request, target, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect(reverse("participation:moderation-queue", args=[process.slug]))
        for message in form_errors(form):
            messages.error(request, message)
        context = queue_context(request, process)
        return render(request, "participation/moderation_queue.html", context, status=400)

    @abstractmethod
    def act(self, request: AuthenticatedRequest, target: Any, data: dict[str, Any]) -> str:
        """Do the change and return the success message; raise ValidationError to refuse it."""


class ContentHideView(ModerationActionView):
    def act(self, request: AuthenticatedRequest, target: Any, data: dict[str, Any]) -> str:
        services.content_hide(moderator=request.user, target=target, reason=data["reason"])
        return _("The content is hidden; its tombstone shows your reason.")


class ContentUnhideView(ModerationActionView):
    def act(self, request: AuthenticatedRequest, target: Any, data: dict[str, Any]) -> str:
        services.content_unhide(moderator=request.user, target=target, reason=data["reason"])
        return _("The content is shown again.")


class ReportsDismissView(ModerationActionView):
    form_class = DismissForm

    def act(self, request: AuthenticatedRequest, target: Any, data: dict[str, Any]) -> str:
        count = services.reports_dismiss(moderator=request.user, target=target)
        message = ngettext(
            "%(count)s report was dismissed.", "%(count)s reports were dismissed.", count
        )
        return message % {"count": count}


class ModerationSummaryView(View):
    """The public summary of moderation in a process: counts only, no names."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        process = visible_process(request, slug)
        context = {
            "process": process,
            "summary": selectors.moderation_summary(process=process),
            "can_moderate": rules.has_perm("participation.moderate_process", request.user, process),
        }
        return render(request, "participation/moderation_summary.html", context)
