"""Study-group pages: creating a group for a course or a partner, the list and its filters,
joining and leaving, what members and non-members see, posting, removing posts, the shared
notes and meetings."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pnyx.core.models import AuditEntry
from pnyx.learning.models import (
    CourseStatus,
    PartnerStatus,
    StudyGroup,
    StudyGroupMeeting,
    StudyGroupMember,
    StudyGroupPost,
)
from pnyx.participation.models import Notification
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

LIST_URL = reverse("learning:group-list")
CREATE_URL = reverse("learning:group-create")


@pytest.fixture
def group():
    course = CourseFactory(slug="reading-a-budget", title="Reading a budget")
    return StudyGroupFactory(
        course=course, name="Budget readers", description="We read **one** chapter."
    )


@pytest.fixture
def organiser(group):
    return StudyGroupMemberFactory(
        group=group, organiser=True, person=UserFactory(display_name="Olga")
    ).person


@pytest.fixture
def member(group):
    return StudyGroupMemberFactory(group=group, person=UserFactory(display_name="Milo")).person


def _url(name, group, **kwargs):
    return reverse(f"learning:{name}", kwargs={"pk": group.pk, **kwargs})


def test_a_confirmed_person_creates_a_group_for_a_course_and_organises_it(client):
    CourseFactory(slug="reading-a-budget", title="Reading a budget")
    person = UserFactory()
    client.force_login(person)
    assert client.get(CREATE_URL, {"course": "reading-a-budget"}).status_code == 200
    response = client.post(
        CREATE_URL,
        {"name": "Budget readers", "description": "Weekly.", "course": "reading-a-budget"},
    )
    group = StudyGroup.objects.get()
    assert response["Location"] == f"/learning/groups/{group.pk}/"
    assert group.course.slug == "reading-a-budget"
    assert group.created_by == person
    membership = StudyGroupMember.objects.get(group=group)
    assert (membership.person, membership.organiser) == (person, True)


def test_a_group_is_attached_to_exactly_one_published_course_or_approved_partner(client):
    CourseFactory(slug="draft", status=CourseStatus.DRAFT)
    CourseFactory(slug="reading-a-budget")
    PartnerFactory(organisation=OrganisationFactory(slug="lune"))
    PartnerFactory(organisation=OrganisationFactory(slug="pending"), status=PartnerStatus.PENDING)
    client.force_login(UserFactory())
    for data in (
        {},
        {"course": "reading-a-budget", "partner": "lune"},
        {"course": "draft"},
        {"partner": "pending"},
    ):
        response = client.post(CREATE_URL, {"name": "Group", **data})
        assert response.status_code == 400, data
    assert (
        "Attach the group to one course or to one partner."
        in client.post(CREATE_URL, {"name": "Group"}).content.decode()
    )
    assert client.post(CREATE_URL, {"name": "Lune club", "partner": "lune"}).status_code == 302
    assert list(StudyGroup.objects.values_list("name", flat=True)) == ["Lune club"]


def test_creating_a_group_needs_a_confirmed_address(client):
    CourseFactory(slug="reading-a-budget")
    client.force_login(UserFactory(confirmed=False))
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, {"name": "G", "course": "reading-a-budget"}).status_code == 403
    assert not StudyGroup.objects.exists()


def test_the_list_filters_by_course_and_partner_in_bounded_queries(
    client, django_assert_max_num_queries
):
    partner = PartnerFactory(organisation=OrganisationFactory(slug="lune", name="Lune"))
    course = CourseFactory(partner=partner, slug="reading-a-budget")
    StudyGroupFactory(course=course, name="Course group")
    StudyGroupFactory(course=None, partner=partner, name="Partner group")
    StudyGroupFactory(name="Other group")
    for _ in range(10):
        StudyGroupMemberFactory(group=StudyGroupFactory())

    def names(**query):
        return [group.name for group in client.get(LIST_URL, query).context["page"]]

    assert names(course="reading-a-budget") == ["Course group"]
    assert names(partner="lune") == ["Course group", "Partner group"]
    assert names(course="unknown") == []
    with django_assert_max_num_queries(8):
        assert client.get(LIST_URL).status_code == 200


def test_non_members_see_description_members_and_meetings_but_not_the_thread(
    client, group, organiser, member
):
    StudyGroupPostFactory(group=group, author=member, body="A secret of the group")
    StudyGroupMeetingFactory(group=group, place="Library, room 3")
    group.notes = "Private notes"
    group.save()
    client.force_login(UserFactory())
    page = client.get(_url("group-detail", group)).content.decode()
    assert "<strong>one</strong>" in page
    assert "Olga" in page
    assert "Milo" in page
    assert "Library, room 3" in page
    assert "A secret of the group" not in page
    assert "Private notes" not in page
    assert "Join the group" in page
    anonymous = client.__class__().get(_url("group-detail", group)).content.decode()
    assert "A secret of the group" not in anonymous
    assert "Sign in to join" in anonymous


def test_joining_shows_the_thread_and_leaving_hides_it(client, group, organiser, member):
    StudyGroupPostFactory(group=group, author=member, body="Welcome, everyone")
    person = UserFactory()
    client.force_login(person)
    assert client.post(_url("group-join", group)).status_code == 302
    assert client.post(_url("group-join", group)).status_code == 302  # twice: still one
    assert StudyGroupMember.objects.filter(group=group, person=person).count() == 1
    assert "Welcome, everyone" in client.get(_url("group-detail", group)).content.decode()
    client.post(_url("group-leave", group))
    assert not StudyGroupMember.objects.filter(group=group, person=person).exists()
    assert "Welcome, everyone" not in client.get(_url("group-detail", group)).content.decode()


def test_joining_needs_a_confirmed_address(client, group):
    client.force_login(UserFactory(confirmed=False))
    response = client.post(_url("group-join", group))
    assert response.status_code == 403
    assert "Confirm your e-mail address to join a study group." in response.content.decode()
    assert not StudyGroupMember.objects.exists()


def test_members_post_in_markdown_and_non_members_may_not(client, group, member):
    client.force_login(member)
    response = client.post(_url("group-post", group), {"body": "Read **chapter two**."})
    assert response["Location"].endswith("#discussion")
    assert (
        "<strong>chapter two</strong>" in client.get(_url("group-detail", group)).content.decode()
    )
    assert client.post(_url("group-post", group), {"body": "  "}).status_code == 400
    client.force_login(UserFactory())
    assert client.post(_url("group-post", group), {"body": "Let me in"}).status_code == 403
    assert list(StudyGroupPost.objects.values_list("body", flat=True)) == ["Read **chapter two**."]


def test_posting_too_fast_is_refused(client, group, member, settings):
    settings.PNYX_RATE_LIMITS = {"learning.group_post": (2, 100, 60)}
    client.force_login(member)
    for _ in range(2):
        assert client.post(_url("group-post", group), {"body": "Hello"}).status_code == 302
    assert client.post(_url("group-post", group), {"body": "Hello"}).status_code == 429
    assert StudyGroupPost.objects.count() == 2


def test_organisers_remove_posts_and_the_removal_is_audited(client, group, organiser, member):
    post = StudyGroupPostFactory(group=group, author=member)
    url = reverse("learning:group-post-remove", kwargs={"pk": post.pk})
    client.force_login(UserFactory())
    assert client.post(url).status_code == 403
    other_member = StudyGroupMemberFactory(group=group).person
    client.force_login(other_member)
    assert client.post(url).status_code == 403
    assert StudyGroupPost.objects.filter(pk=post.pk).exists()
    client.force_login(organiser)
    assert client.post(url).status_code == 302
    assert not StudyGroupPost.objects.exists()
    [entry] = AuditEntry.objects.filter(action="learning.group_post_removed")
    assert entry.data == {"post": post.pk}


def test_authors_remove_their_own_posts_without_an_audit_entry(client, group, member):
    post = StudyGroupPostFactory(group=group, author=member)
    client.force_login(member)
    client.post(reverse("learning:group-post-remove", kwargs={"pk": post.pk}))
    assert not StudyGroupPost.objects.exists()
    assert not AuditEntry.objects.exists()


def test_members_edit_the_notes_and_the_last_editor_is_shown(client, group, member):
    client.force_login(member)
    url = _url("group-notes", group)
    form = client.get(url).context["form"]
    response = client.post(
        url, {"notes": "# Chapter one\nRevenue.", "version": form.initial["version"]}
    )
    assert response["Location"].endswith("#notes")
    group.refresh_from_db()
    assert group.notes == "# Chapter one\nRevenue."
    assert group.notes_updated_by == member
    page = client.get(_url("group-detail", group)).content.decode()
    assert "Last edited by Milo" in page
    assert "<h2>Chapter one</h2>" in page


def test_a_stale_edit_of_the_notes_is_refused_rather_than_lost(client, group, member, organiser):
    client.force_login(member)
    stale = client.get(_url("group-notes", group)).context["form"].initial["version"]
    client.force_login(organiser)
    client.post(_url("group-notes", group), {"notes": "Olga's notes", "version": stale})
    client.force_login(member)
    response = client.post(_url("group-notes", group), {"notes": "Milo's notes", "version": stale})
    assert response.status_code == 409
    assert (
        "Someone else changed the notes while you were editing them." in response.content.decode()
    )
    group.refresh_from_db()
    assert group.notes == "Olga's notes"


def test_non_members_may_not_edit_the_notes(client, group):
    client.force_login(UserFactory())
    assert client.get(_url("group-notes", group)).status_code == 403
    assert client.post(_url("group-notes", group), {"notes": "Mine"}).status_code == 403
    group.refresh_from_db()
    assert group.notes == ""


def test_the_organiser_plans_a_meeting_and_members_are_told(
    client, group, organiser, member, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    starts = (timezone.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    data = {"starts_at": starts, "online_url": "https://meet.example.org/readers", "place": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("group-meeting-create", group), data)
    assert response["Location"].endswith("#meetings")
    meeting = StudyGroupMeeting.objects.get()
    assert meeting.online_url == "https://meet.example.org/readers"
    [notice] = Notification.objects.filter(user=member)
    assert notice.event == "learning.group_meeting_planned"
    assert (
        "https://meet.example.org/readers"
        in client.get(_url("group-detail", group)).content.decode()
    )


def test_a_meeting_needs_a_place_or_an_address_and_a_future_time(client, group, organiser):
    client.force_login(organiser)
    future = (timezone.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    past = (timezone.now() - datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(_url("group-meeting-create", group), {"starts_at": future})
    assert response.status_code == 400
    assert "Give an online meeting address, a place, or both." in response.content.decode()
    response = client.post(
        _url("group-meeting-create", group), {"starts_at": past, "place": "Hall"}
    )
    assert "Choose a time in the future." in response.content.decode()
    response = client.post(
        _url("group-meeting-create", group),
        {"starts_at": future, "online_url": "javascript:alert(1)"},
    )
    assert response.status_code == 400
    assert not StudyGroupMeeting.objects.exists()


def test_members_may_not_plan_or_cancel_meetings(client, group, member):
    meeting = StudyGroupMeetingFactory(group=group)
    client.force_login(member)
    assert client.get(_url("group-meeting-create", group)).status_code == 403
    cancel = _url("group-meeting-cancel", group, meeting=meeting.pk)
    assert client.post(cancel).status_code == 403
    assert StudyGroupMeeting.objects.filter(pk=meeting.pk).exists()


def test_the_organiser_cancels_a_meeting_and_edits_the_group(client, group, organiser):
    meeting = StudyGroupMeetingFactory(group=group)
    client.force_login(organiser)
    assert client.post(_url("group-meeting-cancel", group, meeting=meeting.pk)).status_code == 302
    assert not StudyGroupMeeting.objects.exists()
    response = client.post(
        _url("group-edit", group), {"name": "Budget readers 2", "description": ""}
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Budget readers 2"


def test_the_group_page_runs_a_bounded_number_of_queries(
    client, group, member, django_assert_max_num_queries
):
    for _ in range(10):
        StudyGroupPostFactory(group=group, author=StudyGroupMemberFactory(group=group).person)
        StudyGroupMeetingFactory(group=group)
    client.force_login(member)
    with django_assert_max_num_queries(16):
        assert client.get(_url("group-detail", group)).status_code == 200


def test_names_and_filters_are_escaped(client):
    StudyGroupFactory(name="<script>alert(1)</script>")
    page = client.get(LIST_URL).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    filtered = client.get(LIST_URL, {"course": '"><script>x</script>'}).content.decode()
    assert "<script>x</script>" not in filtered
