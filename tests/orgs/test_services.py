import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pnyx.core import search
from pnyx.core.models import AuditEntry, SearchEntry, Topic
from pnyx.orgs import services
from pnyx.orgs.models import Invitation, Membership, MembershipStatus, Organisation, Role
from tests.orgs.factories import (
    AdminFactory,
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def actions():
    return list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))


def register(actor, **overrides):
    fields = {"name": "Civic Lab", "kind": "ngo", "country": "FR"}
    fields.update(overrides)
    return services.organisation_register(actor=actor, **fields)


# --- registering and editing ---------------------------------------------------------------------


def test_register_makes_the_person_its_first_admin_indexes_and_audits_it():
    person = UserFactory()
    topic = Topic.objects.get(slug="open-data")

    organisation = register(
        person, name="  Civic Lab ", website="https://civic.example", topics=[topic]
    )

    assert organisation.name == "Civic Lab"
    assert organisation.slug == "civic-lab"
    assert organisation.sort_name == "civic lab"
    assert organisation.created_by == person
    assert list(organisation.topics.all()) == [topic]
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role, membership.status) == (person, "admin", "active")
    entry = SearchEntry.objects.get(kind="orgs.organisation", object_id=str(organisation.pk))
    assert entry.title == "Civic Lab"
    assert "ONG ou association" in entry.body  # the kind in French
    assert "Francia" in entry.body  # the country in Spanish
    assert "Open data" in entry.body
    assert actions() == ["orgs.organisation_registered"]
    audit_entry = AuditEntry.objects.get()
    assert audit_entry.data == {"kind": "ngo", "country": "FR"}
    assert audit_entry.target_id == str(organisation.pk)


def test_register_gives_each_organisation_its_own_slug():
    person = UserFactory()

    slugs = [
        register(person, name=name).slug
        for name in ["Civic Lab", "Civic  lab", "New", "Киев", "Apply", "Applications"]
    ]

    assert slugs == [
        "civic-lab",
        "civic-lab-2",
        "new-2",
        "organisation",
        "apply-2",
        "applications-2",
    ]


def test_register_is_refused_without_a_confirmed_email_and_leaves_nothing():
    person = UserFactory(confirmed=False)

    with pytest.raises(PermissionDenied):
        register(person)

    assert Organisation.objects.count() == 0
    assert Membership.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    assert SearchEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "   "}, "name", "This field cannot be blank."),
        ({"kind": "club"}, "kind", "Value 'club' is not a valid choice."),
        ({"country": "XX"}, "country", "Value 'XX' is not a valid choice."),
        ({"website": "javascript:alert(1)"}, "website", "Enter a valid URL."),
        (
            {"website": "ftp://files.example"},
            "website",
            "The address must start with https:// or http://.",
        ),
        (
            {"description": "x" * 10001},
            "description",
            "Keep the description under 10000 characters (it has 10001).",
        ),
    ],
)
def test_register_refuses_invalid_fields_with_a_message_and_leaves_nothing(fields, field, message):
    person = UserFactory()

    with pytest.raises(ValidationError) as refused:
        register(person, **fields)

    assert refused.value.message_dict[field] == [message]
    assert Organisation.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_update_by_an_admin_changes_the_details_and_the_search_entry(organisation, admin_user):
    services.organisation_update(
        actor=admin_user,
        organisation=organisation,
        name="Open Data Friends International",
        kind="informal_group",
        country="",
        description="Now worldwide.",
    )

    organisation.refresh_from_db()
    assert organisation.name == "Open Data Friends International"
    assert organisation.slug == "open-data-friends"
    assert organisation.kind == "informal_group"
    assert str(organisation.country) == ""
    found = search.filter_queryset(Organisation.objects.all(), "worldwide")
    assert list(found) == [organisation]
    assert search.filter_queryset(Organisation.objects.all(), "cities").count() == 0


def test_update_by_a_platform_admin_is_allowed(organisation):
    services.organisation_update(
        actor=AdminFactory(), organisation=organisation, name="Renamed", kind="ngo"
    )

    organisation.refresh_from_db()
    assert organisation.name == "Renamed"


def test_update_by_a_plain_member_is_refused_and_changes_nothing(organisation):
    member = MembershipFactory(organisation=organisation).user

    with pytest.raises(PermissionDenied):
        services.organisation_update(
            actor=member, organisation=organisation, name="Hijacked", kind="ngo"
        )

    organisation.refresh_from_db()
    assert organisation.name == "Open Data Friends"
    assert SearchEntry.objects.get().title == "Open Data Friends"


def test_update_with_invalid_fields_keeps_the_stored_organisation(organisation, admin_user):
    with pytest.raises(ValidationError):
        services.organisation_update(
            actor=admin_user, organisation=organisation, name="", kind="ngo"
        )

    organisation.refresh_from_db()
    assert organisation.name == "Open Data Friends"


# --- join requests and decisions -----------------------------------------------------------------


def test_request_creates_a_waiting_membership(organisation):
    person = UserFactory()

    membership = services.membership_request(actor=person, organisation=organisation)

    assert (membership.status, membership.role) == ("requested", "member")
    assert membership.decided_at is None


def test_request_twice_or_as_a_member_is_refused_with_a_message(organisation, admin_user):
    person = UserFactory()
    services.membership_request(actor=person, organisation=organisation)

    with pytest.raises(ValidationError) as twice:
        services.membership_request(actor=person, organisation=organisation)
    with pytest.raises(ValidationError) as member:
        services.membership_request(actor=admin_user, organisation=organisation)

    assert twice.value.messages == [
        "Your request to join Open Data Friends is already waiting for an administrator."
    ]
    assert member.value.messages == ["You are already a member of Open Data Friends."]
    assert Membership.objects.filter(organisation=organisation).count() == 2


def test_request_without_a_confirmed_email_is_refused(organisation):
    person = UserFactory(confirmed=False)

    with pytest.raises(PermissionDenied):
        services.membership_request(actor=person, organisation=organisation)

    assert not Membership.objects.filter(user=person).exists()


def test_admin_approves_a_request(organisation, admin_user):
    request = MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)

    approved = services.membership_decide(actor=admin_user, membership=request, approve=True)

    assert approved.status == "active"
    assert approved.decided_by == admin_user
    assert approved.decided_at is not None


def test_admin_declines_a_request_which_is_deleted(organisation, admin_user):
    request = MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)

    result = services.membership_decide(actor=admin_user, membership=request, approve=False)

    assert result is None
    assert not Membership.objects.filter(pk=request.pk).exists()


def test_a_member_cannot_decide_requests_and_nothing_changes(organisation):
    member = MembershipFactory(organisation=organisation).user
    request = MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)

    with pytest.raises(PermissionDenied):
        services.membership_decide(actor=member, membership=request, approve=True)

    request.refresh_from_db()
    assert request.status == "requested"


def test_deciding_an_active_membership_is_refused(organisation, admin_user):
    member = MembershipFactory(organisation=organisation)

    with pytest.raises(ValidationError) as refused:
        services.membership_decide(actor=admin_user, membership=member, approve=False)

    assert refused.value.messages == ["This request was already decided."]
    assert Membership.objects.filter(pk=member.pk).exists()


# --- roles, removal, leaving ---------------------------------------------------------------------


def test_granting_and_removing_the_admin_role_is_audited(organisation, admin_user):
    member = MembershipFactory(organisation=organisation)

    services.membership_change_role(actor=admin_user, membership=member, role="admin")
    services.membership_change_role(actor=admin_user, membership=member, role="member")

    member.refresh_from_db()
    assert member.role == "member"
    assert actions() == [
        "orgs.organisation_registered",
        "orgs.admin_role_granted",
        "orgs.admin_role_removed",
    ]
    assert AuditEntry.objects.order_by("seq").last().data == {"person": member.user_id}


def test_the_last_admin_cannot_be_demoted(organisation, admin_user):
    membership = Membership.objects.get(user=admin_user)

    with pytest.raises(ValidationError) as refused:
        services.membership_change_role(actor=admin_user, membership=membership, role="member")

    assert refused.value.messages == [
        "Amina Admin is the last administrator. Make someone else an administrator first."
    ]
    membership.refresh_from_db()
    assert membership.role == "admin"
    assert actions() == ["orgs.organisation_registered"]


def test_an_admin_can_step_down_when_another_admin_remains(organisation, admin_user):
    MembershipFactory(organisation=organisation, role=Role.ADMIN)
    membership = Membership.objects.get(user=admin_user)

    services.membership_change_role(actor=admin_user, membership=membership, role="member")

    membership.refresh_from_db()
    assert membership.role == "member"


def test_role_change_by_a_member_or_on_a_request_is_refused(organisation, admin_user):
    member = MembershipFactory(organisation=organisation)
    request = MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)

    with pytest.raises(PermissionDenied):
        services.membership_change_role(actor=member.user, membership=member, role="admin")
    with pytest.raises(ValidationError) as not_active:
        services.membership_change_role(actor=admin_user, membership=request, role="admin")
    with pytest.raises(ValidationError) as unknown:
        services.membership_change_role(actor=admin_user, membership=member, role="owner")

    assert not_active.value.messages == ["Approve this request before changing the role."]
    assert unknown.value.messages == ["Choose a role from the list."]
    member.refresh_from_db()
    request.refresh_from_db()
    assert (member.role, request.role) == ("member", "member")
    assert actions() == ["orgs.organisation_registered"]


def test_admin_removes_a_member_with_an_audit_entry(organisation, admin_user):
    member = MembershipFactory(organisation=organisation)

    services.membership_remove(actor=admin_user, membership=member)

    assert not Membership.objects.filter(pk=member.pk).exists()
    assert actions()[-1] == "orgs.member_removed"
    assert AuditEntry.objects.order_by("seq").last().data == {
        "person": member.user_id,
        "role": "member",
    }


def test_the_last_admin_cannot_be_removed_and_members_cannot_remove(organisation, admin_user):
    admin_membership = Membership.objects.get(user=admin_user)
    member = MembershipFactory(organisation=organisation)

    with pytest.raises(ValidationError) as last:
        services.membership_remove(actor=admin_user, membership=admin_membership)
    with pytest.raises(PermissionDenied):
        services.membership_remove(actor=member.user, membership=admin_membership)

    assert last.value.messages == ["Amina Admin is the last administrator and cannot be removed."]
    assert Membership.objects.filter(organisation=organisation).count() == 2
    assert actions() == ["orgs.organisation_registered"]


def test_a_member_leaves_and_a_requester_withdraws(organisation):
    member = MembershipFactory(organisation=organisation)
    request = MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)

    services.membership_leave(actor=member.user, organisation=organisation)
    services.membership_leave(actor=request.user, organisation=organisation)

    assert not Membership.objects.filter(pk__in=[member.pk, request.pk]).exists()
    assert actions() == ["orgs.organisation_registered"]


def test_the_last_admin_cannot_leave(organisation, admin_user):
    with pytest.raises(ValidationError) as refused:
        services.membership_leave(actor=admin_user, organisation=organisation)

    assert refused.value.messages == [
        "You are the last administrator of Open Data Friends. Make someone else an administrator "
        "before you leave."
    ]
    assert Membership.objects.filter(user=admin_user).exists()


def test_an_admin_leaving_beside_another_admin_is_audited(organisation, admin_user):
    MembershipFactory(organisation=organisation, role=Role.ADMIN)

    services.membership_leave(actor=admin_user, organisation=organisation)

    assert not Membership.objects.filter(user=admin_user).exists()
    assert actions()[-1] == "orgs.admin_role_removed"


def test_leaving_without_a_membership_is_refused(organisation):
    with pytest.raises(PermissionDenied):
        services.membership_leave(actor=UserFactory(), organisation=organisation)


# --- invitations ---------------------------------------------------------------------------------


def invite(organisation, actor, email="new.person@example.org", role="member"):
    return services.membership_invite(
        actor=actor,
        organisation=organisation,
        email=email,
        role=role,
        site_url="https://pnyx.example/",
    )


def test_invite_stores_only_a_hash_and_mails_a_working_link_after_commit(
    organisation, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(organisation, admin_user, role="admin")

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["new.person@example.org"]
    assert mail.subject == "Invitation to join Open Data Friends on Pnyx"
    assert "Amina Admin invites you to join Open Data Friends on Pnyx, as: Administrator." in (
        mail.body
    )
    link = re.search(r"https://pnyx\.example/organisations/invitations/([\w-]+)/", mail.body)
    assert link is not None
    raw = link.group(1)
    assert raw not in invitation.token_hash
    assert invitation.token_hash == services.hash_invitation_token(raw)
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=5)
    )


def test_invite_sends_nothing_when_the_transaction_does_not_commit(
    organisation, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(organisation, admin_user)

    assert len(callbacks) == 1
    assert mailoutbox == []


def test_a_new_invitation_revokes_the_earlier_one_to_the_same_address(organisation, admin_user):
    first = invite(organisation, admin_user, email="Same@example.org")
    second = invite(organisation, admin_user, email="same@example.org")

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_pending


def test_invite_refuses_bad_input_and_non_admins_without_sending(
    organisation, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    member = MembershipFactory(organisation=organisation).user

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError) as bad:
            invite(organisation, admin_user, email="not-an-address", role="owner")
        with pytest.raises(PermissionDenied):
            invite(organisation, member)

    assert bad.value.message_dict == {
        "email": ["Enter a valid e-mail address."],
        "role": ["Choose a role from the list."],
    }
    assert Invitation.objects.count() == 0
    assert mailoutbox == []


def test_accepting_an_invitation_joins_with_its_role_and_uses_it_up(organisation):
    person = UserFactory(email="invitee@example.org")
    invitation = InvitationFactory(
        organisation=organisation, email="Invitee@Example.org", role="admin"
    )

    membership = services.invitation_accept(actor=person, invitation=invitation)

    assert (membership.user, membership.role, membership.status) == (person, "admin", "active")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert actions()[-1] == "orgs.admin_role_granted"
    with pytest.raises(ValidationError) as reused:
        services.invitation_accept(actor=person, invitation=invitation)
    assert reused.value.messages == ["This invitation was already used."]


def test_accepting_turns_a_pending_request_into_a_membership(organisation):
    person = UserFactory(email="invitee@example.org")
    MembershipFactory(organisation=organisation, user=person, status=MembershipStatus.REQUESTED)
    invitation = InvitationFactory(organisation=organisation, email="invitee@example.org")

    membership = services.invitation_accept(actor=person, invitation=invitation)

    assert membership.status == "active"
    assert Membership.objects.filter(user=person).count() == 1


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"expires_at": timezone.now() - timedelta(minutes=1)},
         "This invitation expired. Ask an administrator of Open Data Friends for a new one."),
        ({"revoked_at": timezone.now()}, "This invitation was withdrawn by Open Data Friends."),
        ({"accepted_at": timezone.now()}, "This invitation was already used."),
    ],
)  # fmt: skip
def test_expired_withdrawn_or_used_invitations_are_refused_with_their_reason(
    organisation, state, message
):
    person = UserFactory(email="invitee@example.org")
    invitation = InvitationFactory(organisation=organisation, email="invitee@example.org", **state)

    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(actor=person, invitation=invitation)

    assert refused.value.messages == [message]
    assert not Membership.objects.filter(user=person).exists()


@pytest.mark.parametrize("confirmed", [True, False])
def test_an_invitation_cannot_be_accepted_from_another_or_unconfirmed_address(
    organisation, confirmed
):
    other = UserFactory(email="someone.else@example.org", confirmed=confirmed)
    unconfirmed_owner = UserFactory(email="invitee@example.org", confirmed=False)
    invitation = InvitationFactory(organisation=organisation, email="invitee@example.org")

    with pytest.raises(PermissionDenied):
        services.invitation_accept(actor=other, invitation=invitation)
    with pytest.raises(PermissionDenied):
        services.invitation_accept(actor=unconfirmed_owner, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert Membership.objects.filter(organisation=organisation).count() == 1


def test_admin_revokes_an_invitation_and_a_member_cannot(organisation, admin_user):
    invitation = InvitationFactory(organisation=organisation)
    member = MembershipFactory(organisation=organisation).user

    with pytest.raises(PermissionDenied):
        services.invitation_revoke(actor=member, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None

    services.invitation_revoke(actor=admin_user, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    with pytest.raises(ValidationError):
        services.invitation_revoke(actor=admin_user, invitation=invitation)


def test_an_organisation_cannot_send_more_than_the_daily_limit(
    organisation, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    InvitationFactory.create_batch(
        services.invitations.DAILY_INVITATION_LIMIT, organisation=organisation
    )

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as refused,
    ):
        invite(organisation, admin_user)

    assert refused.value.messages == [
        "Open Data Friends already sent 50 invitations in the last 24 hours. Try again tomorrow."
    ]
    assert Invitation.objects.count() == 50
    assert mailoutbox == []
