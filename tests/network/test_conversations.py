"""Conversations: only their two people read and write them (404 for anyone else), the list of
one's conversations, escaped messages and a rate limit on messages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from pnyx.network.models import Message
from pnyx.network.services import contacts as services
from tests.network.factories import ConversationFactory, MessageFactory, UserFactory
from tests.network.test_practitioners import live_fragments, main

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation():
    return ConversationFactory(
        contact__sender=UserFactory(display_name="Sam Sender"),
        contact__recipient=UserFactory(display_name="Rita Recipient"),
    )


def _url(conversation):
    return reverse("network:conversation-detail", args=[conversation.pk])


def test_both_people_read_and_write(client, conversation):
    contact = conversation.contact
    client.force_login(contact.sender)
    response = client.post(_url(conversation), {"body": "When can we talk?"})
    assert response.status_code == 302
    client.force_login(contact.recipient)
    html = client.get(_url(conversation)).content.decode()
    assert "When can we talk?" in html
    assert "Conversation with Sam Sender" in html
    client.post(_url(conversation), {"body": "Tuesday works."})
    assert list(Message.objects.values_list("author", flat=True)) == [
        contact.sender_id,
        contact.recipient_id,
    ]


def test_a_stranger_gets_a_404_reading_or_writing(client, conversation):
    client.force_login(UserFactory())
    assert client.get(_url(conversation)).status_code == 404
    assert client.post(_url(conversation), {"body": "Let me in"}).status_code == 404
    assert not Message.objects.exists()
    assert client.get(reverse("network:conversation-detail", args=[9999])).status_code == 404


def test_anonymous_people_are_sent_to_sign_in(client, conversation):
    assert client.get(_url(conversation)).status_code == 302


def test_the_service_refuses_a_stranger(conversation):
    with pytest.raises(PermissionDenied):
        services.message_send(actor=UserFactory(), conversation=conversation, body="Hi")


def test_an_empty_message_is_a_400(client, conversation):
    client.force_login(conversation.contact.sender)
    assert client.post(_url(conversation), {"body": "   "}).status_code == 400


def test_the_list_shows_only_my_conversations(client, conversation):
    ConversationFactory(contact__sender=UserFactory(display_name="Other Pair"))
    client.force_login(conversation.contact.recipient)
    html = client.get(reverse("network:conversation-list")).content.decode()
    assert "Sam Sender" in html
    assert "Other Pair" not in html


def test_messages_are_escaped(client, conversation):
    MessageFactory(
        conversation=conversation, body='<script>alert(1)</script><img src=x onerror="alert(1)">'
    )
    client.force_login(conversation.contact.recipient)
    html = main(client.get(_url(conversation)))
    assert live_fragments(html) == []
    assert "&lt;script&gt;" in html


def test_writing_too_fast_gets_a_429(client, conversation):
    client.force_login(conversation.contact.sender)
    for number in range(10):
        assert client.post(_url(conversation), {"body": f"m{number}"}).status_code == 302
    assert client.post(_url(conversation), {"body": "one too many"}).status_code == 429
    assert Message.objects.count() == 10


def test_the_page_runs_a_bounded_number_of_queries(
    client, conversation, django_assert_max_num_queries
):
    for _ in range(30):
        MessageFactory(conversation=conversation)
    client.force_login(conversation.contact.sender)
    with django_assert_max_num_queries(12):
        assert client.get(_url(conversation)).status_code == 200
