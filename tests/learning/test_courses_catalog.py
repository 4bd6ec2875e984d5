"""The course catalog and a course's page: published courses only, search and filters by topic,
language, level and partner, pages with a bounded number of queries, and what a course page
shows (partner, level, credits, topics, tools, modules and lessons, and a learner's progress)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from pnyx.core.models import Topic
from pnyx.learning.models import CourseLevel, CourseStatus
from pnyx.learning.services import courses as services
from tests.learning.factories import (
    CourseFactory,
    EnrolmentFactory,
    ExerciseFactory,
    ModuleFactory,
    PartnerFactory,
    UserFactory,
    add_org_admin,
    course_with_lessons,
)
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments
from tests.toolbox.factories import ToolFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("learning:course-list")


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def titles(response):
    """The course titles listed, in order."""
    return [card.split("</a>")[0].split(">")[-1] for card in main(response).split("<h3>")[1:]]


def _published(title, **fields):
    """A course published through the service, so that it is in the search index."""
    course, _lessons = course_with_lessons(1, status=CourseStatus.DRAFT, title=title, **fields)
    services.course_publish(actor=add_org_admin(course.partner.organisation), course=course)
    return course


def test_the_catalog_lists_published_courses_only_by_title(client):
    CourseFactory(title="Zoning data")
    CourseFactory(title="Access to information")
    CourseFactory(title="Secret draft", status=CourseStatus.DRAFT)
    CourseFactory(title="Old course", status=CourseStatus.ARCHIVED)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert titles(response) == ["Access to information", "Zoning data"]
    assert "2 courses" in main(response)


def test_the_catalog_filters_by_topic_language_level_and_partner(client):
    partner = PartnerFactory(organisation__slug="north-university")
    wanted = CourseFactory(
        title="Budgets in French",
        partner=partner,
        language="fr",
        level=CourseLevel.ADVANCED,
    )
    wanted.topics.set(Topic.objects.filter(slug="fiscal-openness"))
    CourseFactory(title="Budgets in English", language="en")
    for query in (
        {"topic": "fiscal-openness"},
        {"language": "fr"},
        {"level": "advanced"},
        {"partner": "north-university"},
    ):
        assert titles(client.get(LIST_URL, query)) == ["Budgets in French"], query


def test_the_catalog_searches_published_courses(client):
    _published("Open contracting basics", summary="Follow public tenders.")
    _published("Reading budgets")
    draft = CourseFactory(title="Contracting secrets", status=CourseStatus.DRAFT)
    services.course_update(
        actor=add_org_admin(draft.partner.organisation),
        course=draft,
        title=draft.title,
        summary=draft.summary,
        description=draft.description,
        language="en",
        level="beginner",
    )
    assert titles(client.get(LIST_URL, {"q": "tenders"})) == ["Open contracting basics"]
    assert titles(client.get(LIST_URL, {"q": "contract"})) == ["Open contracting basics"]


def test_an_unknown_topic_or_level_is_a_400_saying_which(client):
    CourseFactory()
    response = client.get(LIST_URL, {"topic": "astrology", "level": "expert"})
    assert response.status_code == 400
    page = main(response)
    assert "Unknown topic: choose one from the list." in page
    assert "Unknown level: choose beginner, intermediate or advanced." in page
    assert titles(response) == []


def test_the_catalog_is_paginated_with_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    topics = list(Topic.objects.filter(slug__in=["open-data", "justice"]))
    for index in range(25):
        course = CourseFactory(title=f"Course {index:02d}")
        course.topics.set(topics)
    with django_assert_max_num_queries(8):
        first = client.get(LIST_URL)
    assert len(titles(first)) == 20
    assert titles(client.get(LIST_URL, {"page": "2"})) == [f"Course {i}" for i in range(20, 25)]
    assert client.get(LIST_URL, {"page": "999999999999999999999"}).status_code == 200


def test_a_course_page_shows_its_details_tools_and_outline(client):
    partner = PartnerFactory(organisation__name="North University", credit_unit="ECTS")
    course, lessons = course_with_lessons(
        2,
        partner=partner,
        title="Data literacy",
        description="You will **read tables**.",
        hours=12,
        credits=Decimal("2.5"),
        level=CourseLevel.INTERMEDIATE,
        language="es",
    )
    course.tools.set([ToolFactory(slug="table-reader", name="Table Reader")])
    course.topics.set(Topic.objects.filter(slug="open-data"))
    response = client.get(course.get_absolute_url())
    page = main(response)
    assert response.status_code == 200
    assert "<h1>Data literacy</h1>" in page
    assert "North University" in page
    assert "Intermediate" in page
    assert "Spanish" in page
    assert "about 12 hours" in page
    assert "<dd>2.50 ECTS</dd>" in page
    assert "<strong>read tables</strong>" in page
    assert (
        f'href="{reverse("toolbox:tool-detail", args=["table-reader"])}">Table Reader</a>' in page
    )
    assert "Open data" in page
    for lesson in lessons:
        assert lesson.title in page
    assert "Sign in to enrol in this course" in page


def test_an_enrolled_learner_sees_their_progress_on_the_course_page(client):
    course, [first, _second] = course_with_lessons(2)
    ExerciseFactory(lesson=first)
    enrolment = EnrolmentFactory(course=course)
    enrolment.completions.create(lesson=first)
    client.force_login(enrolment.learner)
    page = main(client.get(course.get_absolute_url()))
    assert "Lessons done: 1 of 2" in page
    assert "Exercises passed: 0 of 1" in page
    assert "Leave this course" in page


def test_the_course_page_has_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    course = CourseFactory()
    for _index in range(5):
        module = ModuleFactory(course=course)
        for _lesson in range(5):
            ExerciseFactory(lesson__module=module)
    enrolment = EnrolmentFactory(course=course)
    client.force_login(enrolment.learner)
    with django_assert_max_num_queries(20):
        assert client.get(course.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("payload", PAYLOADS)
def test_course_texts_and_filters_never_run_script(client, payload):
    course, [lesson] = course_with_lessons(1, title=payload, summary=payload, description=payload)
    lesson.title, lesson.body = payload, payload
    lesson.save()
    ExerciseFactory(lesson=lesson, prompt=payload, choices=[payload, "b"])
    client.force_login(EnrolmentFactory(course=course).learner)
    for response in (
        client.get(LIST_URL, {"q": payload, "language": payload, "partner": payload}),
        client.get(LIST_URL),
        client.get(course.get_absolute_url()),
        client.get(reverse("learning:lesson-detail", args=[course.slug, lesson.pk])),
    ):
        fragments = [f for f in dangerous_fragments(main(response)) if f != "<form>"]
        assert fragments == [], payload


def test_a_visitor_is_offered_to_sign_in_and_a_person_to_enrol(client):
    course = CourseFactory()
    client.force_login(UserFactory())
    page = main(client.get(course.get_absolute_url()))
    assert "Enrol in this course" in page
