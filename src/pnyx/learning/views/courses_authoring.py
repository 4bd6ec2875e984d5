"""Authoring pages: create and edit a course, list one's courses, the authoring page, publish or
archive. Every page needs `learning.change_course` (creating, `learning.add_course` on the
partner); plain forms, POST then redirect. The outline's pages (modules, lessons, exercises) are
in `courses_outline`; every authoring path is listed here."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.pagination import paginate
from pnyx.core.permissions import is_platform_admin
from pnyx.learning.forms.courses import CourseForm, ModuleForm, add_service_errors
from pnyx.learning.models import Course
from pnyx.learning.selectors import courses as selectors
from pnyx.learning.services import courses as services
from pnyx.learning.views import courses_outline as outline
from pnyx.learning.views.courses_helpers import authored_course, manage_url, render_manage


def _partner_choices(request: HttpRequest) -> dict[str, Any]:
    """The partners the person may author for, by form value ("" for a platform course)."""
    found: dict[str, Any] = {str(p.pk): p for p in selectors.authorable_partners(user=request.user)}
    if is_platform_admin(request.user):
        found[""] = None
    return found


def _course_initial(course: Course) -> dict[str, Any]:
    fields = ("title", "summary", "description", "language", "level", "hours", "credits")
    return {
        **{name: getattr(course, name) for name in fields},
        "topics": [topic.slug for topic in course.topics.all()],
        "tools": [tool.slug for tool in course.tools.all()],
    }


class CourseCreateView(LoginRequiredMixin, View):
    """A new draft course, for one of the partners the person authors for."""

    def _choices(self, request: HttpRequest) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        partners = _partner_choices(request)
        if not partners:
            raise PermissionDenied(_("Only a partner's administrators and committee may do this."))
        labels = [
            (value, partner.organisation.name if partner else _("Pnyx, without a partner"))
            for value, partner in partners.items()
        ]
        return partners, labels

    def _render(self, request: HttpRequest, form: CourseForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "course": None}
        return render(request, "learning/course_form.html", context, status=status)

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        _partners, labels = self._choices(request)
        return self._render(request, CourseForm(partners=labels))

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        partners, labels = self._choices(request)
        form = CourseForm(request.POST, partners=labels)
        if not form.is_valid():
            return self._render(request, form, 400)
        data = dict(form.cleaned_data)
        partner = partners[data.pop("partner")]
        try:
            course = services.course_create(actor=request.user, partner=partner, **data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, form, 400)
        messages.success(request, _("The draft course is saved. Add its modules and lessons."))
        return redirect(manage_url(course))


class CourseEditView(LoginRequiredMixin, View):
    def _render(self, request: HttpRequest, course: Course, form: CourseForm, status: int = 200):
        context = {"form": form, "course": course}
        return render(request, "learning/course_form.html", context, status=status)

    def get(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        course = authored_course(request, slug)
        return self._render(request, course, CourseForm(initial=_course_initial(course)))

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        course = authored_course(request, slug)
        form = CourseForm(request.POST)
        if not form.is_valid():
            return self._render(request, course, form, 400)
        try:
            services.course_update(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, course, form, 400)
        messages.success(request, _("The course is saved."))
        return redirect(manage_url(course))


class CourseAuthoringView(LoginRequiredMixin, View):
    """The courses the person may author, drafts first."""

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        courses = selectors.courses_authored_by(
            user=request.user, is_admin=bool(is_platform_admin(request.user))
        )
        context = {
            "page_obj": paginate(request, courses),
            "may_create": bool(_partner_choices(request)),
        }
        return render(request, "learning/course_authoring.html", context)


class CourseManageView(LoginRequiredMixin, View):
    """The course's outline with every authoring action."""

    def get(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        return render_manage(request, authored_course(request, slug), ModuleForm())


class CourseStateView(LoginRequiredMixin, View):
    """Publish or archive the course (`action`)."""

    action = "publish"

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        course = authored_course(request, slug)
        change = services.course_publish if self.action == "publish" else services.course_archive
        try:
            change(actor=request.user, course=course)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(manage_url(course))
        if self.action == "publish":
            messages.success(request, _("The course is published: anyone can find it and enrol."))
        else:
            messages.success(request, _("The course is archived: it left the catalog."))
        return redirect(manage_url(course))


def urlpatterns(course: str) -> list[URLPattern]:
    """The authoring paths under a course's path."""
    patterns = [
        path(f"{course}edit/", CourseEditView.as_view(), name="course-edit"),
        path(f"{course}manage/", CourseManageView.as_view(), name="course-manage"),
        path(f"{course}publish/", CourseStateView.as_view(action="publish"), name="course-publish"),
        path(f"{course}archive/", CourseStateView.as_view(action="archive"), name="course-archive"),
        path(f"{course}modules/new/", outline.ModuleCreateView.as_view(), name="module-create"),
        path(
            f"{course}modules/<int:pk>/edit/", outline.ModuleEditView.as_view(), name="module-edit"
        ),
        path(
            f"{course}modules/<int:pk>/lessons/new/",
            outline.LessonFormView.as_view(creating=True),
            name="lesson-create",
        ),
        path(
            f"{course}lessons/<int:pk>/edit/",
            outline.LessonFormView.as_view(creating=False),
            name="lesson-edit",
        ),
        path(
            f"{course}lessons/<int:pk>/exercises/new/<str:kind>/",
            outline.ExerciseFormView.as_view(creating=True),
            name="exercise-create",
        ),
        path(
            f"{course}exercises/<int:pk>/edit/",
            outline.ExerciseFormView.as_view(creating=False),
            name="exercise-edit",
        ),
    ]
    for part, prefix in (("module", "modules"), ("lesson", "lessons"), ("exercise", "exercises")):
        patterns += [
            path(
                f"{course}{prefix}/<int:pk>/move/",
                outline.PartMoveView.as_view(part=part),
                name=f"{part}-move",
            ),
            path(
                f"{course}{prefix}/<int:pk>/remove/",
                outline.PartRemoveView.as_view(part=part),
                name=f"{part}-remove",
            ),
        ]
    return patterns
