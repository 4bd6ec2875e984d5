"""Endorsements of a published version, by people and by organisations through their
administrators.

A person, or an organisation through one of its administrators, endorses a document's latest
version: one row per endorser and version. Endorsing a version again after withdrawing clears the
withdrawal; after a new version, endorsing adds a row for it (the confirmation). Withdrawing
stamps every active row of the endorser on the document. An organisation's endorsement and its
withdrawal are official acts of the organisation, written to the audit log.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnyx.accounts.models import User
from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.orgs.models import Organisation
from pnyx.participation.selectors.notifications import register_message
from pnyx.participation.services.notifications import notify_people
from pnyx.programs import selectors
from pnyx.programs.models import Document, Endorsement, Version

ENDORSEMENT_CONFIRM_EVENT = "programs.endorsement_confirm"


def register_endorsement_messages() -> None:
    """Word the endorsement notifications (called once from the app's `ready`)."""
    register_message(ENDORSEMENT_CONFIRM_EVENT, _endorsement_confirm_message)


def _endorsement_confirm_message(notification: Any) -> str:
    data = notification.data
    message = _("Version %(number)s of “%(title)s” was published: confirm your endorsement.")
    return message % {"number": data.get("number", ""), "title": data.get("title", "")}


def _endorser(actor: User, organisation: Organisation | None) -> dict[str, Any]:
    return {"organisation": organisation} if organisation is not None else {"person": actor}


def _require_endorser(actor: User, document: Document, organisation: Organisation | None) -> None:
    require(actor, "programs.endorse", document)
    if organisation is not None:
        require(actor, "programs.endorse_for_organisation", organisation)


def _already_endorsed(version: Version, organisation: Organisation | None) -> ValidationError:
    if organisation is None:
        message = _("You already endorse version %(number)s.")
        return ValidationError(
            {"version": message % {"number": version.number}}, code="already_endorsed"
        )
    message = _("%(name)s already endorses version %(number)s.")
    return ValidationError(
        {"organisation": message % {"name": organisation.name, "number": version.number}},
        code="already_endorsed",
    )


def _endorsement_row(
    actor: User, document: Document, version: Version, organisation: Organisation | None
) -> tuple[Endorsement, bool]:
    """The endorser's row for the version, made if missing; whether it was made. A concurrent
    request making the same row loses on the unique constraint and reads the winner's row."""
    endorser = _endorser(actor, organisation)
    try:
        with transaction.atomic():
            return Endorsement.objects.get_or_create(
                version=version, **endorser, defaults={"document": document, "endorsed_by": actor}
            )
    except IntegrityError:
        return Endorsement.objects.get(version=version, **endorser), False


def endorsement_add(
    *, actor: User, document: Document, organisation: Organisation | None = None
) -> Endorsement:
    """Endorse the document's latest version, as the person or on behalf of `organisation`.

    Needs `programs.endorse` on the document and, for an organisation, also
    `programs.endorse_for_organisation` on it. Endorsing again a version one withdrew from clears
    the withdrawal; endorsing after a new version confirms the endorsement for it (a new row). An
    endorser who already endorses the latest version gets ValidationError (code
    `already_endorsed`). Records `programs.endorsement_added` for an organisation.
    """
    _require_endorser(actor, document, organisation)
    with transaction.atomic():
        # The lock orders endorsing after a concurrent publication, which then asks to confirm.
        locked = Document.objects.select_for_update(of=("self",)).select_related("latest_version")
        current = locked.get(pk=document.pk)
        version = current.latest_version
        if version is None:
            raise PermissionDenied("programs.endorse")
        endorsement, created = _endorsement_row(actor, current, version, organisation)
        if not created:
            if endorsement.withdrawn_at is None:
                raise _already_endorsed(version, organisation)
            endorsement.withdrawn_at = None
            endorsement.endorsed_by = actor
            endorsement.save(update_fields=["withdrawn_at", "endorsed_by"])
        if organisation is not None:
            audit.record(
                action="programs.endorsement_added",
                actor=actor,
                target=version,
                data=_endorsement_audit_data(version, organisation),
            )
    version.document = current
    endorsement.version = version
    return endorsement


def _endorsement_audit_data(version: Version, organisation: Organisation) -> dict[str, Any]:
    return {
        "document": version.document_id,
        "number": version.number,
        "organisation": organisation.pk,
        "organisation_name": organisation.name,
    }


def endorsement_withdraw(
    *, actor: User, document: Document, organisation: Organisation | None = None
) -> int:
    """Withdraw the person's (or `organisation`'s) endorsement of every version of the document.

    Needs the same permissions as `endorsement_add`. Stamps `withdrawn_at` on the endorser's
    active rows and returns how many there were (0 when there was nothing to withdraw). Records
    `programs.endorsement_withdrawn` when an organisation withdraws an endorsement.
    """
    _require_endorser(actor, document, organisation)
    with transaction.atomic():
        active = Endorsement.objects.filter(
            document=document, withdrawn_at__isnull=True, **_endorser(actor, organisation)
        )
        count = active.update(withdrawn_at=timezone.now())
        if count and organisation is not None and document.latest_version is not None:
            audit.record(
                action="programs.endorsement_withdrawn",
                actor=actor,
                target=document.latest_version,
                data=_endorsement_audit_data(document.latest_version, organisation),
            )
    return count


def ask_endorsers_to_confirm(version: Version, actor: User) -> int:
    """Ask whoever endorses an earlier version of the document to confirm for `version`: the
    people themselves, and every active administrator of an endorsing organisation. Sends
    `programs.endorsement_confirm`; returns how many people were notified. Called by
    `version_publish` inside its transaction."""
    people = selectors.endorsement_people_to_ask(version=version)
    return notify_people(
        event=ENDORSEMENT_CONFIRM_EVENT,
        people=people,
        actor=actor,
        data={
            "title": version.document.title,
            "number": version.number,
            "path": version.get_absolute_url(),
        },
    )
