"""Bitstring Status List v1.0: the compressed bit list an issuer publishes to revoke credentials.

Each credential points at one bit of a list (``credentialStatus``); the issuer sets that bit to
revoke it and re-signs the list. The list is long (at least 131,072 bits) so that fetching it
does not reveal which credential a verifier is checking.
"""

from __future__ import annotations

import gzip
import zlib
from datetime import datetime

from django.utils.translation import gettext

from .common import VC_CONTEXT_V2, JsonObject, base64url_decode, base64url_encode, xml_datetime

MIN_BITS = 131_072
"""The specification's minimum list length (16 KB), for group privacy."""

MAX_BITS = 8 * 16 * 1024 * 1024
"""The longest list a verifier will inflate (16 MB), so a crafted list cannot exhaust memory."""

REVOCATION = "revocation"
STATUS_LIST_TYPE = "BitstringStatusList"
STATUS_LIST_CREDENTIAL_TYPE = "BitstringStatusListCredential"
STATUS_ENTRY_TYPE = "BitstringStatusListEntry"


class StatusListError(ValueError):
    """A status list or a status entry could not be read; the message says what is wrong."""


def new_bitstring(size: int = MIN_BITS) -> bytearray:
    """Return a list of ``size`` bits, all zero (nothing revoked).

    Raises ``ValueError`` unless ``size`` is a multiple of 8 and at least :data:`MIN_BITS`.
    """
    if size < MIN_BITS or size % 8:
        raise ValueError(f"A status list needs a multiple of 8 bits, at least {MIN_BITS}.")
    return bytearray(size // 8)


def _locate(bits: bytes | bytearray, index: int) -> tuple[int, int]:
    """Return (byte position, bit mask) of ``index``; index 0 is the first byte's left-most bit."""
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(bits) * 8:
        raise IndexError(f"Bit {index!r} is outside a list of {len(bits) * 8} bits.")
    return index // 8, 0x80 >> (index % 8)


def get_bit(bits: bytes | bytearray, index: int) -> bool:
    """Return whether bit ``index`` is set. Raises ``IndexError`` outside the list."""
    position, mask = _locate(bits, index)
    return bool(bits[position] & mask)


def set_bit(bits: bytearray, index: int, value: bool = True) -> None:
    """Set (or, with ``value=False``, clear) bit ``index`` in place. Raises ``IndexError``."""
    position, mask = _locate(bits, index)
    if value:
        bits[position] |= mask
    else:
        bits[position] &= ~mask & 0xFF


def encode(bits: bytes | bytearray) -> str:
    """Return the ``encodedList`` text: ``u`` + unpadded base64url of the GZIP-compressed bits.

    The GZIP header's timestamp is fixed at zero so that the same bits always encode (and so
    sign) identically.
    """
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64url_encode(compressed)


def decode(text: str) -> bytes:
    """Return the bits written in an ``encodedList`` value.

    Raises :class:`StatusListError` if the text is not ``u``-prefixed base64url of GZIP data, or
    inflates beyond :data:`MAX_BITS`. The minimum length is checked by the caller, who knows
    whether a short list is acceptable.
    """
    if not isinstance(text, str) or not text.startswith("u"):
        raise StatusListError(
            gettext("The encoded list is not base64url multibase text (starting with u).")
        )
    try:
        compressed = base64url_decode(text[1:])
    except ValueError as error:
        raise StatusListError(gettext("The encoded list is not valid base64url.")) from error
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        bits = inflater.decompress(compressed, MAX_BITS // 8)
    except zlib.error as error:
        raise StatusListError(gettext("The encoded list is not valid GZIP data.")) from error
    if inflater.unconsumed_tail:
        raise StatusListError(gettext("The encoded list is too long to be read."))
    if not inflater.eof:
        raise StatusListError(gettext("The encoded list is cut short."))
    return bits


def status_list_credential(
    *,
    list_url: str,
    issuer: str | JsonObject,
    bits: bytes | bytearray,
    valid_from: datetime,
    valid_until: datetime | None = None,
    purpose: str = REVOCATION,
) -> JsonObject:
    """Return the unsigned ``BitstringStatusListCredential`` to publish at ``list_url``.

    ``issuer`` is the issuer's DID (or profile object); sign the result with the issuer's key
    like any credential, and re-sign it whenever a bit changes.
    """
    document: JsonObject = {
        "@context": [VC_CONTEXT_V2],
        "id": list_url,
        "type": ["VerifiableCredential", STATUS_LIST_CREDENTIAL_TYPE],
        "issuer": issuer,
        "validFrom": xml_datetime(valid_from),
    }
    if valid_until is not None:
        document["validUntil"] = xml_datetime(valid_until)
    document["credentialSubject"] = {
        "id": f"{list_url}#list",
        "type": STATUS_LIST_TYPE,
        "statusPurpose": purpose,
        "encodedList": encode(bits),
    }
    return document


def status_entry(*, list_url: str, index: int, purpose: str = REVOCATION) -> JsonObject:
    """Return the ``credentialStatus`` entry pointing a credential at bit ``index`` of a list."""
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise ValueError("A status list index is a non-negative integer.")
    return {
        "id": f"{list_url}#{index}",
        "type": STATUS_ENTRY_TYPE,
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def entry_index(entry: JsonObject) -> int:
    """Return the bit index a ``credentialStatus`` entry points at.

    Raises :class:`StatusListError` unless ``statusListIndex`` is a decimal string (or integer).
    """
    value = entry.get("statusListIndex") if isinstance(entry, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 12:
        return int(value)
    raise StatusListError(gettext("The status entry has no valid statusListIndex."))


def list_bits(list_credential: JsonObject, *, purpose: str = REVOCATION) -> bytes:
    """Return the bits of a (separately verified) status list credential.

    Raises :class:`StatusListError` if it is not a ``BitstringStatusList`` for ``purpose`` or its
    list is unreadable or shorter than :data:`MIN_BITS`.
    """
    subject = (
        list_credential.get("credentialSubject") if isinstance(list_credential, dict) else None
    )
    if not isinstance(subject, dict) or subject.get("type") != STATUS_LIST_TYPE:
        raise StatusListError(
            gettext("The status list credential does not hold a BitstringStatusList.")
        )
    declared = subject.get("statusPurpose")
    if purpose not in (declared if isinstance(declared, list) else [declared]):
        raise StatusListError(
            gettext("The status list is not a “%(purpose)s” list.") % {"purpose": purpose}
        )
    encoded = subject.get("encodedList")
    if not isinstance(encoded, str):
        raise StatusListError(gettext("The status list has no encoded list."))
    bits = decode(encoded)
    if len(bits) * 8 < MIN_BITS:
        raise StatusListError(
            gettext("The status list is shorter than %(bits)d bits.") % {"bits": MIN_BITS}
        )
    return bits
