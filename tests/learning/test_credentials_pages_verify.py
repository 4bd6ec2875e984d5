"""The public verification page: paste or upload a credential, read the outcome and each check."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pnyx.learning import credentials as vc
from pnyx.learning.models import CommitteeRole
from pnyx.learning.selectors.credentials import credential_file
from pnyx.learning.services.credentials import application_credential_issue, credential_revoke
from pnyx.learning.services.credentials_issuers import issuer_sign
from tests.learning.factories import (
    CommitteeMemberFactory,
    EvidenceEntryFactory,
    GrantedCreditApplicationFactory,
)

pytestmark = pytest.mark.django_db

URL = "/learning/credentials/verify/"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://pnyx.example"


def _credential():
    application = GrantedCreditApplicationFactory(credits_granted=Decimal("4"))
    application.entries.set([EvidenceEntryFactory(learner=application.learner)])
    return application_credential_issue(application=application)


def _one_byte_changed(content: bytes) -> bytes:
    """The file with one letter of the credential's name changed (still well-formed JSON)."""
    position = content.index(b"civic engagement")
    return content[:position] + b"C" + content[position + 1 :]


def _checks(response):
    return [(c.name, c.passed) for c in response.context["result"]["verdict"].checks]


def test_the_page_invites_anyone_to_check_a_credential(client):
    response = client.get(reverse("learning:credential-verify"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Check a credential</h1>" in page
    assert 'enctype="multipart/form-data"' in page


def test_a_pasted_genuine_credential_is_valid_with_every_check_passed(client):
    credential = _credential()

    response = client.post(URL, {"text": credential_file(credential).decode()})

    assert response.status_code == 200
    page = response.content.decode()
    assert '<h2 id="verdict-title">Valid</h2>' in page
    assert "4 ECTS credits for civic engagement" in page
    assert _checks(response) == [
        ("format", True),
        ("issuer", True),
        ("signature", True),
        ("validity", True),
        ("status", True),
    ]
    assert "The issuer has not revoked this credential." in page


def test_an_uploaded_file_with_one_byte_changed_is_tampered(client):
    # Given a credential's file with one byte changed
    content = _one_byte_changed(credential_file(_credential()))

    # When it is uploaded
    upload = SimpleUploadedFile("credential.json", content, content_type="application/json")
    response = client.post(URL, {"file": upload})

    # Then the page says it was tampered with, and which check failed
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h2 id="verdict-title">Tampered with: not valid</h2>' in page
    assert _checks(response) == [("format", True), ("issuer", True), ("signature", False)]


def test_a_revoked_credential_reports_revoked(client):
    credential = _credential()
    chair = CommitteeMemberFactory(partner=credential.partner, role=CommitteeRole.CHAIR).person
    credential_revoke(actor=chair, credential=credential, reason="Entries not confirmed.")

    response = client.post(URL, {"text": credential_file(credential).decode()})

    page = response.content.decode()
    assert '<h2 id="verdict-title">Revoked by its issuer</h2>' in page
    assert "The issuer has revoked this credential." in page
    assert response.context["result"]["verdict"].outcome == vc.Outcome.REVOKED


def test_a_credential_of_an_issuer_hosted_elsewhere_is_unknown_without_any_fetch(client, settings):
    # Given a credential issued here, checked by a Pnyx at another address
    content = credential_file(_credential()).decode()
    settings.SITE_URL = "https://other-pnyx.example"

    response = client.post(URL, {"text": content})

    assert '<h2 id="verdict-title">Unknown issuer</h2>' in response.content.decode()
    assert _checks(response) == [("format", True), ("issuer", False)]


def test_an_expired_credential_is_expired(client):
    # Given a genuine credential whose validity ended (signed so by its issuer)
    credential = _credential()
    unsigned = {k: v for k, v in credential.document.items() if k != "proof"}
    unsigned["validFrom"] = "2000-01-01T00:00:00Z"
    unsigned["validUntil"] = "2001-01-01T00:00:00Z"
    signed = issuer_sign(
        partner=credential.partner,
        key=credential.partner.issuer_key,
        document=unsigned,
        created=datetime(2000, 1, 1, tzinfo=UTC),
    )

    response = client.post(URL, {"text": json.dumps(signed)})

    assert '<h2 id="verdict-title">Expired</h2>' in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Paste the credential or choose its file."),
        ({"text": "{not json"}, "This is not valid JSON (line 1, column 2"),
        ({"text": "[1, 2]"}, "A credential is a JSON object, in braces { }."),
    ],
)
def test_bad_input_gets_a_clear_400(client, data, message):
    response = client.post(URL, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "result" not in response.context


def test_a_file_over_one_megabyte_is_refused(client):
    upload = SimpleUploadedFile("big.json", b"{" + b" " * (1024 * 1024) + b"}")

    response = client.post(URL, {"file": upload})

    assert response.status_code == 400
    assert "The file is larger than 1 MB" in response.content.decode()


def test_a_file_that_is_not_text_is_refused(client):
    upload = SimpleUploadedFile("photo.json", b"\xff\xd8\xff\xe0 not json")

    response = client.post(URL, {"file": upload})

    assert response.status_code == 400
    assert "The file is not UTF-8 text." in response.content.decode()


def test_checks_past_the_rate_limit_get_429(client, settings):
    settings.PNYX_RATE_LIMITS = {"learning.credential_verify": (1000, 2, 60)}
    content = credential_file(_credential()).decode()

    answers = [client.post(URL, {"text": content}).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
