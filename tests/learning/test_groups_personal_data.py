"""What study groups declare about a person: memberships and notes edits, and posts; export
and erasure (posts stay without the name; an organiser hands over)."""

import pytest
from django.utils import timezone

from pnyx.core import personal_data
from pnyx.learning.models import StudyGroup, StudyGroupMember, StudyGroupPost
from tests.learning.factories import (
    StudyGroupFactory,
    StudyGroupMemberFactory,
    StudyGroupPostFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_memberships_are_exported_and_erased_with_a_hand_over():
    person = UserFactory()
    group = StudyGroupFactory(name="Budget readers", created_by=person)
    StudyGroupMemberFactory(group=group, person=person, organiser=True)
    other = StudyGroupMemberFactory(group=group).person
    group.notes_updated_by, group.notes_updated_at = person, timezone.now()
    group.save()
    source = personal_data.get("learning.study_groups")
    rows = source.export(person)
    assert [row["event"] for row in rows] == [
        "learning.group_joined",
        "learning.group_notes_edited",
    ]
    assert rows[0]["organiser"] is True
    source.anonymise(person)
    assert not StudyGroupMember.objects.filter(person=person).exists()
    assert StudyGroupMember.objects.get(group=group, organiser=True).person == other
    group = StudyGroup.objects.get(pk=group.pk)
    assert (group.created_by, group.notes_updated_by) == (None, None)


def test_posts_are_exported_and_kept_without_the_name():
    person = UserFactory()
    post = StudyGroupPostFactory(author=person, body="Chapter two")
    source = personal_data.get("learning.group_posts")
    assert [row["message"] for row in source.export(person)] == ["Chapter two"]
    source.anonymise(person)
    post = StudyGroupPost.objects.get(pk=post.pk)
    assert (post.author, post.body) == (None, "Chapter two")
    assert source.export(person) == []
