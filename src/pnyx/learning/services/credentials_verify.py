"""Verifying a credential against the issuers hosted on this Pnyx, never over the network.

The verification page, the API and `pnyx credentials verify` all call `credential_verify`. An
issuer's key and revocation list are looked up in this database when its DID is one of ours
(`did:web:<this host>:learning:issuers:<slug>`); any other issuer is "unknown issuer".
"""

import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.learning import credentials as vc
from pnyx.learning.selectors.credentials import issuer_find
from pnyx.learning.services.credentials_issuers import (
    issuer_did,
    issuer_did_prefix,
    status_list_document,
    status_list_url,
)

MAX_CREDENTIAL_BYTES = 1024 * 1024
"""The largest credential file read (1 MB): real ones are a few kilobytes."""

OUTCOME_WORDS = {
    vc.Outcome.VALID: gettext_lazy("Valid"),
    vc.Outcome.TAMPERED: gettext_lazy("Tampered with: not valid"),
    vc.Outcome.EXPIRED: gettext_lazy("Expired"),
    vc.Outcome.NOT_YET_VALID: gettext_lazy("Not yet valid"),
    vc.Outcome.REVOKED: gettext_lazy("Revoked by its issuer"),
    vc.Outcome.STATUS_UNCHECKED: gettext_lazy("Revocation could not be checked"),
    vc.Outcome.UNKNOWN_ISSUER: gettext_lazy("Unknown issuer"),
}
"""Each outcome in a few plain words, for the page and the command line."""

OUTCOME_EXPLANATIONS = {
    vc.Outcome.VALID: gettext_lazy(
        "The issuer signed this credential, it has not been changed since, and the issuer has "
        "not revoked it."
    ),
    vc.Outcome.TAMPERED: gettext_lazy(
        "This credential was changed after it was signed, or is not a signed credential: do "
        "not trust what it says."
    ),
    vc.Outcome.EXPIRED: gettext_lazy("The credential was genuine but its validity period is over."),
    vc.Outcome.NOT_YET_VALID: gettext_lazy("The credential's validity period has not begun."),
    vc.Outcome.REVOKED: gettext_lazy(
        "The credential is genuine, but its issuer has withdrawn it: it no longer counts."
    ),
    vc.Outcome.STATUS_UNCHECKED: gettext_lazy(
        "The signature is right, but whether the issuer revoked the credential could not be "
        "checked."
    ),
    vc.Outcome.UNKNOWN_ISSUER: gettext_lazy(
        "The credential was not issued by a partner of this Pnyx, so its signature cannot be "
        "checked here."
    ),
}
"""What each outcome means for whoever relies on the credential."""


def _slug_of(did: str) -> str | None:
    prefix = issuer_did_prefix()
    slug = did[len(prefix) :] if did.startswith(prefix) else ""
    return slug if slug and ":" not in slug else None


def resolve_key(verification_method: str) -> Ed25519PublicKey | None:
    """Return the public key of a verification method of an issuer hosted here, else None."""
    did = verification_method.split("#", 1)[0]
    slug = _slug_of(did)
    issuer = issuer_find(slug=slug) if slug else None
    if issuer is None or issuer_did(issuer.partner) != did:
        return None
    document = {
        "id": did,
        "verificationMethod": [
            {
                "id": vc.verification_method_id(did),
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": issuer.key.public_key_multibase,
            }
        ],
        "assertionMethod": [vc.verification_method_id(did)],
    }
    return vc.key_from_did_document(document, verification_method)


def resolve_status(url: str) -> vc.JsonObject | None:
    """Return the signed revocation list published at `url` by an issuer hosted here."""
    marker = "/learning/issuers/"
    if marker not in url:
        return None
    slug = url.split(marker, 1)[1].split("/", 1)[0]
    issuer = issuer_find(slug=slug)
    if issuer is None or status_list_url(issuer.partner) != url:
        return None
    return status_list_document(partner=issuer.partner, key=issuer.key, status=issuer.status)


def credential_verify(*, document: Any) -> vc.Verdict:
    """Return the verdict on a parsed credential: format, issuer, signature, dates, revocation.

    Anyone may verify; nothing is written. Never raises for bad input: it gets a verdict.
    """
    return vc.verify_credential(
        document, resolve_key=resolve_key, resolve_status=resolve_status, now=timezone.now()
    )


def credential_parse(content: bytes | str) -> Any:
    """Return the JSON value in `content` (at most 1 MB).

    Raises ValidationError with a sentence saying what is wrong: too large, not UTF-8 text, not
    JSON (with the line and column), or not a JSON object.
    """
    size = len(content.encode("utf-8") if isinstance(content, str) else content)
    if size > MAX_CREDENTIAL_BYTES:
        raise ValidationError(
            _("The credential is larger than 1 MB; credentials are a few kilobytes."),
            code="too_large",
        )
    if not (content.strip() if isinstance(content, str) else content.strip()):
        raise ValidationError(_("Paste the credential or choose its file."), code="required")
    try:
        value = json.loads(content)
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not UTF-8 text."), code="encoding") from None
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("This is not valid JSON (line %(line)s, column %(column)s: %(problem)s).")
            % {"line": error.lineno, "column": error.colno, "problem": error.msg},
            code="json",
        ) from None
    except RecursionError:
        raise ValidationError(_("This JSON is nested too deeply."), code="json") from None
    if not isinstance(value, dict):
        raise ValidationError(_("A credential is a JSON object, in braces { }."), code="not_object")
    return value
