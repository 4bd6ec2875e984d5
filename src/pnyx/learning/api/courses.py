"""Courses in the API: the catalog, one course with its modules, lessons and exercises, enrolling
and leaving, one's own enrolments with their progress, marking a lesson done and answering an
exercise. An exercise's answer key never appears here: an answer says whether it is right, and
the right choices and the explanation come only with a right answer."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import field_validator

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_pagination import MAX_PAGE, BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut, invalid_input, topic_slug
from pnyx.learning.forms.courses import answer_rate_exceeded
from pnyx.learning.models import Course, CourseLevel, Enrolment, Exercise, ExerciseKind
from pnyx.learning.selectors import courses as selectors
from pnyx.learning.selectors import courses_progress as progress_selectors
from pnyx.learning.services import courses_progress as services

router = Router(tags=["learning"])
PAGE_SIZE = 20


def _anyone(request: HttpRequest) -> Any:
    """Reads are public; a token or session, when sent, shows the caller's drafts and progress."""
    return getattr(request, "user", None) or True


class CourseOut(Schema):
    slug: str
    title: str
    summary: str
    language: str = Field(description="A language code, such as fr.")
    level: str = Field(description="beginner, intermediate or advanced.")
    hours: int | None = Field(description="Hours of work, about.")
    credits: Decimal | None = Field(description="Credits given on completion.")
    partner: str | None = Field(description="The partner organisation's slug; null: Pnyx.")
    partner_name: str | None
    topics: list[str] = Field(description="Topic slugs.")
    published_at: datetime | None
    url: str

    @staticmethod
    def resolve_partner(obj: Course) -> str | None:
        return obj.partner.organisation.slug if obj.partner else None

    @staticmethod
    def resolve_partner_name(obj: Course) -> str | None:
        return obj.partner.organisation.name if obj.partner else None

    @staticmethod
    def resolve_topics(obj: Course) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_url(obj: Course) -> str:
        return obj.get_absolute_url()


class CriterionOut(Schema):
    name: str
    description: str
    max: int


class ExerciseOut(Schema):
    id: int
    kind: str = Field(description="choice, short or peer.")
    prompt: str = Field(description="Markdown.")
    choices: list[str] = Field(description="The choices of a multiple choice, by index.")
    several_right: bool = Field(description="More than one choice is right (choice only).")
    rubric: list[CriterionOut] = Field(description="The criteria of a peer review.")
    reviews_required: int | None = Field(description="Reviews a learner gives (peer only).")

    @staticmethod
    def resolve_several_right(obj: Exercise) -> bool:
        return obj.kind == ExerciseKind.CHOICE and len(obj.correct) > 1

    @staticmethod
    def resolve_reviews_required(obj: Exercise) -> int | None:
        return obj.reviews_required if obj.kind == ExerciseKind.PEER else None


class LessonOut(Schema):
    id: int
    title: str
    video_url: str = Field(description="A video's address, empty when none.")
    exercises: list[ExerciseOut]

    @staticmethod
    def resolve_exercises(obj: Any) -> list[Exercise]:
        return list(getattr(obj, "exercise_list", []))


class ModuleOut(Schema):
    id: int
    title: str
    lessons: list[LessonOut]

    @staticmethod
    def resolve_lessons(obj: Any) -> list[Any]:
        return list(getattr(obj, "lesson_list", []))


class ProgressOut(Schema):
    lessons_done: int
    lessons_total: int
    exercises_passed: int
    exercises_total: int
    completed_at: datetime | None


class CourseDetailOut(CourseOut):
    description: str = Field(description="Markdown.")
    status: str = Field(description="published, archived, or draft (its authors only).")
    tools: list[str] = Field(description="Slugs of the toolbox tools it teaches.")
    modules: list[ModuleOut]
    progress: ProgressOut | None = Field(description="The caller's, when enrolled.")

    @staticmethod
    def resolve_tools(obj: Course) -> list[str]:
        return [tool.slug for tool in obj.tools.all()]

    @staticmethod
    def resolve_modules(obj: Course) -> list[Any]:
        return list(getattr(obj, "outline_modules", []))

    @staticmethod
    def resolve_progress(obj: Course) -> Any:
        return getattr(obj, "my_progress", None)


class CourseFilters(Schema):
    q: str = Field("", max_length=200, description="Words to search for.")
    topic: str = Field("", description="A topic slug, e.g. `open-data`.")
    language: str = Field("", max_length=10, description="A language code, e.g. `fr`.")
    level: str = Field("", description="beginner, intermediate or advanced.")
    partner: str = Field("", max_length=220, description="The partner organisation's slug.")

    @field_validator("topic")
    @classmethod
    def known_topic(cls, value: str) -> str:
        return topic_slug(value)

    @field_validator("level")
    @classmethod
    def known_level(cls, value: str) -> str:
        if value and value not in CourseLevel.values:
            message = _("Unknown level '%(value)s'; use one of: %(choices)s.")
            raise ValueError(message % {"value": value, "choices": ", ".join(CourseLevel.values)})
        return value


class EnrolmentOut(Schema):
    course: CourseOut
    enrolled_at: datetime
    progress: ProgressOut


class EnrolmentPageOut(Schema):
    items: list[EnrolmentOut]
    count: int


class PageIn(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)


class LessonDoneOut(Schema):
    lesson: int
    done: bool
    course_completed: bool = Field(description="The course is complete (now or before).")


class AnswerIn(Schema):
    choices: list[int] | None = Field(None, description="Indexes of the chosen choices.")
    text: str = Field("", max_length=20000, description="A short answer or a text for review.")


class AnswerOut(Schema):
    exercise: int
    correct: bool | None = Field(description="null for a text sent for peer review.")
    attempts: int
    right_choices: list[int] = Field(description="Only once the answer is right.")
    explanation: str = Field(description="Only once the answer is right.")
    course_completed: bool


def _progress(enrolment: Enrolment, progress: progress_selectors.Progress) -> dict[str, Any]:
    return {
        "lessons_done": progress.lessons_done,
        "lessons_total": progress.lessons_total,
        "exercises_passed": progress.exercises_passed,
        "exercises_total": progress.exercises_total,
        "completed_at": enrolment.completed_at,
    }


def _course(request: HttpRequest, slug: str) -> Course:
    course = selectors.course_get(slug=slug)
    if course is None or not request.user.has_perm("learning.view_course", course):
        raise HttpError(404, _("No course has the address name %(slug)s.") % {"slug": slug})
    return course


@router.get(
    "/learning/courses",
    response={200: list[CourseOut], 422: ValidationErrorOut},
    operation_id="course_list",
    summary="The catalog of published courses",
)
@paginate(BoundedPageNumberPagination)
def course_list(request: HttpRequest, filters: Query[CourseFilters]) -> Any:
    """Published courses by title, or most relevant first with `q`; filter by topic, language,
    level and partner. 422 for an unknown topic or level."""
    return selectors.course_catalog(
        selectors.CatalogFilters(
            query=filters.q,
            topic=filters.topic,
            language=filters.language,
            level=filters.level,
            partner=filters.partner,
        )
    )


@router.get(
    "/learning/courses/{slug}",
    response={200: CourseDetailOut, 401: ErrorOut, 404: ErrorOut},
    auth=[*api_auth, _anyone],
    operation_id="course_get",
    summary="One course with its modules, lessons and exercises",
)
def course_get(request: HttpRequest, slug: str) -> Any:
    """The course (a draft only for its authors), its outline, and the caller's progress."""
    course = _course(request, slug)
    outline = selectors.course_outline(course=course, with_exercises=True)
    enrolment = progress_selectors.enrolment_of(user=request.user, course=course)
    progress = None
    if enrolment is not None:
        progress = _progress(enrolment, progress_selectors.progress_of(enrolment))
    setattr(course, "outline_modules", outline.modules)  # noqa: B010
    setattr(course, "my_progress", progress)  # noqa: B010
    return course


@router.post(
    "/learning/courses/{slug}/enrolment",
    response={200: EnrolmentOut, 201: EnrolmentOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=api_auth,
    operation_id="enrolment_create",
    summary="Enrol in a course",
)
def enrolment_create(request: HttpRequest, slug: str) -> Any:
    """201 for a new enrolment, 200 when already enrolled; 409 for a course closed to new
    learners."""
    course = _course(request, slug)
    try:
        enrolment, created = services.enrolment_create(actor=request.auth, course=course)  # type: ignore[attr-defined]
    except PermissionDenied:
        return Status(409, {"detail": _("This course is closed to new learners.")})
    body = {
        "course": course,
        "enrolled_at": enrolment.created_at,
        "progress": _progress(enrolment, progress_selectors.progress_of(enrolment)),
    }
    return Status(201 if created else 200, body)


@router.delete(
    "/learning/courses/{slug}/enrolment",
    response={204: None, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=api_auth,
    operation_id="enrolment_delete",
    summary="Leave a course",
)
def enrolment_delete(request: HttpRequest, slug: str) -> Any:
    """204 once left; 404 when not enrolled; 409 for a completed course, which stays."""
    course = _course(request, slug)
    try:
        left = services.enrolment_leave(actor=request.auth, course=course)  # type: ignore[attr-defined]
    except DjangoValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    if not left:
        raise HttpError(404, _("You are not enrolled in this course."))
    return Status(204, None)


@router.get(
    "/learning/enrolments",
    response={200: EnrolmentPageOut, 401: ErrorOut, 422: ValidationErrorOut},
    auth=api_auth,
    operation_id="enrolment_list",
    summary="Your enrolments with your progress",
)
def enrolment_list(request: HttpRequest, params: Query[PageIn]) -> Any:
    """The caller's enrolments, most recent first, 20 a page, with their progress."""
    paginator = Paginator(progress_selectors.enrolments_of(user=request.user), PAGE_SIZE)
    page = paginator.get_page(params.page)
    progress = progress_selectors.progress_for(page.object_list)
    items = [
        {
            "course": enrolment.course,
            "enrolled_at": enrolment.created_at,
            "progress": _progress(enrolment, progress[enrolment.pk]),
        }
        for enrolment in page.object_list
    ]
    return {"items": items, "count": paginator.count}


def _not_enrolled() -> Any:
    return Status(403, {"detail": _("Enrol in the course first.")})


@router.post(
    "/learning/lessons/{id}/done",
    response={200: LessonDoneOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=api_auth,
    operation_id="lesson_done",
    summary="Mark a lesson done",
)
def lesson_done(request: HttpRequest, id: int) -> Any:  # noqa: A002
    """Record that the caller finished the lesson; 403 when not enrolled in its course."""
    lesson = selectors.lesson_get_any(pk=id)
    if lesson is None or not request.user.has_perm("learning.view_course", lesson.module.course):
        raise HttpError(404, _("No lesson has the id %(id)s.") % {"id": id})
    try:
        step = services.lesson_mark_done(actor=request.auth, lesson=lesson)  # type: ignore[attr-defined]
    except (PermissionDenied, DjangoValidationError):
        return _not_enrolled()
    completed = step.enrolment.completed_at is not None
    return {"lesson": lesson.pk, "done": True, "course_completed": completed}


@router.post(
    "/learning/exercises/{id}/answer",
    response={
        200: AnswerOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
        429: ErrorOut,
    },
    auth=api_auth,
    operation_id="exercise_answer",
    summary="Answer an exercise",
)
def exercise_answer(request: HttpRequest, id: int, payload: AnswerIn) -> Any:  # noqa: A002
    """Send `choices` (indexes) for a multiple choice, `text` otherwise. Says whether the answer
    is right; the right choices and the explanation come only with a right answer. 403 when not
    enrolled; 409 for a reviewed text, which can no longer change; 429 past 30 answers a
    minute."""
    exercise = selectors.exercise_get_any(pk=id)
    course = exercise.lesson.module.course if exercise else None
    if exercise is None or not request.user.has_perm("learning.view_course", course):
        raise HttpError(404, _("No exercise has the id %(id)s.") % {"id": id})
    if answer_rate_exceeded(request):
        return Status(429, {"detail": _("Too many answers: wait a minute and try again.")})
    try:
        answered = services.exercise_answer(
            actor=request.auth,  # type: ignore[attr-defined]
            exercise=exercise,
            choices=payload.choices,
            text=payload.text,
        )
    except PermissionDenied:
        return _not_enrolled()
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            raise invalid_input(error) from error
        return Status(409, {"detail": " ".join(error.messages)})
    submission = answered.submission
    right = submission.correct is True
    return {
        "exercise": exercise.pk,
        "correct": submission.correct,
        "attempts": submission.attempts,
        "right_choices": list(exercise.correct) if right else [],
        "explanation": exercise.explanation if right else "",
        "course_completed": answered.enrolment.completed_at is not None,
    }
