"""What the courses hold about a person, exported and erased: enrolments and lessons done go,
answers are emptied (their rows stay for the reviews others wrote), reviews given keep their
scores but lose their comment."""

import pytest

from pnyx.core import personal_data
from pnyx.learning.models import Enrolment, LessonCompletion, PeerReview, Submission
from pnyx.learning.services import courses_progress as services
from tests.learning.factories import (
    EnrolmentFactory,
    ExerciseFactory,
    PeerExerciseFactory,
    SubmissionFactory,
    UserFactory,
    course_with_lessons,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    """A learner who enrolled, did a lesson, answered, submitted a text, and reviewed one."""
    course, [first, _second] = course_with_lessons(2, title="Budgets 101")
    choice = ExerciseFactory(lesson=first)
    peer = PeerExerciseFactory(lesson=first)
    person = EnrolmentFactory(course=course).learner
    services.lesson_mark_done(actor=person, lesson=first)
    services.exercise_answer(actor=person, exercise=choice, choices=[1])
    services.exercise_answer(actor=person, exercise=peer, text="My own text.")
    other = SubmissionFactory(exercise=peer, answer="Someone else's text.")
    services.peer_review_create(
        actor=person, submission=other, scores={"Clarity": 3, "Sources": 1}, comment="Add sources."
    )
    mine = Submission.objects.get(learner=person, exercise=peer)
    PeerReview.objects.create(
        submission=mine, reviewer=other.learner, scores={"Clarity": 2, "Sources": 2}, comment="Good"
    )
    return person


def test_the_sources_are_registered():
    keys = {source.key for source in personal_data.sources()}
    assert {"learning.enrolments", "learning.submissions", "learning.peer_reviews"} <= keys


def test_everything_is_exported(learner):
    exported = personal_data.export_all(learner)
    events = [
        (row["event"], row["course"], row["lesson"]) for row in exported["learning.enrolments"]
    ]
    assert ("learning.enrolled", "Budgets 101", "") in events
    assert sum(1 for event in events if event[0] == "learning.lesson_done") == 1
    answers = exported["learning.submissions"]
    assert [(row["event"], row["answer"]) for row in answers] == [
        ("learning.answered", "Revenue"),
        ("learning.answered", "My own text."),
        ("learning.review_received", "Clarity: 2; Sources: 2 Good"),
    ]
    [review] = exported["learning.peer_reviews"]
    assert (review["scores"], review["comment"]) == ("Clarity: 3; Sources: 1", "Add sources.")


def test_erasing_empties_answers_and_comments_and_forgets_progress(learner):
    reviewed_text = PeerReview.objects.get(reviewer=learner).submission
    personal_data.anonymise_all(learner)
    assert not Enrolment.objects.filter(learner=learner).exists()
    assert not LessonCompletion.objects.exists()
    assert sorted(
        str(answer)
        for answer in Submission.objects.filter(learner=learner).values_list("answer", flat=True)
    ) == ["", "[]"]
    given = PeerReview.objects.get(reviewer=learner)
    assert (given.scores, given.comment) == ({"Clarity": 3, "Sources": 1}, "")
    assert PeerReview.objects.filter(submission__learner=learner).count() == 1
    reviewed_text.refresh_from_db()
    assert reviewed_text.answer == "Someone else's text."


def test_another_persons_data_is_untouched(learner):
    other = UserFactory()
    personal_data.anonymise_all(other)
    assert Enrolment.objects.filter(learner=learner).count() == 1
    assert PeerReview.objects.get(reviewer=learner).comment == "Add sources."
