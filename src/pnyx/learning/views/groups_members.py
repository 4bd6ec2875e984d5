"""What members do in a study group: post in the discussion, remove a post, edit the shared
notes; and what organisers do: plan and cancel meetings."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.learning.forms.groups import MeetingForm, NotesForm, PostForm, post_rate_exceeded
from pnyx.learning.forms.partners import form_errors
from pnyx.learning.models import StudyGroup
from pnyx.learning.selectors import groups as selectors
from pnyx.learning.services import groups as services
from pnyx.learning.services import groups_meetings as meeting_services
from pnyx.learning.views.groups_common import group_error, group_or_404
from pnyx.orgs.forms import add_service_errors


def _detail(group: StudyGroup, anchor: str = "") -> str:
    url = reverse("learning:group-detail", kwargs={"pk": group.pk})
    return f"{url}#{anchor}" if anchor else url


class PostCreateView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        group = group_or_404(pk)
        if not request.user.has_perm("learning.post_in_group", group):
            raise PermissionDenied("learning.post_in_group")
        form = PostForm(request.POST)
        if not form.is_valid():
            return group_error(request, group, form_errors(form))
        if post_rate_exceeded(request):
            message = _("You are writing too fast: wait a minute and try again.")
            return group_error(request, group, [message], status=429)
        try:
            services.group_post_add(actor=request.user, group=group, body=form.cleaned_data["body"])
        except ValidationError as error:
            return group_error(request, group, error.messages)
        messages.success(request, _("Your message is posted."))
        return redirect(_detail(group, "discussion"))


class PostRemoveView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        post = selectors.post_get(pk=pk)
        if post is None:
            raise Http404("No such post.")
        services.group_post_remove(actor=request.user, post=post)
        messages.success(request, _("The message is removed."))
        return redirect(_detail(post.group, "discussion"))


class NotesEditView(LoginRequiredMixin, View):
    def _render(self, request: HttpRequest, group: Any, form: Any, status: int = 200) -> Any:
        context = {"group": group, "form": form}
        return render(request, "learning/group_notes_form.html", context, status=status)

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        group = group_or_404(pk)
        if not request.user.has_perm("learning.change_group_notes", group):
            raise PermissionDenied("learning.change_group_notes")
        initial = {"notes": group.notes, "version": services.notes_version(group)}
        return self._render(request, group, NotesForm(initial=initial))

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        group = group_or_404(pk)
        if not request.user.has_perm("learning.change_group_notes", group):
            raise PermissionDenied("learning.change_group_notes")
        form = NotesForm(request.POST)
        if not form.is_valid():
            return self._render(request, group, form, status=400)
        try:
            services.group_notes_update(
                actor=request.user,
                group=group,
                notes=form.cleaned_data["notes"],
                seen_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, group, form, status=409)
        messages.success(request, _("The notes are saved."))
        return redirect(_detail(group, "notes"))


class MeetingCreateView(LoginRequiredMixin, View):
    def _render(self, request: HttpRequest, group: Any, form: Any, status: int = 200) -> Any:
        context = {"group": group, "form": form}
        return render(request, "learning/group_meeting_form.html", context, status=status)

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        group = group_or_404(pk)
        if not request.user.has_perm("learning.plan_meeting", group):
            raise PermissionDenied("learning.plan_meeting")
        return self._render(request, group, MeetingForm())

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        group = group_or_404(pk)
        if not request.user.has_perm("learning.plan_meeting", group):
            raise PermissionDenied("learning.plan_meeting")
        form = MeetingForm(request.POST)
        if not form.is_valid():
            return self._render(request, group, form, status=400)
        try:
            meeting_services.group_meeting_plan(
                actor=request.user, group=group, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, group, form, status=400)
        messages.success(request, _("The meeting is planned; the members are told."))
        return redirect(_detail(group, "meetings"))


class MeetingCancelView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, pk: int, meeting: int) -> HttpResponse:
        group = group_or_404(pk)
        found = selectors.meeting_get(group=group, pk=meeting)
        if found is None:
            raise Http404("No such meeting.")
        meeting_services.group_meeting_cancel(actor=request.user, meeting=found)
        messages.success(request, _("The meeting is cancelled."))
        return redirect(_detail(group, "meetings"))


urlpatterns = [
    path("learning/groups/<int:pk>/posts/", PostCreateView.as_view(), name="group-post"),
    path(
        "learning/groups/posts/<int:pk>/remove/",
        PostRemoveView.as_view(),
        name="group-post-remove",
    ),
    path("learning/groups/<int:pk>/notes/", NotesEditView.as_view(), name="group-notes"),
    path(
        "learning/groups/<int:pk>/meetings/new/",
        MeetingCreateView.as_view(),
        name="group-meeting-create",
    ),
    path(
        "learning/groups/<int:pk>/meetings/<int:meeting>/cancel/",
        MeetingCancelView.as_view(),
        name="group-meeting-cancel",
    ),
]
