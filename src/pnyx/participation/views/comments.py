"""Comment pages: post (page form or htmx), edit with history, delete with confirmation."""

from collections.abc import Iterator
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core import personal_data
from pnyx.core.pagination import paginate
from pnyx.core.permissions import require
from pnyx.core.text import render_markdown
from pnyx.participation.forms.community import (
    CommentEditForm,
    CommentForm,
    add_service_errors,
    comment_rate_exceeded,
)
from pnyx.participation.models import Comment, Proposition
from pnyx.participation.personal_data import MODERATION, SOURCE_COMMENTS
from pnyx.participation.selectors import comments as selectors
from pnyx.participation.selectors.comments import CommentNode
from pnyx.participation.services import comments as services
from pnyx.participation.views.cards import url_of_pk

THREAD_TEMPLATE = "participation/includes/comment_thread.html"


def visible_proposition(request: HttpRequest, pk: int) -> Proposition:
    """The proposition, or 404 when it does not exist or its process is a draft the viewer may
    not see."""
    proposition = selectors.proposition_get(pk=pk)
    if proposition is None or not rules.has_perm(
        "participation.view_process", request.user, proposition.process
    ):
        raise Http404
    return proposition


def visible_comment(request: HttpRequest, pk: int) -> Comment:
    comment = selectors.comment_get(pk=pk)
    if comment is None or not rules.has_perm(
        "participation.view_process", request.user, comment.proposition.process
    ):
        raise Http404
    return comment


def _walk(nodes: list[CommentNode]) -> Iterator[CommentNode]:
    for node in nodes:
        yield node
        yield from _walk(node.replies)


def _mark_permissions(
    nodes: list[CommentNode], user: Any, *, can_comment: bool, can_moderate: bool
) -> None:
    """What the viewer may do with each comment, without a query per comment.

    The rules are asked only about the viewer's own comments (they need no query then); for
    others' comments `delete_comment` reduces to moderating the process, asked once.
    """
    for node in _walk(nodes):
        comment = node.comment
        own = bool(user.is_authenticated and comment.author_id == user.pk)
        removed = comment.deleted_at is not None or comment.hidden_at is not None
        node.can_edit = own and rules.has_perm("participation.change_comment", user, comment)
        if own:
            node.can_delete = rules.has_perm("participation.delete_comment", user, comment)
        else:
            node.can_delete = can_moderate and comment.deleted_at is None
        node.can_reply = can_comment and not removed


def present(nodes: list[CommentNode], user: Any, *, can_moderate: bool) -> None:
    """Fill in what each comment shows, formatted here once: the author's link, the report
    link, the dates and the rendered text (remembered across requests, see core.text).

    Written as template tags (`url`, the `report_link` inclusion tag, `date`, `markdown`), they
    cost most of a proposition page's time.
    """
    person_url = url_of_pk("accounts:person-detail")
    report_base = reverse("participation:report-create")
    for node in _walk(nodes):
        comment = node.comment
        own = bool(user.is_authenticated and comment.author_id == user.pk)
        removed = comment.deleted_at is not None or comment.hidden_at is not None
        if comment.author_id is not None:
            node.author_url = person_url(comment.author_id)
        if not own and not removed:
            node.report_url = f"{report_base}?comment={comment.pk}"
        if comment.deleted_at is None and (comment.hidden_at is None or can_moderate):
            node.body_html = render_markdown(comment.body)
        created = timezone.localtime(comment.created_at)
        node.created_iso = created.isoformat()  # what the `date:"c"` filter writes
        node.created_text = formats.date_format(created, "DATETIME_FORMAT")


def _find(nodes: list[CommentNode], pk: str | None) -> CommentNode | None:
    if not pk or not pk.isdigit():
        return None
    return next((node for node in _walk(nodes) if node.comment.pk == int(pk)), None)


def thread_context(
    request: HttpRequest,
    proposition: Proposition,
    form: CommentForm | None = None,
    page: int | str | None = None,
    can_moderate: bool | None = None,
) -> dict[str, Any]:
    """Everything the comment thread shows to this viewer (shared by the tag and the views).

    `can_moderate` is the viewer's `moderate_process` on the proposition's process when the
    page already asked (it costs two queries); it is asked here otherwise.
    """
    user = request.user
    thread = selectors.comment_thread(
        proposition=proposition, page=page or request.GET.get("comments_page")
    )
    can_comment = rules.has_perm("participation.comment_proposition", user, proposition)
    if can_moderate is None:
        can_moderate = rules.has_perm("participation.moderate_process", user, proposition.process)
    _mark_permissions(thread.nodes, user, can_comment=can_comment, can_moderate=can_moderate)
    present(thread.nodes, user, can_moderate=can_moderate)
    if can_moderate:
        personal_data.record_access(
            staff=user,
            people=[
                node.comment.author
                for node in _walk(thread.nodes)
                if node.comment.hidden_at is not None and node.body_html
            ],
            source_keys=[SOURCE_COMMENTS],
            reason=MODERATION.key,
            detail=proposition.process.title,
        )
    reply_to = _find(thread.nodes, request.GET.get("reply"))
    if reply_to is not None and not reply_to.can_reply:
        reply_to = None
    if form is None:
        form = CommentForm(initial={"parent": reply_to.comment.pk if reply_to else None})
    return {
        "proposition": proposition,
        "nodes": thread.nodes,
        "comments_page": thread.page_obj,
        "can_comment": can_comment,
        "can_moderate": can_moderate,
        "comment_form": form,
        "reply_to": reply_to,
        "request": request,
        "user": user,
    }


class CommentCreateView(LoginRequiredMixin, View):
    """POST a comment; answers with the thread fragment to htmx, else redirects to the comment."""

    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        proposition = visible_proposition(request, pk)
        require(request.user, "participation.comment_proposition", proposition)
        if comment_rate_exceeded(request):
            return render(request, "429.html", status=429)
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                parent = _parent(form.cleaned_data["parent"])
                comment = services.comment_create(
                    author=request.user,
                    proposition=proposition,
                    body=form.cleaned_data["body"],
                    stance=form.cleaned_data["stance"],
                    parent=parent,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _created(request, proposition, comment)
        context = thread_context(request, proposition, form)
        if getattr(request, "htmx", False):
            # htmx swaps only successful answers: the form comes back with its errors.
            return render(request, THREAD_TEMPLATE, context)
        return render(request, "participation/comment_create.html", context, status=400)


def _parent(pk: int | None) -> Comment | None:
    if pk is None:
        return None
    parent = selectors.comment_get(pk=pk)
    if parent is None:
        raise ValidationError({"parent": _("The comment you reply to no longer exists.")})
    return parent


def _created(request: HttpRequest, proposition: Proposition, comment: Comment) -> HttpResponse:
    if getattr(request, "htmx", False):
        page = selectors.comment_page_number(comment=comment)
        return render(request, THREAD_TEMPLATE, thread_context(request, proposition, page=page))
    messages.success(request, _("Your comment was posted."))
    return redirect(comment_url(comment))


class CommentEditView(LoginRequiredMixin, View):
    """Edit one's comment while the edit window is open; the old text goes to its history."""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.comment = visible_comment(request, kwargs["pk"])

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        require(request.user, "participation.change_comment", self.comment)
        form = CommentEditForm(initial={"body": self.comment.body, "stance": self.comment.stance})
        return self._render(request, form)

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        require(request.user, "participation.change_comment", self.comment)
        form = CommentEditForm(request.POST)
        if form.is_valid():
            try:
                services.comment_update(
                    author=request.user,
                    comment=self.comment,
                    body=form.cleaned_data["body"],
                    stance=form.cleaned_data["stance"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your comment was changed."))
                return redirect(comment_url(self.comment))
        return self._render(request, form, status=400)

    def _render(
        self, request: HttpRequest, form: CommentEditForm, status: int = 200
    ) -> HttpResponse:
        context = {"comment": self.comment, "proposition": self.comment.proposition, "form": form}
        return render(request, "participation/comment_edit.html", context, status=status)


def comment_url(comment: Comment) -> str:
    """The proposition page at the page of the thread where the comment is, scrolled to it."""
    page = selectors.comment_page_number(comment=comment)
    query = f"?comments_page={page}" if page > 1 else ""
    return f"{comment.proposition.get_absolute_url()}{query}#comment-{comment.pk}"


class CommentHistoryView(View):
    """The earlier texts of an edited comment (none for a deleted one; hidden ones only to
    moderators)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        comment = visible_comment(request, pk)
        can_moderate = rules.has_perm(
            "participation.moderate_process", request.user, comment.proposition.process
        )
        shows_text = comment.deleted_at is None and (comment.hidden_at is None or can_moderate)
        if shows_text and comment.hidden_at is not None:
            personal_data.record_access(
                staff=request.user,
                people=[comment.author],
                source_keys=[SOURCE_COMMENTS],
                reason=MODERATION.key,
                detail=comment.proposition.process.title,
            )
        versions = selectors.comment_versions(comment=comment)
        context = {
            "comment": comment,
            "proposition": comment.proposition,
            "shows_text": shows_text,
            "page_obj": paginate(request, versions if shows_text else versions.none()),
        }
        return render(request, "participation/comment_history.html", context)


class CommentDeleteView(LoginRequiredMixin, View):
    """GET asks for confirmation; POST deletes (the author, or a moderator)."""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.comment = visible_comment(request, kwargs["pk"])

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        require(request.user, "participation.delete_comment", self.comment)
        context = {"comment": self.comment, "proposition": self.comment.proposition}
        return render(request, "participation/comment_delete.html", context)

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        require(request.user, "participation.delete_comment", self.comment)
        services.comment_delete(actor=request.user, comment=self.comment)
        messages.success(request, _("The comment was deleted. Its replies stay in the thread."))
        return redirect(comment_url(self.comment))
