"""Whole-credential verdicts: the outcome and the checks in plain words."""

import json
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pnyx.learning.credentials import (
    Achievement,
    BadgeData,
    IssuerProfile,
    Outcome,
    build_open_badge,
    did_web_document,
    key_from_did_document,
    new_bitstring,
    set_bit,
    sign,
    status_entry,
    status_list_credential,
    verification_method_id,
    verify_credential,
)

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
DID = "did:web:pnyx.example:issuers:lyon-university"
OTHER_DID = "did:web:pnyx.example:issuers:nowhere-college"
METHOD = verification_method_id(DID)
LIST_URL = "https://pnyx.example/issuers/lyon-university/status/1"
INDEX = 94_567
ISSUED = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
TITLES = ["Format", "Issuer", "Signature", "Validity period", "Revocation"]


def _badge(**changes):
    values = {
        "credential_id": "https://pnyx.example/credentials/42",
        "issuer": IssuerProfile(did=DID, name="Lyon University", url="https://lyon.example.org"),
        "achievement": Achievement(
            id="https://pnyx.example/learning/courses/7",
            name="Participatory budgeting",
            description="Designing and running a participatory budget.",
            criteria="Attended six sessions and ran one public assembly.",
            credits_available=5,
        ),
        "valid_from": ISSUED,
        "learner_email": "camille.martin@example.org",
        "email_salt": "f00dfeed",
        "credential_status": status_entry(list_url=LIST_URL, index=INDEX),
    }
    values.update(changes)
    return sign(
        build_open_badge(BadgeData(**values)),
        private_key=KEY,
        verification_method=METHOD,
        created=ISSUED,
    )


def _status_list(revoked=(), key=KEY, issuer=DID, method=METHOD, valid_until=None):
    bits = new_bitstring()
    for index in revoked:
        set_bit(bits, index)
    document = status_list_credential(
        list_url=LIST_URL, issuer=issuer, bits=bits, valid_from=ISSUED, valid_until=valid_until
    )
    return sign(document, private_key=key, verification_method=method, created=ISSUED)


def _keys(method):
    return {METHOD: KEY.public_key()}.get(method)


def _verify(document, *, status_list=None, resolve_key=_keys, now=NOW):
    lists = {LIST_URL: status_list if status_list is not None else _status_list()}
    return verify_credential(document, resolve_key=resolve_key, resolve_status=lists.get, now=now)


def _details(verdict):
    return [(check.title, check.passed, check.detail) for check in verdict.checks]


def test_a_genuine_badge_is_valid_and_every_check_says_why():
    verdict = _verify(_badge())

    assert verdict.outcome is Outcome.VALID
    assert verdict.valid is True
    assert verdict.issuer_id == DID
    assert _details(verdict) == [
        ("Format", True, "The file is a verifiable credential in the expected format."),
        (
            "Issuer",
            True,
            f"The credential was issued by Lyon University ({DID}), whose public key was found.",
        ),
        (
            "Signature",
            True,
            "The signature matches the content: not one character was changed since the issuer "
            "signed it.",
        ),
        ("Validity period", True, "The credential has no end date: it does not expire."),
        ("Revocation", True, "The issuer has not revoked this credential."),
    ]
    assert [check.name for check in verdict.checks] == [
        "format",
        "issuer",
        "signature",
        "validity",
        "status",
    ]


def test_keys_can_come_from_the_issuers_did_document():
    did_document = json.loads(json.dumps(did_web_document(DID, KEY.public_key())))

    verdict = _verify(
        _badge(), resolve_key=lambda method: key_from_did_document(did_document, method)
    )

    assert verdict.outcome is Outcome.VALID


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('"name": "Participatory budgeting"', '"name": "Participatory budgetinG"'),
        ('"creditsAvailable": 5', '"creditsAvailable": 6'),
        ('"statusListIndex": "94567"', '"statusListIndex": "94568"'),
    ],
)
def test_one_changed_character_makes_it_tampered(before, after):
    text = json.dumps(_badge())
    assert before in text

    verdict = _verify(json.loads(text.replace(before, after, 1)))

    assert verdict.outcome is Outcome.TAMPERED
    assert verdict.valid is False
    assert [check.title for check in verdict.checks] == TITLES[:3]
    assert _details(verdict)[-1] == (
        "Signature",
        False,
        "The signature does not match the content: the credential was changed after it was "
        "signed, or it was signed with another key.",
    )


def test_a_wrong_key_makes_it_tampered():
    verdict = _verify(_badge(), resolve_key=lambda method: OTHER_KEY.public_key())

    assert verdict.outcome is Outcome.TAMPERED
    assert verdict.checks[-1].title == "Signature"
    assert verdict.checks[-1].passed is False


def test_a_removed_proof_makes_it_tampered():
    document = _badge()
    del document["proof"]

    verdict = _verify(document)

    assert verdict.outcome is Outcome.TAMPERED
    assert _details(verdict) == [
        ("Format", False, "The credential carries no proof, so nothing shows who issued it.")
    ]


def test_another_cryptosuite_makes_it_tampered_with_that_reason():
    document = _badge()
    document["proof"]["cryptosuite"] = "ecdsa-jcs-2019"

    verdict = _verify(document)

    assert verdict.outcome is Outcome.TAMPERED
    assert _details(verdict) == [
        ("Format", False, "The proof uses the cryptosuite “ecdsa-jcs-2019”, not eddsa-jcs-2022.")
    ]


def test_a_signature_by_another_issuer_makes_it_tampered():
    document = build_open_badge(
        BadgeData(
            credential_id="https://pnyx.example/credentials/43",
            issuer=IssuerProfile(did=DID, name="Lyon University", url=""),
            achievement=Achievement(
                id="https://pnyx.example/a", name="A", description="", criteria=""
            ),
            valid_from=ISSUED,
            learner_id="did:web:example.org:camille",
        )
    )
    forged = sign(
        document,
        private_key=OTHER_KEY,
        verification_method=verification_method_id(OTHER_DID),
        created=ISSUED,
    )

    verdict = _verify(forged, resolve_key=lambda method: OTHER_KEY.public_key())

    assert verdict.outcome is Outcome.TAMPERED
    assert _details(verdict)[-1] == (
        "Issuer",
        False,
        f"The credential names Lyon University ({DID}) as its issuer, but it was signed with a "
        f"key of {OTHER_DID}.",
    )


def test_an_issuer_without_a_known_key_is_unknown():
    verdict = _verify(_badge(), resolve_key=lambda method: None)

    assert verdict.outcome is Outcome.UNKNOWN_ISSUER
    assert _details(verdict)[-1] == (
        "Issuer",
        False,
        f"The public key of Lyon University ({DID}) could not be found, so nobody can confirm "
        "that this issuer signed the credential.",
    )


def test_a_failing_key_lookup_counts_as_unknown_not_as_a_crash():
    def broken(method):
        raise OSError("network unreachable")

    assert _verify(_badge(), resolve_key=broken).outcome is Outcome.UNKNOWN_ISSUER


def test_a_past_valid_until_makes_it_expired():
    document = _badge(valid_until=datetime(2025, 5, 31, 23, 59, tzinfo=UTC))

    verdict = _verify(document)

    assert verdict.outcome is Outcome.EXPIRED
    assert _details(verdict)[3] == (
        "Validity period",
        False,
        "The credential expired on 2025-05-31 23:59 UTC.",
    )
    assert verdict.checks[4].passed is True


def test_a_future_valid_until_is_fine_and_said():
    verdict = _verify(_badge(valid_until=datetime(2030, 1, 1, tzinfo=UTC)))

    assert verdict.outcome is Outcome.VALID
    assert verdict.checks[3].detail == "The credential is valid until 2030-01-01 00:00 UTC."


def test_a_future_valid_from_makes_it_not_yet_valid():
    verdict = _verify(_badge(), now=datetime(2025, 2, 1, tzinfo=UTC))

    assert verdict.outcome is Outcome.NOT_YET_VALID
    assert verdict.outcome == "not_yet_valid"
    assert verdict.checks[3].detail == "The credential only becomes valid on 2025-03-01 09:00 UTC."


def test_setting_the_learners_bit_revokes_and_clearing_it_restores():
    document = _badge()

    revoked = _verify(document, status_list=_status_list(revoked=[INDEX]))
    restored = _verify(document, status_list=_status_list(revoked=[]))

    assert revoked.outcome is Outcome.REVOKED
    assert _details(revoked)[-1] == (
        "Revocation",
        False,
        "The issuer has revoked this credential.",
    )
    assert restored.outcome is Outcome.VALID


def test_other_learners_bits_do_not_revoke_this_one():
    verdict = _verify(_badge(), status_list=_status_list(revoked=[INDEX - 1, INDEX + 1]))

    assert verdict.outcome is Outcome.VALID


def test_revoked_outranks_expired():
    document = _badge(valid_until=datetime(2025, 4, 1, tzinfo=UTC))

    verdict = _verify(document, status_list=_status_list(revoked=[INDEX]))

    assert verdict.outcome is Outcome.REVOKED
    assert [check.passed for check in verdict.checks] == [True, True, True, False, False]


def test_a_status_list_signed_by_another_key_cannot_be_trusted():
    forged_list = _status_list(key=OTHER_KEY)

    verdict = _verify(_badge(), status_list=forged_list)

    assert verdict.outcome is Outcome.STATUS_UNCHECKED
    assert _details(verdict)[-1] == (
        "Revocation",
        False,
        "Whether the issuer revoked it could not be checked. The revocation list is not signed "
        "by the credential's issuer.",
    )


def test_a_status_list_of_another_issuer_cannot_be_trusted():
    other_list = _status_list(issuer=OTHER_DID)

    verdict = _verify(_badge(), status_list=other_list)

    assert verdict.outcome is Outcome.STATUS_UNCHECKED
    assert verdict.checks[-1].detail.endswith(
        "The revocation list was not published by the credential's issuer."
    )


def test_a_missing_or_stale_status_list_is_unchecked():
    missing = verify_credential(
        _badge(), resolve_key=_keys, resolve_status=lambda url: None, now=NOW
    )
    stale = _verify(
        _badge(), status_list=_status_list(valid_until=datetime(2025, 4, 1, tzinfo=UTC))
    )

    assert missing.outcome is Outcome.STATUS_UNCHECKED
    assert missing.checks[-1].detail.endswith("The revocation list could not be obtained.")
    assert stale.outcome is Outcome.STATUS_UNCHECKED
    assert stale.checks[-1].detail.endswith("The revocation list is out of date.")


def test_a_badge_without_status_cannot_be_revoked_and_says_so():
    verdict = _verify(_badge(credential_status=None))

    assert verdict.outcome is Outcome.VALID
    assert _details(verdict)[-1] == (
        "Revocation",
        True,
        "The issuer gave no revocation list: this credential cannot be revoked.",
    )


def test_the_status_list_credential_itself_verifies():
    verdict = _verify(_status_list(revoked=[INDEX]))

    assert verdict.outcome is Outcome.VALID


@pytest.mark.parametrize(
    ("document", "detail"),
    [
        (None, "The file is not a JSON object."),
        ([], "The file is not a JSON object."),
        ({"@context": "x"}, "The file is not a W3C Verifiable Credential 2.0."),
        (
            {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "VerifiableCredential"},
            "The file does not declare itself a credential.",
        ),
    ],
)
def test_garbage_is_tampered_with_a_reason_never_an_exception(document, detail):
    verdict = _verify(document)

    assert verdict.outcome is Outcome.TAMPERED
    assert _details(verdict) == [("Format", False, detail)]


@pytest.mark.parametrize(
    ("field", "value", "detail"),
    [
        ("issuer", {"name": "No id"}, "The credential does not say who issued it."),
        ("credentialSubject", "x", "The credential does not say what it is about."),
        ("validUntil", "soon", "The credential's dates are not valid dates and times."),
    ],
)
def test_malformed_fields_are_tampered(field, value, detail):
    document = _badge()
    document[field] = value

    verdict = _verify(document)

    assert verdict.outcome is Outcome.TAMPERED
    assert _details(verdict) == [("Format", False, detail)]


def test_the_outcomes_are_plain_strings():
    assert [outcome.value for outcome in Outcome] == [
        "valid",
        "expired",
        "not_yet_valid",
        "revoked",
        "status_unchecked",
        "unknown_issuer",
        "tampered",
    ]


def test_now_must_be_timezone_aware():
    with pytest.raises(ValueError, match="timezone-aware"):
        _verify(_badge(), now=datetime(2025, 6, 1))  # noqa: DTZ001
