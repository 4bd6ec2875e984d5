"""Dating what the learning demo wrote over the past months, so that pages read naturally:
partners approved most of a year ago, courses published since, learners' work, records and
applications in the last weeks.

Each part of a load runs in a window of days before today. The moments at which a part wrote
are spread evenly over its window, in their order, so everything keeps the order it was written
in: a review after its application, a visit's report after the visit. A part without a window
(the decisions, whose credentials are signed with today's date) keeps its time, and so do rows
written by an earlier load.
"""

from bisect import bisect_right
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Model
from django.utils import timezone

from pnyx.learning.models import (
    ApplicationReview,
    CommitteeMember,
    CommitteeVisit,
    ConflictDeclaration,
    Course,
    CreditApplication,
    EngagementEntry,
    EngagementSource,
    Enrolment,
    LessonCompletion,
    Partner,
    PeerReview,
    StudyGroup,
    StudyGroupMeeting,
    StudyGroupMember,
    StudyGroupPost,
    Submission,
)

#: (oldest, newest) days before today; None keeps the time.
Window = tuple[float, float] | None

#: Each model's date fields (the first says when a row was written) and which rows are dated.
DATED: list[tuple[type[Model], tuple[str, ...], dict[str, Any]]] = [
    (Partner, ("created_at", "updated_at", "decided_at"), {}),
    (CommitteeMember, ("created_at", "updated_at"), {}),
    (CommitteeVisit, ("created_at", "updated_at", "reported_at"), {}),
    (Course, ("created_at", "updated_at", "published_at"), {}),
    (Enrolment, ("created_at", "updated_at", "completed_at"), {}),
    (LessonCompletion, ("completed_at",), {}),
    (Submission, ("created_at", "updated_at"), {}),
    (PeerReview, ("created_at", "updated_at"), {}),
    # The entries Pnyx keeps are dated by the consultation they come from.
    (
        EngagementEntry,
        ("created_at", "updated_at", "referee_confirmed_at"),
        {"source": EngagementSource.MANUAL},
    ),
    (CreditApplication, ("created_at", "updated_at", "decided_at"), {}),
    (ConflictDeclaration, ("created_at",), {}),
    (ApplicationReview, ("created_at", "updated_at"), {}),
    (StudyGroup, ("created_at", "updated_at", "notes_updated_at"), {}),
    (StudyGroupMember, ("joined_at",), {}),
    (StudyGroupPost, ("created_at", "updated_at"), {}),
    (StudyGroupMeeting, ("created_at", "updated_at"), {}),
]


class Timeline:
    """When each part of a load began, and the window its moments are dated to."""

    def __init__(self) -> None:
        self.starts: list[datetime] = []
        self.windows: list[Window] = []

    def begin(self, window: Window) -> None:
        """Start the next part of the load."""
        self.starts.append(timezone.now())
        self.windows.append(window)

    def part_of(self, moment: datetime) -> int:
        """The index of the part during which `moment` fell (-1: before the load)."""
        return bisect_right(self.starts, moment) - 1


def _new_dates(timeline: Timeline, moments: dict[int, set[datetime]]) -> dict[datetime, datetime]:
    """Each moment of a part with a window, and its new date."""
    now, dated = timezone.now(), {}
    for part, seen in moments.items():
        window = timeline.windows[part]
        if window is None:
            continue
        ordered = sorted(seen)
        for rank, moment in enumerate(ordered):
            share = rank / max(len(ordered) - 1, 1)
            dated[moment] = now - timedelta(days=window[0] + (window[1] - window[0]) * share)
    return dated


def spread_in_time(timeline: Timeline) -> None:
    """Date the rows this load wrote (see the module's docstring)."""
    if not timeline.starts:
        return
    since = timeline.starts[0]
    written = [
        (model, fields, list(model._default_manager.filter(**{f"{fields[0]}__gte": since}, **rows)))
        for model, fields, rows in DATED
    ]
    moments: dict[int, set[datetime]] = defaultdict(set)
    for _model, fields, found in written:
        for row in found:
            for name in fields:
                moment = getattr(row, name)
                if moment is not None and moment >= since:
                    moments[timeline.part_of(moment)].add(moment)
    dated = _new_dates(timeline, moments)
    for model, fields, found in written:
        for row in found:
            for name in fields:
                moment = getattr(row, name)
                setattr(row, name, dated.get(moment, moment))
        model._default_manager.bulk_update(found, list(fields))
