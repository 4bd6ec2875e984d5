"""Authoring exercises, and checking answers to them.

Three kinds: multiple choice (`choices`, and `correct` the indexes of the right ones, one or
more); short answer (`accepted` answers, compared after setting aside case, accents, spaces
and punctuation); peer review (a `rubric` of criteria {name, description, max} and the number
of reviews each learner gives others). Every write needs `learning.change_course`.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pnyx.core.permissions import require
from pnyx.learning.models import Exercise, ExerciseKind, Lesson, Submission
from pnyx.learning.services.courses import move_among, optional_text, required_text
from pnyx.learning.services.courses_completion import completion_refresh_course

CHOICES_MAX = 20
CHOICE_LENGTH = 500
ACCEPTED_MAX = 30
ANSWER_LENGTH = 200
CRITERIA_MAX = 10
CRITERION_SCORE_MAX = 10
REVIEWS_MAX = 10


def normalise_answer(text: str) -> str:
    """The answer with case, accents and punctuation set aside and spaces collapsed: "  Ópen-
    DATA! " and "open data" both give "open data"."""
    decomposed = unicodedata.normalize("NFKD", str(text or "")).casefold()
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category.startswith("M"):
            continue  # accents, once decomposed, are combining marks
        kept.append(" " if category[0] in "PSZC" else char)
    return " ".join("".join(kept).split())


def is_right(exercise: Exercise, answer: Any) -> bool:
    """Whether an answer (chosen indexes, or typed text) is right; never for a peer exercise."""
    if exercise.kind == ExerciseKind.CHOICE:
        return isinstance(answer, list) and set(answer) == set(exercise.correct)
    if exercise.kind == ExerciseKind.SHORT:
        typed = normalise_answer(str(answer))
        return bool(typed) and typed in {normalise_answer(item) for item in exercise.accepted}
    return False


@dataclass
class ExerciseSpec:
    """What an author writes for an exercise; only the fields of its kind are kept."""

    prompt: str
    explanation: str = ""
    choices: Sequence[str] = ()
    correct: Iterable[int] = ()
    accepted: Sequence[str] = ()
    rubric: Sequence[dict[str, Any]] = ()
    reviews_required: int = 2


def _choice_fields(spec: ExerciseSpec) -> dict[str, Any]:
    choices = [str(choice).strip() for choice in spec.choices]
    if not 2 <= len(choices) <= CHOICES_MAX:
        message = _("Give from 2 to %(max)s choices.") % {"max": CHOICES_MAX}
        raise ValidationError({"choices": message}, code="count")
    if any(not choice or len(choice) > CHOICE_LENGTH for choice in choices):
        message = _("Each choice needs a text of at most %(max)s characters.")
        raise ValidationError({"choices": message % {"max": CHOICE_LENGTH}}, code="text")
    if len(set(choices)) != len(choices):
        raise ValidationError({"choices": _("Two choices are the same.")}, code="twice")
    correct = list(spec.correct)
    if not correct or any(
        not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(choices)
        for index in correct
    ):
        message = _("Mark at least one of the choices as right.")
        raise ValidationError({"correct": message}, code="correct")
    return {"choices": choices, "correct": sorted(set(correct))}


def _short_fields(spec: ExerciseSpec) -> dict[str, Any]:
    accepted = [str(item).strip() for item in spec.accepted if str(item).strip()]
    if not 1 <= len(accepted) <= ACCEPTED_MAX:
        message = _("Give from 1 to %(max)s accepted answers.") % {"max": ACCEPTED_MAX}
        raise ValidationError({"accepted": message}, code="count")
    if any(not normalise_answer(item) or len(item) > ANSWER_LENGTH for item in accepted):
        message = _("Each accepted answer needs letters or digits, at most %(max)s characters.") % {
            "max": ANSWER_LENGTH
        }
        raise ValidationError({"accepted": message}, code="text")
    return {"accepted": accepted}


def _criterion(raw: Any, names: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ValidationError({"rubric": _("Each criterion needs a name and a highest score.")})
    name = str(raw.get("name", "")).strip()
    if not name or len(name) > 100:
        message = _("Each criterion needs a name of at most 100 characters.")
        raise ValidationError({"rubric": message}, code="name")
    if name in names:
        message = _("Two criteria are named “%(name)s”.") % {"name": name}
        raise ValidationError({"rubric": message}, code="twice")
    top = raw.get("max")
    if not isinstance(top, int) or isinstance(top, bool) or not 1 <= top <= CRITERION_SCORE_MAX:
        message = _("The highest score of “%(name)s” must be a whole number from 1 to %(max)s.")
        raise ValidationError(
            {"rubric": message % {"name": name, "max": CRITERION_SCORE_MAX}}, code="max"
        )
    description = optional_text("rubric", str(raw.get("description", "")), 1000)
    return {"name": name, "description": description, "max": top}


def _peer_fields(spec: ExerciseSpec) -> dict[str, Any]:
    if not 1 <= len(spec.rubric) <= CRITERIA_MAX:
        message = _("Give from 1 to %(max)s criteria.") % {"max": CRITERIA_MAX}
        raise ValidationError({"rubric": message}, code="count")
    rubric: list[dict[str, Any]] = []
    for raw in spec.rubric:
        rubric.append(_criterion(raw, {criterion["name"] for criterion in rubric}))
    if not 1 <= spec.reviews_required <= REVIEWS_MAX:
        message = _("Ask for 1 to %(max)s reviews.") % {"max": REVIEWS_MAX}
        raise ValidationError({"reviews_required": message}, code="reviews")
    return {"rubric": rubric, "reviews_required": spec.reviews_required}


def _fields(kind: str, spec: ExerciseSpec) -> dict[str, Any]:
    """The exercise's fields for its kind, checked; the other kinds' fields emptied."""
    fields: dict[str, Any] = {
        "prompt": required_text("prompt", spec.prompt, 5000),
        "explanation": optional_text("explanation", spec.explanation, 5000),
        "choices": [],
        "correct": [],
        "accepted": [],
        "rubric": [],
    }
    if kind == ExerciseKind.CHOICE:
        return {**fields, **_choice_fields(spec)}
    if kind == ExerciseKind.SHORT:
        return {**fields, **_short_fields(spec)}
    if kind == ExerciseKind.PEER:
        return {**fields, "explanation": "", **_peer_fields(spec)}
    message = _("Choose multiple choice, short answer or peer review.")
    raise ValidationError({"kind": message}, code="kind")


def exercise_create(*, actor: Any, lesson: Lesson, kind: str, spec: ExerciseSpec) -> Exercise:
    """Add an exercise at the end of the lesson. Needs `learning.change_course`."""
    require(actor, "learning.change_course", lesson.module.course)
    fields = _fields(kind, spec)
    with transaction.atomic():
        last = Exercise.objects.filter(lesson=lesson).order_by("-position").first()
        position = 0 if last is None else last.position + 1
        return Exercise.objects.create(lesson=lesson, kind=kind, position=position, **fields)


def _check_again(exercise: Exercise) -> None:
    """Check learners' latest answers against a changed answer key."""
    if exercise.kind == ExerciseKind.PEER:
        return
    changed = []
    for submission in Submission.objects.filter(exercise=exercise):
        right = is_right(exercise, submission.answer)
        if submission.correct != right:
            submission.correct = right
            changed.append(submission)
    Submission.objects.bulk_update(changed, ["correct"])


def exercise_update(*, actor: Any, exercise: Exercise, spec: ExerciseSpec) -> Exercise:
    """Change an exercise (not its kind); learners' answers are checked again against the new
    key, which may complete their course. Needs `learning.change_course`."""
    course = exercise.lesson.module.course
    require(actor, "learning.change_course", course)
    fields = _fields(exercise.kind, spec)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(exercise, name, value)
        exercise.save(update_fields=list(fields))
        _check_again(exercise)
        completion_refresh_course(course)
    return exercise


def exercise_move(*, actor: Any, exercise: Exercise, direction: str) -> None:
    """Move an exercise up or down in its lesson. Needs `learning.change_course`."""
    require(actor, "learning.change_course", exercise.lesson.module.course)
    with transaction.atomic():
        siblings = Exercise.objects.select_for_update().filter(lesson_id=exercise.lesson_id)
        move_among(siblings.order_by("position", "pk"), exercise, direction)


def exercise_delete(*, actor: Any, exercise: Exercise) -> None:
    """Remove an exercise with learners' answers and reviews; learners who had only it left
    complete the course. Needs `learning.change_course`."""
    course = exercise.lesson.module.course
    require(actor, "learning.change_course", course)
    with transaction.atomic():
        exercise.delete()
        completion_refresh_course(course)
