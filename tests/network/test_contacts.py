"""Contact requests: who may send one, one waiting request per pair, the rate limit, the
practitioner's notification and answer, and e-mail addresses hidden until acceptance."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pnyx.core import personal_data
from pnyx.network.models import ContactRequest, ContactState, Conversation, Message
from pnyx.network.services import contacts as services
from pnyx.participation.models import Notification
from pnyx.participation.selectors.notifications import notification_message
from tests.network.factories import (
    ContactRequestFactory,
    HelpRequestFactory,
    MessageFactory,
    OrganisationFactory,
    PractitionerFactory,
    UserFactory,
    add_member,
)

pytestmark = pytest.mark.django_db

CONTACTS_URL = reverse("network:contact-list")


@pytest.fixture
def practitioner():
    return PractitionerFactory(
        user=UserFactory(display_name="Paula Practitioner", email="paula@example.org")
    )


@pytest.fixture
def asker():
    return UserFactory(display_name="Omar Asker", email="omar@example.org")


def _contact_url(practitioner):
    return reverse("network:practitioner-contact", args=[practitioner.pk])


def test_a_person_asks_a_practitioner_who_is_notified(client, practitioner, asker):
    client.force_login(asker)
    assert client.get(_contact_url(practitioner)).status_code == 200
    response = client.post(_contact_url(practitioner), {"message": "Could you help us?"})
    assert response.status_code == 302
    assert response["Location"] == CONTACTS_URL
    contact = ContactRequest.objects.get()
    assert (contact.sender, contact.recipient, contact.state) == (
        asker,
        practitioner.user,
        ContactState.PENDING,
    )
    notification = Notification.objects.get(user=practitioner.user)
    assert notification_message(notification) == "Omar Asker asks you for help."
    assert notification.data["path"] == CONTACTS_URL


def test_the_request_can_name_a_help_request_of_the_sender_organisation(
    client, practitioner, asker
):
    ngo = OrganisationFactory()
    add_member(ngo, asker)
    mine = HelpRequestFactory(organisation=ngo, title="Our budget portal")
    client.force_login(asker)
    form = client.get(_contact_url(practitioner), {"help": mine.pk}).content.decode()
    assert "Our budget portal" in form
    client.post(_contact_url(practitioner), {"message": "Hi", "help_request": str(mine.pk)})
    assert ContactRequest.objects.get().help_request == mine
    other = HelpRequestFactory()
    with pytest.raises(ValidationError):
        services.contact_request_send(
            actor=UserFactory(), practitioner=practitioner, message="Hi", help_request=other
        )


def test_one_waiting_request_per_pair(client, practitioner, asker):
    client.force_login(asker)
    client.post(_contact_url(practitioner), {"message": "First"})
    response = client.post(_contact_url(practitioner), {"message": "Second"})
    assert response.status_code == 400
    assert "You already asked this practitioner" in response.content.decode()
    assert ContactRequest.objects.count() == 1


def test_after_a_decline_the_person_may_ask_again(practitioner, asker):
    contact = services.contact_request_send(actor=asker, practitioner=practitioner, message="1")
    services.contact_decide(actor=practitioner.user, contact=contact, accept=False)
    services.contact_request_send(actor=asker, practitioner=practitioner, message="2")
    assert ContactRequest.objects.count() == 2


def test_contacting_needs_a_confirmed_address_and_not_oneself(client, practitioner):
    unconfirmed = UserFactory(confirmed=False)
    with pytest.raises(PermissionDenied):
        services.contact_request_send(actor=unconfirmed, practitioner=practitioner, message="x")
    client.force_login(unconfirmed)
    assert client.get(_contact_url(practitioner)).status_code == 403
    assert client.post(_contact_url(practitioner), {"message": "x"}).status_code == 403
    client.force_login(practitioner.user)
    response = client.post(_contact_url(practitioner), {"message": "Me?"})
    assert response.status_code == 400
    assert "You cannot ask yourself for help." in response.content.decode()


def test_a_paused_or_unknown_practitioner_is_a_404(client, practitioner, asker):
    practitioner.available = False
    practitioner.save()
    client.force_login(asker)
    assert client.post(_contact_url(practitioner), {"message": "Hi"}).status_code == 404
    url = reverse("network:practitioner-contact", args=[99999])
    assert client.get(url).status_code == 404


def test_more_than_five_requests_an_hour_get_a_429_page(client, asker):
    client.force_login(asker)
    for _ in range(5):
        response = client.post(_contact_url(PractitionerFactory()), {"message": "Hi"})
        assert response.status_code == 302
    response = client.post(_contact_url(PractitionerFactory()), {"message": "Hi"})
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert ContactRequest.objects.count() == 5


def test_only_the_practitioner_accepts_which_opens_a_conversation(client, practitioner, asker):
    contact = services.contact_request_send(actor=asker, practitioner=practitioner, message="Hi")
    url = reverse("network:contact-decide", args=[contact.pk])
    client.force_login(asker)
    assert client.post(url, {"decision": "accept"}).status_code == 404
    client.force_login(UserFactory())
    assert client.post(url, {"decision": "accept"}).status_code == 404
    client.force_login(practitioner.user)
    assert client.post(url, {"decision": "maybe"}).status_code == 400
    response = client.post(url, {"decision": "accept"})
    conversation = Conversation.objects.get(contact=contact)
    assert response["Location"] == reverse("network:conversation-detail", args=[conversation.pk])
    contact.refresh_from_db()
    assert contact.state == ContactState.ACCEPTED
    assert contact.decided_at is not None
    told = Notification.objects.get(user=asker)
    assert "accepted your contact request" in notification_message(told)
    with pytest.raises(ValidationError):
        services.contact_decide(actor=practitioner.user, contact=contact, accept=False)


def test_declining_opens_no_conversation_and_tells_the_sender(practitioner, asker):
    contact = services.contact_request_send(actor=asker, practitioner=practitioner, message="Hi")
    services.contact_decide(actor=practitioner.user, contact=contact, accept=False)
    assert not Conversation.objects.exists()
    told = Notification.objects.get(user=asker)
    assert notification_message(told) == "Paula Practitioner declined your contact request."


def test_e_mail_addresses_are_hidden_until_the_request_is_accepted(client, practitioner, asker):
    contact = services.contact_request_send(actor=asker, practitioner=practitioner, message="Hi")
    for person, other_email in (
        (asker, "paula@example.org"),
        (practitioner.user, "omar@example.org"),
    ):
        client.force_login(person)
        assert other_email not in client.get(CONTACTS_URL).content.decode()
    services.contact_decide(actor=practitioner.user, contact=contact, accept=True)
    conversation_url = reverse("network:conversation-detail", args=[contact.conversation.pk])
    for person in (asker, practitioner.user):
        client.force_login(person)
        html = client.get(conversation_url).content.decode()
        assert "paula@example.org" in html
        assert "omar@example.org" in html
        assert conversation_url in client.get(CONTACTS_URL).content.decode()


def test_the_contacts_page_lists_sent_and_received_with_their_states(client, practitioner, asker):
    ContactRequestFactory(sender=asker, recipient=practitioner.user, message="Waiting one")
    ContactRequestFactory(
        sender=practitioner.user, recipient=asker, message="Declined one", state="declined"
    )
    client.force_login(asker)
    html = client.get(CONTACTS_URL).content.decode()
    assert "Waiting one" in html
    assert "waiting for an answer" in html
    assert "Declined one" in html
    assert "declined" in html


def test_the_contacts_page_needs_an_account(client):
    assert client.get(CONTACTS_URL).status_code == 302


def test_messages_in_contacts_are_escaped(client, practitioner, asker):
    ContactRequestFactory(
        sender=asker, recipient=practitioner.user, message="<script>alert(1)</script>"
    )
    client.force_login(practitioner.user)
    html = client.get(CONTACTS_URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_contacts_and_messages_are_exported_then_emptied_or_deleted(practitioner, asker):
    waiting = ContactRequestFactory(sender=asker, recipient=UserFactory(), message="Waiting")
    accepted = ContactRequestFactory(
        sender=asker, recipient=practitioner.user, message="Accepted", state="accepted"
    )
    message = MessageFactory(conversation__contact=accepted, author=asker, body="My words")
    reply = MessageFactory(conversation=message.conversation, author=practitioner.user)
    source = personal_data.get("network.contacts")
    events = [row["event"] for row in source.export(asker)]
    assert events.count("network.contact_sent") == 2
    assert "network.message_written" in events
    source.anonymise(asker)
    assert not ContactRequest.objects.filter(pk=waiting.pk).exists()
    accepted.refresh_from_db()
    assert accepted.message == ""
    message.refresh_from_db()
    assert (message.body, message.author) == ("", None)
    assert Message.objects.get(pk=reply.pk).body == reply.body
