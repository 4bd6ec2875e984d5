"""Enrolment and progress: enrolling and leaving, marking lessons done, answers checked at once
(the key and explanation shown only once right, attempts counted, the latest answer kept),
short answers compared without case, accents, spaces and punctuation, and completion with its
page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pnyx.learning.models import (
    CourseStatus,
    Enrolment,
    LessonCompletion,
    Submission,
)
from pnyx.learning.services import courses_exercises
from pnyx.learning.services import courses_progress as services
from pnyx.learning.services.courses_exercises import normalise_answer
from tests.learning.factories import (
    CourseFactory,
    EnrolmentFactory,
    ExerciseFactory,
    UserFactory,
    add_org_admin,
    course_with_lessons,
)

pytestmark = pytest.mark.django_db


def _url(name, course, **kwargs):
    return reverse(f"learning:{name}", kwargs={"slug": course.slug, **kwargs})


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_signed_in_person_enrols_once_and_may_leave(client):
    course, [lesson, _other] = course_with_lessons(2)
    person = UserFactory()
    client.force_login(person)
    for _twice in range(2):
        response = client.post(_url("course-enrol", course))
        assert response["Location"] == course.get_absolute_url()
    assert Enrolment.objects.filter(course=course, learner=person).count() == 1
    client.post(_url("lesson-done", course, pk=lesson.pk))
    client.post(_url("course-leave", course))
    assert not Enrolment.objects.exists()
    assert not LessonCompletion.objects.exists()


def test_visitors_are_sent_to_sign_in_to_enrol(client):
    course = CourseFactory()
    response = client.post(_url("course-enrol", course))
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("status", [CourseStatus.ARCHIVED, CourseStatus.DRAFT])
def test_nobody_enrols_in_a_course_that_is_not_published(status):
    course = CourseFactory(status=status)
    with pytest.raises(PermissionDenied):
        services.enrolment_create(actor=UserFactory(), course=course)
    assert not Enrolment.objects.exists()


def test_a_learner_keeps_studying_an_archived_course():
    course, [lesson] = course_with_lessons(1)
    enrolment = EnrolmentFactory(course=course)
    course.status = CourseStatus.ARCHIVED
    course.save()
    step = services.lesson_mark_done(actor=enrolment.learner, lesson=lesson)
    assert step.just_completed


def test_marking_a_lesson_done_leads_to_the_next_lesson(client):
    course, [first, second] = course_with_lessons(2)
    enrolment = EnrolmentFactory(course=course)
    client.force_login(enrolment.learner)
    response = client.post(_url("lesson-done", course, pk=first.pk))
    assert response["Location"] == _url("lesson-detail", course, pk=second.pk)
    assert list(enrolment.completions.values_list("lesson_id", flat=True)) == [first.pk]
    page = main(client.get(_url("lesson-detail", course, pk=first.pk)))
    assert "You marked this lesson done." in page
    client.post(_url("lesson-done", course, pk=first.pk))
    assert enrolment.completions.count() == 1


def test_someone_not_enrolled_reads_a_lesson_but_cannot_mark_it_done(client):
    course, [lesson] = course_with_lessons(1)
    ExerciseFactory(lesson=lesson)
    client.force_login(UserFactory())
    page = main(client.get(_url("lesson-detail", course, pk=lesson.pk)))
    assert "A budget has <strong>two sides</strong>." in page
    assert "Enrol in the course to record your progress." in page
    assert "Check my answer" not in page
    response = client.post(_url("lesson-done", course, pk=lesson.pk))
    assert response["Location"] == course.get_absolute_url()
    assert not LessonCompletion.objects.exists()


def test_a_video_is_a_link_never_an_embed(client):
    course, [lesson] = course_with_lessons(1)
    lesson.video_url = "https://video.example.org/watch/42"
    lesson.save()
    page = main(client.get(_url("lesson-detail", course, pk=lesson.pk)))
    assert (
        '<a href="https://video.example.org/watch/42" rel="nofollow noopener noreferrer">'
        "Watch the video (on another site)</a>"
    ) in page
    assert "<iframe" not in page
    assert "<video" not in page


def test_a_wrong_choice_is_said_wrong_without_the_answer_then_a_right_one_shows_it(client):
    course, [lesson] = course_with_lessons(1)
    exercise = ExerciseFactory(lesson=lesson)
    enrolment = EnrolmentFactory(course=course)
    client.force_login(enrolment.learner)
    field = f"exercise-{exercise.pk}-choices"
    response = client.post(_url("exercise-answer", course, pk=exercise.pk), {field: "0"})
    assert response["Location"] == _url("lesson-detail", course, pk=lesson.pk) + (
        f"#exercise-{exercise.pk}"
    )
    page = main(client.get(response["Location"]))
    assert "Not quite. Read the lesson again and try once more." in page
    assert "Not right yet (1 attempt). Try again." in page
    assert "Taxes are" not in page
    assert "The right answer:" not in page
    client.post(_url("exercise-answer", course, pk=exercise.pk), {field: "1"})
    page = main(client.get(_url("lesson-detail", course, pk=lesson.pk)))
    assert "Right, after 2 attempts." in page
    assert "The right answer:\n              Revenue" in page
    assert "Taxes are <strong>revenue</strong>." in page
    submission = Submission.objects.get()
    assert (submission.answer, submission.correct, submission.attempts) == ([1], True, 2)


def test_the_latest_answer_is_kept_even_when_wrong():
    course, [lesson] = course_with_lessons(1)
    exercise = ExerciseFactory(lesson=lesson)
    learner = EnrolmentFactory(course=course).learner
    services.exercise_answer(actor=learner, exercise=exercise, choices=[1])
    answered = services.exercise_answer(actor=learner, exercise=exercise, choices=[2])
    assert (answered.submission.answer, answered.submission.correct) == ([2], False)
    assert answered.submission.attempts == 2


def test_several_right_choices_must_all_be_chosen():
    course, [lesson] = course_with_lessons(1)
    exercise = ExerciseFactory(lesson=lesson, correct=[0, 2])
    learner = EnrolmentFactory(course=course).learner
    assert not services.exercise_answer(
        actor=learner, exercise=exercise, choices=[0]
    ).submission.correct
    assert services.exercise_answer(
        actor=learner, exercise=exercise, choices=[2, 0]
    ).submission.correct


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("Open data", True),
        ("  ÓPEN-DATA!  ", True),
        ("open   data.", True),
        ("opendata", False),
        ("Données ouvertes", True),
        ("donnees-ouvertes", True),
        ("closed data", False),
    ],
)
def test_short_answers_set_aside_case_accents_spaces_and_punctuation(typed, right):
    course, [lesson] = course_with_lessons(1)
    exercise = ExerciseFactory(
        lesson=lesson,
        kind="short",
        choices=[],
        correct=[],
        accepted=["open data", "données ouvertes"],
    )
    learner = EnrolmentFactory(course=course).learner
    answered = services.exercise_answer(actor=learner, exercise=exercise, text=typed)
    assert answered.submission.correct is right


def test_normalising_keeps_letters_and_digits_only():
    assert normalise_answer("  L'Été — 2024 !") == "l ete 2024"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"choices": []}, "choices"), ({"choices": [7]}, "choices"), ({"choices": None}, "choices")],
)
def test_a_bad_choice_is_refused_and_nothing_stored(kwargs, field):
    course, [lesson] = course_with_lessons(1)
    exercise = ExerciseFactory(lesson=lesson)
    learner = EnrolmentFactory(course=course).learner
    with pytest.raises(ValidationError) as refused:
        services.exercise_answer(actor=learner, exercise=exercise, **kwargs)
    assert field in refused.value.message_dict
    assert not Submission.objects.exists()


def test_an_empty_answer_on_the_page_is_a_400_with_the_lesson_again(client):
    course, [lesson] = course_with_lessons(1)
    exercise = ExerciseFactory(lesson=lesson)
    client.force_login(EnrolmentFactory(course=course).learner)
    response = client.post(_url("exercise-answer", course, pk=exercise.pk), {})
    assert response.status_code == 400
    assert "Please correct the errors below." in main(response)
    assert not Submission.objects.exists()


def test_someone_not_enrolled_cannot_answer():
    exercise = ExerciseFactory()
    with pytest.raises(PermissionDenied):
        services.exercise_answer(actor=UserFactory(), exercise=exercise, choices=[1])
    assert not Submission.objects.exists()


def test_answers_past_the_rate_are_429(client, settings):
    settings.PNYX_RATE_LIMITS = {"learning.answer": (2, 100, 60)}
    course, [lesson] = course_with_lessons(1)
    exercise = ExerciseFactory(lesson=lesson)
    client.force_login(EnrolmentFactory(course=course).learner)
    url = _url("exercise-answer", course, pk=exercise.pk)
    field = f"exercise-{exercise.pk}-choices"
    statuses = [client.post(url, {field: "0"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Submission.objects.get().attempts == 2


def test_the_course_completes_once_every_lesson_is_done_and_exercise_right(client):
    course, [first, second] = course_with_lessons(2)
    exercise = ExerciseFactory(lesson=second)
    enrolment = EnrolmentFactory(course=course)
    client.force_login(enrolment.learner)
    client.post(_url("lesson-done", course, pk=first.pk))
    client.post(_url("lesson-done", course, pk=second.pk))
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert client.get(_url("course-completed", course)).status_code == 404
    response = client.post(
        _url("exercise-answer", course, pk=exercise.pk), {f"exercise-{exercise.pk}-choices": "1"}
    )
    assert response["Location"] == _url("course-completed", course)
    enrolment.refresh_from_db()
    completed_at = enrolment.completed_at
    assert completed_at is not None
    services.exercise_answer(actor=enrolment.learner, exercise=exercise, choices=[0])
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at


def test_the_completion_page_shows_what_was_done_and_the_credential_button(client):
    course, [lesson] = course_with_lessons(1, title="Budgets 101")
    learner = EnrolmentFactory(course=course).learner
    services.lesson_mark_done(actor=learner, lesson=lesson)
    client.force_login(learner)
    page = main(client.get(_url("course-completed", course)))
    assert "You completed “Budgets 101” on" in page
    assert lesson.title in page
    assert f'action="{_url("course-credential", course)}"' in page
    assert "Get my credential" in page


def test_a_platform_course_completion_page_offers_no_credential(client):
    course, [lesson] = course_with_lessons(1, partner=None)
    learner = EnrolmentFactory(course=course).learner
    services.lesson_mark_done(actor=learner, lesson=lesson)
    client.force_login(learner)
    page = main(client.get(_url("course-completed", course)))
    assert "Course completed" in page
    assert "Get my credential" not in page


def test_a_completed_course_cannot_be_left():
    course, [lesson] = course_with_lessons(1)
    learner = EnrolmentFactory(course=course).learner
    services.lesson_mark_done(actor=learner, lesson=lesson)
    with pytest.raises(ValidationError):
        services.enrolment_leave(actor=learner, course=course)
    assert Enrolment.objects.filter(learner=learner).exists()


def test_removing_the_last_unpassed_exercise_completes_waiting_learners():
    course, [lesson] = course_with_lessons(1)
    exercise = ExerciseFactory(lesson=lesson)
    learner = EnrolmentFactory(course=course).learner
    services.lesson_mark_done(actor=learner, lesson=lesson)
    courses_exercises.exercise_delete(
        actor=add_org_admin(course.partner.organisation), exercise=exercise
    )
    assert Enrolment.objects.get(learner=learner).completed_at is not None


def test_my_courses_lists_enrolments_with_progress(client, django_assert_max_num_queries):
    learner = UserFactory()
    for _index in range(5):
        course, [first, _second] = course_with_lessons(2)
        ExerciseFactory(lesson=first)
        EnrolmentFactory(course=course, learner=learner)
    client.force_login(learner)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("learning:course-mine"))
    assert main(response).count("Lessons done: 0 of 2") == 5


def test_the_lesson_page_has_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    course, lessons = course_with_lessons(10)
    for lesson in lessons:
        ExerciseFactory(lesson=lesson)
        ExerciseFactory(lesson=lesson, kind="short", choices=[], correct=[], accepted=["x"])
    enrolment = EnrolmentFactory(course=course)
    client.force_login(enrolment.learner)
    with django_assert_max_num_queries(18):
        response = client.get(_url("lesson-detail", course, pk=lessons[4].pk))
    page = main(response)
    assert f"Previous: {lessons[3].title}" in page
    assert f"Next: {lessons[5].title}" in page
