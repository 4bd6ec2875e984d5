"""What learners do in a course: enrol and leave, mark lessons done, answer exercises, submit to
a peer-reviewed exercise and review others' submissions. Each act that may finish the course
sets the enrolment complete (see `courses_completion`). Learning progress is private: no audit
entry; the author of a reviewed submission is notified.

Enrolling needs `learning.enrol_course`; every other act needs `learning.study_course`.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from pnyx.core.permissions import require
from pnyx.learning.models import (
    Course,
    Enrolment,
    Exercise,
    ExerciseKind,
    Lesson,
    LessonCompletion,
    PeerReview,
    Submission,
)
from pnyx.learning.selectors import courses_progress as progress_selectors
from pnyx.learning.services.courses import required_text
from pnyx.learning.services.courses_completion import completion_refresh
from pnyx.learning.services.courses_exercises import is_right
from pnyx.participation.selectors.notifications import register_message
from pnyx.participation.services.notifications import notify_people

PEER_REVIEWED_EVENT = "learning.peer_reviewed"
SUBMISSION_LENGTH = 20000


@dataclass(frozen=True)
class Step:
    """The outcome of a learner's act: their enrolment, and whether this act completed it."""

    enrolment: Enrolment
    just_completed: bool


@dataclass(frozen=True)
class Answered(Step):
    submission: Submission


def enrolment_create(*, actor: Any, course: Course) -> tuple[Enrolment, bool]:
    """Enrol the person in a published course; returns the enrolment and whether it is new
    (enrolling twice keeps the first). Needs `learning.enrol_course`."""
    require(actor, "learning.enrol_course", course)
    try:
        with transaction.atomic():
            return Enrolment.objects.get_or_create(course=course, learner=actor)
    except IntegrityError:  # a parallel request enrolled them first
        return Enrolment.objects.get(course=course, learner=actor), False


def enrolment_leave(*, actor: Any, course: Course) -> bool:
    """Leave a course: the enrolment and the lessons marked done go; answers and reviews stay
    (other learners' reviews rest on them). A completed course stays in the person's record.
    Returns whether they were enrolled. Needs an account only."""
    enrolment = progress_selectors.enrolment_of(user=actor, course=course)
    if enrolment is None:
        return False
    if enrolment.completed_at is not None:
        message = _("You completed this course: it stays in your record.")
        raise ValidationError(message, code="completed")
    with transaction.atomic():
        enrolment.delete()
    return True


def _enrolment(actor: Any, course: Course) -> Enrolment:
    require(actor, "learning.study_course", course)
    enrolment = progress_selectors.enrolment_of(user=actor, course=course)
    if enrolment is None:  # left between the check and now
        raise ValidationError(_("Enrol in the course first."), code="not_enrolled")
    return enrolment


def lesson_mark_done(*, actor: Any, lesson: Lesson) -> Step:
    """Record that the learner finished the lesson (once). Needs `learning.study_course`."""
    course = lesson.module.course
    enrolment = _enrolment(actor, course)
    with transaction.atomic():
        try:
            with transaction.atomic():
                LessonCompletion.objects.get_or_create(enrolment=enrolment, lesson=lesson)
        except IntegrityError:
            pass  # marked by a parallel request: done either way
        completed = completion_refresh(enrolment)
    return Step(enrolment=enrolment, just_completed=completed)


def _answer_value(exercise: Exercise, choices: list[int] | None, text: str) -> Any:
    """The answer as stored: sorted indexes for a choice, the text otherwise."""
    if exercise.kind == ExerciseKind.CHOICE:
        picked = list(choices or [])
        valid = all(
            isinstance(index, int)
            and not isinstance(index, bool)
            and 0 <= index < len(exercise.choices)
            for index in picked
        )
        if not picked or not valid:
            raise ValidationError({"choices": _("Choose at least one of the choices.")})
        return sorted(set(picked))
    if exercise.kind == ExerciseKind.SHORT:
        return required_text("text", text, 200)
    return required_text("text", text, SUBMISSION_LENGTH)


def _save_submission(exercise: Exercise, actor: Any, answer: Any) -> Submission:
    """Keep the latest answer and count the attempt (the row is locked meanwhile)."""
    correct = None if exercise.kind == ExerciseKind.PEER else is_right(exercise, answer)
    found = Submission.objects.select_for_update().filter(exercise=exercise, learner=actor).first()
    if found is None:
        return Submission.objects.create(
            exercise=exercise, learner=actor, answer=answer, correct=correct
        )
    if exercise.kind == ExerciseKind.PEER and found.reviews.exists():
        message = _("Your text was already reviewed: it can no longer change.")
        raise ValidationError(message, code="reviewed")
    found.answer, found.correct = answer, correct
    found.attempts = min(found.attempts + 1, 32767)
    found.save(update_fields=["answer", "correct", "attempts", "updated_at"])
    return found


def exercise_answer(
    *, actor: Any, exercise: Exercise, choices: list[int] | None = None, text: str = ""
) -> Answered:
    """Answer an exercise: chosen indexes for a multiple choice, a text otherwise. A choice or
    short answer is checked at once (`submission.correct`); the latest answer is kept and the
    attempts counted. A text for peer review may change until someone reviewed it. Needs
    `learning.study_course`."""
    enrolment = _enrolment(actor, exercise.lesson.module.course)
    answer = _answer_value(exercise, choices, text)
    try:
        with transaction.atomic():
            submission = _save_submission(exercise, actor, answer)
            completed = completion_refresh(enrolment)
    except IntegrityError:  # a parallel first answer: count this one as the next attempt
        with transaction.atomic():
            submission = _save_submission(exercise, actor, answer)
            completed = completion_refresh(enrolment)
    return Answered(enrolment=enrolment, just_completed=completed, submission=submission)


def _scores(exercise: Exercise, scores: dict[str, Any]) -> dict[str, int]:
    """One whole score per rubric criterion, from 0 to its highest; nothing else."""
    names = [str(criterion["name"]) for criterion in exercise.rubric]
    unknown = sorted(set(scores) - set(names))
    if unknown:
        message = _("Unknown criterion: %(names)s.") % {"names": ", ".join(unknown)}
        raise ValidationError({"scores": message}, code="unknown")
    checked = {}
    for criterion in exercise.rubric:
        name, top = str(criterion["name"]), int(criterion["max"])
        value = scores.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top:
            message = _("Score “%(name)s” from 0 to %(max)s.") % {"name": name, "max": top}
            raise ValidationError({"scores": message}, code="score")
        checked[name] = value
    return checked


def _reviewable(actor: Any, submission: Submission) -> None:
    exercise = submission.exercise
    if exercise.kind != ExerciseKind.PEER:
        raise ValidationError(_("Only texts of peer-reviewed exercises are reviewed."))
    if submission.learner_id == actor.pk:
        raise ValidationError(_("You cannot review your own text."), code="own")
    if not Submission.objects.filter(exercise=exercise, learner=actor).exists():
        message = _("Submit your own text before reviewing others'.")
        raise ValidationError(message, code="submit_first")
    if PeerReview.objects.filter(submission=submission, reviewer=actor).exists():
        raise ValidationError(_("You already reviewed this text."), code="twice")


def peer_review_create(
    *, actor: Any, submission: Submission, scores: dict[str, Any], comment: str
) -> Step:
    """Review another learner's text: a score per rubric criterion and a comment; once per text
    and reviewer, never one's own, after submitting one's own. Its author is notified. Needs
    `learning.study_course`."""
    exercise = submission.exercise
    course = exercise.lesson.module.course
    enrolment = _enrolment(actor, course)
    _reviewable(actor, submission)
    checked = _scores(exercise, scores)
    comment = required_text("comment", comment, 5000)
    try:
        with transaction.atomic():
            PeerReview.objects.create(
                submission=submission, reviewer=actor, scores=checked, comment=comment
            )
            completed = completion_refresh(enrolment)
    except IntegrityError:
        raise ValidationError(_("You already reviewed this text."), code="twice") from None
    path = reverse("learning:peer-exercise", kwargs={"slug": course.slug, "pk": exercise.pk})
    transaction.on_commit(
        lambda: notify_people(
            event=PEER_REVIEWED_EVENT,
            people=[submission.learner_id],
            actor=actor,
            data={"title": course.title, "path": path},
        )
    )
    return Step(enrolment=enrolment, just_completed=completed)


def register_course_messages() -> None:
    """Word the notification a learner gets when their text is reviewed (from `ready`)."""
    register_message(
        PEER_REVIEWED_EVENT,
        lambda n: (
            _("Another learner reviewed your text in “%(title)s”.")
            % {"title": n.data.get("title", "")}
        ),
    )
