"""The learner's pages: a lesson with its exercises, marking it done, answering an exercise, and
the peer-review page of an exercise (one's text, the reviews it got, others' texts to review).

Anyone who may see a course reads its lessons; enrolled learners (`learning.study_course`) mark
them done, answer and review. Answers never reach the page before they are right.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.learning.forms.courses import (
    AnswerForm,
    PeerReviewForm,
    add_service_errors,
    answer_rate_exceeded,
    review_rate_exceeded,
)
from pnyx.learning.models import Course, Exercise, ExerciseKind, Lesson, Submission
from pnyx.learning.selectors import courses as selectors
from pnyx.learning.selectors import courses_progress as progress_selectors
from pnyx.learning.services import courses_progress as services
from pnyx.learning.views.courses_helpers import (
    course_exercise,
    course_lesson,
    too_fast,
    visible_course,
)


def lesson_url(lesson: Lesson, anchor: str = "") -> str:
    course = lesson.module.course
    url = reverse("learning:lesson-detail", kwargs={"slug": course.slug, "pk": lesson.pk})
    return f"{url}#{anchor}" if anchor else url


def _initial(exercise: Exercise, submission: Submission | None) -> dict[str, Any]:
    """The learner's latest answer, shown again in the form."""
    if submission is None:
        return {}
    if exercise.kind == ExerciseKind.CHOICE:
        chosen = [str(index) for index in submission.answer or []]
        return {"choices": chosen if len(exercise.correct) > 1 else (chosen or [""])[0]}
    return {"text": submission.answer}


def _exercise_entry(
    exercise: Exercise, submission: Submission | None, bound: AnswerForm | None
) -> dict[str, Any]:
    right = submission is not None and submission.correct is True
    form = bound if bound is not None and bound.exercise.pk == exercise.pk else None
    return {
        "exercise": exercise,
        "submission": submission,
        "form": form or AnswerForm(exercise=exercise, initial=_initial(exercise, submission)),
        # The key and the explanation show once the learner's latest answer is right.
        "right_choices": [exercise.choices[i] for i in exercise.correct] if right else [],
        "reviewed": bool(submission and getattr(submission, "review_count", 0)),
    }


def _lesson_page(
    request: HttpRequest, course: Course, lesson: Lesson, bound: AnswerForm | None = None
) -> HttpResponse:
    enrolment = progress_selectors.enrolment_of(user=request.user, course=course)
    outline = selectors.course_outline(course=course)
    exercises = selectors.lesson_exercises(lesson=lesson)
    answers = progress_selectors.submissions_of(user=request.user, exercises=exercises)
    before, after = outline.neighbours(lesson)
    context = {
        "course": course,
        "lesson": lesson,
        "outline": outline,
        "before": before,
        "after": after,
        "enrolment": enrolment,
        "done": progress_selectors.lesson_done(enrolment=enrolment, lesson=lesson),
        "may_study": enrolment is not None
        and request.user.has_perm("learning.study_course", course),
        "may_change": request.user.has_perm("learning.change_course", course),
        "exercises": [_exercise_entry(item, answers.get(item.pk), bound) for item in exercises],
    }
    status = 400 if bound is not None else 200
    return render(request, "learning/lesson_detail.html", context, status=status)


def lesson_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = visible_course(request, slug)
    return _lesson_page(request, course, course_lesson(course, pk))


def _after_step(request: HttpRequest, step: services.Step, fallback: str) -> HttpResponse:
    if step.just_completed:
        messages.success(request, _("You completed the course. Well done!"))
        course = step.enrolment.course
        return redirect("learning:course-completed", slug=course.slug)
    return redirect(fallback)


def _refused(request: HttpRequest, course: Course) -> HttpResponse:
    messages.error(request, _("Enrol in the course to take part."))
    return redirect(course)


class LessonDoneView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        course = visible_course(request, slug)
        lesson = course_lesson(course, pk)
        try:
            step = services.lesson_mark_done(actor=request.user, lesson=lesson)
        except (PermissionDenied, ValidationError):
            return _refused(request, course)
        messages.success(request, _("Lesson marked done."))
        _before, after = selectors.course_outline(course=course).neighbours(lesson)
        return _after_step(request, step, lesson_url(after) if after else course.get_absolute_url())


class ExerciseAnswerView(LoginRequiredMixin, View):
    """Answer an exercise: checked at once, the result shown on the lesson page."""

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        course = visible_course(request, slug)
        exercise = course_exercise(course, pk)
        lesson = exercise.lesson
        form = AnswerForm(request.POST, exercise=exercise)
        if not form.is_valid():
            return _lesson_page(request, course, lesson, bound=form)
        if answer_rate_exceeded(request):
            return too_fast(request)
        try:
            answered = services.exercise_answer(
                actor=request.user, exercise=exercise, **form.answer()
            )
        except PermissionDenied:
            return _refused(request, course)
        except ValidationError as error:
            add_service_errors(form, error)
            return _lesson_page(request, course, lesson, bound=form)
        correct = answered.submission.correct
        if correct is True:
            messages.success(request, _("Right!"))
        elif correct is False:
            messages.error(request, _("Not quite. Read the lesson again and try once more."))
        else:
            messages.success(request, _("Your text is saved. Now review other learners' texts."))
            return _after_step(request, answered, _peer_url(course, exercise))
        return _after_step(request, answered, lesson_url(lesson, f"exercise-{exercise.pk}"))


def _peer_url(course: Course, exercise: Exercise) -> str:
    return reverse("learning:peer-exercise", kwargs={"slug": course.slug, "pk": exercise.pk})


def _peer_exercise(request: HttpRequest, slug: str, pk: int) -> tuple[Course, Exercise]:
    course = visible_course(request, slug)
    exercise = course_exercise(course, pk)
    if exercise.kind != ExerciseKind.PEER:
        raise Http404("Not a peer-reviewed exercise.")
    return course, exercise


class PeerExerciseView(LoginRequiredMixin, View):
    """One's text and the reviews it got (with the average per criterion), and others' texts
    to review, those with the fewest reviews first."""

    def get(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        course, exercise = _peer_exercise(request, slug, pk)
        mine = progress_selectors.submissions_of(user=request.user, exercises=[exercise])
        submission = mine.get(exercise.pk)
        reviews = progress_selectors.reviews_of(submission=submission) if submission else []
        may_study = request.user.has_perm("learning.study_course", course)
        context = {
            "course": course,
            "exercise": exercise,
            "lesson": exercise.lesson,
            "submission": submission,
            "reviews": reviews,
            "averages": progress_selectors.criterion_averages(exercise=exercise, reviews=reviews),
            "given": progress_selectors.reviews_given_count(user=request.user, exercise=exercise),
            "queue": progress_selectors.peer_queue(user=request.user, exercise=exercise)
            if submission and may_study
            else [],
            "may_study": may_study,
        }
        return render(request, "learning/peer_exercise.html", context)


class PeerReviewView(LoginRequiredMixin, View):
    """Review another learner's text against the rubric."""

    def _target(self, request: HttpRequest, slug: str, pk: int, submission_pk: int):
        course, exercise = _peer_exercise(request, slug, pk)
        submission = progress_selectors.submission_get(exercise=exercise, pk=submission_pk)
        if submission is None or submission.learner_id == request.user.pk:
            raise Http404("No such text to review.")
        submission.exercise = exercise
        return course, exercise, submission

    def _render(self, request: HttpRequest, target: tuple, form: PeerReviewForm, status=200):
        course, exercise, submission = target
        context = {"course": course, "exercise": exercise, "submission": submission, "form": form}
        return render(request, "learning/peer_review_form.html", context, status=status)

    def get(self, request: AuthenticatedRequest, slug: str, pk: int, submission_pk: int):
        target = self._target(request, slug, pk, submission_pk)
        return self._render(request, target, PeerReviewForm(exercise=target[1]))

    def post(self, request: AuthenticatedRequest, slug: str, pk: int, submission_pk: int):
        target = self._target(request, slug, pk, submission_pk)
        course, exercise, submission = target
        form = PeerReviewForm(request.POST, exercise=exercise)
        if not form.is_valid():
            return self._render(request, target, form, 400)
        if review_rate_exceeded(request):
            return too_fast(request)
        try:
            step = services.peer_review_create(
                actor=request.user,
                submission=submission,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except PermissionDenied:
            return _refused(request, course)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, target, form, 400)
        messages.success(request, _("Thank you: your review is saved."))
        return _after_step(request, step, _peer_url(course, exercise))


def urlpatterns(course: str) -> list[URLPattern]:
    """The learner's paths under a course's path."""
    return [
        path(f"{course}lessons/<int:pk>/", lesson_detail, name="lesson-detail"),
        path(f"{course}lessons/<int:pk>/done/", LessonDoneView.as_view(), name="lesson-done"),
        path(
            f"{course}exercises/<int:pk>/answer/",
            ExerciseAnswerView.as_view(),
            name="exercise-answer",
        ),
        path(f"{course}exercises/<int:pk>/peer/", PeerExerciseView.as_view(), name="peer-exercise"),
        path(
            f"{course}exercises/<int:pk>/texts/<int:submission_pk>/review/",
            PeerReviewView.as_view(),
            name="peer-review",
        ),
    ]
