"""Reads of courses: the catalog with its filters and search, one course with its outline, the
courses a person authors, and the facts the course permissions need."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from pnyx.accounts.languages import language_name
from pnyx.core import search
from pnyx.core.models import Topic
from pnyx.learning.models import (
    CommitteeMember,
    Course,
    CourseModule,
    CourseStatus,
    Enrolment,
    Exercise,
    Lesson,
    Partner,
    PartnerStatus,
)
from pnyx.orgs.models import MembershipStatus, Role
from pnyx.toolbox.models import Tool


@dataclass(frozen=True)
class CatalogFilters:
    """What a catalog reader asked for; blank means any."""

    query: str = ""
    topic: str = ""
    language: str = ""
    level: str = ""
    partner: str = ""

    def any(self) -> bool:
        return any((self.query, self.topic, self.language, self.level, self.partner))


def is_committee_member(*, user: Any, partner: Partner) -> bool:
    """Whether the person sits on the partner's committee."""
    return CommitteeMember.objects.filter(partner=partner, person=user).exists()


def enrolment_exists(*, user: Any, course: Course) -> bool:
    return Enrolment.objects.filter(course=course, learner=user).exists()


def _with_card(queryset: QuerySet[Course]) -> QuerySet[Course]:
    """What a course card shows: its partner and topics."""
    return queryset.select_related("partner__organisation").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("slug"))
    )


def course_catalog(filters: CatalogFilters) -> QuerySet[Course]:
    """Published courses matching the filters, by title (most relevant first when searching).
    Anyone may read it. Topic, language, level and partner (its organisation's slug) filter."""
    queryset = Course.objects.filter(status=CourseStatus.PUBLISHED)
    if filters.topic:
        queryset = queryset.filter(topics__slug=filters.topic)
    if filters.language:
        queryset = queryset.filter(language=filters.language)
    if filters.level:
        queryset = queryset.filter(level=filters.level)
    if filters.partner:
        queryset = queryset.filter(partner__organisation__slug=filters.partner)
    queryset = _with_card(queryset.distinct())
    if search.words(filters.query):
        return search.filter_queryset(queryset, filters.query)
    return queryset.order_by("title", "pk")


def catalog_language_choices() -> list[tuple[str, str]]:
    """(code, name) of the languages published courses are taught in, by name."""
    codes = (
        Course.objects.filter(status=CourseStatus.PUBLISHED)
        .order_by()
        .values_list("language", flat=True)
        .distinct()
    )
    return sorted(((code, language_name(code)) for code in codes), key=lambda pair: pair[1])


def catalog_partner_choices() -> list[tuple[str, str]]:
    """(organisation slug, name) of the approved partners with a published course, by name."""
    partners = (
        Partner.objects.filter(
            status=PartnerStatus.APPROVED, courses__status=CourseStatus.PUBLISHED
        )
        .select_related("organisation")
        .distinct()
        .order_by("organisation__sort_name", "pk")
    )
    return [(partner.organisation.slug, partner.organisation.name) for partner in partners]


def course_get(*, slug: str) -> Course | None:
    """The course with its partner, topics and tools, whatever its state (check
    `learning.view_course` before showing it)."""
    return (
        Course.objects.filter(slug=slug)
        .select_related("partner__organisation")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("slug")),
            Prefetch("tools", queryset=Tool.objects.only("pk", "slug", "name").order_by("name")),
        )
        .first()
    )


@dataclass
class Outline:
    """A course's modules in order, each with its lessons in order (`module.lesson_list`)."""

    modules: list[CourseModule] = field(default_factory=list)

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for module in self.modules for lesson in module.lesson_list]  # type: ignore[attr-defined]

    def neighbours(self, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
        """The lessons before and after `lesson` in the course, or None at either end."""
        ordered = self.lessons
        ids = [item.pk for item in ordered]
        if lesson.pk not in ids:
            return None, None
        index = ids.index(lesson.pk)
        before = ordered[index - 1] if index > 0 else None
        after = ordered[index + 1] if index + 1 < len(ordered) else None
        return before, after


def course_outline(*, course: Course, with_exercises: bool = False) -> Outline:
    """The course's modules and lessons in order (and each lesson's exercises, as
    `lesson.exercise_list`, for the authoring page). Two queries, three with exercises."""
    lessons = Lesson.objects.order_by("position", "pk").defer("body")
    if with_exercises:
        lessons = lessons.prefetch_related(
            Prefetch(
                "exercises",
                queryset=Exercise.objects.order_by("position", "pk"),
                to_attr="exercise_list",
            )
        )
    modules = (
        CourseModule.objects.filter(course=course)
        .order_by("position", "pk")
        .prefetch_related(Prefetch("lessons", queryset=lessons, to_attr="lesson_list"))
    )
    return Outline(modules=list(modules))


def lesson_get(*, course: Course, pk: int) -> Lesson | None:
    """A lesson of the course, with its module; None for a lesson of another course."""
    return Lesson.objects.filter(pk=pk, module__course=course).select_related("module").first()


def module_get(*, course: Course, pk: int) -> CourseModule | None:
    return CourseModule.objects.filter(pk=pk, course=course).first()


def exercise_get(*, course: Course, pk: int) -> Exercise | None:
    """An exercise of the course, with its lesson and module."""
    return (
        Exercise.objects.filter(pk=pk, lesson__module__course=course)
        .select_related("lesson__module")
        .first()
    )


def exercise_get_any(*, pk: int) -> Exercise | None:
    """An exercise with its lesson, module and course (for the API, which has no course)."""
    return (
        Exercise.objects.filter(pk=pk)
        .select_related("lesson__module__course__partner__organisation")
        .first()
    )


def lesson_get_any(*, pk: int) -> Lesson | None:
    """A lesson with its module and course (for the API)."""
    return (
        Lesson.objects.filter(pk=pk).select_related("module__course__partner__organisation").first()
    )


def lesson_exercises(*, lesson: Lesson) -> list[Exercise]:
    return list(Exercise.objects.filter(lesson=lesson).order_by("position", "pk"))


def lesson_count(*, course: Course) -> int:
    return Lesson.objects.filter(module__course=course).count()


def authorable_partners(*, user: Any) -> list[Partner]:
    """Approved partners whose courses the person may author: those where they administer the
    organisation or sit on the committee, by name."""
    if not getattr(user, "is_authenticated", False):
        return []
    admin = Q(
        organisation__memberships__user=user,
        organisation__memberships__role=Role.ADMIN,
        organisation__memberships__status=MembershipStatus.ACTIVE,
    )
    return list(
        Partner.objects.filter(admin | Q(committee__person=user), status=PartnerStatus.APPROVED)
        .select_related("organisation")
        .distinct()
        .order_by("organisation__sort_name", "pk")
    )


def courses_authored_by(*, user: Any, is_admin: bool = False) -> QuerySet[Course]:
    """Every course, in any state, the person may author: their partners' courses and, for a
    platform administrator, the platform's own courses. Drafts first, then by title."""
    partner_ids = [partner.pk for partner in authorable_partners(user=user)]
    mine = Q(partner_id__in=partner_ids)
    if is_admin:
        mine |= Q(partner__isnull=True)
    return (
        _with_card(Course.objects.filter(mine))
        .annotate(
            enrolment_count=Count("enrolments", distinct=True),
            state_order=Case(
                When(status=CourseStatus.DRAFT, then=Value(0)),
                When(status=CourseStatus.PUBLISHED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .order_by("state_order", "title", "pk")
    )
