"""Peer review: a learner submits a text, is offered others' texts (never their own, fewest
reviews first, once each), scores every criterion within its range with a comment; the author
sees the reviews and the average per criterion, and completes the course only after giving the
reviews asked of them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pnyx.learning.models import PeerReview, Submission
from pnyx.learning.selectors import courses_progress as selectors
from pnyx.learning.services import courses_progress as services
from pnyx.participation.models import Notification
from tests.learning.factories import (
    EnrolmentFactory,
    PeerExerciseFactory,
    SubmissionFactory,
    UserFactory,
    course_with_lessons,
)

pytestmark = pytest.mark.django_db

GOOD_SCORES = {"Clarity": 3, "Sources": 2}


def _url(name, course, **kwargs):
    return reverse(f"learning:{name}", kwargs={"slug": course.slug, **kwargs})


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def peer():
    """A published course with one lesson and its peer exercise (one review asked)."""
    course, [lesson] = course_with_lessons(1)
    return course, lesson, PeerExerciseFactory(lesson=lesson)


def _learner(course, exercise, text="My analysis of line 12."):
    learner = EnrolmentFactory(course=course).learner
    services.exercise_answer(actor=learner, exercise=exercise, text=text)
    return learner


def test_a_text_is_submitted_from_the_lesson_page_and_leads_to_the_review_page(client, peer):
    course, lesson, exercise = peer
    learner = EnrolmentFactory(course=course).learner
    client.force_login(learner)
    response = client.post(
        _url("exercise-answer", course, pk=exercise.pk),
        {f"exercise-{exercise.pk}-text": "Line 12 pays for school canteens."},
    )
    assert response["Location"] == _url("peer-exercise", course, pk=exercise.pk)
    submission = Submission.objects.get()
    assert (submission.answer, submission.correct) == ("Line 12 pays for school canteens.", None)
    page = main(client.get(response["Location"]))
    assert "Line 12 pays for school canteens." in page
    assert "You gave 0 of the 1 reviews asked of you." in page


def test_the_queue_offers_others_texts_fewest_reviews_first_never_own_or_reviewed(peer):
    course, _lesson, exercise = peer
    me = _learner(course, exercise)
    busy = SubmissionFactory(exercise=exercise)
    quiet = SubmissionFactory(exercise=exercise)
    done = SubmissionFactory(exercise=exercise)
    PeerReview.objects.create(submission=busy, reviewer=UserFactory(), scores=GOOD_SCORES)
    PeerReview.objects.create(submission=done, reviewer=me, scores=GOOD_SCORES)
    SubmissionFactory(exercise=exercise, learner__is_active=False)
    queue = selectors.peer_queue(user=me, exercise=exercise)
    assert queue == [quiet, busy]


def test_a_learner_reviews_a_text_and_its_author_sees_the_average(
    client, peer, django_capture_on_commit_callbacks
):
    course, _lesson, exercise = peer
    author = _learner(course, exercise)
    submission = Submission.objects.get(learner=author)
    reviewers = [_learner(course, exercise, f"Text {n}") for n in range(2)]
    for reviewer, clarity in zip(reviewers, (4, 1), strict=True):
        client.force_login(reviewer)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                _url("peer-review", course, pk=exercise.pk, submission_pk=submission.pk),
                {"score-0": str(clarity), "score-1": "2", "comment": "Clear, add a source."},
            )
        assert response.status_code == 302
    client.force_login(author)
    page = main(client.get(_url("peer-exercise", course, pk=exercise.pk)))
    assert "2.50 / 4" in page
    assert "2 / 2" in page
    assert page.count("Clear, add a source.") == 2
    for reviewer in reviewers:
        assert reviewer.public_name not in page
    assert Notification.objects.filter(user=author, event="learning.peer_reviewed").count() == 2


def test_criterion_averages_are_computed_per_criterion(peer):
    course, _lesson, exercise = peer
    submission = SubmissionFactory(exercise=exercise)
    for clarity in (1, 2, 4):
        PeerReview.objects.create(
            submission=submission, reviewer=UserFactory(), scores={"Clarity": clarity, "Sources": 0}
        )
    averages = selectors.criterion_averages(
        exercise=exercise, reviews=selectors.reviews_of(submission=submission)
    )
    assert [(a.name, a.average, a.max, a.count) for a in averages] == [
        ("Clarity", 2.33, 4, 3),
        ("Sources", 0.0, 2, 3),
    ]


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({"Clarity": 5, "Sources": 1}, "Score “Clarity” from 0 to 4."),
        ({"Clarity": -1, "Sources": 1}, "Score “Clarity” from 0 to 4."),
        ({"Clarity": 2}, "Score “Sources” from 0 to 2."),
        ({"Clarity": 2, "Sources": 1, "Style": 1}, "Unknown criterion: Style."),
    ],
)
def test_scores_out_of_range_are_refused_and_nothing_stored(peer, scores, message):
    course, _lesson, exercise = peer
    reviewer = _learner(course, exercise)
    submission = SubmissionFactory(exercise=exercise)
    with pytest.raises(ValidationError) as refused:
        services.peer_review_create(
            actor=reviewer, submission=submission, scores=scores, comment="Fine."
        )
    assert refused.value.message_dict["scores"] == [message]
    assert not PeerReview.objects.exists()


def test_a_score_out_of_range_on_the_page_is_a_400(client, peer):
    course, _lesson, exercise = peer
    client.force_login(_learner(course, exercise))
    submission = SubmissionFactory(exercise=exercise)
    url = _url("peer-review", course, pk=exercise.pk, submission_pk=submission.pk)
    response = client.post(url, {"score-0": "9", "score-1": "1", "comment": "ok"})
    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 4." in main(response)
    assert not PeerReview.objects.exists()


def test_a_text_is_reviewed_once_per_reviewer_and_never_by_its_author(client, peer):
    course, _lesson, exercise = peer
    reviewer = _learner(course, exercise)
    submission = SubmissionFactory(exercise=exercise)
    services.peer_review_create(
        actor=reviewer, submission=submission, scores=GOOD_SCORES, comment="Good."
    )
    with pytest.raises(ValidationError, match="You already reviewed this text."):
        services.peer_review_create(
            actor=reviewer, submission=submission, scores=GOOD_SCORES, comment="Again."
        )
    own = Submission.objects.get(learner=reviewer)
    with pytest.raises(ValidationError, match="You cannot review your own text."):
        services.peer_review_create(
            actor=reviewer, submission=own, scores=GOOD_SCORES, comment="Me"
        )
    client.force_login(reviewer)
    url = _url("peer-review", course, pk=exercise.pk, submission_pk=own.pk)
    assert client.get(url).status_code == 404
    assert PeerReview.objects.count() == 1


def test_a_learner_submits_before_reviewing_and_must_be_enrolled(peer):
    course, _lesson, exercise = peer
    submission = SubmissionFactory(exercise=exercise)
    enrolled = EnrolmentFactory(course=course).learner
    with pytest.raises(ValidationError, match="Submit your own text before reviewing others'."):
        services.peer_review_create(
            actor=enrolled, submission=submission, scores=GOOD_SCORES, comment="Good."
        )
    with pytest.raises(PermissionDenied):
        services.peer_review_create(
            actor=UserFactory(), submission=submission, scores=GOOD_SCORES, comment="Good."
        )
    assert not PeerReview.objects.exists()


def test_a_reviewed_text_can_no_longer_change(peer):
    course, _lesson, exercise = peer
    author = _learner(course, exercise, "First version.")
    services.exercise_answer(actor=author, exercise=exercise, text="Second version.")
    submission = Submission.objects.get(learner=author)
    assert (submission.answer, submission.attempts) == ("Second version.", 2)
    PeerReview.objects.create(submission=submission, reviewer=UserFactory(), scores=GOOD_SCORES)
    with pytest.raises(ValidationError, match="Your text was already reviewed"):
        services.exercise_answer(actor=author, exercise=exercise, text="Third version.")
    submission.refresh_from_db()
    assert submission.answer == "Second version."


def test_the_course_completes_once_the_learner_gave_the_reviews_asked(peer):
    course, lesson, exercise = peer
    other = SubmissionFactory(exercise=exercise)
    learner = _learner(course, exercise)
    step = services.lesson_mark_done(actor=learner, lesson=lesson)
    assert not step.just_completed
    step = services.peer_review_create(
        actor=learner, submission=other, scores=GOOD_SCORES, comment="Nice."
    )
    assert step.just_completed
    assert step.enrolment.completed_at is not None


def test_the_peer_page_has_a_bounded_number_of_queries(client, peer, django_assert_max_num_queries):
    course, _lesson, exercise = peer
    author = _learner(course, exercise)
    mine = Submission.objects.get(learner=author)
    for _index in range(10):
        other = SubmissionFactory(exercise=exercise)
        PeerReview.objects.create(submission=mine, reviewer=other.learner, scores=GOOD_SCORES)
    client.force_login(author)
    with django_assert_max_num_queries(14):
        response = client.get(_url("peer-exercise", course, pk=exercise.pk))
    assert main(response).count("Review text ") == 5
