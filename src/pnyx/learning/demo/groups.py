"""The learning demo's study group: its members, discussion, shared notes and next meeting."""

from datetime import timedelta

from django.utils import timezone

from pnyx.accounts.models import User
from pnyx.learning import demo_content as content
from pnyx.learning.demo.common import email, missing_of
from pnyx.learning.models import Course, StudyGroup
from pnyx.learning.services import groups, groups_meetings


def load_group(found: dict[str, Course], people: dict[str, User]) -> None:
    """The study group, written once (found by course and name): its organiser creates it,
    the members join and post, two of them edit the notes, the organiser plans a meeting."""
    spec = content.GROUP
    course, organiser = found.get(spec.course), people.get(email(spec.organiser))
    if course is None or organiser is None:
        needed = {spec.course: course, email(spec.organiser): organiser}
        missing_of(f"study group {spec.name!r}", needed)
        return
    if StudyGroup.objects.filter(course=course, name=spec.name).exists():
        return
    group = groups.group_create(
        actor=organiser, name=spec.name, description=spec.description, course=course
    )
    members = {organiser.email: organiser}
    for who in spec.members:
        if email(who) in people:
            members[email(who)] = people[email(who)]
            groups.group_join(actor=people[email(who)], group=group)
    for who, body in spec.posts:
        if email(who) in members:
            groups.group_post_add(actor=members[email(who)], group=group, body=body)
    for who, notes in spec.notes:
        if email(who) in members:
            groups.group_notes_update(actor=members[email(who)], group=group, notes=notes)
    meeting = spec.meeting
    day = timezone.now().replace(hour=meeting.hour, minute=0, second=0, microsecond=0)
    groups_meetings.group_meeting_plan(
        actor=organiser,
        group=group,
        starts_at=day + timedelta(days=meeting.in_days),
        online_url=meeting.online_url,
        place=meeting.place,
        agenda=meeting.agenda,
    )
