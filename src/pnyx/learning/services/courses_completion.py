"""Setting a learner's course complete, once: when every lesson is done, every automatic
exercise has a right answer, and every peer-reviewed exercise is submitted with the reviews it
asks the learner to give others. Called by the services after each act that may complete it."""

from django.utils import timezone

from pnyx.learning.models import Course, Enrolment
from pnyx.learning.selectors.courses_progress import progress_for, progress_of


def completion_refresh(enrolment: Enrolment) -> bool:
    """Set `enrolment.completed_at` when the course is now complete; returns whether this call
    set it (it is set once and never cleared). Assumes the caller's permission check."""
    if enrolment.completed_at is not None:
        return False
    if not progress_of(enrolment).complete:
        return False
    return _mark_complete(enrolment)


def _mark_complete(enrolment: Enrolment) -> bool:
    now = timezone.now()
    # The filter makes two racing calls set it once.
    changed = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        completed_at=now
    )
    if changed:
        enrolment.completed_at = now
    return bool(changed)


def completion_refresh_course(course: Course) -> int:
    """Complete every unfinished enrolment of the course that the author's change (a lesson or
    exercise removed, an answer key corrected) made complete; returns how many."""
    pending = list(Enrolment.objects.filter(course=course, completed_at__isnull=True))
    progress = progress_for(pending)
    return sum(
        1 for enrolment in pending if progress[enrolment.pk].complete and _mark_complete(enrolment)
    )
