"""Issuer keys: storage text, Multikey encoding and did:web documents."""

import base58
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from pnyx.learning.credentials import (
    KeyFormatError,
    did_web_document,
    did_web_url,
    generate_private_key,
    key_from_did_document,
    private_key_from_text,
    private_key_to_text,
    public_key_from_multibase,
    public_key_to_multibase,
    verification_method_id,
)

DID = "did:web:pnyx.example:issuers:lyon-university"
FIXED_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


def _raw(public_key):
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def test_public_key_multibase_starts_z6mk_and_round_trips():
    public_key = generate_private_key().public_key()

    text = public_key_to_multibase(public_key)

    assert text.startswith("z6Mk")
    assert len(text) == 48
    assert _raw(public_key_from_multibase(text)) == _raw(public_key)


def test_public_key_multibase_of_a_fixed_key_is_stable():
    assert (
        public_key_to_multibase(FIXED_KEY.public_key())
        == "z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd"
    )


def test_public_key_with_another_multicodec_prefix_is_rejected():
    raw = _raw(generate_private_key().public_key())
    secp_like = "z" + base58.b58encode(b"\xe7\x01" + raw).decode()

    with pytest.raises(KeyFormatError, match="not marked as an Ed25519 key"):
        public_key_from_multibase(secp_like)


def test_public_key_of_the_wrong_length_is_rejected():
    short = "z" + base58.b58encode(b"\xed\x01" + bytes(31)).decode()

    with pytest.raises(KeyFormatError, match="has 31 bytes; Ed25519 needs 32"):
        public_key_from_multibase(short)


@pytest.mark.parametrize("text", ["", "z", "u6MkAAAA", "z0OIl"])
def test_public_key_that_is_not_base58btc_multibase_is_rejected(text):
    with pytest.raises(KeyFormatError):
        public_key_from_multibase(text)


def test_private_key_text_round_trips_and_has_no_padding():
    private_key = generate_private_key()

    text = private_key_to_text(private_key)
    loaded = private_key_from_text(text)

    assert len(text) == 43
    assert "=" not in text
    assert _raw(loaded.public_key()) == _raw(private_key.public_key())


def test_private_key_text_of_a_fixed_key():
    assert private_key_to_text(FIXED_KEY) == "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"


@pytest.mark.parametrize("text", ["AAEC", "not base64 at all!", ""])
def test_private_key_text_that_is_not_32_bytes_is_rejected(text):
    with pytest.raises(KeyFormatError):
        private_key_from_text(text)


def test_did_web_document_lists_one_multikey_for_assertions():
    public_key = FIXED_KEY.public_key()

    document = did_web_document(DID, public_key)

    assert document == {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": DID,
        "verificationMethod": [
            {
                "id": f"{DID}#key-1",
                "type": "Multikey",
                "controller": DID,
                "publicKeyMultibase": "z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd",
            }
        ],
        "assertionMethod": [f"{DID}#key-1"],
    }


def test_did_web_document_rejects_other_did_methods():
    with pytest.raises(ValueError, match="Not a did:web DID"):
        did_web_document("did:key:z6Mkabc", FIXED_KEY.public_key())


def test_did_web_urls():
    assert did_web_url(DID) == "https://pnyx.example/issuers/lyon-university/did.json"
    assert did_web_url("did:web:pnyx.example") == "https://pnyx.example/.well-known/did.json"
    assert did_web_url("did:web:pnyx.example%3A8443:a") == "https://pnyx.example:8443/a/did.json"
    assert verification_method_id(DID) == f"{DID}#key-1"


def test_key_from_did_document_finds_the_assertion_key():
    document = did_web_document(DID, FIXED_KEY.public_key())

    found = key_from_did_document(document, f"{DID}#key-1")

    assert _raw(found) == _raw(FIXED_KEY.public_key())


def test_key_from_did_document_refuses_keys_not_meant_for_assertions():
    document = did_web_document(DID, FIXED_KEY.public_key())
    document["assertionMethod"] = []

    assert key_from_did_document(document, f"{DID}#key-1") is None
    assert (
        key_from_did_document(did_web_document(DID, FIXED_KEY.public_key()), f"{DID}#key-2") is None
    )
    assert (
        key_from_did_document(did_web_document(DID, FIXED_KEY.public_key()), "did:web:a#key-1")
        is None
    )
    assert key_from_did_document({"id": DID}, f"{DID}#key-1") is None
