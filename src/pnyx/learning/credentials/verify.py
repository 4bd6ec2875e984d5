"""Verifying a credential end to end, with a verdict and checks a non-expert can read.

The caller supplies two look-ups, so this module never touches a database or the network:
``resolve_key(verification_method)`` returns the issuer's Ed25519 public key (or ``None``), and
``resolve_status(url)`` returns the signed status list credential published there (or ``None``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils.translation import gettext

from . import proof
from .common import VC_CONTEXT_V2, JsonObject, parse_xml_datetime
from .status_list import (
    REVOCATION,
    STATUS_ENTRY_TYPE,
    StatusListError,
    entry_index,
    get_bit,
    list_bits,
)

logger = logging.getLogger(__name__)

KeyResolver = Callable[[str], Ed25519PublicKey | None]
StatusResolver = Callable[[str], JsonObject | None]


class Outcome(StrEnum):
    """What a verifier concludes, from best to worst news for the holder."""

    VALID = "valid"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    STATUS_UNCHECKED = "status_unchecked"
    UNKNOWN_ISSUER = "unknown_issuer"
    TAMPERED = "tampered"


@dataclass(frozen=True)
class Check:
    """One check in plain words: a stable ``name`` for code, a ``title``, and a ``detail``."""

    name: str
    title: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class Verdict:
    """The outcome of verifying a credential and the checks that led to it, in order."""

    outcome: Outcome
    checks: tuple[Check, ...]
    issuer_id: str | None = None

    @property
    def valid(self) -> bool:
        """Whether the credential can be trusted as it stands today."""
        return self.outcome is Outcome.VALID


@dataclass(frozen=True)
class _Step:
    """A check plus the outcome it forces, if any."""

    check: Check
    outcome: Outcome | None = None


def verify_credential(
    document: JsonObject,
    *,
    resolve_key: KeyResolver,
    resolve_status: StatusResolver,
    now: datetime,
) -> Verdict:
    """Return the verdict on ``document``: format, issuer key, signature, dates, revocation.

    Checking stops at the first check that makes the rest meaningless (a malformed document,
    an unknown issuer, a broken signature). Otherwise the outcome is, by precedence, ``revoked``,
    ``expired``, ``not_yet_valid``, ``status_unchecked`` (the revocation list could not be
    obtained or trusted), then ``valid``. ``now`` must be timezone-aware. Bad input never
    raises; exceptions from the resolvers count as "not found".
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime.")
    try:
        return _verify(document, resolve_key, resolve_status, now)
    except Exception:  # the last safety net: a verdict, never a crash, for any input
        logger.exception("Unexpected error while verifying a credential")
        check = Check(
            name="format",
            title=gettext("Format"),
            passed=False,
            detail=gettext("The file could not be read as a credential."),
        )
        return Verdict(outcome=Outcome.TAMPERED, checks=(check,))


def _verify(
    document: JsonObject,
    resolve_key: KeyResolver,
    resolve_status: StatusResolver,
    now: datetime,
) -> Verdict:
    checks: list[Check] = []
    format_step, issuer_id = _check_format(document)
    checks.append(format_step.check)
    if format_step.outcome is not None or issuer_id is None:
        return Verdict(outcome=Outcome.TAMPERED, checks=tuple(checks))
    issuer_step, key = _check_issuer(document, issuer_id, resolve_key)
    checks.append(issuer_step.check)
    if issuer_step.outcome is not None or key is None:
        return Verdict(issuer_step.outcome or Outcome.TAMPERED, tuple(checks), issuer_id)
    signature = proof.verify(document, public_key=key)
    checks.append(Check("signature", gettext("Signature"), signature.valid, signature.reason))
    if not signature.valid:
        return Verdict(Outcome.TAMPERED, tuple(checks), issuer_id)
    status_context = _StatusContext(issuer_id, key, resolve_status, now)
    later = [_check_dates(document, now), _check_status(document, status_context)]
    checks.extend(step.check for step in later)
    forced = {step.outcome for step in later if step.outcome is not None}
    for outcome in (Outcome.REVOKED, Outcome.EXPIRED, Outcome.NOT_YET_VALID):
        if outcome in forced:
            return Verdict(outcome, tuple(checks), issuer_id)
    final = Outcome.STATUS_UNCHECKED if forced else Outcome.VALID
    return Verdict(final, tuple(checks), issuer_id)


def _format_step(problem: str | None) -> _Step:
    title = gettext("Format")
    if problem is not None:
        return _Step(Check("format", title, False, problem), Outcome.TAMPERED)
    detail = gettext("The file is a verifiable credential in the expected format.")
    return _Step(Check("format", title, True, detail))


def issuer_of(document: JsonObject) -> str | None:
    """Return the issuer id of a credential (``issuer`` may be a string or a profile object)."""
    issuer = document.get("issuer") if isinstance(document, dict) else None
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) and issuer else None


def _check_format(document: object) -> tuple[_Step, str | None]:
    """Return the format check and, when it passes, the issuer id."""
    if not isinstance(document, dict):
        return _format_step(gettext("The file is not a JSON object.")), None
    context = document.get("@context")
    if not isinstance(context, list) or not context or context[0] != VC_CONTEXT_V2:
        return _format_step(gettext("The file is not a W3C Verifiable Credential 2.0.")), None
    types = document.get("type")
    if not isinstance(types, list) or "VerifiableCredential" not in types:
        return _format_step(gettext("The file does not declare itself a credential.")), None
    issuer_id = issuer_of(document)
    if issuer_id is None:
        return _format_step(gettext("The credential does not say who issued it.")), None
    if not isinstance(document.get("credentialSubject"), dict | list):
        return _format_step(gettext("The credential does not say what it is about.")), None
    for field in ("validFrom", "validUntil"):
        if field in document and parse_xml_datetime(document[field]) is None:
            problem = gettext("The credential's dates are not valid dates and times.")
            return _format_step(problem), None
    shape = proof.inspect_proof(document)
    if not shape.valid:
        return _format_step(shape.reason), None
    return _format_step(None), issuer_id


def _resolve_safely(resolver: Callable[[str], object], reference: str) -> object:
    """Return the resolver's answer, or ``None`` if it fails: a lookup error is a lookup miss."""
    try:
        return resolver(reference)
    except Exception:  # the caller's resolver may do I/O; its failure must not crash a verdict
        logger.warning("Resolving %s failed", reference, exc_info=True)
        return None


def _check_issuer(
    document: JsonObject, issuer_id: str, resolve_key: KeyResolver
) -> tuple[_Step, Ed25519PublicKey | None]:
    """Return the issuer check and the issuer's public key when it is known."""
    title = gettext("Issuer")
    method = proof.proof_verification_method(document) or ""
    signer = method.split("#", 1)[0]
    names = {"issuer": _issuer_label(document, issuer_id), "signer": signer}
    if signer != issuer_id:
        detail = gettext(
            "The credential names %(issuer)s as its issuer, but it was signed with a key of "
            "%(signer)s."
        )
        return _Step(Check("issuer", title, False, detail % names), Outcome.TAMPERED), None
    key = _resolve_safely(resolve_key, method)
    if not isinstance(key, Ed25519PublicKey):
        detail = gettext(
            "The public key of %(issuer)s could not be found, so nobody can confirm that this "
            "issuer signed the credential."
        )
        return _Step(Check("issuer", title, False, detail % names), Outcome.UNKNOWN_ISSUER), None
    detail = gettext("The credential was issued by %(issuer)s, whose public key was found.")
    return _Step(Check("issuer", title, True, detail % names)), key


def _issuer_label(document: JsonObject, issuer_id: str) -> str:
    issuer = document.get("issuer")
    name = issuer.get("name") if isinstance(issuer, dict) else None
    return f"{name} ({issuer_id})" if isinstance(name, str) and name else issuer_id


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _check_dates(document: JsonObject, now: datetime) -> _Step:
    """Return the validity-period check: expired, not yet valid, or within its period."""
    title = gettext("Validity period")
    start = parse_xml_datetime(document.get("validFrom"))
    end = parse_xml_datetime(document.get("validUntil"))
    if end is not None and now > end:
        detail = gettext("The credential expired on %(date)s.") % {"date": _when(end)}
        return _Step(Check("validity", title, False, detail), Outcome.EXPIRED)
    if start is not None and now < start:
        detail = gettext("The credential only becomes valid on %(date)s.") % {"date": _when(start)}
        return _Step(Check("validity", title, False, detail), Outcome.NOT_YET_VALID)
    if end is not None:
        detail = gettext("The credential is valid until %(date)s.") % {"date": _when(end)}
    else:
        detail = gettext("The credential has no end date: it does not expire.")
    return _Step(Check("validity", title, True, detail))


@dataclass(frozen=True)
class _StatusContext:
    """What checking a status list needs: whose list it must be, its key, the lookup, the time."""

    issuer_id: str
    key: Ed25519PublicKey
    resolve_status: StatusResolver
    now: datetime


def _revocation_entries(document: JsonObject) -> list[JsonObject] | None:
    """Return the credential's revocation status entries, or ``None`` if one cannot be used."""
    status = document.get("credentialStatus")
    entries = status if isinstance(status, list) else [] if status is None else [status]
    wanted = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != STATUS_ENTRY_TYPE:
            return None
        if entry.get("statusPurpose") == REVOCATION:
            wanted.append(entry)
    return wanted


def _check_status(document: JsonObject, context: _StatusContext) -> _Step:
    """Return the revocation check, looking each revocation entry up in its signed list."""
    title = gettext("Revocation")
    entries = _revocation_entries(document)
    if entries is None:
        detail = gettext("The credential's status uses a method that cannot be checked here.")
        return _Step(Check("status", title, False, detail), Outcome.STATUS_UNCHECKED)
    if not entries:
        detail = gettext("The issuer gave no revocation list: this credential cannot be revoked.")
        return _Step(Check("status", title, True, detail))
    for entry in entries:
        revoked, problem = _read_entry(entry, context)
        if problem is not None:
            detail = gettext("Whether the issuer revoked it could not be checked. %(reason)s") % {
                "reason": problem
            }
            return _Step(Check("status", title, False, detail), Outcome.STATUS_UNCHECKED)
        if revoked:
            detail = gettext("The issuer has revoked this credential.")
            return _Step(Check("status", title, False, detail), Outcome.REVOKED)
    detail = gettext("The issuer has not revoked this credential.")
    return _Step(Check("status", title, True, detail))


def _read_entry(entry: JsonObject, context: _StatusContext) -> tuple[bool, str | None]:
    """Return (revoked?, None), or (False, the reason the entry's bit cannot be trusted)."""
    url = entry.get("statusListCredential")
    if not isinstance(url, str) or not url:
        return False, gettext("The credential does not say where its revocation list is.")
    try:
        index = entry_index(entry)
    except StatusListError as error:
        return False, str(error)
    bits = _load_list(url, context)
    if isinstance(bits, str):
        return False, bits
    try:
        return get_bit(bits, index), None
    except IndexError:
        return False, gettext("The credential's position is beyond the end of the list.")


def _load_list(url: str, context: _StatusContext) -> bytes | str:
    """Return the bits of the trusted list at ``url``, or the reason it cannot be trusted."""
    listing = _resolve_safely(context.resolve_status, url)
    if not isinstance(listing, dict):
        return gettext("The revocation list could not be obtained.")
    if issuer_of(listing) != context.issuer_id or listing.get("id", url) != url:
        return gettext("The revocation list was not published by the credential's issuer.")
    if not proof.verify(listing, public_key=context.key).valid:
        return gettext("The revocation list is not signed by the credential's issuer.")
    end = parse_xml_datetime(listing.get("validUntil"))
    if "validUntil" in listing and (end is None or context.now > end):
        return gettext("The revocation list is out of date.")
    try:
        return list_bits(listing, purpose=REVOCATION)
    except StatusListError as error:
        return str(error)
