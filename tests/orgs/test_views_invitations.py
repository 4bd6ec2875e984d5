"""Inviting from the organisation page, the e-mail, and the page its link opens."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from pnyx.orgs.models import Invitation, Membership
from tests.orgs.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db

DETAIL = "/organisations/open-data-friends/"


def test_an_invitation_mail_carries_a_link_that_lets_the_invitee_join(
    client, organisation, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            f"{DETAIL}invitations/", {"email": "bea@example.org", "role": "member"}, follow=True
        )
    [mail] = mailoutbox
    link = re.search(r"http://testserver(/organisations/invitations/[\w-]+/)", mail.body).group(1)
    invitee = UserFactory(email="bea@example.org", display_name="Bea")
    client.force_login(invitee)

    page = client.get(link)
    accepted = client.post(link)

    assert "An invitation was sent to bea@example.org. Its link works for 7 days." in (
        sent.content.decode()
    )
    assert mail.to == ["bea@example.org"]
    assert mail.subject == "Invitation to join Open Data Friends on Pnyx"
    assert "Amina Admin invites you to join Open Data Friends on Pnyx, as: Member." in mail.body
    assert page.status_code == 200
    assert "<h1>Invitation to join Open Data Friends</h1>" in page.content.decode()
    assert "b•••@example.org" in page.content.decode()
    assert "Join Open Data Friends" in page.content.decode()
    assert accepted.status_code == 302
    assert accepted["Location"] == DETAIL
    membership = Membership.objects.get(user=invitee)
    assert (membership.status, membership.role) == ("active", "member")
    assert client.post(link).status_code == 410  # single use


def test_an_invalid_invitation_form_answers_400_with_the_error(
    client, organisation, admin_user, mailoutbox
):
    client.force_login(admin_user)

    response = client.post(f"{DETAIL}invitations/", {"email": "not an address", "role": "boss"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address." in html
    assert "Select a valid choice. boss is not one of the available choices." in html
    assert Invitation.objects.count() == 0
    assert mailoutbox == []


def test_an_unknown_link_is_not_found(client):
    response = client.get("/organisations/invitations/not-a-real-token/")

    assert response.status_code == 404
    assert "This invitation link is not valid." in response.content.decode()
    assert client.get(f"/organisations/invitations/{'x' * 500}/").status_code == 404


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"expires_at": timezone.now() - timedelta(days=1)}, "This invitation expired."),
        ({"revoked_at": timezone.now()}, "This invitation was withdrawn by Open Data Friends."),
        ({"accepted_at": timezone.now()}, "This invitation was already used."),
    ],
)
def test_expired_withdrawn_and_used_links_answer_410_with_the_reason(
    client, organisation, state, message
):
    invitation = InvitationFactory(organisation=organisation, email="bea@example.org", **state)
    client.force_login(UserFactory(email="bea@example.org"))

    page = client.get(f"/organisations/invitations/{invitation.raw}/")
    post = client.post(f"/organisations/invitations/{invitation.raw}/")

    assert (page.status_code, post.status_code) == (410, 410)
    assert message in page.content.decode()
    assert message in post.content.decode()
    assert "Join Open Data Friends" not in page.content.decode()
    assert Membership.objects.filter(organisation=organisation).count() == 1


def test_another_account_is_told_which_address_to_use_and_cannot_accept(client, organisation):
    invitation = InvitationFactory(organisation=organisation, email="bea@example.org")
    client.force_login(UserFactory(email="someone@example.org"))
    url = f"/organisations/invitations/{invitation.raw}/"

    page = client.get(url)
    post = client.post(url)

    assert page.status_code == 200
    assert "This invitation was sent to b•••@example.org" in page.content.decode()
    assert post.status_code == 403
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert Membership.objects.filter(organisation=organisation).count() == 1


def test_anonymous_visitors_are_asked_to_log_in_first(client, organisation):
    invitation = InvitationFactory(organisation=organisation, email="bea@example.org")
    url = f"/organisations/invitations/{invitation.raw}/"

    page = client.get(url)
    post = client.post(url)

    assert page.status_code == 200
    assert f'href="/accounts/login/?next={url}"' in page.content.decode().replace("%2F", "/")
    assert post.status_code == 302
    assert post["Location"].startswith("/accounts/login/?next=")
    assert "bea@example.org" not in page.content.decode()


def test_an_admin_withdraws_an_invitation_from_the_page(client, organisation, admin_user):
    invitation = InvitationFactory(organisation=organisation)
    client.force_login(admin_user)

    page = client.get(DETAIL)
    response = client.post(f"{DETAIL}invitations/{invitation.pk}/revoke/")

    assert invitation.email in page.content.decode()
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
