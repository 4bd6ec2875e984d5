"""Small helpers shared by the credential modules: JSON typing, dates, canonical JSON."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from typing import Any

import rfc8785

JsonObject = dict[str, Any]
"""A parsed JSON object, as credentials and DID documents are handled throughout."""

VC_CONTEXT_V2 = "https://www.w3.org/ns/credentials/v2"

# XML Schema dateTimeStamp: the VC data model wants an explicit offset so that every verifier
# reads the same instant; a date alone or a local time is rejected rather than guessed.
_DATETIME_STAMP = re.compile(
    r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.ASCII
)


_BASE64URL = re.compile(r"^[A-Za-z0-9_-]*$", re.ASCII)


def base64url_decode(text: str) -> bytes:
    """Return the bytes of unpadded (or padded) base64url ``text``.

    Raises ``ValueError`` on any character outside the base64url alphabet, where the standard
    library's decoder would silently skip it.
    """
    body = text.rstrip("=")
    if not _BASE64URL.match(body) or len(body) % 4 == 1:
        raise ValueError("Not base64url text.")
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))


def base64url_encode(data: bytes) -> str:
    """Return ``data`` as base64url text without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class CanonicalizationError(ValueError):
    """The value cannot be written as canonical JSON (RFC 8785)."""


def canonical_json(value: Any) -> bytes:
    """Return the RFC 8785 (JCS) serialisation of ``value``.

    JCS fixes key order, whitespace, string escapes and number formatting, so that issuer and
    verifier hash the very same bytes however the document was pretty-printed in between.
    Raises :class:`CanonicalizationError` for values JSON cannot carry exactly (NaN, integers
    beyond 2**53, non-string keys, objects of other types).
    """
    try:
        return rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, TypeError, ValueError, RecursionError) as error:
        raise CanonicalizationError(str(error)) from error


def xml_datetime(moment: datetime) -> str:
    """Return ``moment`` as an XML dateTime in UTC to the second, e.g. ``2025-03-01T09:30:00Z``.

    Raises ``ValueError`` for a naive datetime: its instant is ambiguous.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("A timezone-aware datetime is required.")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_xml_datetime(text: object) -> datetime | None:
    """Return the aware datetime written in ``text``, or ``None`` if it is not a dateTimeStamp.

    Fractions beyond microseconds are dropped, as Python cannot hold them.
    """
    if not isinstance(text, str):
        return None
    match = _DATETIME_STAMP.match(text)
    if match is None:
        return None
    whole, fraction, offset = match.groups()
    fraction = (fraction or "")[:7]
    try:
        return datetime.fromisoformat(f"{whole}{fraction}{offset.replace('Z', '+00:00')}")
    except ValueError:
        return None
