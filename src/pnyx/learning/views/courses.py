"""Course pages for everyone: the catalog with its search and filters, a course's page with the
learner's progress, enrolling and leaving, one's own courses, and the completion page. The
authoring pages are in `courses_authoring`, lessons and exercises in `courses_learning`; every
course path is listed here."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.pagination import paginate
from pnyx.core.permissions import is_platform_admin
from pnyx.core.taxonomy import TOPICS
from pnyx.learning.forms.courses import topic_choices
from pnyx.learning.models import CourseLevel
from pnyx.learning.selectors import courses as selectors
from pnyx.learning.selectors import courses_progress as progress_selectors
from pnyx.learning.services import courses_progress as services
from pnyx.learning.views import courses_authoring as authoring
from pnyx.learning.views import courses_learning as learning
from pnyx.learning.views.courses_helpers import visible_course

#: As long as a filter value may be (slugs and language codes); longer ones are cut.
FILTER_MAX_LENGTH = 220


def catalog_filters(params: QueryDict) -> tuple[selectors.CatalogFilters, list[str]]:
    """The filters read from the query string, and what was not understood (topic and level
    are checked against their lists; an unknown language or partner just matches nothing)."""

    def value(name: str) -> str:
        return params.get(name, "").strip()[:FILTER_MAX_LENGTH]

    filters = selectors.CatalogFilters(
        query=value("q"),
        topic=value("topic"),
        language=value("language"),
        level=value("level"),
        partner=value("partner"),
    )
    problems = []
    if filters.topic and filters.topic not in TOPICS:
        problems.append(_("Unknown topic: choose one from the list."))
    if filters.level and filters.level not in CourseLevel.values:
        problems.append(_("Unknown level: choose beginner, intermediate or advanced."))
    return filters, problems


def course_list(request: HttpRequest) -> HttpResponse:
    """The catalog of published courses: search, filters by topic, language, level and partner,
    paginated; 400 with the page saying which filter was not understood."""
    filters, problems = catalog_filters(request.GET)
    courses = selectors.course_catalog(filters)
    if problems:
        courses = courses.none()
    context = {
        "filters": filters,
        "problems": problems,
        "page_obj": paginate(request, courses),
        "topic_choices": topic_choices(),
        "language_choices": selectors.catalog_language_choices(),
        "level_choices": CourseLevel.choices,
        "partner_choices": selectors.catalog_partner_choices(),
        "may_author": bool(
            is_platform_admin(request.user) or selectors.authorable_partners(user=request.user)
        ),
    }
    return render(request, "learning/course_list.html", context, status=400 if problems else 200)


def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A course: its details, tools, modules and lessons, and the learner's progress."""
    course = visible_course(request, slug)
    enrolment = progress_selectors.enrolment_of(user=request.user, course=course)
    context: dict[str, Any] = {
        "course": course,
        "outline": selectors.course_outline(course=course),
        "enrolment": enrolment,
        "progress": progress_selectors.progress_of(enrolment) if enrolment else None,
        "may_change": request.user.has_perm("learning.change_course", course),
        "may_enrol": enrolment is None and request.user.has_perm("learning.enrol_course", course),
    }
    return render(request, "learning/course_detail.html", context)


class CourseEnrolView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        course = visible_course(request, slug)
        try:
            _enrolment, created = services.enrolment_create(actor=request.user, course=course)
        except PermissionDenied:
            messages.error(request, _("This course is closed to new learners."))
            return redirect(course)
        if created:
            messages.success(request, _("You are enrolled. Start with the first lesson."))
        return redirect(course)


class CourseLeaveView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        course = visible_course(request, slug)
        try:
            left = services.enrolment_leave(actor=request.user, course=course)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(course)
        if left:
            messages.success(request, _("You left the course. Your answers are kept."))
        if request.user.has_perm("learning.view_course", course):
            return redirect(course)
        return redirect("learning:course-mine")


class CourseMineView(LoginRequiredMixin, View):
    """The courses the person follows, with their progress, most recent first."""

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        page = paginate(request, progress_selectors.enrolments_of(user=request.user))
        progress = progress_selectors.progress_for(page.object_list)
        entries = [(enrolment, progress[enrolment.pk]) for enrolment in page.object_list]
        context = {"page_obj": page, "entries": entries}
        return render(request, "learning/course_mine.html", context)


class CourseCompletedView(LoginRequiredMixin, View):
    """The completion page of a learner who completed the course (404 otherwise)."""

    def get(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        course = visible_course(request, slug)
        enrolment = progress_selectors.enrolment_of(user=request.user, course=course)
        if enrolment is None or enrolment.completed_at is None:
            raise Http404("The course is not completed.")
        context = {
            "course": course,
            "enrolment": enrolment,
            "record": progress_selectors.completion_record(enrolment=enrolment),
        }
        return render(request, "learning/course_completed.html", context)


_COURSE = "learning/courses/<slug:slug>/"
urlpatterns: list = [
    path("learning/courses/", course_list, name="course-list"),
    path("learning/courses/new/", authoring.CourseCreateView.as_view(), name="course-create"),
    path("learning/courses/mine/", CourseMineView.as_view(), name="course-mine"),
    path(
        "learning/courses/authoring/",
        authoring.CourseAuthoringView.as_view(),
        name="course-authoring",
    ),
    path(_COURSE, course_detail, name="course-detail"),
    path(f"{_COURSE}enrol/", CourseEnrolView.as_view(), name="course-enrol"),
    path(f"{_COURSE}leave/", CourseLeaveView.as_view(), name="course-leave"),
    path(f"{_COURSE}completed/", CourseCompletedView.as_view(), name="course-completed"),
    *authoring.urlpatterns(_COURSE),
    *learning.urlpatterns(_COURSE),
]
