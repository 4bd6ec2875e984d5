"""Data Integrity proofs with the ``eddsa-jcs-2022`` cryptosuite (Ed25519 over JCS hashes).

Signing, in the suite's terms: the *proof configuration* is the proof without ``proofValue``,
carrying the document's ``@context``; the *hash data* is SHA-256 of its JCS form followed by
SHA-256 of the JCS form of the document without ``proof``; Ed25519 signs those 64 bytes and the
signature is written as base58btc multibase (``z…``) in ``proofValue``.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from datetime import datetime

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.utils.translation import gettext

from .common import (
    CanonicalizationError,
    JsonObject,
    canonical_json,
    parse_xml_datetime,
    xml_datetime,
)

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-jcs-2022"
PROOF_PURPOSE = "assertionMethod"
SIGNATURE_LENGTH = 64


@dataclass(frozen=True)
class ProofCheck:
    """The result of checking a proof: ``valid`` and, either way, the ``reason`` in plain words."""

    valid: bool
    reason: str


@dataclass(frozen=True)
class _ReadProof:
    unsecured: JsonObject
    options: JsonObject
    signature: bytes


def sign(
    document: JsonObject,
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime,
) -> JsonObject:
    """Return a copy of ``document`` secured with an ``eddsa-jcs-2022`` DataIntegrityProof.

    ``created`` must be timezone-aware; it is written in UTC to the second. The proof repeats the
    document's ``@context``, as the suite's proof creation step does. Raises ``ValueError`` if the
    document already has a proof (proof sets and chains are not supported) or cannot be
    canonicalised.
    """
    if not isinstance(document, dict):
        raise TypeError("Only a JSON object can be signed.")
    if "proof" in document:
        raise ValueError("The document already has a proof; sign the unsecured document.")
    if not isinstance(verification_method, str) or not verification_method:
        raise ValueError("A verification method id is required.")
    unsecured = copy.deepcopy(document)
    options: JsonObject = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": xml_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    if "@context" in unsecured:
        options["@context"] = copy.deepcopy(unsecured["@context"])
    signature = private_key.sign(hash_data(unsecured, options))
    proof_value = "z" + base58.b58encode(signature).decode("ascii")
    return {**unsecured, "proof": {**options, "proofValue": proof_value}}


def hash_data(unsecured: JsonObject, proof_options: JsonObject) -> bytes:
    """Return the 64 bytes Ed25519 signs: SHA-256(JCS(proof config)) ‖ SHA-256(JCS(document)).

    The proof configuration is ``proof_options`` without ``proofValue`` and with the document's
    ``@context``. Raises :class:`CanonicalizationError` for values JCS cannot represent.
    """
    config = {key: value for key, value in proof_options.items() if key != "proofValue"}
    if "@context" in unsecured:
        config["@context"] = unsecured["@context"]
    config_hash = hashlib.sha256(canonical_json(config)).digest()
    document_hash = hashlib.sha256(canonical_json(unsecured)).digest()
    return config_hash + document_hash


def verify(document: JsonObject, *, public_key: Ed25519PublicKey) -> ProofCheck:
    """Return whether ``document`` carries a valid ``eddsa-jcs-2022`` proof by ``public_key``.

    Never raises for bad input: a missing or malformed proof, another proof type or cryptosuite,
    an unreadable signature or a document JCS cannot represent all give ``valid=False`` with the
    reason.
    """
    read = _read_proof(document)
    if isinstance(read, str):
        return ProofCheck(valid=False, reason=read)
    try:
        data = hash_data(read.unsecured, read.options)
    except CanonicalizationError:
        return ProofCheck(
            valid=False,
            reason=gettext(
                "The credential holds values that cannot be written in canonical JSON, "
                "so its signature cannot be checked."
            ),
        )
    try:
        public_key.verify(read.signature, data)
    except InvalidSignature:
        return ProofCheck(
            valid=False,
            reason=gettext(
                "The signature does not match the content: the credential was changed after it "
                "was signed, or it was signed with another key."
            ),
        )
    return ProofCheck(
        valid=True,
        reason=gettext(
            "The signature matches the content: not one character was changed since the "
            "issuer signed it."
        ),
    )


def inspect_proof(document: JsonObject) -> ProofCheck:
    """Return whether the proof is well-formed for this suite, without checking the signature.

    Lets a verifier refuse a malformed document before looking up any key.
    """
    read = _read_proof(document)
    if isinstance(read, str):
        return ProofCheck(valid=False, reason=read)
    return ProofCheck(valid=True, reason=gettext("The proof is well-formed."))


def proof_verification_method(document: JsonObject) -> str | None:
    """Return the ``verificationMethod`` named by the document's proof, or ``None`` if absent."""
    proof = document.get("proof") if isinstance(document, dict) else None
    method = proof.get("verificationMethod") if isinstance(proof, dict) else None
    return method if isinstance(method, str) and method else None


def _read_proof(document: object) -> _ReadProof | str:
    """Return the parts needed to check the proof, or the reason they cannot be had."""
    if not isinstance(document, dict):
        return gettext("The credential is not a JSON object.")
    proof = document.get("proof")
    if proof is None:
        return gettext("The credential carries no proof, so nothing shows who issued it.")
    if isinstance(proof, list):
        return gettext("The credential carries several proofs; only a single proof is supported.")
    if not isinstance(proof, dict):
        return gettext("The proof is not a JSON object.")
    problem = _options_problem(proof)
    if problem is not None:
        return problem
    signature = _decode_proof_value(proof.get("proofValue"))
    if isinstance(signature, str):
        return signature
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    options = {key: value for key, value in proof.items() if key != "proofValue"}
    if "@context" in options:
        # A proof may pin the contexts it was made under; the document must still start with
        # them, and those are the ones hashed, as the suite's verification step requires.
        if not _starts_with(document.get("@context"), options["@context"]):
            return gettext("The proof's @context does not match the credential's @context.")
        unsecured["@context"] = options["@context"]
    return _ReadProof(unsecured=unsecured, options=options, signature=signature)


def _options_problem(proof: JsonObject) -> str | None:
    """Return why the proof options are unacceptable for this suite, or ``None``."""
    if proof.get("type") != PROOF_TYPE:
        return gettext("The proof is of type “%(type)s”, not DataIntegrityProof.") % {
            "type": proof.get("type")
        }
    if proof.get("cryptosuite") != CRYPTOSUITE:
        return gettext("The proof uses the cryptosuite “%(suite)s”, not eddsa-jcs-2022.") % {
            "suite": proof.get("cryptosuite")
        }
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        return gettext("The proof's purpose is “%(purpose)s”, not assertionMethod.") % {
            "purpose": proof.get("proofPurpose")
        }
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or not method:
        return gettext("The proof does not name the key that made it.")
    if "created" in proof and parse_xml_datetime(proof["created"]) is None:
        return gettext("The proof's creation time is not a valid date and time.")
    return None


def _decode_proof_value(proof_value: object) -> bytes | str:
    """Return the 64 signature bytes of a ``proofValue``, or the reason they cannot be read."""
    if not isinstance(proof_value, str) or not proof_value.startswith("z") or len(proof_value) < 2:
        return gettext("The proof value is missing or is not base58btc multibase text.")
    try:
        signature = base58.b58decode(proof_value[1:])
    except ValueError:
        return gettext("The proof value contains characters outside base58btc.")
    if len(signature) != SIGNATURE_LENGTH:
        return gettext("The signature is %(length)d bytes long; an Ed25519 signature is 64.") % {
            "length": len(signature)
        }
    return signature


def _starts_with(document_context: object, proof_context: object) -> bool:
    """Return whether the document's context list begins with the proof's context entries."""

    def as_list(value: object) -> list[object]:
        return value if isinstance(value, list) else [value]

    expected = as_list(proof_context)
    return as_list(document_context)[: len(expected)] == expected
