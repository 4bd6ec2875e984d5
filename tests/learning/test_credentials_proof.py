"""eddsa-jcs-2022 Data Integrity proofs: signing, verifying, and refusing what was altered."""

import copy
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pnyx.learning.credentials import sign, verify_proof

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
METHOD = "did:web:pnyx.example:issuers:lyon-university#key-1"
CREATED = datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)


def _document():
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "https://pnyx.example/credentials/42",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:web:pnyx.example:issuers:lyon-university", "type": ["Profile"]},
        "validFrom": "2025-03-01T00:00:00Z",
        "name": "Participatory budgeting",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://pnyx.example/courses/7",
                "type": ["Achievement"],
                "name": "Participatory budgeting",
                "creditsAvailable": 5,
            },
        },
    }


def _sign(document, key=KEY):
    return sign(document, private_key=key, verification_method=METHOD, created=CREATED)


def test_sign_adds_a_data_integrity_proof_and_leaves_the_input_alone():
    document = _document()

    signed = _sign(document)

    assert document == _document()
    proof = signed.pop("proof")
    assert signed == document
    assert set(proof) == {
        "type",
        "cryptosuite",
        "created",
        "verificationMethod",
        "proofPurpose",
        "@context",
        "proofValue",
    }
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-jcs-2022"
    assert proof["created"] == "2025-03-01T09:30:15Z"
    assert proof["verificationMethod"] == METHOD
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["@context"] == document["@context"]
    assert proof["proofValue"].startswith("z")


def test_created_is_written_in_utc():
    paris = timezone(timedelta(hours=1))

    signed = sign(
        _document(),
        private_key=KEY,
        verification_method=METHOD,
        created=datetime(2025, 3, 1, 10, 30, 15, tzinfo=paris),
    )

    assert signed["proof"]["created"] == "2025-03-01T09:30:15Z"
    assert signed["proof"]["proofValue"] == _sign(_document())["proof"]["proofValue"]


def test_known_answer_proof_value():
    """Pinned once from this code: any change to the hashing or encoding breaks old badges."""
    signed = _sign(_document())

    assert signed["proof"]["proofValue"] == (
        "z44BbpAJ2wt5ysdzstZDqn1MYytPxJZXFuaRPTeyo6becBEC1VAKrtK5jrymHWRruQNNXDQEKGdwdeoqC7ARh2Sey"
    )


def test_key_order_does_not_change_the_proof_value():
    document = _document()
    reordered = dict(reversed(list(document.items())))
    reordered["credentialSubject"] = dict(reversed(list(document["credentialSubject"].items())))

    assert list(reordered) != list(document)
    assert _sign(reordered)["proof"]["proofValue"] == _sign(document)["proof"]["proofValue"]


def test_pretty_printing_does_not_break_the_signature():
    signed = _sign(_document())

    reparsed = json.loads(json.dumps(signed, indent=4, sort_keys=True))

    assert verify_proof(reparsed, public_key=KEY.public_key()).valid is True


def test_sign_then_verify_is_valid():
    check = verify_proof(_sign(_document()), public_key=KEY.public_key())

    assert check.valid is True
    assert check.reason == (
        "The signature matches the content: not one character was changed since the issuer "
        "signed it."
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('"name": "Participatory budgeting"', '"name": "Participatory budgetinG"'),
        ('"creditsAvailable": 5', '"creditsAvailable": 6'),
        ('"validFrom": "2025-03-01T00:00:00Z"', '"validFrom": "2025-03-02T00:00:00Z"'),
    ],
)
def test_changing_one_character_is_detected(before, after):
    text = json.dumps(_sign(_document()))
    assert text.count(before) >= 1

    altered = json.loads(text.replace(before, after, 1))
    check = verify_proof(altered, public_key=KEY.public_key())

    assert check.valid is False
    assert check.reason == (
        "The signature does not match the content: the credential was changed after it was "
        "signed, or it was signed with another key."
    )


def test_changing_the_proof_options_is_detected():
    signed = _sign(_document())
    signed["proof"]["created"] = "2025-03-01T09:30:16Z"

    assert verify_proof(signed, public_key=KEY.public_key()).valid is False


def test_wrong_key_is_refused():
    check = verify_proof(_sign(_document()), public_key=OTHER_KEY.public_key())

    assert check.valid is False
    assert check.reason.startswith("The signature does not match the content")


def test_missing_proof_is_refused():
    check = verify_proof(_document(), public_key=KEY.public_key())

    assert check.valid is False
    assert check.reason == "The credential carries no proof, so nothing shows who issued it."


def test_another_cryptosuite_is_refused_with_that_reason():
    signed = _sign(_document())
    signed["proof"]["cryptosuite"] = "eddsa-rdfc-2022"

    check = verify_proof(signed, public_key=KEY.public_key())

    assert check.valid is False
    assert check.reason == "The proof uses the cryptosuite “eddsa-rdfc-2022”, not eddsa-jcs-2022."


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            {"type": "Ed25519Signature2020"},
            "The proof is of type “Ed25519Signature2020”, not DataIntegrityProof.",
        ),
        (
            {"proofPurpose": "authentication"},
            "The proof's purpose is “authentication”, not assertionMethod.",
        ),
        ({"verificationMethod": ""}, "The proof does not name the key that made it."),
        ({"created": "yesterday"}, "The proof's creation time is not a valid date and time."),
        ({"proofValue": "uAAAA"}, "The proof value is missing or is not base58btc multibase text."),
        ({"proofValue": "z0OIl"}, "The proof value contains characters outside base58btc."),
        (
            {"proofValue": "z3ji5hQCfV"},
            "The signature is 7 bytes long; an Ed25519 signature is 64.",
        ),
        (
            {"@context": ["https://www.w3.org/ns/credentials/examples/v2"]},
            "The proof's @context does not match the credential's @context.",
        ),
    ],
)
def test_malformed_proofs_are_refused_with_their_reason(change, reason):
    signed = _sign(_document())
    signed["proof"].update(change)

    check = verify_proof(signed, public_key=KEY.public_key())

    assert check.valid is False
    assert check.reason == reason


@pytest.mark.parametrize("bad", [None, "text", [], {"proof": "z"}, {"proof": [{}, {}]}])
def test_verify_never_raises_on_garbage(bad):
    assert verify_proof(bad, public_key=KEY.public_key()).valid is False


def test_values_json_cannot_carry_exactly_are_refused_without_raising():
    signed = _sign(_document())
    signed["credentialSubject"]["achievement"]["creditsAvailable"] = 2**60

    check = verify_proof(signed, public_key=KEY.public_key())

    assert check.valid is False
    assert check.reason == (
        "The credential holds values that cannot be written in canonical JSON, so its "
        "signature cannot be checked."
    )


def test_proof_without_its_own_context_still_verifies():
    signed = _sign(_document())
    del signed["proof"]["@context"]

    assert verify_proof(signed, public_key=KEY.public_key()).valid is True


def test_signing_refuses_naive_times_and_signed_documents():
    with pytest.raises(ValueError, match="timezone-aware"):
        sign(
            _document(),
            private_key=KEY,
            verification_method=METHOD,
            created=datetime(2025, 3, 1),  # noqa: DTZ001
        )
    with pytest.raises(ValueError, match="already has a proof"):
        _sign(_sign(_document()))


def test_signing_does_not_share_nested_objects_with_the_input():
    document = _document()
    signed = _sign(document)

    signed["credentialSubject"]["achievement"]["name"] = "Changed"

    assert document == _document()
    assert copy.deepcopy(document) == _document()
