"""Authoring courses: who may create and change them, drafts seen by their authors only,
publishing (a lesson needed) and archiving (out of the catalog and its search), and modules,
lessons and exercises added, edited, reordered and removed from the pages."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pnyx.core.models import SearchEntry
from pnyx.learning.models import Course, CourseModule, CourseStatus, Exercise, Lesson
from pnyx.learning.services import courses as services
from pnyx.learning.services import courses_exercises as exercise_services
from pnyx.learning.services.courses_exercises import ExerciseSpec
from tests.learning.factories import (
    CommitteeMemberFactory,
    CourseFactory,
    ExerciseFactory,
    LessonFactory,
    ModuleFactory,
    PartnerFactory,
    UserFactory,
    add_org_admin,
    course_with_lessons,
)
from tests.orgs.factories import AdminFactory, MembershipFactory
from tests.toolbox.factories import ToolFactory

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("learning:course-create")


def _details(**changes):
    fields = {
        "title": "Reading a city budget",
        "summary": "Line by line, with real figures.",
        "description": "## What you learn\n\nTo read **both sides**.",
        "language": "fr",
        "level": "beginner",
    }
    return {**fields, **changes}


def _url(name, course, **kwargs):
    return reverse(f"learning:{name}", kwargs={"slug": course.slug, **kwargs})


def _role(role, partner):
    """A person holding `role` towards the partner."""
    if role == "org admin":
        return add_org_admin(partner.organisation)
    if role == "committee member":
        return CommitteeMemberFactory(partner=partner).person
    if role == "org member":
        return MembershipFactory(organisation=partner.organisation).user
    if role == "platform admin":
        return AdminFactory()
    return UserFactory()


@pytest.mark.parametrize(
    ("role", "partner_status", "allowed"),
    [
        ("org admin", "approved", True),
        ("committee member", "approved", True),
        ("platform admin", "approved", True),
        ("org member", "approved", False),
        ("someone else", "approved", False),
        ("org admin", "pending", False),
        ("committee member", "rejected", False),
    ],
)
def test_who_may_author_a_partners_courses(role, partner_status, allowed):
    partner = PartnerFactory(status=partner_status)
    course = CourseFactory(partner=partner, status=CourseStatus.DRAFT)
    person = _role(role, partner)
    assert person.has_perm("learning.add_course", partner) is allowed
    assert person.has_perm("learning.change_course", course) is allowed
    assert person.has_perm("learning.view_course", course) is allowed


def test_only_platform_admins_author_courses_without_a_partner():
    course = CourseFactory(partner=None, status=CourseStatus.DRAFT)
    partner_admin = add_org_admin(PartnerFactory().organisation)
    assert AdminFactory().has_perm("learning.add_course", None)
    assert AdminFactory().has_perm("learning.change_course", course)
    assert not partner_admin.has_perm("learning.add_course", None)
    assert not partner_admin.has_perm("learning.change_course", course)


def test_a_committee_member_creates_a_draft_course_from_the_page(client):
    partner = PartnerFactory()
    member = CommitteeMemberFactory(partner=partner).person
    tool = ToolFactory(slug="budget-explorer", name="Budget Explorer")
    client.force_login(member)
    response = client.post(
        CREATE_URL,
        {
            **_details(),
            "partner": str(partner.pk),
            "hours": "6",
            "credits": "1.5",
            "topics": ["fiscal-openness"],
            "tools": ["budget-explorer"],
        },
    )
    course = Course.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("course-manage", course)
    assert course.slug == "reading-a-city-budget"
    assert course.status == CourseStatus.DRAFT
    assert course.partner == partner
    assert course.created_by == member
    assert course.credits == Decimal("1.50")
    assert list(course.tools.all()) == [tool]
    assert [topic.slug for topic in course.topics.all()] == ["fiscal-openness"]
    assert not SearchEntry.objects.filter(kind="learning.course").exists()


def test_the_create_page_is_refused_to_people_who_author_for_no_partner(client):
    client.force_login(UserFactory())
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, {**_details(), "partner": ""}).status_code == 403
    assert not Course.objects.exists()


def test_a_partner_author_cannot_pick_another_partner_or_none(client):
    mine, other = PartnerFactory(), PartnerFactory()
    person = add_org_admin(mine.organisation)
    client.force_login(person)
    for value in (str(other.pk), ""):
        response = client.post(CREATE_URL, {**_details(), "partner": value})
        assert response.status_code == 400
    assert not Course.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "   "}, "title"),
        ({"language": "xx-nope"}, "language"),
        ({"level": "expert"}, "level"),
        ({"hours": 0}, "hours"),
        ({"credits": Decimal("0")}, "credits"),
        ({"topics": ["not-a-topic"]}, "topics"),
        ({"tools": ["no-such-tool"]}, "tools"),
        ({"slug": "Not A Slug"}, "slug"),
        ({"slug": "mine"}, "slug"),
    ],
)
def test_the_service_refuses_bad_details_naming_the_field(changes, field):
    partner = PartnerFactory()
    with pytest.raises(ValidationError) as refused:
        services.course_create(
            actor=add_org_admin(partner.organisation), partner=partner, **_details(**changes)
        )
    assert field in refused.value.message_dict
    assert not Course.objects.exists()


def test_a_platform_course_cannot_give_credits():
    with pytest.raises(ValidationError) as refused:
        services.course_create(actor=AdminFactory(), partner=None, **_details(credits=Decimal(2)))
    assert refused.value.message_dict["credits"] == [
        "Only a partner's course can give credits: leave this empty."
    ]


def test_a_taken_address_name_gets_a_number():
    partner = PartnerFactory()
    author = add_org_admin(partner.organisation)
    first = services.course_create(actor=author, partner=partner, **_details())
    second = services.course_create(actor=author, partner=partner, **_details())
    assert (first.slug, second.slug) == ("reading-a-city-budget", "reading-a-city-budget-2")


def test_a_draft_is_a_404_to_everyone_but_its_authors(client):
    course, [lesson] = course_with_lessons(1, status=CourseStatus.DRAFT)
    author = add_org_admin(course.partner.organisation)
    for person in (None, UserFactory()):
        if person:
            client.force_login(person)
        assert client.get(_url("course-detail", course)).status_code == 404
        assert client.get(_url("lesson-detail", course, pk=lesson.pk)).status_code == 404
    client.force_login(author)
    page = client.get(_url("course-detail", course)).content.decode()
    assert "This course is a draft: only its authors see it." in page


def test_a_visible_course_is_403_on_its_authoring_pages_to_others(client):
    course, [lesson] = course_with_lessons(1)
    client.force_login(UserFactory())
    for name, kwargs in [
        ("course-manage", {}),
        ("course-edit", {}),
        ("lesson-edit", {"pk": lesson.pk}),
        ("module-edit", {"pk": lesson.module_id}),
    ]:
        assert client.get(_url(name, course, **kwargs)).status_code == 403, name
    assert client.post(_url("course-archive", course)).status_code == 403
    assert client.post(_url("lesson-remove", course, pk=lesson.pk)).status_code == 403
    course.refresh_from_db()
    assert course.status == CourseStatus.PUBLISHED
    assert Lesson.objects.filter(pk=lesson.pk).exists()


def test_publishing_needs_a_lesson_then_indexes_the_course(client):
    course = CourseFactory(status=CourseStatus.DRAFT, title="Open contracting basics")
    author = add_org_admin(course.partner.organisation)
    client.force_login(author)
    client.post(_url("course-publish", course))
    course.refresh_from_db()
    assert course.status == CourseStatus.DRAFT
    page = client.get(_url("course-manage", course)).content.decode()
    assert "Add at least one lesson before publishing the course." in page
    LessonFactory(module=ModuleFactory(course=course))
    client.post(_url("course-publish", course))
    course.refresh_from_db()
    assert course.status == CourseStatus.PUBLISHED
    assert course.published_at is not None
    listing = client.get(reverse("learning:course-list"), {"q": "contracting"}).content.decode()
    assert "Open contracting basics" in listing


def test_editing_a_published_course_refreshes_its_search_entry():
    course, _lessons = course_with_lessons(1, status=CourseStatus.DRAFT)
    author = add_org_admin(course.partner.organisation)
    services.course_publish(actor=author, course=course)
    services.course_update(
        actor=author, course=course, **_details(title="Procurement in plain words")
    )
    entry = SearchEntry.objects.get(kind="learning.course", object_id=str(course.pk))
    assert entry.title == "Procurement in plain words"
    assert "Line by line, with real figures." in entry.body


def test_archiving_takes_the_course_out_of_the_catalog_and_search(client):
    course, _lessons = course_with_lessons(1, status=CourseStatus.DRAFT, title="Budgets 101")
    author = add_org_admin(course.partner.organisation)
    services.course_publish(actor=author, course=course)
    services.course_archive(actor=author, course=course)
    assert not SearchEntry.objects.filter(kind="learning.course").exists()
    assert "Budgets 101" not in client.get(reverse("learning:course-list")).content.decode()
    with pytest.raises(ValidationError):
        services.course_archive(actor=author, course=course)


def test_modules_and_lessons_are_added_edited_and_reordered_from_the_pages(client):
    course = CourseFactory(status=CourseStatus.DRAFT)
    client.force_login(add_org_admin(course.partner.organisation))
    for title in ("Basics", "Practice"):
        client.post(_url("module-create", course), {"title": title})
    basics, practice = CourseModule.objects.filter(course=course).order_by("position")
    client.post(_url("module-move", course, pk=practice.pk), {"direction": "up"})
    assert [m.title for m in course.modules.order_by("position")] == ["Practice", "Basics"]
    response = client.post(
        _url("lesson-create", course, pk=basics.pk),
        {
            "title": "Two sides",
            "body": "Revenue and spending.",
            "video_url": "https://v.example.org/1",
        },
    )
    lesson = Lesson.objects.get()
    assert response["Location"] == _url("course-manage", course) + f"#lesson-{lesson.pk}"
    client.post(
        _url("lesson-edit", course, pk=lesson.pk),
        {"title": "Both sides", "body": "Revenue, then spending.", "video_url": ""},
    )
    lesson.refresh_from_db()
    assert (lesson.title, lesson.video_url) == ("Both sides", "")


def test_a_lesson_video_must_be_a_web_address():
    course, [lesson] = course_with_lessons(1)
    author = add_org_admin(course.partner.organisation)
    with pytest.raises(ValidationError) as refused:
        services.lesson_update(
            actor=author, lesson=lesson, title="x", body="y", video_url="javascript:alert(1)"
        )
    assert "video_url" in refused.value.message_dict


def test_the_last_lesson_of_a_published_course_cannot_be_removed(client):
    course, [lesson] = course_with_lessons(1)
    client.force_login(add_org_admin(course.partner.organisation))
    response = client.post(_url("lesson-remove", course, pk=lesson.pk))
    assert response.status_code == 302
    assert Lesson.objects.filter(pk=lesson.pk).exists()
    page = client.get(_url("course-manage", course)).content.decode()
    assert "A published course keeps at least one lesson: archive it instead." in page
    response = client.post(_url("module-remove", course, pk=lesson.module_id))
    assert CourseModule.objects.filter(pk=lesson.module_id).exists()


def test_removing_asks_first_then_removes_the_lesson_with_its_exercises(client):
    course, [first, second] = course_with_lessons(2)
    ExerciseFactory(lesson=second)
    client.force_login(add_org_admin(course.partner.organisation))
    confirm = client.get(_url("lesson-remove", course, pk=second.pk)).content.decode()
    assert f"Remove the lesson “{second.title}” with its exercises?" in confirm
    client.post(_url("lesson-remove", course, pk=second.pk))
    assert list(Lesson.objects.all()) == [first]
    assert not Exercise.objects.exists()


def test_a_multiple_choice_is_written_one_choice_a_line_with_stars_for_right_ones(client):
    course, [lesson] = course_with_lessons(1)
    client.force_login(add_org_admin(course.partner.organisation))
    response = client.post(
        _url("exercise-create", course, pk=lesson.pk, kind="choice"),
        {
            "prompt": "Which are public?",
            "choices": "* Budgets\nDiaries\n*   Contracts\n",
            "explanation": "Both are public records.",
        },
    )
    exercise = Exercise.objects.get()
    assert response.status_code == 302
    assert exercise.choices == ["Budgets", "Diaries", "Contracts"]
    assert exercise.correct == [0, 2]
    edit = client.get(_url("exercise-edit", course, pk=exercise.pk)).content.decode()
    assert "* Budgets\nDiaries\n* Contracts" in edit


def test_a_peer_exercise_is_written_with_its_rubric(client):
    course, [lesson] = course_with_lessons(1)
    client.force_login(add_org_admin(course.partner.organisation))
    client.post(
        _url("exercise-create", course, pk=lesson.pk, kind="peer"),
        {
            "prompt": "Explain one line.",
            "rubric": "Clarity | 4 | Easy to follow?\nSources | 2",
            "reviews_required": "3",
        },
    )
    exercise = Exercise.objects.get()
    assert exercise.kind == "peer"
    assert exercise.rubric == [
        {"name": "Clarity", "description": "Easy to follow?", "max": 4},
        {"name": "Sources", "description": "", "max": 2},
    ]
    assert exercise.reviews_required == 3


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("choice", {"choices": "Only one"}, "Give from 2 to 20 choices."),
        ("choice", {"choices": "A\nB"}, "Mark at least one of the choices as right."),
        ("choice", {"choices": "*A\nA"}, "Two choices are the same."),
        ("short", {"accepted": "?!"}, "Each accepted answer needs letters or digits"),
        ("peer", {"rubric": "Clarity", "reviews_required": "1"}, "Line 1: write the name"),
        ("peer", {"rubric": "Clarity | 11", "reviews_required": "1"}, "from 1 to 10"),
        ("peer", {"rubric": "A | 2\nA | 3", "reviews_required": "1"}, "Two criteria are named"),
    ],
)
def test_bad_exercises_are_a_400_saying_why_and_nothing_is_stored(client, kind, data, message):
    course, [lesson] = course_with_lessons(1)
    client.force_login(add_org_admin(course.partner.organisation))
    response = client.post(
        _url("exercise-create", course, pk=lesson.pk, kind=kind), {"prompt": "Why?", **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Exercise.objects.exists()


def test_an_unknown_kind_of_exercise_is_a_404(client):
    course, [lesson] = course_with_lessons(1)
    client.force_login(add_org_admin(course.partner.organisation))
    url = _url("exercise-create", course, pk=lesson.pk, kind="essay")
    assert client.get(url).status_code == 404


def test_exercises_are_reordered_and_refused_a_bad_direction(client):
    course, [lesson] = course_with_lessons(1)
    first, second = ExerciseFactory(lesson=lesson), ExerciseFactory(lesson=lesson)
    client.force_login(add_org_admin(course.partner.organisation))
    client.post(_url("exercise-move", course, pk=first.pk), {"direction": "down"})
    assert list(lesson.exercises.order_by("position")) == [second, first]
    response = client.post(_url("exercise-move", course, pk=first.pk), {"direction": "sideways"})
    assert response.status_code == 400
    assert response.content.decode() == "Move up or down."


def test_an_exercise_of_another_course_is_a_404_to_this_courses_author(client):
    course, _lessons = course_with_lessons(1)
    foreign = ExerciseFactory()
    client.force_login(add_org_admin(course.partner.organisation))
    assert client.get(_url("exercise-edit", course, pk=foreign.pk)).status_code == 404
    assert client.post(_url("exercise-remove", course, pk=foreign.pk)).status_code == 404
    assert Exercise.objects.filter(pk=foreign.pk).exists()


def test_an_outsider_cannot_change_an_exercise_through_the_service():
    exercise = ExerciseFactory()
    with pytest.raises(PermissionDenied):
        exercise_services.exercise_update(
            actor=UserFactory(),
            exercise=exercise,
            spec=ExerciseSpec(prompt="Changed", choices=["a", "b"], correct=[0]),
        )
    exercise.refresh_from_db()
    assert exercise.prompt == "Which side of a budget lists taxes?"
