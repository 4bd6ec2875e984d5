"""Reads of learners' progress: enrolments, what each has done in a course, their answers, and
the peer-review side (submissions to review, reviews received with the average per criterion)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

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

#: Submissions offered to a reviewer at once.
PEER_QUEUE_SIZE = 5


@dataclass(frozen=True)
class Progress:
    """What a learner has done in a course. An automatic exercise is passed once its latest
    answer is right; a peer-reviewed one once the learner submitted and gave the reviews it
    asks of them."""

    lessons_done: int
    lessons_total: int
    exercises_passed: int
    exercises_total: int
    done_lesson_ids: frozenset[int]
    passed_exercise_ids: frozenset[int]

    @property
    def complete(self) -> bool:
        """Every lesson done and every exercise passed (a course without lessons never is)."""
        return (
            self.lessons_total > 0
            and self.lessons_done == self.lessons_total
            and self.exercises_passed == self.exercises_total
        )

    @property
    def percent(self) -> int:
        steps = self.lessons_total + self.exercises_total
        return round(100 * (self.lessons_done + self.exercises_passed) / steps) if steps else 0


@dataclass(frozen=True)
class _ExerciseFacts:
    pk: int
    course_id: int
    kind: str
    reviews_required: int


def _exercises_by_course(course_ids: set[int]) -> dict[int, list[_ExerciseFacts]]:
    rows = Exercise.objects.filter(lesson__module__course_id__in=course_ids).values_list(
        "pk", "lesson__module__course_id", "kind", "reviews_required"
    )
    found: dict[int, list[_ExerciseFacts]] = defaultdict(list)
    for pk, course_id, kind, required in rows:
        found[course_id].append(_ExerciseFacts(pk, course_id, kind, required))
    return found


def _reviews_given(learner_ids: set[int], exercise_ids: set[int]) -> dict[tuple[int, int], int]:
    """Reviews each learner gave, per peer-reviewed exercise: {(learner, exercise): count}."""
    if not exercise_ids:
        return {}
    rows = (
        PeerReview.objects.filter(
            reviewer_id__in=learner_ids, submission__exercise_id__in=exercise_ids
        )
        .values("reviewer_id", "submission__exercise_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {(row["reviewer_id"], row["submission__exercise_id"]): row["count"] for row in rows}


def _passed(
    facts: _ExerciseFacts,
    learner_id: int,
    answers: dict[tuple[int, int], bool | None],
    given: dict[tuple[int, int], int],
) -> bool:
    key = (facts.pk, learner_id)
    if facts.kind == ExerciseKind.PEER:
        return key in answers and given.get((learner_id, facts.pk), 0) >= facts.reviews_required
    return answers.get(key) is True


def _lessons_by_course(course_ids: set[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    rows = Lesson.objects.filter(module__course_id__in=course_ids).values_list(
        "pk", "module__course_id"
    )
    for pk, course_id in rows:
        found[course_id].add(pk)
    return found


def _done_by_enrolment(enrolments: list[Enrolment]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    rows = LessonCompletion.objects.filter(enrolment__in=enrolments).values_list(
        "enrolment_id", "lesson_id"
    )
    for enrolment_id, lesson_id in rows:
        found[enrolment_id].add(lesson_id)
    return found


def _answers(exercise_ids: set[int], learner_ids: set[int]) -> dict[tuple[int, int], bool | None]:
    """Whether each learner's latest answer is right, by (exercise, learner)."""
    rows = Submission.objects.filter(
        exercise_id__in=exercise_ids, learner_id__in=learner_ids
    ).values_list("exercise_id", "learner_id", "correct")
    return {(exercise_id, learner_id): correct for exercise_id, learner_id, correct in rows}


def progress_for(enrolments: Iterable[Enrolment]) -> dict[int, Progress]:
    """Each enrolment's progress, by enrolment id, in five queries whatever their number."""
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    course_ids = {enrolment.course_id for enrolment in enrolments}
    learner_ids = {enrolment.learner_id for enrolment in enrolments}
    lessons = _lessons_by_course(course_ids)
    done = _done_by_enrolment(enrolments)
    exercises = _exercises_by_course(course_ids)
    every = [facts for group in exercises.values() for facts in group]
    answers = _answers({facts.pk for facts in every}, learner_ids)
    peer_ids = {facts.pk for facts in every if facts.kind == ExerciseKind.PEER}
    given = _reviews_given(learner_ids, peer_ids)
    result = {}
    for enrolment in enrolments:
        course_lessons = lessons[enrolment.course_id]
        lessons_done = frozenset(done[enrolment.pk] & course_lessons)
        course_exercises = exercises.get(enrolment.course_id, [])
        passed = frozenset(
            facts.pk
            for facts in course_exercises
            if _passed(facts, enrolment.learner_id, answers, given)
        )
        result[enrolment.pk] = Progress(
            lessons_done=len(lessons_done),
            lessons_total=len(course_lessons),
            exercises_passed=len(passed),
            exercises_total=len(course_exercises),
            done_lesson_ids=lessons_done,
            passed_exercise_ids=passed,
        )
    return result


def progress_of(enrolment: Enrolment) -> Progress:
    """One enrolment's progress (five queries)."""
    return progress_for([enrolment])[enrolment.pk]


def enrolment_of(*, user: Any, course: Course) -> Enrolment | None:
    """The person's enrolment in the course, or None (always None for a visitor)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrolment.objects.filter(course=course, learner=user).first()


def enrolments_of(*, user: Any) -> QuerySet[Enrolment]:
    """The person's enrolments with their course and its partner, most recent first."""
    return Enrolment.objects.filter(learner=user).select_related("course__partner__organisation")


def submissions_of(*, user: Any, exercises: Iterable[Exercise]) -> dict[int, Submission]:
    """The person's latest answer to each of the exercises that they answered, by exercise id."""
    if not getattr(user, "is_authenticated", False):
        return {}
    found = Submission.objects.filter(learner=user, exercise__in=list(exercises)).annotate(
        review_count=Count("reviews")
    )
    return {submission.exercise_id: submission for submission in found}


def reviews_given_count(*, user: Any, exercise: Exercise) -> int:
    return PeerReview.objects.filter(reviewer=user, submission__exercise=exercise).count()


def peer_queue(*, user: Any, exercise: Exercise, limit: int = PEER_QUEUE_SIZE) -> list[Submission]:
    """Others' submissions the person may review, those with the fewest reviews first (then the
    oldest): never their own, never one they already reviewed, never a deleted account's."""
    return list(
        Submission.objects.filter(exercise=exercise, learner__is_active=True)
        .exclude(learner=user)
        .exclude(reviews__reviewer=user)
        .annotate(review_count=Count("reviews"))
        .order_by("review_count", "created_at", "pk")[:limit]
    )


def submission_get(*, exercise: Exercise, pk: int) -> Submission | None:
    """A submission to a peer-reviewed exercise (whoever made it)."""
    return Submission.objects.filter(pk=pk, exercise=exercise).first()


def reviews_of(*, submission: Submission) -> list[PeerReview]:
    """The reviews a submission received, oldest first (reviewers are not named)."""
    return list(PeerReview.objects.filter(submission=submission).order_by("created_at", "pk"))


@dataclass(frozen=True)
class CriterionAverage:
    name: str
    description: str
    max: int
    average: float | None
    count: int


def criterion_averages(*, exercise: Exercise, reviews: list[PeerReview]) -> list[CriterionAverage]:
    """The average score of each rubric criterion over the reviews (None without a score)."""
    averages = []
    for criterion in exercise.rubric:
        name = str(criterion.get("name", ""))
        scores = [
            review.scores[name]
            for review in reviews
            if isinstance(review.scores, dict) and isinstance(review.scores.get(name), int)
        ]
        averages.append(
            CriterionAverage(
                name=name,
                description=str(criterion.get("description", "")),
                max=int(criterion.get("max", 0)),
                average=round(sum(scores) / len(scores), 2) if scores else None,
                count=len(scores),
            )
        )
    return averages


def lesson_done(*, enrolment: Enrolment | None, lesson: Lesson) -> bool:
    if enrolment is None:
        return False
    return LessonCompletion.objects.filter(enrolment=enrolment, lesson=lesson).exists()


@dataclass(frozen=True)
class CompletionRecord:
    """What a learner did in a completed course, for the completion page."""

    lessons: list[tuple[Lesson, Any]]
    exercises_passed: int
    reviews_given: int


def completion_record(*, enrolment: Enrolment) -> CompletionRecord:
    """The lessons done (with the time each was marked), the exercises passed and the reviews
    given to others in the course."""
    completed = dict(
        LessonCompletion.objects.filter(enrolment=enrolment).values_list(
            "lesson_id", "completed_at"
        )
    )
    lessons = (
        Lesson.objects.filter(pk__in=completed)
        .defer("body")
        .order_by("module__position", "module__pk", "position", "pk")
    )
    reviews = PeerReview.objects.filter(
        reviewer_id=enrolment.learner_id,
        submission__exercise__lesson__module__course_id=enrolment.course_id,
    ).count()
    return CompletionRecord(
        lessons=[(lesson, completed[lesson.pk]) for lesson in lessons],
        exercises_passed=progress_of(enrolment).exercises_passed,
        reviews_given=reviews,
    )
