"""The learning demo's courses, and what learners do in them: lessons, exercises, texts for
the peer-reviewed exercise, reviews of each other's texts, a course credential."""

from decimal import Decimal
from functools import partial

from pnyx.accounts.models import User
from pnyx.learning import demo_content as content
from pnyx.learning.demo.common import Chairs, email, guarded, missing, missing_of
from pnyx.learning.demo_content.specs import DemoCourse, DemoStudy
from pnyx.learning.models import (
    Course,
    Exercise,
    ExerciseKind,
    Lesson,
    Partner,
    PeerReview,
    Submission,
)
from pnyx.learning.services import courses, courses_exercises, courses_progress, credentials
from pnyx.toolbox.models import Tool

#: The wrong answers some learners try first on a short-answer exercise, by its prompt.
WRONG_ANSWERS = {
    exercise.prompt: exercise.wrong
    for course in content.COURSES
    for module in course.modules
    for lesson in module.lessons
    for exercise in lesson.exercises
}


def _write_lessons(spec: DemoCourse, course: Course, author: User) -> None:
    for module_spec in spec.modules:
        module = courses.module_create(actor=author, course=course, title=module_spec.title)
        for lesson_spec in module_spec.lessons:
            lesson = courses.lesson_create(
                actor=author,
                module=module,
                title=lesson_spec.title,
                body=lesson_spec.body,
                video_url=lesson_spec.video_url,
            )
            for item in lesson_spec.exercises:
                exercise = courses_exercises.ExerciseSpec(
                    prompt=item.prompt,
                    explanation=item.explanation,
                    choices=item.choices,
                    correct=item.correct,
                    accepted=item.accepted,
                    rubric=item.rubric,
                    reviews_required=item.reviews_required,
                )
                courses_exercises.exercise_create(
                    actor=author, lesson=lesson, kind=item.kind, spec=exercise
                )


def _write(spec: DemoCourse, partner: Partner, author: User) -> Course:
    """Write the course with its modules, lessons and exercises, and publish it."""
    tools = set(Tool.objects.filter(slug__in=spec.tools).values_list("slug", flat=True))
    if tools != set(spec.tools):
        missing(f"links of {spec.slug!r} to tools", *sorted(set(spec.tools) - tools))
    course = courses.course_create(
        actor=author,
        partner=partner,
        slug=spec.slug,
        title=spec.title,
        summary=spec.summary,
        description=spec.description,
        language=spec.language,
        level=spec.level,
        hours=spec.hours,
        credits=Decimal(spec.credits) if spec.credits else None,
        topics=spec.topics,
        tools=sorted(tools),
    )
    _write_lessons(spec, course, author)
    return courses.course_publish(actor=author, course=course)


def load_courses(chairs: Chairs) -> dict[str, Course]:
    """The demo courses by address name: found, or written by their partner's chair."""
    slugs = [spec.slug for spec in content.COURSES]
    found = {course.slug: course for course in Course.objects.filter(slug__in=slugs)}
    for spec in content.COURSES:
        if spec.slug in found:
            continue
        if spec.partner not in chairs:
            missing(f"course {spec.slug!r}", f"its partner {spec.partner!r}")
            continue
        partner, chair = chairs[spec.partner]
        course = guarded(spec.slug, partial(_write, spec, partner, chair))
        if course is not None:
            found[spec.slug] = course
    return found


def _answer(learner: User, exercise: Exercise, right: bool) -> None:
    """Answer a multiple-choice or short-answer exercise, rightly or not."""
    if exercise.kind == ExerciseKind.CHOICE:
        wrong = next(
            index for index in range(len(exercise.choices)) if index not in exercise.correct
        )
        picked = list(exercise.correct) if right else [wrong]
        courses_progress.exercise_answer(actor=learner, exercise=exercise, choices=picked)
    else:
        text = exercise.accepted[0] if right else WRONG_ANSWERS.get(exercise.prompt) or "?"
        courses_progress.exercise_answer(actor=learner, exercise=exercise, text=text)


def _do_lessons(spec: DemoStudy, course: Course, learner: User) -> None:
    """Mark the plan's lessons done and answer their exercises (the first `slips` wrong first);
    then submit the text for the peer-reviewed exercise."""
    lessons = Lesson.objects.filter(module__course=course).prefetch_related("exercises")
    ordered = list(lessons.order_by("module__position", "module_id", "position", "pk"))
    slips = spec.slips
    for lesson in ordered[: spec.lessons]:
        courses_progress.lesson_mark_done(actor=learner, lesson=lesson)
        for exercise in lesson.exercises.all():
            if exercise.kind == ExerciseKind.PEER:
                continue  # its text is the plan's `peer_text`, below
            if slips > 0:
                slips -= 1
                _answer(learner, exercise, right=False)
            _answer(learner, exercise, right=True)
    if spec.peer_text:
        exercise = Exercise.objects.get(lesson__module__course=course, kind=ExerciseKind.PEER)
        courses_progress.exercise_answer(actor=learner, exercise=exercise, text=spec.peer_text)


def _study(spec: DemoStudy, course: Course, learner: User) -> None:
    """Enrol and, the first time, follow the plan; then take the course's credential when the
    plan asks for it and the course is complete."""
    enrolment, new = courses_progress.enrolment_create(actor=learner, course=course)
    if new:
        _do_lessons(spec, course, learner)
        enrolment.refresh_from_db()
    if spec.credential:
        if enrolment.completed_at is None:
            missing(f"{learner.email}'s credential of {course.slug!r}", "a complete course")
        else:
            credentials.course_credential_issue(actor=learner, enrolment=enrolment)


def _peer_reviews(people: dict[str, User]) -> None:
    for review in content.PEER_REVIEWS:
        reviewer = people.get(email(review.reviewer))
        submission = Submission.objects.filter(
            exercise__lesson__module__course__slug=review.course,
            exercise__kind=ExerciseKind.PEER,
            learner__email=email(review.author),
        ).first()
        if reviewer is None or submission is None:
            needed = {
                email(review.reviewer): reviewer,
                f"{email(review.author)}'s text": submission,
            }
            missing_of("a peer review", needed)
        elif not PeerReview.objects.filter(submission=submission, reviewer=reviewer).exists():
            guarded(
                f"{reviewer.email}'s peer review",
                partial(
                    courses_progress.peer_review_create,
                    actor=reviewer,
                    submission=submission,
                    scores=review.scores,
                    comment=review.comment,
                ),
            )


def load_studies(found: dict[str, Course], people: dict[str, User]) -> None:
    """The learners' enrolments and work, then their reviews of each other's texts."""
    for spec in content.STUDIES:
        course, learner = found.get(spec.course), people.get(email(spec.who))
        if course is None or learner is None:
            missing_of(
                f"a learner of {spec.course!r}", {spec.course: course, email(spec.who): learner}
            )
            continue
        guarded(
            f"{learner.email} in {spec.course!r}",
            partial(_study, spec, course, learner),
        )
    _peer_reviews(people)
