"""Authoring courses: a course's details, its publication and archiving, its modules and lessons.

Every function needs `learning.change_course` on the course (`learning.add_course` on the
partner to create one). A published course is in the catalog's search index under the kind
"learning.course"; it is refreshed on each edit and removed when the course is archived.
Exercises are in `courses_exercises`, learners' acts in `courses_progress`.
"""

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pnyx.accounts.languages import LANGUAGE_CODES
from pnyx.core import search
from pnyx.core.models import Topic
from pnyx.core.permissions import require
from pnyx.learning.models import (
    Course,
    CourseLevel,
    CourseModule,
    CourseStatus,
    Lesson,
    Partner,
)
from pnyx.learning.selectors import courses as selectors
from pnyx.learning.services.courses_completion import completion_refresh_course
from pnyx.toolbox.models import Tool

#: At most this many topics and tools on one course.
LIST_MAX = 30
HOURS_MAX = 1000
CREDITS_MAX = Decimal("999.99")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = URLValidator(schemes=["http", "https"])
#: Paths beside the courses' own under /learning/courses/: no course may take these names.
RESERVED_SLUGS = frozenset({"new", "mine", "authoring"})


def required_text(field: str, value: str, max_length: int) -> str:
    """The text without surrounding spaces; ValidationError on `field` when blank or too long."""
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: _("This field cannot be blank.")}, code="blank")
    return optional_text(field, text, max_length)


def optional_text(field: str, value: str, max_length: int) -> str:
    text = (value or "").strip()
    if "\x00" in text:  # PostgreSQL cannot store it
        message = _("Remove the null characters from the text.")
        raise ValidationError({field: message}, code="null_characters")
    if len(text) > max_length:
        message = _("Write at most %(max)s characters.") % {"max": max_length}
        raise ValidationError({field: message}, code="too_long")
    return text


def web_address(field: str, value: str) -> str:
    """An http(s) address, or blank; ValidationError on `field` otherwise."""
    address = optional_text(field, value, 500)
    if address:
        try:
            _URL(address)
        except ValidationError:
            message = _("Give a web address starting with https:// or http://.")
            raise ValidationError({field: message}, code="invalid") from None
    return address


def _rows_by_slug(field: str, model: type[models.Model], slugs: Iterable[str]) -> list[Any]:
    wanted = sorted({str(slug).strip() for slug in slugs if str(slug).strip()})
    if len(wanted) > LIST_MAX:
        message = _("Choose at most %(count)s.") % {"count": LIST_MAX}
        raise ValidationError({field: message}, code="too_many")
    found = list(model._default_manager.filter(slug__in=wanted).order_by("slug"))
    unknown = sorted(set(wanted) - {row.slug for row in found})  # type: ignore[attr-defined]
    if unknown:
        message = _("Unknown: %(slugs)s.") % {"slugs": ", ".join(unknown)}
        raise ValidationError({field: message}, code="unknown")
    return found


def _number_fields(
    *, partner: Partner | None, hours: int | None, credits: Decimal | None
) -> dict[str, Any]:
    if hours is not None and not 1 <= hours <= HOURS_MAX:
        message = _("Give a number of hours from 1 to %(max)s.") % {"max": HOURS_MAX}
        raise ValidationError({"hours": message}, code="hours")
    if credits is not None:
        if partner is None:
            message = _("Only a partner's course can give credits: leave this empty.")
            raise ValidationError({"credits": message}, code="no_partner")
        if not Decimal(0) < credits <= CREDITS_MAX:
            message = _("Give a number of credits above 0 and at most %(max)s.")
            raise ValidationError({"credits": message % {"max": CREDITS_MAX}}, code="credits")
    return {"hours": hours, "credits": credits}


def _details(
    *,
    partner: Partner | None,
    title: str,
    summary: str,
    description: str,
    language: str,
    level: str,
    hours: int | None,
    credits: Decimal | None,
) -> dict[str, Any]:
    """The course's own fields, checked; ValidationError naming the first bad field."""
    if language not in LANGUAGE_CODES:
        message = _("Unknown language: %(code)s.") % {"code": language}
        raise ValidationError({"language": message}, code="language")
    if level not in CourseLevel.values:
        message = _("Choose beginner, intermediate or advanced.")
        raise ValidationError({"level": message}, code="level")
    return {
        "title": required_text("title", title, 200),
        "summary": required_text("summary", summary, 500),
        "description": required_text("description", description, 20000),
        "language": language,
        "level": level,
        **_number_fields(partner=partner, hours=hours, credits=credits),
    }


def _slug(wanted: str, title: str) -> str:
    """The address name asked for (checked), or one made from the title and free."""
    wanted = (wanted or "").strip().lower()
    if wanted:
        if len(wanted) > 120 or not _SLUG.match(wanted):
            message = _("Use lower-case letters, digits and single hyphens (at most 120).")
            raise ValidationError({"slug": message}, code="slug")
        if wanted in RESERVED_SLUGS or Course.objects.filter(slug=wanted).exists():
            raise ValidationError({"slug": _("This address name is taken.")}, code="taken")
        return wanted
    base = slugify(title)[:100].strip("-") or "course"
    candidate, number = base, 1
    while candidate in RESERVED_SLUGS or Course.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _index(course: Course) -> None:
    if course.status == CourseStatus.PUBLISHED:
        search.index_object(
            course, title=course.title, body=f"{course.summary}\n{course.description}"
        )
    else:
        search.remove_object(course)


def course_create(
    *,
    actor: Any,
    partner: Partner | None,
    title: str,
    summary: str,
    description: str,
    language: str,
    level: str = CourseLevel.BEGINNER,
    hours: int | None = None,
    credits: Decimal | None = None,
    topics: Iterable[str] = (),
    tools: Iterable[str] = (),
    slug: str = "",
) -> Course:
    """Create a draft course of the partner (None: a platform course); topics and tools by
    slug. Needs `learning.add_course` on the partner."""
    require(actor, "learning.add_course", partner)
    fields = _details(
        partner=partner,
        title=title,
        summary=summary,
        description=description,
        language=language,
        level=level,
        hours=hours,
        credits=credits,
    )
    topic_rows = _rows_by_slug("topics", Topic, topics)
    tool_rows = _rows_by_slug("tools", Tool, tools)
    try:
        with transaction.atomic():
            course = Course.objects.create(
                partner=partner, slug=_slug(slug, fields["title"]), created_by=actor, **fields
            )
            course.topics.set(topic_rows)
            course.tools.set(tool_rows)
    except IntegrityError:
        raise ValidationError({"slug": _("This address name is taken.")}, code="taken") from None
    return course


def course_update(
    *,
    actor: Any,
    course: Course,
    title: str,
    summary: str,
    description: str,
    language: str,
    level: str,
    hours: int | None = None,
    credits: Decimal | None = None,
    topics: Iterable[str] = (),
    tools: Iterable[str] = (),
) -> Course:
    """Change a course's details (its address name stays); a published course is indexed
    again. Needs `learning.change_course`."""
    require(actor, "learning.change_course", course)
    fields = _details(
        partner=course.partner,
        title=title,
        summary=summary,
        description=description,
        language=language,
        level=level,
        hours=hours,
        credits=credits,
    )
    topic_rows = _rows_by_slug("topics", Topic, topics)
    tool_rows = _rows_by_slug("tools", Tool, tools)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(course, name, value)
        course.save(update_fields=[*fields, "updated_at"])
        course.topics.set(topic_rows)
        course.tools.set(tool_rows)
        _index(course)
    return course


def course_publish(*, actor: Any, course: Course) -> Course:
    """Open a draft (or archived) course: listed, searchable, open to enrolment. It needs at
    least one lesson. Needs `learning.change_course`."""
    require(actor, "learning.change_course", course)
    if course.status == CourseStatus.PUBLISHED:
        raise ValidationError(_("This course is already published."), code="published")
    if selectors.lesson_count(course=course) == 0:
        message = _("Add at least one lesson before publishing the course.")
        raise ValidationError(message, code="no_lesson")
    with transaction.atomic():
        course.status = CourseStatus.PUBLISHED
        course.published_at = course.published_at or timezone.now()
        course.save(update_fields=["status", "published_at", "updated_at"])
        _index(course)
    return course


def course_archive(*, actor: Any, course: Course) -> Course:
    """Close a course: out of the catalog and its search, closed to new learners; enrolled
    learners keep it and may finish it. Needs `learning.change_course`."""
    require(actor, "learning.change_course", course)
    if course.status == CourseStatus.ARCHIVED:
        raise ValidationError(_("This course is already archived."), code="archived")
    with transaction.atomic():
        course.status = CourseStatus.ARCHIVED
        course.save(update_fields=["status", "updated_at"])
        _index(course)
    return course


def _keep_a_lesson(course: Course, removed: int) -> None:
    """Refuse to leave a published course without lessons."""
    if course.status != CourseStatus.DRAFT and selectors.lesson_count(course=course) <= removed:
        message = _("A published course keeps at least one lesson: archive it instead.")
        raise ValidationError(message, code="last_lesson")


def _next_position(siblings: models.QuerySet[Any]) -> int:
    highest = siblings.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


def move_among(siblings: Iterable[Any], item: Any, direction: str) -> None:
    """Swap `item` with its neighbour "up" or "down" among its ordered siblings, numbering them
    0, 1, 2… (saves only the rows whose place changed)."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Move up or down."), code="direction")
    ordered = list(siblings)
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, sibling in enumerate(ordered):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


def module_create(*, actor: Any, course: Course, title: str) -> CourseModule:
    """Add a module at the end of the course. Needs `learning.change_course`."""
    require(actor, "learning.change_course", course)
    title = required_text("title", title, 200)
    with transaction.atomic():
        position = _next_position(CourseModule.objects.filter(course=course))
        return CourseModule.objects.create(course=course, title=title, position=position)


def module_update(*, actor: Any, module: CourseModule, title: str) -> CourseModule:
    require(actor, "learning.change_course", module.course)
    module.title = required_text("title", title, 200)
    with transaction.atomic():
        module.save(update_fields=["title"])
    return module


def module_move(*, actor: Any, module: CourseModule, direction: str) -> None:
    """Move a module up or down in its course. Needs `learning.change_course`."""
    require(actor, "learning.change_course", module.course)
    with transaction.atomic():
        siblings = CourseModule.objects.select_for_update().filter(course_id=module.course_id)
        move_among(siblings.order_by("position", "pk"), module, direction)


def module_delete(*, actor: Any, module: CourseModule) -> None:
    """Remove a module with its lessons and exercises (and learners' marks and answers on
    them); refused when it would leave a published course without lessons."""
    course = module.course
    require(actor, "learning.change_course", course)
    with transaction.atomic():
        if module.lessons.exists():
            _keep_a_lesson(course, module.lessons.count())
        module.delete()
        completion_refresh_course(course)


def lesson_create(
    *, actor: Any, module: CourseModule, title: str, body: str, video_url: str = ""
) -> Lesson:
    """Add a lesson at the end of the module: Markdown text, and a video address shown as a
    link. Needs `learning.change_course`."""
    require(actor, "learning.change_course", module.course)
    fields = {
        "title": required_text("title", title, 200),
        "body": required_text("body", body, 50000),
        "video_url": web_address("video_url", video_url),
    }
    with transaction.atomic():
        position = _next_position(Lesson.objects.filter(module=module))
        return Lesson.objects.create(module=module, position=position, **fields)


def lesson_update(
    *, actor: Any, lesson: Lesson, title: str, body: str, video_url: str = ""
) -> Lesson:
    require(actor, "learning.change_course", lesson.module.course)
    lesson.title = required_text("title", title, 200)
    lesson.body = required_text("body", body, 50000)
    lesson.video_url = web_address("video_url", video_url)
    with transaction.atomic():
        lesson.save(update_fields=["title", "body", "video_url"])
    return lesson


def lesson_move(*, actor: Any, lesson: Lesson, direction: str) -> None:
    """Move a lesson up or down in its module. Needs `learning.change_course`."""
    require(actor, "learning.change_course", lesson.module.course)
    with transaction.atomic():
        siblings = Lesson.objects.select_for_update().filter(module_id=lesson.module_id)
        move_among(siblings.order_by("position", "pk").defer("body"), lesson, direction)


def lesson_delete(*, actor: Any, lesson: Lesson) -> None:
    """Remove a lesson with its exercises; learners who had only it left complete the course.
    Refused for the last lesson of a published course."""
    course = lesson.module.course
    require(actor, "learning.change_course", course)
    with transaction.atomic():
        _keep_a_lesson(course, 1)
        lesson.delete()
        completion_refresh_course(course)
