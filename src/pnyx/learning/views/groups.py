"""Study-group pages: the list, creating a group, a group's page, joining, leaving and editing
it. The discussion, notes and meeting pages are in `groups_members`; their paths are listed
here."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.pagination import paginate
from pnyx.learning.forms.groups import GroupChangeForm, GroupCreateForm, PostForm
from pnyx.learning.selectors import groups as selectors
from pnyx.learning.selectors import partners as partner_selectors
from pnyx.learning.services import groups as services
from pnyx.learning.views import groups_members as member_views
from pnyx.learning.views.groups_common import group_error, group_or_404
from pnyx.orgs.forms import add_service_errors

FILTER_MAX_LENGTH = 120


def group_list(request: HttpRequest) -> HttpResponse:
    """Study groups, filtered by course or partner; paginated."""
    filters = {
        name: request.GET.get(name, "").replace("\x00", "").strip()[:FILTER_MAX_LENGTH]
        for name in ("course", "partner")
    }
    context = {
        "page": paginate(request, selectors.group_list(**filters)),
        "filters": filters,
        "course_choices": selectors.course_filter_choices(),
        "partner_choices": selectors.partner_filter_choices(),
        "mine": list(selectors.groups_of(user=request.user)[:20]),
        "may_add": request.user.has_perm("learning.add_group"),
    }
    return render(request, "learning/group_list.html", context)


class GroupCreateView(LoginRequiredMixin, View):
    """Create a group for a course or a partner (`?course=` or `?partner=` preselects it)."""

    def _form(self, data: Any = None, initial: dict[str, str] | None = None) -> GroupCreateForm:
        return GroupCreateForm(
            data,
            initial=initial,
            courses=selectors.published_course_choices(),
            partners=selectors.partner_filter_choices(),
        )

    def _render(self, request: HttpRequest, form: GroupCreateForm, status: int = 200) -> Any:
        return render(request, "learning/group_form.html", {"form": form}, status=status)

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        if not request.user.has_perm("learning.add_group"):
            raise PermissionDenied("learning.add_group")
        initial = {
            name: request.GET.get(name, "")[:FILTER_MAX_LENGTH] for name in ("course", "partner")
        }
        return self._render(request, self._form(initial=initial))

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        data = form.cleaned_data
        course = selectors.published_course_get(slug=data["course"]) if data["course"] else None
        partner = partner_selectors.partner_get(slug=data["partner"]) if data["partner"] else None
        try:
            group = services.group_create(
                actor=request.user,
                name=data["name"],
                description=data["description"],
                course=course,
                partner=partner,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, form, status=400)
        messages.success(request, _("Your study group is created: invite people to join."))
        return redirect("learning:group-detail", pk=group.pk)


def _latest_posts(request: HttpRequest, group: Any) -> Page:
    """The page of the discussion asked for; without `?page=`, the last one (newest posts)."""
    paginator = Paginator(selectors.group_posts(group=group), settings.PNYX_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page") or paginator.num_pages)


def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A group's page: description, members and meetings for everyone; the discussion and the
    notes for members."""
    group = group_or_404(pk)
    user = request.user
    membership = selectors.membership_of(user=user, group=group)
    may_read = user.has_perm("learning.view_group_thread", group)
    context: dict[str, Any] = {
        "group": group,
        "membership": membership,
        "members": list(selectors.group_members(group=group)),
        "meetings": selectors.group_meetings(group=group, now=timezone.now()),
        "may_read": may_read,
        "may_join": membership is None and user.has_perm("learning.join_group", group),
        "may_post": may_read and user.has_perm("learning.post_in_group", group),
        "is_organiser": membership is not None and membership.organiser,
        "posts": _latest_posts(request, group) if may_read else None,
        "post_form": PostForm(),
    }
    return render(request, "learning/group_detail.html", context)


class GroupJoinView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        group = group_or_404(pk)
        if not request.user.has_perm("learning.join_group", group):
            message = _("Confirm your e-mail address to join a study group.")
            return group_error(request, group, [message], status=403)
        _member, joined = services.group_join(actor=request.user, group=group)
        if joined:
            messages.success(request, _("You joined the group."))
        return redirect("learning:group-detail", pk=group.pk)


class GroupLeaveView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        group = group_or_404(pk)
        if services.group_leave(actor=request.user, group=group):
            messages.success(request, _("You left the group."))
        return redirect("learning:group-detail", pk=group.pk)


class GroupEditView(LoginRequiredMixin, View):
    def _render(self, request: HttpRequest, group: Any, form: Any, status: int = 200) -> Any:
        context = {"group": group, "form": form}
        return render(request, "learning/group_edit.html", context, status=status)

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        group = group_or_404(pk)
        if not request.user.has_perm("learning.change_group", group):
            raise PermissionDenied("learning.change_group")
        initial = {"name": group.name, "description": group.description}
        return self._render(request, group, GroupChangeForm(initial=initial))

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        group = group_or_404(pk)
        form = GroupChangeForm(request.POST)
        if not form.is_valid():
            return self._render(request, group, form, status=400)
        try:
            services.group_change(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, group, form, status=400)
        messages.success(request, _("The group is saved."))
        return redirect("learning:group-detail", pk=group.pk)


urlpatterns = [
    path("learning/groups/", group_list, name="group-list"),
    path("learning/groups/new/", GroupCreateView.as_view(), name="group-create"),
    path("learning/groups/<int:pk>/", group_detail, name="group-detail"),
    path("learning/groups/<int:pk>/join/", GroupJoinView.as_view(), name="group-join"),
    path("learning/groups/<int:pk>/leave/", GroupLeaveView.as_view(), name="group-leave"),
    path("learning/groups/<int:pk>/edit/", GroupEditView.as_view(), name="group-edit"),
    *member_views.urlpatterns,
]
