"""Verifiable credentials for learning: Open Badges 3.0, signed and revocable.

The flow, for an issuer (a partner school):

1. ``generate_private_key`` once per issuer; store ``private_key_to_text``; publish
   ``did_web_document`` at ``did_web_url(did)`` so anyone can find the public key.
2. ``build_open_badge`` from a ``BadgeData`` (its ``credentialStatus`` from ``status_entry``),
   then ``sign`` it with the issuer's key and ``verification_method_id(did)``.
3. Keep one bit list per issuer (``new_bitstring``); to revoke, ``set_bit``, rebuild
   ``status_list_credential``, ``sign`` it and publish it at its URL.

For a verifier: ``verify_credential`` with two look-ups (issuer key, status list), giving a
``Verdict``: an ``Outcome`` and checks in plain words. Nothing here touches a database or the
network; callers bring their own look-ups.
"""

from .badges import (
    Achievement,
    BadgeData,
    Evidence,
    IssuerProfile,
    build_open_badge,
    email_identity,
    new_salt,
    recipient_matches_email,
)
from .common import CanonicalizationError, JsonObject, parse_xml_datetime, xml_datetime
from .keys import (
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

# The submodule ``verify`` (whole-credential verdicts) takes the package attribute of that name,
# so the proof-level check is exported as ``verify_proof``.
from .proof import ProofCheck, sign
from .proof import verify as verify_proof
from .status_list import (
    MIN_BITS,
    StatusListError,
    decode,
    encode,
    get_bit,
    new_bitstring,
    set_bit,
    status_entry,
    status_list_credential,
)
from .verify import Check, Outcome, Verdict, verify_credential

__all__ = [
    "MIN_BITS",
    "Achievement",
    "BadgeData",
    "CanonicalizationError",
    "Check",
    "Evidence",
    "IssuerProfile",
    "JsonObject",
    "KeyFormatError",
    "Outcome",
    "ProofCheck",
    "StatusListError",
    "Verdict",
    "build_open_badge",
    "decode",
    "did_web_document",
    "did_web_url",
    "email_identity",
    "encode",
    "generate_private_key",
    "get_bit",
    "key_from_did_document",
    "new_bitstring",
    "new_salt",
    "parse_xml_datetime",
    "private_key_from_text",
    "private_key_to_text",
    "public_key_from_multibase",
    "public_key_to_multibase",
    "recipient_matches_email",
    "set_bit",
    "sign",
    "status_entry",
    "status_list_credential",
    "verification_method_id",
    "verify_credential",
    "verify_proof",
    "xml_datetime",
]
