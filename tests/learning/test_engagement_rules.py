"""Who may do what with engagement entries: the learner changes their own written entries while
no application rests on them, and shares any of their own; nobody else does anything."""

import pytest

from pnyx.learning.models import ApplicationStatus, EngagementSource
from tests.learning.factories import CreditApplicationFactory, EngagementEntryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("case", "change", "share"),
    [
        ("written", True, True),
        ("kept by Pnyx", False, True),
        ("in a waiting application", False, True),
        ("in a withdrawn application", True, True),
    ],
)
def test_entry_permissions_of_the_learner(case, change, share):
    entry = EngagementEntryFactory()
    if case == "kept by Pnyx":
        entry.source, entry.source_key = EngagementSource.PNYX, "participation.process:7"
        entry.save()
    if case.startswith("in a"):
        status = ApplicationStatus.WITHDRAWN if "withdrawn" in case else ApplicationStatus.SUBMITTED
        CreditApplicationFactory(learner=entry.learner, entries=[entry], status=status)
    learner = entry.learner
    assert learner.has_perm("learning.change_engagement_entry", entry) is change
    assert learner.has_perm("learning.delete_engagement_entry", entry) is change
    assert learner.has_perm("learning.share_engagement_entry", entry) is share
    assert learner.has_perm("learning.view_engagement_evidence", entry)
    stranger = UserFactory()
    for act in ("change", "delete", "share"):
        assert not stranger.has_perm(f"learning.{act}_engagement_entry", entry)
    assert not stranger.has_perm("learning.view_engagement_evidence", entry)
