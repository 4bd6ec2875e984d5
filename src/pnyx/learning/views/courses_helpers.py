"""What the course pages share: finding a course the reader may see (a draft is a 404 to anyone
but its authors), or may author (403 otherwise), its parts, the authoring page, and the 429
page."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from pnyx.learning.forms.courses import ModuleForm
from pnyx.learning.models import Course, CourseModule, Exercise, ExerciseKind, Lesson
from pnyx.learning.selectors import courses as selectors


def visible_course(request: HttpRequest, slug: str) -> Course:
    """The course, when the reader holds `learning.view_course`; 404 otherwise."""
    course = selectors.course_get(slug=slug)
    if course is None or not request.user.has_perm("learning.view_course", course):
        raise Http404("No such course.")
    return course


def authored_course(request: HttpRequest, slug: str) -> Course:
    """The course, when the reader holds `learning.change_course`: 404 when they may not even
    see it, 403 when they see it but may not change it."""
    course = visible_course(request, slug)
    if not request.user.has_perm("learning.change_course", course):
        raise PermissionDenied(_("Only the course's authors may change it."))
    return course


def course_module(course: Course, pk: int) -> CourseModule:
    module = selectors.module_get(course=course, pk=pk)
    if module is None:
        raise Http404("No such module.")
    module.course = course
    return module


def course_lesson(course: Course, pk: int) -> Lesson:
    lesson = selectors.lesson_get(course=course, pk=pk)
    if lesson is None:
        raise Http404("No such lesson.")
    lesson.module.course = course
    return lesson


def course_exercise(course: Course, pk: int) -> Exercise:
    exercise = selectors.exercise_get(course=course, pk=pk)
    if exercise is None:
        raise Http404("No such exercise.")
    exercise.lesson.module.course = course
    return exercise


def too_fast(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/course_too_fast.html", status=429)


def manage_url(course: Course, anchor: str = "") -> str:
    url = reverse("learning:course-manage", kwargs={"slug": course.slug})
    return f"{url}#{anchor}" if anchor else url


def render_manage(
    request: HttpRequest, course: Course, module_form: ModuleForm, status: int = 200
) -> HttpResponse:
    """The authoring page: the outline with every action, and the form adding a module."""
    context = {
        "course": course,
        "outline": selectors.course_outline(course=course, with_exercises=True),
        "module_form": module_form,
        "exercise_kinds": ExerciseKind.choices,
    }
    return render(request, "learning/course_manage.html", context, status=status)
