"""The study-groups API: the list and one group, joining and leaving, and the discussion for
members (read and post)."""

import pytest

from pnyx.learning.models import StudyGroupMember, StudyGroupPost
from tests.accounts.factories import ApiTokenFactory
from tests.learning.factories import (
    CourseFactory,
    OrganisationFactory,
    PartnerFactory,
    StudyGroupFactory,
    StudyGroupMeetingFactory,
    StudyGroupMemberFactory,
    StudyGroupPostFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def bearer(user):
    return {"Authorization": f"Bearer {ApiTokenFactory(user=user).raw}"}


@pytest.fixture
def group():
    course = CourseFactory(slug="reading-a-budget", title="Reading a budget")
    return StudyGroupFactory(course=course, name="Budget readers")


def test_the_list_is_paginated_and_filtered(client, group, django_assert_max_num_queries):
    partner = PartnerFactory(organisation=OrganisationFactory(slug="lune", name="Lune"))
    StudyGroupFactory(course=None, partner=partner, name="Lune club")
    StudyGroupMemberFactory(group=group)
    body = client.get("/api/v1/learning/groups").json()
    assert body["count"] == 2
    first = body["items"][0]
    assert {key: first[key] for key in ("name", "course", "partner", "member_count")} == {
        "name": "Budget readers",
        "course": "reading-a-budget",
        "partner": None,
        "member_count": 1,
    }
    body = client.get("/api/v1/learning/groups?partner=lune").json()
    assert [item["name"] for item in body["items"]] == ["Lune club"]
    assert body["items"][0]["partner_name"] == "Lune"
    for _ in range(10):
        StudyGroupMemberFactory(group=StudyGroupFactory())
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/learning/groups").status_code == 200


def test_one_group_with_members_and_meetings_but_no_thread(client, group):
    StudyGroupMemberFactory(
        group=group, organiser=True, person=UserFactory(display_name="Olga", email="o@example.org")
    )
    StudyGroupMeetingFactory(group=group, place="Library")
    StudyGroupPostFactory(group=group, body="Members only")
    body = client.get(f"/api/v1/learning/groups/{group.pk}").json()
    assert body["name"] == "Budget readers"
    assert [(m["name"], m["organiser"]) for m in body["members"]] == [("Olga", True)]
    assert [m["place"] for m in body["upcoming_meetings"]] == ["Library"]
    assert "Members only" not in str(body)
    assert "o@example.org" not in str(body)


def test_unknown_and_absurd_ids(client):
    response = client.get("/api/v1/learning/groups/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "No study group has the id 999999."}
    assert client.get(f"/api/v1/learning/groups/{2**70}").status_code == 422
    assert client.get("/api/v1/learning/groups/0").status_code == 422


def test_join_and_leave(client, group):
    person = UserFactory()
    headers = bearer(person)
    assert client.post(f"/api/v1/learning/groups/{group.pk}/join").status_code == 401
    response = client.post(f"/api/v1/learning/groups/{group.pk}/join", headers=headers)
    assert response.status_code == 201
    assert response.json()["group"] == group.pk
    again = client.post(f"/api/v1/learning/groups/{group.pk}/join", headers=headers)
    assert again.status_code == 200
    assert StudyGroupMember.objects.filter(group=group, person=person).count() == 1
    left = client.delete(f"/api/v1/learning/groups/{group.pk}/join", headers=headers)
    assert left.status_code == 204
    assert not StudyGroupMember.objects.filter(group=group, person=person).exists()


def test_joining_needs_a_confirmed_address(client, group):
    headers = bearer(UserFactory(confirmed=False))
    response = client.post(f"/api/v1/learning/groups/{group.pk}/join", headers=headers)
    assert response.status_code == 403
    assert response.json() == {"detail": "Confirm your e-mail address to join a study group."}
    assert not StudyGroupMember.objects.exists()


def test_members_read_and_post_others_get_403(client, group):
    member = StudyGroupMemberFactory(group=group, person=UserFactory(display_name="Milo")).person
    StudyGroupPostFactory(group=group, author=member, body="First")
    url = f"/api/v1/learning/groups/{group.pk}/posts"
    stranger = bearer(UserFactory())
    assert client.get(url, headers=stranger).status_code == 403
    response = client.post(url, {"body": "Hi"}, content_type="application/json", headers=stranger)
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the group's members read and write its discussion."}
    headers = bearer(member)
    created = client.post(url, {"body": "Second"}, content_type="application/json", headers=headers)
    assert created.status_code == 201
    assert created.json()["author"] == "Milo"
    body = client.get(url, headers=headers).json()
    assert [post["body"] for post in body["items"]] == ["First", "Second"]
    empty = client.post(url, {"body": " "}, content_type="application/json", headers=headers)
    assert empty.status_code == 422
    assert empty.json()["detail"][0]["loc"] == ["body", "payload", "body"]
    assert StudyGroupPost.objects.count() == 2


def test_posting_through_the_api_is_rate_limited(client, group, settings):
    settings.PNYX_RATE_LIMITS = {"learning.group_post": (1, 100, 60)}
    member = StudyGroupMemberFactory(group=group).person
    url = f"/api/v1/learning/groups/{group.pk}/posts"
    headers = bearer(member)
    first = client.post(url, {"body": "One"}, content_type="application/json", headers=headers)
    assert first.status_code == 201
    second = client.post(url, {"body": "Two"}, content_type="application/json", headers=headers)
    assert second.status_code == 429
    assert StudyGroupPost.objects.count() == 1


def test_nul_characters_are_refused_or_ignored_never_a_500(client, group):
    member = StudyGroupMemberFactory(group=group).person
    url = f"/api/v1/learning/groups/{group.pk}/posts"
    response = client.post(
        url, {"body": "a\x00b"}, content_type="application/json", headers=bearer(member)
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Null characters are not allowed."
    assert not StudyGroupPost.objects.exists()
    assert client.get("/api/v1/learning/groups?course=%00").status_code == 200
    assert client.get("/api/v1/learning/partners?q=%00").status_code == 200
    assert client.get("/api/v1/learning/partners/lune%00").status_code == 404
