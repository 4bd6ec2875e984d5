"""Proposing and editing tools and practices, and the editors' review of what was proposed.

Every form works without script. A refused form is shown again with status 400, its errors by
field and what the person typed kept.
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
from pnyx.core.pagination import paginate
from pnyx.toolbox.forms.wiki import (
    PracticeForm,
    RejectForm,
    ScreenshotForm,
    ToolForm,
    add_service_errors,
    proposal_rate_exceeded,
)
from pnyx.toolbox.models import Practice, Revision, RevisionKind, Tool
from pnyx.toolbox.selectors import wiki as selectors
from pnyx.toolbox.services import wiki as services


def _require_propose(request: HttpRequest) -> None:
    if not request.user.has_perm("toolbox.propose"):
        raise PermissionDenied("toolbox.propose")


class _ProposeView(LoginRequiredMixin, View):
    """A form to propose a new tool or practice (`subject` None) or an edit of one."""

    kind: str = RevisionKind.TOOL

    def subject(self, slug: str | None) -> Tool | Practice | None:
        if slug is None:
            return None
        if self.kind == RevisionKind.TOOL:
            return selectors.tool_get(slug=slug)
        return selectors.practice_get(slug=slug)

    def form(self, subject: Tool | Practice | None, data: Any = None) -> ToolForm | PracticeForm:
        form_class = ToolForm if self.kind == RevisionKind.TOOL else PracticeForm
        initial = (
            form_class.initial_from(selectors.content_of(subject, self.kind)) if subject else None
        )
        return form_class(data, initial=initial, editing=subject is not None)

    def page(
        self, request: HttpRequest, subject: Any, form: Any, status: int = 200
    ) -> HttpResponse:
        context = {"form": form, "subject": subject, "kind": self.kind}
        return render(request, "toolbox/revision_form.html", context, status=status)

    def get(self, request: HttpRequest, slug: str | None = None) -> HttpResponse:
        _require_propose(request)
        subject = self.subject(slug)
        return self.page(request, subject, self.form(subject))

    def post(self, request: AuthenticatedRequest, slug: str | None = None) -> HttpResponse:
        _require_propose(request)
        subject = self.subject(slug)
        if proposal_rate_exceeded(request):
            return render(request, "429.html", status=429)
        form = self.form(subject, request.POST)
        if form.is_valid():
            try:
                revision = self.propose(request, subject, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you: your proposal is waiting for review."))
                target = subject.get_absolute_url() if subject else None
                return redirect(
                    target or reverse("toolbox:revision-detail", kwargs={"pk": revision.pk})
                )
        return self.page(request, subject, form, status=400)

    def propose(self, request: AuthenticatedRequest, subject: Any, form: Any) -> Revision:
        comment = form.cleaned_data["comment"]
        if self.kind == RevisionKind.TOOL:
            return services.tool_propose(
                actor=request.user, data=form.content(), comment=comment, tool=subject
            )
        return services.practice_propose(
            actor=request.user, data=form.content(), comment=comment, practice=subject
        )


class ToolProposeView(_ProposeView):
    kind = RevisionKind.TOOL


class PracticeProposeView(_ProposeView):
    kind = RevisionKind.PRACTICE


def _require_review(request: HttpRequest) -> None:
    if not request.user.has_perm("toolbox.review"):
        raise PermissionDenied("toolbox.review")


class ReviewQueueView(LoginRequiredMixin, View):
    """The editors' list of proposals and edits waiting for review, oldest first."""

    def get(self, request: HttpRequest) -> HttpResponse:
        _require_review(request)
        page = paginate(request, selectors.revision_pending_list())
        return render(request, "toolbox/review_list.html", {"page_obj": page})


def _visible_revision(request: HttpRequest, pk: int) -> Revision:
    """The revision for the editors and for its author; Http404 for anyone else."""
    revision = selectors.revision_get(pk=pk)
    is_author = request.user.is_authenticated and revision.author_id == request.user.pk
    if not (is_author or request.user.has_perm("toolbox.review")):
        raise Http404("No such revision.")
    return revision


def _revision_page(
    request: HttpRequest, revision: Revision, status: int = 200, **extra: Any
) -> HttpResponse:
    subject = selectors.revision_subject(revision)
    context = {
        "revision": revision,
        "subject": subject,
        "changes": selectors.revision_diff(
            revision=revision, current=selectors.content_of(subject, revision.kind)
        ),
        "can_review": request.user.has_perm("toolbox.review"),
        "reject_form": extra.get("reject_form") or RejectForm(),
        "problem": extra.get("problem", ""),
    }
    return render(request, "toolbox/revision_detail.html", context, status=status)


class RevisionDetailView(LoginRequiredMixin, View):
    """A revision beside the current content, with the editors' decision forms."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _revision_page(request, _visible_revision(request, pk))


class RevisionApproveView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        _require_review(request)
        revision = selectors.revision_get(pk=pk)
        try:
            obj = services.revision_approve(actor=request.user, revision=revision)
        except ValidationError as error:
            problem = " ".join(error.messages)
            return _revision_page(request, revision, status=400, problem=problem)
        messages.success(request, _("Approved: the page shows the new content."))
        return redirect(obj.get_absolute_url())


class RevisionRejectView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        _require_review(request)
        revision = selectors.revision_get(pk=pk)
        form = RejectForm(request.POST)
        if form.is_valid():
            try:
                services.revision_reject(
                    actor=request.user, revision=revision, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Rejected: the author is told why."))
                return redirect("toolbox:review-queue")
        return _revision_page(request, revision, status=400, reject_form=form)


class ToolScreenshotView(LoginRequiredMixin, View):
    """The editors set, replace or remove a tool's screenshot."""

    def page(self, request: HttpRequest, tool: Tool, form: Any, status: int = 200) -> HttpResponse:
        context = {"tool": tool, "form": form}
        return render(request, "toolbox/screenshot_form.html", context, status=status)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        _require_review(request)
        tool = selectors.tool_get(slug=slug)
        return self.page(
            request, tool, ScreenshotForm(initial={"screenshot_alt": tool.screenshot_alt})
        )

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        _require_review(request)
        tool = selectors.tool_get(slug=slug)
        form = ScreenshotForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.tool_set_screenshot(
                    actor=request.user,
                    tool=tool,
                    upload=form.cleaned_data["screenshot"],
                    alt=form.cleaned_data["screenshot_alt"],
                    remove=form.cleaned_data["remove"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The screenshot is saved."))
                return redirect(tool.get_absolute_url())
        return self.page(request, tool, form, status=400)
