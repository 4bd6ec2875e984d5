"""Authoring a course's outline: add and edit modules, lessons and exercises, move them up or
down, and remove them (after a confirmation page). Every page needs `learning.change_course`;
plain forms, POST then redirect."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.learning.forms.courses import EXERCISE_FORMS, LessonForm, ModuleForm, add_service_errors
from pnyx.learning.models import Course, ExerciseKind
from pnyx.learning.services import courses as services
from pnyx.learning.services import courses_exercises as exercise_services
from pnyx.learning.views.courses_helpers import (
    authored_course,
    course_exercise,
    course_lesson,
    course_module,
    manage_url,
    render_manage,
)


class ModuleCreateView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        course = authored_course(request, slug)
        form = ModuleForm(request.POST)
        if not form.is_valid():
            return render_manage(request, course, form, 400)
        try:
            module = services.module_create(
                actor=request.user, course=course, title=form.cleaned_data["title"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return render_manage(request, course, form, 400)
        return redirect(manage_url(course, f"module-{module.pk}"))


class ModuleEditView(LoginRequiredMixin, View):
    def _render(self, request: HttpRequest, module: Any, form: ModuleForm, status: int = 200):
        context = {"course": module.course, "module": module, "form": form}
        return render(request, "learning/course_module_form.html", context, status=status)

    def get(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        module = course_module(authored_course(request, slug), pk)
        return self._render(request, module, ModuleForm(initial={"title": module.title}))

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        module = course_module(authored_course(request, slug), pk)
        form = ModuleForm(request.POST)
        if not form.is_valid():
            return self._render(request, module, form, 400)
        try:
            services.module_update(actor=request.user, module=module, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, module, form, 400)
        return redirect(manage_url(module.course, f"module-{module.pk}"))


class LessonFormView(LoginRequiredMixin, View):
    """Add a lesson to a module (`pk` is the module's) or edit one (`pk` is the lesson's)."""

    creating = True

    def _target(self, request: HttpRequest, slug: str, pk: int) -> tuple[Any, Any]:
        course = authored_course(request, slug)
        if self.creating:
            return course_module(course, pk), None
        lesson = course_lesson(course, pk)
        return lesson.module, lesson

    def _render(self, request: HttpRequest, module: Any, lesson: Any, form: LessonForm, status=200):
        context = {"course": module.course, "module": module, "lesson": lesson, "form": form}
        return render(request, "learning/lesson_form.html", context, status=status)

    def get(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        module, lesson = self._target(request, slug, pk)
        initial = {}
        if lesson is not None:
            initial = {"title": lesson.title, "body": lesson.body, "video_url": lesson.video_url}
        return self._render(request, module, lesson, LessonForm(initial=initial))

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        module, lesson = self._target(request, slug, pk)
        form = LessonForm(request.POST)
        if not form.is_valid():
            return self._render(request, module, lesson, form, 400)
        try:
            if lesson is None:
                lesson = services.lesson_create(
                    actor=request.user, module=module, **form.cleaned_data
                )
            else:
                services.lesson_update(actor=request.user, lesson=lesson, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, module, lesson, form, 400)
        messages.success(request, _("The lesson is saved."))
        return redirect(manage_url(module.course, f"lesson-{lesson.pk}"))


class ExerciseFormView(LoginRequiredMixin, View):
    """Add an exercise of a kind to a lesson (`pk` is the lesson's) or edit one (the
    exercise's)."""

    creating = True

    def _target(self, request: HttpRequest, slug: str, pk: int, kind: str) -> tuple[Any, Any]:
        course = authored_course(request, slug)
        if self.creating:
            if kind not in EXERCISE_FORMS:
                raise Http404("No such kind of exercise.")
            return course_lesson(course, pk), None
        exercise = course_exercise(course, pk)
        return exercise.lesson, exercise

    def _render(
        self, request: HttpRequest, lesson: Any, exercise: Any, kind: str, form: Any, status=200
    ):
        context = {
            "course": lesson.module.course,
            "lesson": lesson,
            "exercise": exercise,
            "kind_label": ExerciseKind(kind).label,
            "form": form,
        }
        return render(request, "learning/exercise_form.html", context, status=status)

    def get(
        self, request: AuthenticatedRequest, slug: str, pk: int, kind: str = ""
    ) -> HttpResponse:
        lesson, exercise = self._target(request, slug, pk, kind)
        kind = exercise.kind if exercise else kind
        form_class = EXERCISE_FORMS[kind]
        form = form_class(initial=form_class.initial_of(exercise) if exercise else None)
        return self._render(request, lesson, exercise, kind, form)

    def post(
        self, request: AuthenticatedRequest, slug: str, pk: int, kind: str = ""
    ) -> HttpResponse:
        lesson, exercise = self._target(request, slug, pk, kind)
        kind = exercise.kind if exercise else kind
        form = EXERCISE_FORMS[kind](request.POST)
        if not form.is_valid():
            return self._render(request, lesson, exercise, kind, form, 400)
        try:
            if exercise is None:
                exercise = exercise_services.exercise_create(
                    actor=request.user, lesson=lesson, kind=kind, spec=form.spec()
                )
            else:
                exercise_services.exercise_update(
                    actor=request.user, exercise=exercise, spec=form.spec()
                )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, lesson, exercise, kind, form, 400)
        messages.success(request, _("The exercise is saved."))
        return redirect(manage_url(lesson.module.course, f"exercise-{exercise.pk}"))


#: For each part of a course: how to find it in the course, move it and remove it.
_PARTS: dict[str, tuple[Callable[[Course, int], Any], Callable[..., None], Callable[..., None]]] = {
    "module": (
        course_module,
        lambda actor, item, direction: services.module_move(
            actor=actor, module=item, direction=direction
        ),
        lambda actor, item: services.module_delete(actor=actor, module=item),
    ),
    "lesson": (
        course_lesson,
        lambda actor, item, direction: services.lesson_move(
            actor=actor, lesson=item, direction=direction
        ),
        lambda actor, item: services.lesson_delete(actor=actor, lesson=item),
    ),
    "exercise": (
        course_exercise,
        lambda actor, item, direction: exercise_services.exercise_move(
            actor=actor, exercise=item, direction=direction
        ),
        lambda actor, item: exercise_services.exercise_delete(actor=actor, exercise=item),
    ),
}


class PartMoveView(LoginRequiredMixin, View):
    """Move a module, lesson or exercise up or down (`direction`)."""

    part = "module"

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        course = authored_course(request, slug)
        find, move, _remove = _PARTS[self.part]
        item = find(course, pk)
        try:
            move(request.user, item, request.POST.get("direction", ""))
        except ValidationError as error:
            return HttpResponseBadRequest(" ".join(error.messages), content_type="text/plain")
        return redirect(manage_url(course, f"{self.part}-{item.pk}"))


class PartRemoveView(LoginRequiredMixin, View):
    """Confirm, then remove, a module, lesson or exercise with everything in it."""

    part = "module"

    def _item(self, request: HttpRequest, slug: str, pk: int) -> tuple[Course, Any]:
        course = authored_course(request, slug)
        return course, _PARTS[self.part][0](course, pk)

    def get(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        course, item = self._item(request, slug, pk)
        context = {"course": course, "item": item, "part": self.part}
        return render(request, "learning/course_confirm_remove.html", context)

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        course, item = self._item(request, slug, pk)
        try:
            _PARTS[self.part][2](request.user, item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(manage_url(course))
        messages.success(request, _("Removed."))
        return redirect(manage_url(course))
