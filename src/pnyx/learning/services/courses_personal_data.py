"""What the courses hold about a person: their enrolments and the lessons they marked done,
their answers and texts (with the reviews those received), and the reviews they gave others.

Erasing: enrolments and lesson marks go; answers are emptied but their rows stay, so the reviews
other learners wrote about them still count for those reviewers; the reviews the person gave
lose their comment and keep their scores, so the reviewed learner's averages stay the same.
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.learning.models import (
    Enrolment,
    ExerciseKind,
    LessonCompletion,
    PeerReview,
    Submission,
)


def _scores_text(scores: Any) -> str:
    if not isinstance(scores, dict):
        return ""
    return "; ".join(f"{name}: {value}" for name, value in scores.items())


def export_enrolments(person: Any) -> list[dict[str, Any]]:
    """The courses the person enrolled in and each lesson they marked done, oldest first."""
    rows: list[dict[str, Any]] = [
        {
            "event": "learning.enrolled",
            "course": enrolment.course.title,
            "url": enrolment.course.get_absolute_url(),
            "lesson": "",
            "created_at": enrolment.created_at.isoformat(),
            "completed_at": enrolment.completed_at.isoformat() if enrolment.completed_at else "",
        }
        for enrolment in Enrolment.objects.filter(learner=person).select_related("course")
    ]
    completions = LessonCompletion.objects.filter(enrolment__learner=person).select_related(
        "enrolment__course", "lesson"
    )
    rows += [
        {
            "event": "learning.lesson_done",
            "course": completion.enrolment.course.title,
            "url": completion.enrolment.course.get_absolute_url(),
            "lesson": completion.lesson.title,
            "created_at": completion.completed_at.isoformat(),
            "completed_at": "",
        }
        for completion in completions
    ]
    return sorted(rows, key=lambda row: row["created_at"])


def delete_enrolments(person: Any) -> None:
    with transaction.atomic():
        Enrolment.objects.filter(learner=person).delete()


def export_submissions(person: Any) -> list[dict[str, Any]]:
    """The person's latest answer to each exercise, and the reviews their texts received
    (without the reviewers' names), oldest first."""
    submissions = (
        Submission.objects.filter(learner=person)
        .select_related("exercise__lesson__module__course")
        .prefetch_related("reviews")
        .order_by("created_at", "pk")
    )
    rows: list[dict[str, Any]] = []
    for submission in submissions:
        exercise = submission.exercise
        common = {"course": exercise.lesson.module.course.title, "exercise": exercise.pk}
        answer = submission.answer
        if exercise.kind == ExerciseKind.CHOICE and isinstance(answer, list):
            answer = ", ".join(
                str(exercise.choices[i]) for i in answer if i < len(exercise.choices)
            )
        rows.append(
            {
                "event": "learning.answered",
                **common,
                "answer": str(answer),
                "correct": submission.correct,
                "attempts": submission.attempts,
                "created_at": submission.updated_at.isoformat(),
            }
        )
        rows += [
            {
                "event": "learning.review_received",
                **common,
                "answer": f"{_scores_text(review.scores)} {review.comment}".strip(),
                "correct": None,
                "attempts": None,
                "created_at": review.created_at.isoformat(),
            }
            for review in submission.reviews.all()
        ]
    return rows


def empty_submissions(person: Any) -> None:
    """Erase the person's answers; the rows stay, emptied, for the reviews others wrote."""
    with transaction.atomic():
        Submission.objects.filter(learner=person, exercise__kind=ExerciseKind.CHOICE).update(
            answer=[]
        )
        Submission.objects.filter(learner=person).exclude(
            exercise__kind=ExerciseKind.CHOICE
        ).update(answer="")


def export_reviews(person: Any) -> list[dict[str, Any]]:
    """The reviews the person gave other learners' texts, oldest first."""
    reviews = (
        PeerReview.objects.filter(reviewer=person)
        .select_related("submission__exercise__lesson__module__course")
        .order_by("created_at", "pk")
    )
    return [
        {
            "course": review.submission.exercise.lesson.module.course.title,
            "exercise": review.submission.exercise_id,
            "scores": _scores_text(review.scores),
            "comment": review.comment,
            "created_at": review.created_at.isoformat(),
        }
        for review in reviews
    ]


def anonymise_reviews(person: Any) -> None:
    """Erase the comments of the person's reviews; the scores stay for the reviewed learners."""
    with transaction.atomic():
        PeerReview.objects.filter(reviewer=person).update(comment="")


def register_course_personal_data() -> None:
    """Declare the sources in the core registry (called from `LearningConfig.ready`)."""
    personal_data.register(
        personal_data.PersonalDataSource(
            key="learning.enrolments",
            label=_("Your courses and progress"),
            description=_(
                "The courses you enrolled in, when you completed them, and the lessons you "
                "marked done."
            ),
            export=export_enrolments,
            anonymise=delete_enrolments,
            purpose=_("To show you where you are in each course and to record its completion."),
            visibility=personal_data.Visibility.PRIVATE,
            seen_by=_("Only you."),
        )
    )
    personal_data.register(
        personal_data.PersonalDataSource(
            key="learning.submissions",
            label=_("Your answers to course exercises"),
            description=_(
                "Your latest answer to each exercise, how many times you tried, and the reviews "
                "other learners gave your texts."
            ),
            export=export_submissions,
            anonymise=empty_submissions,
            purpose=_("To check your answers and to have your texts reviewed by other learners."),
            visibility=personal_data.Visibility.PRIVATE,
            seen_by=_(
                "Learners who review a text of yours see it, without your name. Your other "
                "answers are seen by you only."
            ),
        )
    )
    personal_data.register(
        personal_data.PersonalDataSource(
            key="learning.peer_reviews",
            label=_("Reviews you gave other learners"),
            description=_("Your scores and comments on other learners' texts in courses."),
            export=export_reviews,
            anonymise=anonymise_reviews,
            purpose=_("To give other learners feedback on their work."),
            visibility=personal_data.Visibility.PRIVATE,
            seen_by=_("The learner whose text you reviewed, without your name."),
            retention=personal_data.KEPT_ANONYMISED,
        )
    )
