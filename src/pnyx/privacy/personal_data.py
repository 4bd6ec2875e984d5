"""What the privacy app holds about a person, its consent purposes and the admin access reason.

The privacy app's own records are personal data too: who saw a person's data, their consents,
their downloads and their pending deletion request. They are listed, exported and erased like
every other source.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.core.personal_data import (
    AccessReason,
    ConsentPurpose,
    PersonalDataSource,
    Retention,
    register,
    register_access_reason,
    register_purpose,
)
from pnyx.privacy.models import Consent, DataExport, DeletionRequest, PersonalDataAccess
from pnyx.privacy.services import access, consents, deletion, exports

#: Staff views of a person's data are kept a year, long enough to be questioned.
ACCESS_LOG_RETENTION = Retention(period=timedelta(days=365))


def _moment(value: Any) -> str | None:
    return value.isoformat() if value else None


def export_access_log(person: Any) -> list[dict[str, Any]]:
    """Who was shown the person's non-public data, in which role, when and why."""
    rows = []
    for entry in PersonalDataAccess.objects.filter(person=person).select_related("staff"):
        reason = personal_data.access_reason(entry.reason)
        rows.append(
            {
                "accessed_at": _moment(entry.accessed_at),
                "staff": entry.staff.public_name if entry.staff else None,
                "role": str(reason.role) if reason else "",
                "reason": str(reason.label) if reason else entry.reason,
                "context": entry.detail,
                "data_seen": list(entry.sources),
            }
        )
    return rows


def export_consents(person: Any) -> list[dict[str, Any]]:
    """Every consent choice the person made, newest first."""
    return [
        {
            "purpose": consent.purpose,
            "given": consent.granted,
            "changed_at": _moment(consent.changed_at),
        }
        for consent in Consent.objects.filter(person=person)
    ]


def export_exports(person: Any) -> list[dict[str, Any]]:
    """The downloads the person asked for: when, their state and size (not their content)."""
    return [
        {
            "asked_at": _moment(export.created_at),
            "status": export.status,
            "ready_at": _moment(export.ready_at),
            "expires_at": _moment(export.expires_at),
            "size": export.size,
        }
        for export in DataExport.objects.filter(person=person)
    ]


def delete_access_log(person: Any) -> None:
    access.access_log_delete_for(person=person)


def purge_access_log(before: datetime) -> int:
    return access.access_log_purge(before=before)


def delete_consents(person: Any) -> None:
    consents.consents_delete_for(person=person)


def delete_exports(person: Any) -> None:
    exports.exports_delete_for(person=person)


def delete_deletion_request(person: Any) -> None:
    deletion.deletion_request_delete_for(person=person)


def export_deletion(person: Any) -> dict[str, Any] | None:
    """The person's pending request to delete their account."""
    request = DeletionRequest.objects.filter(person=person).first()
    if request is None:
        return None
    return {
        "reference": request.reference,
        "asked_at": _moment(request.created_at),
        "confirmed_at": _moment(request.confirmed_at),
        "due_at": _moment(request.due_at),
    }


SOURCES = [
    PersonalDataSource(
        key="privacy.access_log",
        label=_("Who saw your data"),
        description=_(
            "Each time a staff member was shown some of your data that is not public: who, in "
            "which role, when, why, and which data."
        ),
        export=export_access_log,
        anonymise=delete_access_log,
        purpose=_("To let you check that staff look at your data only when their work needs it."),
        seen_by=_("Only you."),
        retention=ACCESS_LOG_RETENTION,
        purge=purge_access_log,
    ),
    PersonalDataSource(
        key="privacy.consents",
        label=_("Consents"),
        description=_("What you agreed to or refused, and every change you made, with its date."),
        export=export_consents,
        anonymise=delete_consents,
        purpose=_("To do only what you agreed to, and to be able to show that you agreed."),
        seen_by=_("Only you."),
    ),
    PersonalDataSource(
        key="privacy.exports",
        label=_("Downloads of your data"),
        description=_(
            "When you asked for a download of your data, and whether it is ready. The files "
            "themselves are deleted when they expire."
        ),
        export=export_exports,
        anonymise=delete_exports,
        purpose=_("To prepare your download and keep it for you for a few days."),
        seen_by=_("Only you."),
        retention=Retention(period=settings.PNYX_EXPORT_RETENTION),
        purge=exports.export_purge,
    ),
    PersonalDataSource(
        key="privacy.deletion",
        label=_("Account deletion request"),
        description=_("Your pending request to delete your account, and the day it is due."),
        export=export_deletion,
        anonymise=delete_deletion_request,
        purpose=_("To delete your account on the day you confirmed, unless you cancel."),
        seen_by=_("Only you."),
    ),
]
for _source in SOURCES:
    register(_source)

NEWSLETTER = register_purpose(
    ConsentPurpose(
        key="newsletter",
        label=_("News from Pnyx by e-mail"),
        description=_(
            "A message at most once a month about new features and open-government events. "
            "Without it you get only the e-mails you asked for (confirmations, notifications)."
        ),
    )
)
RECOMMENDATIONS = register_purpose(
    ConsentPurpose(
        key="personalised_recommendations",
        label=_("Personalised recommendations"),
        description=_(
            "Use your profile (country, languages, topics) and what you follow to suggest "
            "consultations, tools and practices. Without it, suggestions are the same for "
            "everyone."
        ),
    )
)

#: Platform administrators shown e-mail addresses or second factors in the Django admin.
ADMIN_SITE = register_access_reason(
    AccessReason(
        key="privacy.admin_site",
        label=_("Administration site: e-mail addresses and sign-in settings"),
        role=_("Platform administrator"),
    )
)
