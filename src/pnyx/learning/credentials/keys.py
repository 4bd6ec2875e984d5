"""Ed25519 issuer keys: generation, storage, Multikey encoding, and ``did:web`` DID documents.

A private key is stored as the base64url text of its 32 raw bytes. A public key travels as a
Multikey ``publicKeyMultibase``: ``z`` (base58btc) over the multicodec prefix ``0xed 0x01`` and
the 32 raw bytes, which is why every such value starts with ``z6Mk``.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import base58
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from .common import JsonObject, base64url_decode, base64url_encode

ED25519_MULTICODEC_PREFIX = b"\xed\x01"
KEY_LENGTH = 32
DEFAULT_KEY_FRAGMENT = "key-1"

DID_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"

# did:web method-specific id: a host (a port is written %3A) then optional path segments.
_DID_WEB = re.compile(r"^did:web:([A-Za-z0-9.\-]+(?:%3[Aa][0-9]+)?)((?::[A-Za-z0-9._~\-]+)*)$")


class KeyFormatError(ValueError):
    """A stored or published key could not be read; the message says what is wrong."""


def generate_private_key() -> Ed25519PrivateKey:
    """Return a fresh Ed25519 private key from the operating system's secure random source."""
    return Ed25519PrivateKey.generate()


def private_key_to_text(private_key: Ed25519PrivateKey) -> str:
    """Return the private key as unpadded base64url text of its 32 raw bytes, for storage."""
    raw = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return base64url_encode(raw)


def private_key_from_text(text: str) -> Ed25519PrivateKey:
    """Return the private key stored by :func:`private_key_to_text`.

    Raises :class:`KeyFormatError` if the text is not base64url of exactly 32 bytes.
    """
    try:
        raw = base64url_decode(text.strip())
    except ValueError as error:
        raise KeyFormatError("The private key is not base64url text.") from error
    if len(raw) != KEY_LENGTH:
        raise KeyFormatError(f"The private key has {len(raw)} bytes; Ed25519 needs {KEY_LENGTH}.")
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_key_to_multibase(public_key: Ed25519PublicKey) -> str:
    """Return the Multikey ``publicKeyMultibase`` of the key (``z6Mk…``)."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "z" + base58.b58encode(ED25519_MULTICODEC_PREFIX + raw).decode("ascii")


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    """Return the Ed25519 public key written as a Multikey ``publicKeyMultibase``.

    Raises :class:`KeyFormatError` when the value is not base58btc multibase, does not carry the
    Ed25519 multicodec prefix, or does not hold exactly 32 key bytes.
    """
    if not isinstance(value, str) or not value.startswith("z") or len(value) < 2:
        raise KeyFormatError("The public key is not base58btc multibase text (starting with z).")
    try:
        decoded = base58.b58decode(value[1:])
    except ValueError as error:
        raise KeyFormatError("The public key contains characters outside base58btc.") from error
    if not decoded.startswith(ED25519_MULTICODEC_PREFIX):
        raise KeyFormatError("The public key is not marked as an Ed25519 key (prefix 0xed01).")
    raw = decoded[len(ED25519_MULTICODEC_PREFIX) :]
    if len(raw) != KEY_LENGTH:
        raise KeyFormatError(f"The public key has {len(raw)} bytes; Ed25519 needs {KEY_LENGTH}.")
    return Ed25519PublicKey.from_public_bytes(raw)


def _match_did_web(did: str) -> re.Match[str]:
    match = _DID_WEB.match(did) if isinstance(did, str) else None
    if match is None:
        raise ValueError(f"Not a did:web DID: {did!r}.")
    return match


def check_did_web(did: str) -> str:
    """Return ``did`` unchanged if it is a well-formed ``did:web`` DID, else raise ValueError."""
    _match_did_web(did)
    return did


def did_web_url(did: str) -> str:
    """Return the HTTPS address where the DID document of a ``did:web`` DID is published.

    ``did:web:pnyx.example`` lives at ``https://pnyx.example/.well-known/did.json`` and
    ``did:web:pnyx.example:issuers:lyon`` at ``https://pnyx.example/issuers/lyon/did.json``.
    """
    match = _match_did_web(did)
    host, path = unquote(match.group(1)), match.group(2)
    if not path:
        return f"https://{host}/.well-known/did.json"
    return f"https://{host}{path.replace(':', '/')}/did.json"


def verification_method_id(did: str, fragment: str = DEFAULT_KEY_FRAGMENT) -> str:
    """Return the id of the issuer's verification method, e.g. ``did:web:pnyx.example#key-1``."""
    return f"{check_did_web(did)}#{fragment}"


def did_web_document(
    did: str, public_key: Ed25519PublicKey, *, fragment: str = DEFAULT_KEY_FRAGMENT
) -> JsonObject:
    """Return the DID document to publish at :func:`did_web_url` for an issuer.

    It lists one ``Multikey`` verification method (``#key-1`` by default) and names it in
    ``assertionMethod``, the relationship verifiers require for credential proofs.
    """
    method_id = verification_method_id(did, fragment)
    return {
        "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": public_key_to_multibase(public_key),
            }
        ],
        "assertionMethod": [method_id],
    }


def key_from_did_document(
    document: JsonObject, verification_method: str
) -> Ed25519PublicKey | None:
    """Return the public key a DID document lists for ``verification_method``, or ``None``.

    ``None`` covers every reason the key cannot be trusted for credentials: the document is for
    another DID, the method is absent, not listed in ``assertionMethod``, or its key is
    unreadable. Relative ids (``#key-1``) are accepted, as DID documents may use them.
    """
    if not isinstance(document, dict) or not isinstance(verification_method, str):
        return None
    did = document.get("id")
    if not isinstance(did, str) or not verification_method.startswith(did + "#"):
        return None
    fragment = verification_method[len(did) :]

    def same(reference: object) -> bool:
        return reference in (verification_method, fragment)

    assertion = document.get("assertionMethod")
    if not isinstance(assertion, list) or not any(
        same(item.get("id") if isinstance(item, dict) else item) for item in assertion
    ):
        return None
    listed = document.get("verificationMethod")
    methods = [m for m in listed if isinstance(m, dict)] if isinstance(listed, list) else []
    methods += [m for m in assertion if isinstance(m, dict)]
    for method in methods:
        if same(method.get("id")) and method.get("type") == "Multikey":
            try:
                return public_key_from_multibase(method.get("publicKeyMultibase", ""))
            except KeyFormatError:
                return None
    return None
