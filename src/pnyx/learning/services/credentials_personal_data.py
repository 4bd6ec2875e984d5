"""What the credentials hold about a person, registered in the personal-data registry.

- Export: each credential's signed document, exactly as issued (it names the learner by a salted
  hash of their e-mail address), with its name, issuer, dates and revocation.
- Erasure: when the account is deleted, **each of the learner's credentials is first revoked**
  (its bit set in the issuer's published revocation list, so a copy of the file shared earlier
  no longer checks as valid once nobody stands behind it), **then deleted**. Nothing of them is
  kept; the revocation list only holds anonymous bits.
"""

import json
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.learning.models import Credential
from pnyx.learning.services.credentials import status_bits_set


def export_credentials(person: Any) -> list[dict[str, Any]]:
    """The person's credentials, oldest first, each with its signed document."""
    found = (
        Credential.objects.filter(learner=person)
        .select_related("partner__organisation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "public_id": str(credential.public_id),
            "name": credential.name,
            "kind": credential.kind,
            "issuer": credential.partner.organisation.name,
            "issued_at": credential.created_at.isoformat(),
            "revoked_at": credential.revoked_at.isoformat() if credential.revoked_at else None,
            "revoked_reason": credential.revoked_reason,
            "document": credential.document,
        }
        for credential in found
    ]


def credential_rows(person: Any) -> list[dict[str, Any]]:
    """The export as a flat table: the signed document as JSON text in one column."""
    return [
        {**row, "document": json.dumps(row["document"], ensure_ascii=False)}
        for row in export_credentials(person)
    ]


def erase_credentials(person: Any) -> None:
    """Revoke every credential of the person that is not revoked yet, then delete them all."""
    with transaction.atomic():
        credentials = list(Credential.objects.select_for_update().filter(learner=person))
        valid = [c for c in credentials if c.revoked_at is None]
        # Partners in a fixed order, so that two erasures never wait on each other's locks.
        for partner_id in sorted({c.partner_id for c in valid}):
            indexes = [c.status_index for c in valid if c.partner_id == partner_id]
            status_bits_set(partner_id=partner_id, indexes=indexes)
        Credential.objects.filter(pk__in=[c.pk for c in credentials]).delete()


def register_credential_data() -> None:
    """Declare the credentials as personal data (called from the app's `ready`)."""
    personal_data.register(
        personal_data.PersonalDataSource(
            key="learning.credentials",
            label=_("Learning credentials"),
            description=_(
                "The credentials partners issued to you for credits or completed courses: each "
                "signed document, which names you by a fingerprint of your e-mail address."
            ),
            export=export_credentials,
            anonymise=erase_credentials,
            rows=credential_rows,
            purpose=_("To let you prove what you learned, with a file anyone can check."),
            visibility=personal_data.Visibility.PRIVATE,
            seen_by=_(
                "You, and the partner that issued each one (its committee chair and "
                "administrators, who may revoke it). When your account is deleted, each "
                "credential is revoked, then deleted."
            ),
        )
    )
