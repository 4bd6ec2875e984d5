"""The courses API: the catalog with filters, search and count, one course with its outline
(never an answer key), enrolling and leaving, one's enrolments with progress, marking a lesson
done, and answering (right or not; the key only after a right answer)."""

import pytest

from pnyx.core.models import Topic
from pnyx.learning.models import CourseStatus, Enrolment, LessonCompletion, Submission
from pnyx.learning.services import courses as course_services
from tests.accounts.factories import ApiTokenFactory
from tests.learning.factories import (
    CourseFactory,
    EnrolmentFactory,
    ExerciseFactory,
    PartnerFactory,
    PeerExerciseFactory,
    UserFactory,
    add_org_admin,
    course_with_lessons,
)

pytestmark = pytest.mark.django_db


def bearer(user=None):
    token = ApiTokenFactory(user=user or UserFactory())
    return {"Authorization": f"Bearer {token.raw}"}


def test_the_catalog_lists_published_courses_with_a_count_and_filters(client):
    partner = PartnerFactory(organisation__slug="north-university")
    wanted = CourseFactory(title="Budgets", partner=partner, language="fr", level="advanced")
    wanted.topics.set(Topic.objects.filter(slug="open-data"))
    CourseFactory(title="Other", language="en")
    CourseFactory(title="Draft", status=CourseStatus.DRAFT)
    body = client.get("/api/v1/learning/courses").json()
    assert body["count"] == 2
    assert [item["title"] for item in body["items"]] == ["Budgets", "Other"]
    for query in ("topic=open-data", "language=fr", "level=advanced", "partner=north-university"):
        body = client.get(f"/api/v1/learning/courses?{query}").json()
        assert [item["slug"] for item in body["items"]] == [wanted.slug], query
    [item] = body["items"]
    assert item["partner"] == "north-university"
    assert item["topics"] == ["open-data"]
    assert item["url"] == wanted.get_absolute_url()


def test_the_catalog_searches(client):
    course, _lessons = course_with_lessons(1, status=CourseStatus.DRAFT, title="Open tenders")
    course_services.course_publish(actor=add_org_admin(course.partner.organisation), course=course)
    CourseFactory(title="Budgets")
    body = client.get("/api/v1/learning/courses?q=tender").json()
    assert [item["title"] for item in body["items"]] == ["Open tenders"]


@pytest.mark.parametrize("query", ["topic=astrology", "level=expert", "page=0", "q=" + "x" * 201])
def test_bad_catalog_parameters_are_422(client, query):
    assert client.get(f"/api/v1/learning/courses?{query}").status_code == 422


def test_the_catalog_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    topics = list(Topic.objects.filter(slug__in=["open-data", "justice"]))
    for _index in range(20):
        CourseFactory().topics.set(topics)
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/learning/courses").status_code == 200


def test_a_course_shows_its_outline_and_exercises_without_their_keys(client):
    course, [lesson] = course_with_lessons(1)
    ExerciseFactory(lesson=lesson, correct=[0, 2])
    ExerciseFactory(lesson=lesson, kind="short", choices=[], correct=[], accepted=["revenue"])
    PeerExerciseFactory(lesson=lesson)
    body = client.get(f"/api/v1/learning/courses/{course.slug}").json()
    [module] = body["modules"]
    [lesson_out] = module["lessons"]
    choice, short, peer = lesson_out["exercises"]
    assert choice["choices"] == ["Spending", "Revenue", "Neither"]
    assert choice["several_right"] is True
    assert short["choices"] == []
    assert peer["rubric"][0] == {"name": "Clarity", "description": "Easy to follow?", "max": 4}
    assert peer["reviews_required"] == 1
    assert set(short) == {
        "id",
        "kind",
        "prompt",
        "choices",
        "several_right",
        "rubric",
        "reviews_required",
    }
    assert "revenue" not in str(short)
    assert "Taxes are" not in str(body)
    assert body["progress"] is None


def test_a_draft_is_a_404_except_to_its_authors(client):
    course = CourseFactory(status=CourseStatus.DRAFT)
    assert client.get(f"/api/v1/learning/courses/{course.slug}").status_code == 404
    response = client.get(
        f"/api/v1/learning/courses/{course.slug}",
        headers=bearer(add_org_admin(course.partner.organisation)),
    )
    assert response.status_code == 200
    assert response.json()["status"] == "draft"


def test_enrol_then_leave(client):
    course, _lessons = course_with_lessons(2)
    headers = bearer()
    url = f"/api/v1/learning/courses/{course.slug}/enrolment"
    first = client.post(url, headers=headers)
    assert first.status_code == 201
    assert first.json()["progress"]["lessons_total"] == 2
    assert client.post(url, headers=headers).status_code == 200
    assert Enrolment.objects.count() == 1
    assert client.delete(url, headers=headers).status_code == 204
    assert client.delete(url, headers=headers).status_code == 404
    assert not Enrolment.objects.exists()


def test_enrolling_needs_an_account_and_an_open_course(client):
    course = CourseFactory(status=CourseStatus.ARCHIVED)
    url = f"/api/v1/learning/courses/{course.slug}/enrolment"
    assert client.post(url).status_code == 401
    response = client.post(url, headers=bearer())
    assert response.status_code == 404  # an archived course is seen by its learners only
    open_course = CourseFactory()
    client.force_login(UserFactory())
    # A session needs the CSRF token for writes.
    csrf_client = type(client)(enforce_csrf_checks=True)
    csrf_client.force_login(UserFactory())
    assert (
        csrf_client.post(f"/api/v1/learning/courses/{open_course.slug}/enrolment").status_code
        == 403
    )
    assert not Enrolment.objects.exists()


def test_my_enrolments_list_with_progress(client, django_assert_max_num_queries):
    learner = UserFactory()
    for _index in range(3):
        course, [first, _second] = course_with_lessons(2)
        ExerciseFactory(lesson=first)
        EnrolmentFactory(course=course, learner=learner).completions.create(lesson=first)
    EnrolmentFactory()
    headers = bearer(learner)
    with django_assert_max_num_queries(12):
        body = client.get("/api/v1/learning/enrolments", headers=headers).json()
    assert body["count"] == 3
    assert [item["progress"]["lessons_done"] for item in body["items"]] == [1, 1, 1]
    assert body["items"][0]["progress"]["exercises_total"] == 1
    assert client.get("/api/v1/learning/enrolments").status_code == 401
    assert client.get("/api/v1/learning/enrolments?page=0", headers=headers).status_code == 422


def test_marking_a_lesson_done_and_completing(client):
    course, [lesson] = course_with_lessons(1)
    enrolment = EnrolmentFactory(course=course)
    body = client.post(
        f"/api/v1/learning/lessons/{lesson.pk}/done", headers=bearer(enrolment.learner)
    ).json()
    assert body == {"lesson": lesson.pk, "done": True, "course_completed": True}


def test_marking_a_lesson_done_needs_an_enrolment(client):
    course, [lesson] = course_with_lessons(1)
    response = client.post(f"/api/v1/learning/lessons/{lesson.pk}/done", headers=bearer())
    assert response.status_code == 403
    assert response.json() == {"detail": "Enrol in the course first."}
    assert client.post("/api/v1/learning/lessons/999999/done", headers=bearer()).status_code == 404
    assert not LessonCompletion.objects.exists()


def test_a_draft_lesson_is_a_404_to_outsiders(client):
    course, [lesson] = course_with_lessons(1, status=CourseStatus.DRAFT)
    response = client.post(f"/api/v1/learning/lessons/{lesson.pk}/done", headers=bearer())
    assert response.status_code == 404


def test_an_answer_says_right_or_not_and_gives_the_key_only_when_right(client):
    course, [lesson] = course_with_lessons(1)
    exercise = ExerciseFactory(lesson=lesson)
    headers = bearer(EnrolmentFactory(course=course).learner)
    url = f"/api/v1/learning/exercises/{exercise.pk}/answer"
    wrong = client.post(url, {"choices": [0]}, content_type="application/json", headers=headers)
    assert wrong.json() == {
        "exercise": exercise.pk,
        "correct": False,
        "attempts": 1,
        "right_choices": [],
        "explanation": "",
        "course_completed": False,
    }
    right = client.post(url, {"choices": [1]}, content_type="application/json", headers=headers)
    assert right.json()["right_choices"] == [1]
    assert right.json()["explanation"] == "Taxes are **revenue**."
    assert right.json()["attempts"] == 2


def test_a_peer_text_is_sent_through_the_answer_endpoint(client):
    course, [lesson] = course_with_lessons(1)
    exercise = PeerExerciseFactory(lesson=lesson)
    headers = bearer(EnrolmentFactory(course=course).learner)
    body = client.post(
        f"/api/v1/learning/exercises/{exercise.pk}/answer",
        {"text": "Line 12 pays for canteens."},
        content_type="application/json",
        headers=headers,
    ).json()
    assert body["correct"] is None
    assert Submission.objects.get().answer == "Line 12 pays for canteens."


@pytest.mark.parametrize(
    ("payload", "field"),
    [({}, "choices"), ({"choices": [9]}, "choices"), ({"choices": "x"}, "choices")],
)
def test_bad_answers_are_422_and_nothing_stored(client, payload, field):
    course, [lesson] = course_with_lessons(1)
    exercise = ExerciseFactory(lesson=lesson)
    headers = bearer(EnrolmentFactory(course=course).learner)
    response = client.post(
        f"/api/v1/learning/exercises/{exercise.pk}/answer",
        payload,
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    assert field in str(response.json()["detail"][0]["loc"])
    assert not Submission.objects.exists()


def test_answering_needs_an_enrolment_and_is_rate_limited(client, settings):
    settings.PNYX_RATE_LIMITS = {"learning.answer": (1, 100, 60)}
    course, [lesson] = course_with_lessons(1)
    exercise = ExerciseFactory(lesson=lesson)
    url = f"/api/v1/learning/exercises/{exercise.pk}/answer"
    outsider = client.post(url, {"choices": [1]}, content_type="application/json", headers=bearer())
    assert outsider.status_code == 403
    headers = bearer(EnrolmentFactory(course=course).learner)
    statuses = [
        client.post(
            url, {"choices": [1]}, content_type="application/json", headers=headers
        ).status_code
        for _ in range(2)
    ]
    assert statuses == [200, 429]
    assert Submission.objects.get().attempts == 1


def test_a_text_with_a_null_character_is_422(client):
    course, [lesson] = course_with_lessons(1)
    exercise = PeerExerciseFactory(lesson=lesson)
    response = client.post(
        f"/api/v1/learning/exercises/{exercise.pk}/answer",
        {"text": "Line\x0012"},
        content_type="application/json",
        headers=bearer(EnrolmentFactory(course=course).learner),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Remove the null characters from the text."
    assert not Submission.objects.exists()
