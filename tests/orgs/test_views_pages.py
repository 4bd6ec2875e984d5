"""An organisation's page, registering and editing, "my organisations", and the action buttons."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pnyx.orgs.models import Membership, MembershipStatus, Organisation, Role
from tests.orgs.factories import AdminFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db

DETAIL = "/organisations/open-data-friends/"


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


# --- the organisation page -----------------------------------------------------------------------


def test_the_page_shows_the_details_and_members_with_links_to_their_profiles(
    client, organisation, admin_user
):
    organisation.website = "https://odf.example"
    organisation.save()
    member = MembershipFactory(organisation=organisation, user=UserFactory(display_name="Bo"))
    MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)

    response = client.get(DETAIL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Open Data Friends</h1>" in html
    assert "<p>We help cities publish <strong>open data</strong>.</p>" in html
    assert '<a href="https://odf.example" rel="nofollow noopener">https://odf.example</a>' in html
    assert f'<a href="/people/{admin_user.pk}/">Amina Admin</a>' in html
    assert f'<a href="/people/{member.user_id}/">Bo</a>' in html
    assert "<dd>2</dd>" in html  # active members only
    assert admin_user.email not in html
    assert "Requests to join" not in html


def test_an_unknown_organisation_is_not_found(client):
    assert client.get("/organisations/no-such-thing/").status_code == 404


def test_a_confirmed_outsider_sees_the_join_button_and_an_admin_the_tools(
    client, organisation, admin_user
):
    client.force_login(UserFactory())
    outsider_html = client.get(DETAIL).content.decode()
    client.force_login(admin_user)
    admin_html = client.get(DETAIL).content.decode()

    assert 'action="/organisations/open-data-friends/join/"' in outsider_html
    assert "Invite someone" not in outsider_html
    assert "Invite someone" in admin_html
    assert "Requests to join" in admin_html
    assert 'action="/organisations/open-data-friends/edit/"' not in admin_html
    assert 'href="/organisations/open-data-friends/edit/"' in admin_html


def test_a_person_without_a_confirmed_address_is_told_to_confirm_it(client, organisation):
    client.force_login(UserFactory(confirmed=False))

    html = client.get(DETAIL).content.decode()

    assert "Confirm your e-mail address</a> to ask to join" in html
    assert "/join/" not in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_the_name_and_description_are_defused_on_the_page(client, payload):
    harmless = OrganisationFactory(name="Harmless", description="Plain words.")
    baseline = dangerous_fragments(main(client.get(harmless.get_absolute_url())))
    organisation = OrganisationFactory(name=payload, description=payload)

    response = client.get(organisation.get_absolute_url())

    assert response.status_code == 200
    assert dangerous_fragments(main(response)) == baseline


# --- joining, deciding, roles, removal -----------------------------------------------------------


def test_joining_sends_a_request_and_comes_back_to_the_page(client, organisation):
    person = UserFactory()
    client.force_login(person)

    response = client.post(f"{DETAIL}join/", follow=True)

    assert response.redirect_chain == [(DETAIL, 302)]
    assert "Your request to join Open Data Friends was sent to its administrators." in (
        response.content.decode()
    )
    assert Membership.objects.get(user=person).status == "requested"


def test_actions_do_not_answer_get(client, organisation, admin_user):
    client.force_login(admin_user)

    assert client.get(f"{DETAIL}join/").status_code == 405
    assert client.get(f"{DETAIL}leave/").status_code == 405


def test_anonymous_people_are_sent_to_log_in(client, organisation):
    response = client.post(f"{DETAIL}join/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert Membership.objects.count() == 1


def test_joining_twice_answers_400_with_the_reason(client, organisation):
    person = UserFactory()
    MembershipFactory(organisation=organisation, user=person, status=MembershipStatus.REQUESTED)
    client.force_login(person)

    response = client.post(f"{DETAIL}join/")

    assert response.status_code == 400
    assert "already waiting for an administrator" in response.content.decode()


def test_admin_approves_and_declines_requests(client, organisation, admin_user):
    first = MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)
    second = MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)
    client.force_login(admin_user)

    approved = client.post(f"{DETAIL}members/{first.pk}/decide/", {"decision": "approve"})
    declined = client.post(f"{DETAIL}members/{second.pk}/decide/", {"decision": "decline"})
    nonsense = client.post(f"{DETAIL}members/{first.pk}/decide/", {"decision": "maybe"})

    assert (approved.status_code, declined.status_code, nonsense.status_code) == (302, 302, 400)
    first.refresh_from_db()
    assert first.status == "active"
    assert not Membership.objects.filter(pk=second.pk).exists()


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("members/{pk}/decide/", {"decision": "approve"}),
        ("members/{pk}/role/", {"role": "admin"}),
        ("members/{pk}/remove/", {}),
        ("members/{pk}/role/", {"role": "nonsense"}),
        ("invitations/", {"email": "someone@example.org", "role": "member"}),
        ("invitations/", {"email": "bad", "role": "member"}),
        ("edit/", {"name": "Hijacked", "kind": "ngo"}),
    ],
)
@pytest.mark.parametrize("who", ["member", "outsider", "unconfirmed"])
def test_non_admins_get_403_on_admin_actions_and_nothing_changes(
    client, organisation, path, data, who, mailoutbox
):
    request = MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)
    person = {
        "member": lambda: MembershipFactory(organisation=organisation).user,
        "outsider": UserFactory,
        "unconfirmed": lambda: UserFactory(confirmed=False),
    }[who]()
    client.force_login(person)

    response = client.post(DETAIL + path.format(pk=request.pk), data)

    assert response.status_code == 403
    request.refresh_from_db()
    assert (request.status, request.role) == ("requested", "member")
    assert Organisation.objects.get().name == "Open Data Friends"
    assert organisation.invitations.count() == 0
    assert mailoutbox == []


def test_admin_changes_roles_but_not_the_last_admin(client, organisation, admin_user):
    member = MembershipFactory(organisation=organisation)
    own = Membership.objects.get(user=admin_user)
    client.force_login(admin_user)

    promoted = client.post(f"{DETAIL}members/{member.pk}/role/", {"role": "admin"})
    client.post(f"{DETAIL}members/{member.pk}/role/", {"role": "member"})
    refused = client.post(f"{DETAIL}members/{own.pk}/role/", {"role": "member"})

    assert promoted.status_code == 302
    assert refused.status_code == 400
    assert "Amina Admin is the last administrator." in refused.content.decode()
    own.refresh_from_db()
    assert own.role == Role.ADMIN


def test_admin_removes_a_member(client, organisation, admin_user):
    member = MembershipFactory(organisation=organisation)
    client.force_login(admin_user)

    response = client.post(f"{DETAIL}members/{member.pk}/remove/")

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_a_membership_of_another_organisation_is_not_found(client, organisation, admin_user):
    elsewhere = MembershipFactory()
    client.force_login(admin_user)

    response = client.post(f"{DETAIL}members/{elsewhere.pk}/remove/")

    assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_a_platform_admin_can_manage_any_organisation(client, organisation):
    member = MembershipFactory(organisation=organisation)
    client.force_login(AdminFactory())

    response = client.post(f"{DETAIL}members/{member.pk}/role/", {"role": "admin"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == Role.ADMIN


def test_leaving(client, organisation):
    member = MembershipFactory(organisation=organisation)
    client.force_login(member.user)

    response = client.post(f"{DETAIL}leave/", follow=True)

    assert "You left Open Data Friends." in response.content.decode()
    assert not Membership.objects.filter(pk=member.pk).exists()


# --- registering, editing, my organisations ------------------------------------------------------


def test_registering_requires_logging_in(client):
    response = client.get("/organisations/new/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/organisations/new/"


def test_registering_requires_a_confirmed_address(client):
    client.force_login(UserFactory(confirmed=False))

    get = client.get("/organisations/new/")
    post = client.post("/organisations/new/", {"name": "Sneaky", "kind": "ngo"})

    assert (get.status_code, post.status_code) == (403, 403)
    assert "Confirm your e-mail address first" in get.content.decode()
    assert Organisation.objects.count() == 0


def test_registering_an_organisation(client):
    person = UserFactory()
    client.force_login(person)
    form = client.get("/organisations/new/")

    response = client.post(
        "/organisations/new/",
        {
            "name": "Transparency Circle",
            "kind": "informal_group",
            "country": "ES",
            "topics": ["open-data", "justice"],
            "website": "circle.example",
            "description": "We meet every month.",
        },
    )

    assert form.status_code == 200
    assert '<label for="id_name">Name:</label>' in form.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/organisations/transparency-circle/"
    organisation = Organisation.objects.get()
    assert organisation.website == "https://circle.example"
    assert sorted(organisation.topics.values_list("slug", flat=True)) == ["justice", "open-data"]
    assert Membership.objects.get().user == person


def test_an_invalid_registration_answers_400_with_each_problem(client):
    client.force_login(UserFactory())

    response = client.post(
        "/organisations/new/",
        {
            "name": "",
            "kind": "club",
            "country": "XX",
            "topics": ["cooking"],
            "website": "not a url",
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html
    assert "Select a valid choice. club is not one of the available choices." in html
    assert "Select a valid choice. XX is not one of the available choices." in html
    assert "Select a valid choice. cooking is not one of the available choices." in html
    assert "Enter a valid URL." in html
    assert Organisation.objects.count() == 0


def test_an_admin_edits_the_organisation(client, organisation, admin_user):
    client.force_login(admin_user)
    form = client.get(f"{DETAIL}edit/")

    response = client.post(
        f"{DETAIL}edit/",
        {"name": "ODF", "kind": "ngo", "country": "FR", "topics": ["open-data"], "description": ""},
    )

    assert form.status_code == 200
    assert 'value="Open Data Friends"' in form.content.decode()
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "ODF"
    assert organisation.slug == "open-data-friends"


def test_an_invalid_edit_answers_400_and_keeps_the_organisation(client, organisation, admin_user):
    client.force_login(admin_user)

    response = client.post(f"{DETAIL}edit/", {"name": "", "kind": "ngo"})

    assert response.status_code == 400
    organisation.refresh_from_db()
    assert organisation.name == "Open Data Friends"


def test_a_member_cannot_open_the_edit_form(client, organisation):
    client.force_login(MembershipFactory(organisation=organisation).user)

    assert client.get(f"{DETAIL}edit/").status_code == 403


def test_my_organisations_lists_memberships_and_requests(client, organisation):
    person = UserFactory()
    MembershipFactory(organisation=organisation, user=person)
    MembershipFactory(
        organisation=OrganisationFactory(name="Another Group"),
        user=person,
        status=MembershipStatus.REQUESTED,
    )
    client.force_login(person)

    html = client.get("/organisations/mine/").content.decode()

    assert html.index("Another Group") < html.index("Open Data Friends")
    assert "Waiting for approval" in html
    assert client.get("/organisations/mine/").status_code == 200


def test_my_organisations_requires_logging_in(client):
    assert client.get("/organisations/mine/").status_code == 302


def test_the_page_query_count_does_not_grow_with_its_members(
    client, organisation, django_assert_num_queries
):
    MembershipFactory.create_batch(2, organisation=organisation)
    with CaptureQueriesContext(connection) as few:
        client.get(DETAIL)
    MembershipFactory.create_batch(30, organisation=organisation)

    with django_assert_num_queries(len(few)):
        response = client.get(DETAIL)

    assert response.status_code == 200
