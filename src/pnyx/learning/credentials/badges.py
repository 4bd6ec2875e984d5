"""Unsigned Open Badges 3.0 ``OpenBadgeCredential`` documents built from plain values.

The learner is named by a salted SHA-256 hash of their email (an ``IdentityObject``), so the
credential file can be shared without disclosing the address; whoever knows the address can
still confirm the match with :func:`recipient_matches_email`.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from .common import VC_CONTEXT_V2, JsonObject, xml_datetime

OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_CONTEXT = [VC_CONTEXT_V2, OB_CONTEXT]
CREDENTIAL_TYPE = ["VerifiableCredential", "OpenBadgeCredential"]
EMAIL_IDENTITY_TYPE = "emailAddress"
_HASH_PREFIX = "sha256$"


@dataclass(frozen=True)
class IssuerProfile:
    """The issuing institution: its ``did:web`` DID, display name and home page URL."""

    did: str
    name: str
    url: str


@dataclass(frozen=True)
class Achievement:
    """What was achieved. ``id`` is a stable URL for the course or competency itself."""

    id: str
    name: str
    description: str
    criteria: str
    achievement_type: str = "Course"
    credits_available: int | float | Decimal | None = None


@dataclass(frozen=True)
class Evidence:
    """One piece of the learner's work, told in words, optionally with a URL to it."""

    name: str
    narrative: str
    id: str | None = None


@dataclass(frozen=True)
class BadgeData:
    """Everything an ``OpenBadgeCredential`` says.

    The learner is named by ``learner_email`` (stored only as a salted hash; keep ``email_salt``
    with the award) and/or ``learner_id`` (a DID or URL the learner controls). ``name`` defaults
    to the achievement's name. ``credential_status`` comes from
    :func:`~pnyx.learning.credentials.status_list.status_entry`.
    """

    credential_id: str
    issuer: IssuerProfile
    achievement: Achievement
    valid_from: datetime
    learner_email: str | None = None
    email_salt: str = ""
    learner_id: str | None = None
    valid_until: datetime | None = None
    name: str | None = None
    evidence: Sequence[Evidence] = ()
    credential_status: JsonObject | None = None


def new_salt() -> str:
    """Return a random salt (32 hex characters) for hashing a learner's email."""
    return secrets.token_hex(16)


def _normalise_email(email: str) -> str:
    # Addresses differing only in case or surrounding spaces reach the same person in practice.
    return email.strip().lower()


def email_identity(email: str, salt: str) -> JsonObject:
    """Return an ``IdentityObject`` naming the learner by ``sha256$`` of email and salt.

    The email is trimmed and lower-cased first, then hashed as UTF-8 with the salt appended.
    """
    if not email or "@" not in email:
        raise ValueError("A learner email address is required.")
    digest = hashlib.sha256((_normalise_email(email) + salt).encode("utf-8")).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": _HASH_PREFIX + digest,
        "identityType": EMAIL_IDENTITY_TYPE,
        "hashed": True,
        "salt": salt,
    }


def recipient_matches_email(credential: JsonObject, email: str) -> bool:
    """Return whether ``email`` is the address the credential's learner is identified by."""
    subject = credential.get("credentialSubject") if isinstance(credential, dict) else None
    identifiers = subject.get("identifier") if isinstance(subject, dict) else None
    if not isinstance(identifiers, list) or not isinstance(email, str) or not email:
        return False
    return any(_identity_matches(identity, email) for identity in identifiers)


def _identity_matches(identity: object, email: str) -> bool:
    if not isinstance(identity, dict) or identity.get("identityType") != EMAIL_IDENTITY_TYPE:
        return False
    stated = identity.get("identityHash")
    if not isinstance(stated, str):
        return False
    if identity.get("hashed") is not True:
        return _normalise_email(stated) == _normalise_email(email)
    salt = identity.get("salt", "")
    if not stated.startswith(_HASH_PREFIX) or not isinstance(salt, str):
        return False
    expected = hashlib.sha256((_normalise_email(email) + salt).encode("utf-8")).hexdigest()
    return hmac.compare_digest(stated[len(_HASH_PREFIX) :].lower(), expected)


def plain_number(value: int | float | Decimal) -> int | float:
    """Return ``value`` as a JSON number JCS can write exactly (``Decimal`` becomes int/float).

    Raises ``ValueError`` for booleans, negative, infinite or NaN values.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError("Credits must be a number.")
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if not math.isfinite(value) or value < 0:
        raise ValueError("Credits must be a finite, non-negative number.")
    return int(value) if isinstance(value, float) and value.is_integer() else value


def achievement_document(achievement: Achievement) -> JsonObject:
    """Return the OB 3.0 ``Achievement`` object for ``achievement``."""
    document: JsonObject = {
        "id": achievement.id,
        "type": ["Achievement"],
        "name": achievement.name,
        "description": achievement.description,
        "criteria": {"narrative": achievement.criteria},
        "achievementType": achievement.achievement_type,
    }
    if achievement.credits_available is not None:
        document["creditsAvailable"] = plain_number(achievement.credits_available)
    return document


def evidence_document(evidence: Evidence) -> JsonObject:
    """Return the OB 3.0 ``Evidence`` object for one piece of evidence."""
    document: JsonObject = {"type": ["Evidence"], "name": evidence.name}
    if evidence.id:
        document["id"] = evidence.id
    document["narrative"] = evidence.narrative
    return document


def _issuer(issuer: IssuerProfile) -> JsonObject:
    profile: JsonObject = {"id": issuer.did, "type": ["Profile"], "name": issuer.name}
    if issuer.url:
        profile["url"] = issuer.url
    return profile


def _subject(data: BadgeData) -> JsonObject:
    subject: JsonObject = {"type": ["AchievementSubject"]}
    if data.learner_id:
        subject["id"] = data.learner_id
    if data.learner_email:
        subject["identifier"] = [email_identity(data.learner_email, data.email_salt)]
    if len(subject) == 1:
        raise ValueError("The learner needs an email address or an id.")
    subject["achievement"] = achievement_document(data.achievement)
    return subject


def build_open_badge(data: BadgeData) -> JsonObject:
    """Return the unsigned ``OpenBadgeCredential`` for ``data``, ready for :func:`proof.sign`.

    Raises ``ValueError`` when a required value is missing, a date is naive, the validity period
    ends before it starts, or the credits are not a plain non-negative number.
    """
    for label, text in (
        ("credential id", data.credential_id),
        ("issuer DID", data.issuer.did),
        ("issuer name", data.issuer.name),
        ("achievement id", data.achievement.id),
        ("achievement name", data.achievement.name),
    ):
        if not text:
            raise ValueError(f"The {label} is required.")
    valid_from = xml_datetime(data.valid_from)
    valid_until = None if data.valid_until is None else xml_datetime(data.valid_until)
    if data.valid_until is not None and data.valid_until <= data.valid_from:
        raise ValueError("The credential must expire after it becomes valid.")
    document: JsonObject = {
        "@context": list(CREDENTIAL_CONTEXT),
        "id": data.credential_id,
        "type": list(CREDENTIAL_TYPE),
        "issuer": _issuer(data.issuer),
        "validFrom": valid_from,
        "name": data.name or data.achievement.name,
        "credentialSubject": _subject(data),
    }
    if valid_until is not None:
        document["validUntil"] = valid_until
    if data.evidence:
        document["evidence"] = [evidence_document(item) for item in data.evidence]
    if data.credential_status is not None:
        document["credentialStatus"] = dict(data.credential_status)
    return document
