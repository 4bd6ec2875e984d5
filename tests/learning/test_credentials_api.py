"""The credentials API: a learner's own credentials, and verifying any credential."""

import json
from decimal import Decimal

import pytest

from pnyx.learning.models import CommitteeRole
from pnyx.learning.selectors.credentials import credential_file
from pnyx.learning.services.credentials import application_credential_issue, credential_revoke
from tests.accounts.factories import ApiTokenFactory
from tests.learning.factories import (
    CommitteeMemberFactory,
    EvidenceEntryFactory,
    GrantedCreditApplicationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

VERIFY = "/api/v1/credentials/verify"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://pnyx.example"


def _bearer(user):
    return {"Authorization": f"Bearer {ApiTokenFactory(user=user).raw}"}


def _credential(learner=None):
    learner = learner or UserFactory()
    application = GrantedCreditApplicationFactory(learner=learner, credits_granted=Decimal("2"))
    application.entries.set([EvidenceEntryFactory(learner=learner)])
    return application_credential_issue(application=application)


def _post(client, content):
    return client.post(VERIFY, content, content_type="application/json")


def test_a_learner_lists_their_own_credentials_paginated(client, django_assert_max_num_queries):
    # Given a learner with two credentials and someone else's
    learner = UserFactory()
    older, newer = _credential(learner), _credential(learner)
    _credential()

    # When they list their credentials
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/credentials", headers=_bearer(learner))

    # Then they get theirs, newest first
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["public_id"] for item in body["items"]] == [
        str(newer.public_id),
        str(older.public_id),
    ]
    assert body["items"][0] == {
        "public_id": str(newer.public_id),
        "kind": "credits",
        "name": "2 ECTS credits for civic engagement",
        "issuer": newer.partner.organisation.name,
        "issuer_did": f"did:web:pnyx.example:learning:issuers:{newer.partner.organisation.slug}",
        "issued_at": body["items"][0]["issued_at"],
        "revoked": False,
        "revoked_at": None,
    }


def test_listing_credentials_needs_an_account(client):
    response = client.get("/api/v1/credentials")

    assert response.status_code == 401


def test_a_learner_gets_the_signed_document_of_their_own_credential_only(client):
    credential = _credential()
    url = f"/api/v1/credentials/{credential.public_id}"

    mine = client.get(url, headers=_bearer(credential.learner))
    theirs = client.get(url, headers=_bearer(UserFactory()))

    assert mine.status_code == 200
    assert mine.json() == credential.document
    assert theirs.status_code == 404
    assert theirs.json() == {"detail": "You have no credential with this id."}


def test_a_genuine_credential_verifies_as_valid(client):
    credential = _credential()

    response = _post(client, credential_file(credential))

    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "valid"
    assert body["valid"] is True
    assert body["issuer"] == credential.document["issuer"]["id"]
    assert [c["name"] for c in body["checks"]] == [
        "format",
        "issuer",
        "signature",
        "validity",
        "status",
    ]
    assert body["checks"][2] == {
        "name": "signature",
        "title": "Signature",
        "passed": True,
        "detail": body["checks"][2]["detail"],
    }
    assert all(c["passed"] for c in body["checks"])


def test_a_credential_with_one_byte_changed_is_tampered(client):
    content = credential_file(_credential())
    position = content.index(b"civic engagement")
    changed = content[:position] + b"C" + content[position + 1 :]

    response = _post(client, changed)

    assert response.status_code == 200
    body = response.json()
    assert (body["outcome"], body["valid"]) == ("tampered", False)
    assert [(c["name"], c["passed"]) for c in body["checks"]] == [
        ("format", True),
        ("issuer", True),
        ("signature", False),
    ]


def test_a_revoked_credential_reports_revoked(client):
    credential = _credential()
    chair = CommitteeMemberFactory(partner=credential.partner, role=CommitteeRole.CHAIR).person
    credential_revoke(actor=chair, credential=credential, reason="Not confirmed.")

    response = _post(client, credential_file(credential))

    body = response.json()
    assert (body["outcome"], body["valid"]) == ("revoked", False)
    assert body["checks"][-1]["detail"] == "The issuer has revoked this credential."


def test_a_document_that_is_no_credential_is_tampered(client):
    response = _post(client, json.dumps({"hello": "world"}))

    body = response.json()
    assert response.status_code == 200
    assert body["outcome"] == "tampered"
    assert body["checks"] == [
        {
            "name": "format",
            "title": "Format",
            "passed": False,
            "detail": "The file is not a W3C Verifiable Credential 2.0.",
        }
    ]


@pytest.mark.parametrize(
    ("content", "status"),
    [("{not json", 400), ("[1, 2]", 422), ("", 422), ('"text"', 422)],
)
def test_a_malformed_body_gets_a_4xx_with_detail(client, content, status):
    response = _post(client, content)

    assert response.status_code == status
    assert response.json()["detail"]


def test_a_body_over_one_megabyte_is_refused(client):
    content = json.dumps({"padding": "x" * (1024 * 1024)})

    response = _post(client, content)

    assert response.status_code == 413
    assert response.json() == {"detail": "The credential is larger than 1 MB."}


def test_verification_is_rate_limited_per_address(client, settings):
    settings.PNYX_RATE_LIMITS = {"learning.credential_verify": (1000, 2, 60)}
    content = credential_file(_credential())

    answers = [_post(client, content).status_code for _ in range(3)]
    other_address = client.post(
        VERIFY, content, content_type="application/json", REMOTE_ADDR="192.0.2.7"
    )

    assert answers == [200, 200, 429]
    assert other_address.status_code == 200
