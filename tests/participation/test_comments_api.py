"""The comments API: the flat threaded list, posting with a token or the session + CSRF."""

import json

import pytest
from django.test import Client

from pnyx.participation.models import Comment, PhaseKind, ProcessStatus
from pnyx.participation.services.comments import comment_create, comment_delete
from pnyx.participation.services.moderation import content_hide
from tests.orgs.factories import ApiTokenFactory
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db

FIELDS = [
    "id", "parent_id", "depth", "author", "author_id", "stance", "body", "body_html",
    "tombstone", "created_at", "edited_at",
]  # fmt: skip


@pytest.fixture
def proposition():
    return PropositionFactory()


def url(proposition_or_id):
    pk = getattr(proposition_or_id, "pk", proposition_or_id)
    return f"/api/v1/propositions/{pk}/comments"


def post_json(client, target, data, token=None):
    headers = {"Authorization": f"Bearer {token.raw}"} if token else {}
    return client.post(
        url(target), data=json.dumps(data), content_type="application/json", headers=headers
    )


def test_the_list_is_flat_in_writing_order_with_threading_fields(client, proposition):
    author = UserFactory(display_name="Inès")
    root = comment_create(author=author, proposition=proposition, body="**Root**", stance="for")
    reply = comment_create(author=UserFactory(), proposition=proposition, body="Re", parent=root)

    response = client.get(url(proposition))

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 2
    first, second = body["items"]
    assert list(first) == FIELDS
    assert (first["id"], first["parent_id"], first["depth"]) == (root.pk, None, 0)
    assert (first["author"], first["author_id"], first["stance"]) == ("Inès", author.pk, "for")
    assert first["body_html"] == "<p><strong>Root</strong></p>\n"
    assert (second["id"], second["parent_id"], second["depth"]) == (reply.pk, root.pk, 1)
    assert "email" not in json.dumps(body)


def test_removed_comments_keep_their_place_with_a_tombstone_and_no_text(client, proposition):
    moderator = UserFactory()
    proposition.process.moderators.add(moderator)
    deleted = comment_create(author=UserFactory(), proposition=proposition, body="Gone")
    comment_delete(actor=deleted.author, comment=deleted)
    hidden = comment_create(author=UserFactory(), proposition=proposition, body="Rude")
    content_hide(moderator=moderator, target=hidden, reason="Insults")

    items = client.get(url(proposition)).json()["items"]

    assert [(item["body"], item["body_html"], item["tombstone"]) for item in items] == [
        ("", "", "This comment was deleted."),
        ("", "", "Hidden by the moderators: Insults"),
    ]


def test_the_list_is_paginated(client, proposition):
    author = UserFactory()
    for index in range(3):
        comment_create(author=author, proposition=proposition, body=f"C{index}")

    page = client.get(url(proposition), {"page_size": 2, "page": 2}).json()

    assert page["count"] == 3
    assert [item["body"] for item in page["items"]] == ["C2"]


def test_unknown_or_draft_propositions_are_404(client):
    draft = PropositionFactory()
    draft.process.status = ProcessStatus.DRAFT
    draft.process.save()

    assert client.get(url(999999)).json() == {"detail": "No proposition has the id 999999."}
    assert client.get(url(999999)).status_code == 404
    assert client.get(url(draft)).status_code == 404


def test_posting_with_a_token_answers_201_with_the_comment(client, proposition):
    token = ApiTokenFactory()
    root = comment_create(author=UserFactory(), proposition=proposition, body="Root")

    response = post_json(
        client, proposition, {"body": "Agreed", "stance": "for", "parent_id": root.pk}, token
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["body"], body["stance"], body["parent_id"], body["depth"]) == (
        "Agreed",
        "for",
        root.pk,
        1,
    )
    assert Comment.objects.get(pk=body["id"]).author == token.user


def test_posting_without_credentials_is_401(client, proposition):
    response = post_json(client, proposition, {"body": "Hi"})

    assert response.status_code == 401
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "loc", "message"),
    [
        ({"body": " ", "stance": "for"}, "body", "Write your comment before sending it."),
        (
            {"body": "Hi", "stance": "maybe"},
            "stance",
            "Select a valid choice. maybe is not one of the available choices.",
        ),
        (
            {"body": "Hi", "parent_id": 999999},
            "parent_id",
            "This proposition has no comment with the id 999999.",
        ),
    ],
)
def test_bad_input_is_422_with_a_message(client, proposition, data, loc, message):
    response = post_json(client, proposition, data, ApiTokenFactory())

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"type": "value_error", "loc": ["body", "payload", loc], "msg": message}
    ]
    assert Comment.objects.count() == 0


def test_a_reply_to_another_propositions_comment_is_422(client, proposition):
    other = comment_create(
        author=UserFactory(),
        proposition=PropositionFactory(question=QuestionFactory()),
        body="Elsewhere",
    )

    response = post_json(
        client, proposition, {"body": "Hi", "parent_id": other.pk}, ApiTokenFactory()
    )

    assert response.status_code == 422
    assert Comment.objects.count() == 1


def test_a_missing_body_is_422(client, proposition):
    response = post_json(client, proposition, {"stance": "for"}, ApiTokenFactory())

    assert response.status_code == 422
    assert Comment.objects.count() == 0


def test_posting_when_commenting_is_closed_is_403(client):
    closed = PropositionFactory(
        question=QuestionFactory(process=ProcessFactory(phase=PhaseKind.RESULTS))
    )

    response = post_json(client, closed, {"body": "Late"}, ApiTokenFactory())

    assert response.status_code == 403
    assert response.json() == {"detail": "You may not comment on this proposition now."}
    assert Comment.objects.count() == 0


def test_posting_to_an_unknown_proposition_is_404(client):
    response = post_json(client, 999999, {"body": "Hi"}, ApiTokenFactory())

    assert response.status_code == 404


def _session_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/")  # sets the CSRF cookie
    return client


def test_a_session_post_needs_the_csrf_token(proposition):
    client = _session_client(UserFactory())

    refused = post_json(client, proposition, {"body": "No token"})
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        url(proposition),
        data=json.dumps({"body": "With token"}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert refused.status_code == 403
    assert accepted.status_code == 201
    assert list(Comment.objects.values_list("body", flat=True)) == ["With token"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_inert_in_the_json(client, proposition, payload):
    comment_create(
        author=UserFactory(display_name=payload[:150]), proposition=proposition, body=payload
    )

    item = client.get(url(proposition)).json()["items"][0]

    assert item["body"] == payload.strip()
    assert dangerous_fragments(item["body_html"]) == []


def test_posting_too_fast_through_the_api_answers_429(client, proposition):
    token = ApiTokenFactory()
    for index in range(10):
        post_json(client, proposition, {"body": f"C{index}"}, token)

    response = post_json(client, proposition, {"body": "One too many"}, token)

    assert response.status_code == 429
    assert response.json() == {"detail": "Too many comments in a short time; wait a minute."}
    assert Comment.objects.count() == 10
