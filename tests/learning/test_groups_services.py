"""Study-group services: organisers hand over when they leave, joining twice changes nothing,
and refusals leave no trace."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnyx.learning.models import StudyGroup, StudyGroupMember, StudyGroupPost
from pnyx.learning.services import groups as services
from tests.learning.factories import (
    CourseFactory,
    StudyGroupFactory,
    StudyGroupMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_longest_standing_member_organises_once_the_organiser_leaves():
    group = StudyGroupFactory()
    organiser = StudyGroupMemberFactory(group=group, organiser=True).person
    first = StudyGroupMemberFactory(group=group).person
    StudyGroupMemberFactory(group=group)
    assert services.group_leave(actor=organiser, group=group) is True
    assert StudyGroupMember.objects.get(group=group, organiser=True).person == first
    assert services.group_leave(actor=organiser, group=group) is False


def test_the_first_to_join_a_group_without_members_organises_it():
    group = StudyGroupFactory()
    member, joined = services.group_join(actor=UserFactory(), group=group)
    assert joined is True
    assert member.organiser is True
    second, _joined = services.group_join(actor=UserFactory(), group=group)
    assert second.organiser is False
    again, joined = services.group_join(actor=second.person, group=group)
    assert (again.pk, joined) == (second.pk, False)


def test_a_group_needs_a_name_and_one_attachment():
    person = UserFactory()
    with pytest.raises(ValidationError) as refused:
        services.group_create(actor=person, name=" ", course=CourseFactory())
    assert refused.value.message_dict == {"name": ["This field is required."]}
    with pytest.raises(ValidationError):
        services.group_create(actor=person, name="Readers")
    assert not StudyGroup.objects.exists()


def test_a_non_member_cannot_post_and_nothing_is_stored():
    group = StudyGroupFactory()
    with pytest.raises(PermissionDenied):
        services.group_post_add(actor=UserFactory(), group=group, body="Hello")
    assert not StudyGroupPost.objects.exists()


def test_a_member_without_a_confirmed_address_reads_but_does_not_post():
    group = StudyGroupFactory()
    person = StudyGroupMemberFactory(group=group, person=UserFactory(confirmed=False)).person
    assert person.has_perm("learning.view_group_thread", group)
    with pytest.raises(PermissionDenied):
        services.group_post_add(actor=person, group=group, body="Hello")
