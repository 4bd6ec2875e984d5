"""Engagement entries written by the learner: adding, changing, deleting and sharing them.

Adding needs `learning.add_engagement_entry` (a confirmed address); changing and deleting need
`learning.change_engagement_entry` / `learning.delete_engagement_entry` (one's own written entry
that no application, other than a withdrawn one, rests on); sharing needs
`learning.share_engagement_entry` (one's own entry). Naming a referee e-mails them a link to
confirm; changing what they confirmed asks them again.
"""

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnyx.core.permissions import require
from pnyx.learning.models import EngagementEntry, EngagementSource
from pnyx.learning.selectors import engagement as selectors
from pnyx.learning.services import engagement_evidence as evidence_files
from pnyx.learning.services import engagement_personal_data
from pnyx.learning.services.engagement_referees import referee_request
from pnyx.participation.selectors.notifications import register_message

MAX_HOURS = Decimal(10000)
_web_address = URLValidator(schemes=["http", "https"])
#: What a referee confirms: changing one of these asks them again.
CONFIRMED_FIELDS = (
    "activity",
    "organisation_id",
    "organisation_name",
    "started_on",
    "ended_on",
    "hours",
    "description",
    "referee_name",
    "referee_email",
)


@dataclass(frozen=True)
class EntryFields:
    """What the learner writes in an entry; `organisation` is the address name (slug) of an
    organisation on Pnyx, `organisation_name` a free text for one that is not."""

    activity: str
    started_on: date | None
    ended_on: date | None = None
    organisation: str = ""
    organisation_name: str = ""
    hours: Decimal | None = None
    description: str = ""
    evidence_url: str = ""
    referee_name: str = ""
    referee_email: str = ""
    shared: bool = False

    @classmethod
    def of(cls, entry: EngagementEntry) -> "EntryFields":
        """The entry's current values (to change some of them with `dataclasses.replace`)."""
        values = {field.name: getattr(entry, field.name) for field in fields(cls)}
        values["organisation"] = entry.organisation.slug if entry.organisation else ""
        return cls(**values)


class _Errors(dict[str, list[str]]):
    def add(self, name: str, message: str) -> None:
        self.setdefault(name, []).append(message)


def _text(errors: _Errors, name: str, value: str, limit: int, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        errors.add(name, _("This field is required."))
    elif len(text) > limit:
        errors.add(name, _("At most %(limit)s characters.") % {"limit": limit})
    return text


def _dates(errors: _Errors, started_on: date | None, ended_on: date | None) -> None:
    if started_on is None:
        errors.add("started_on", _("Give the day the activity started."))
    elif started_on > timezone.localdate():
        errors.add("started_on", _("The activity cannot start in the future."))
    elif ended_on is not None and ended_on < started_on:
        errors.add("ended_on", _("The activity cannot end before it starts."))


def _hours(errors: _Errors, hours: Decimal | None) -> None:
    if hours is None:
        return
    exponent = hours.as_tuple().exponent
    if not hours.is_finite() or hours < 0 or hours > MAX_HOURS:
        errors.add("hours", _("Give a number of hours from 0 to %(max)s.") % {"max": MAX_HOURS})
    elif isinstance(exponent, int) and exponent < -1:
        errors.add("hours", _("Give the hours with at most one decimal."))


def _url(errors: _Errors, value: str) -> str:
    url = _text(errors, "evidence_url", value, 500)
    if url:
        try:
            _web_address(url)
        except ValidationError:
            errors.add("evidence_url", _("Give a web address starting with https:// or http://."))
    return url


def _referee(errors: _Errors, actor: Any, fields_in: EntryFields) -> tuple[str, str]:
    name = _text(errors, "referee_name", fields_in.referee_name, 200)
    email = _text(errors, "referee_email", fields_in.referee_email, 254).lower()
    if email and not name:
        errors.add("referee_name", _("Give the referee's name."))
    if name and not email:
        errors.add("referee_email", _("Give the referee's e-mail address."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.add("referee_email", _("Enter a valid e-mail address."))
        if email == (actor.email or "").lower():
            errors.add("referee_email", _("Name someone other than yourself as referee."))
    return name, email


def _organisation(errors: _Errors, fields_in: EntryFields) -> dict[str, Any]:
    name = _text(errors, "organisation_name", fields_in.organisation_name, 200)
    slug = (fields_in.organisation or "").strip()
    organisation = selectors.organisation_get_by_slug(slug=slug)
    if slug and organisation is None:
        errors.add("organisation", _("No organisation on Pnyx has this address name."))
    if organisation is not None:
        name = organisation.name[:200]
    return {"organisation_id": organisation.pk if organisation else None, "organisation_name": name}


def _checked(actor: Any, fields_in: EntryFields) -> dict[str, Any]:
    """The entry's values to store, or ValidationError naming each bad field."""
    errors = _Errors()
    values: dict[str, Any] = {
        "activity": _text(errors, "activity", fields_in.activity, 200, required=True),
        "description": _text(errors, "description", fields_in.description, 5000),
        "evidence_url": _url(errors, fields_in.evidence_url),
        "started_on": fields_in.started_on,
        "ended_on": fields_in.ended_on,
        "hours": fields_in.hours,
        "shared": bool(fields_in.shared),
        **_organisation(errors, fields_in),
    }
    _dates(errors, fields_in.started_on, fields_in.ended_on)
    _hours(errors, fields_in.hours)
    values["referee_name"], values["referee_email"] = _referee(errors, actor, fields_in)
    if errors:
        raise ValidationError(dict(errors))
    return values


def _clean_upload(upload: File | None) -> evidence_files.CleanEvidence | None:
    if upload is None:
        return None
    try:
        return evidence_files.clean_evidence(upload)
    except ValidationError as error:
        raise ValidationError({"evidence_file": error.messages}) from error


def _write(entry: EngagementEntry, clean: evidence_files.CleanEvidence | None) -> None:
    """Save the entry, with its new evidence file when there is one. A file written for a save
    that then fails is deleted at once, so a refusal leaves no file behind."""
    new_name = ""
    try:
        if clean is not None:
            entry.evidence_file.save(
                evidence_files.evidence_file_name(), ContentFile(clean.content), save=False
            )
            new_name = entry.evidence_file.name or ""
        entry.save()
    except BaseException:
        if new_name:
            entry.evidence_file.storage.delete(new_name)
        raise


def _delete_file_after_commit(entry: EngagementEntry, name: str) -> None:
    if name:
        transaction.on_commit(partial(entry.evidence_file.storage.delete, name))


def engagement_entry_create(
    *, actor: Any, fields_in: EntryFields, evidence: File | None = None
) -> EngagementEntry:
    """Add a written entry to the actor's record, with an evidence file when given, and e-mail
    the referee (if named) a link to confirm it. Needs `learning.add_engagement_entry`."""
    require(actor, "learning.add_engagement_entry")
    values, clean = _all_checked(actor, fields_in, evidence)
    with transaction.atomic():
        entry = EngagementEntry(learner=actor, source=EngagementSource.MANUAL, **values)
        entry.save()
        if entry.referee_email:
            referee_request(entry)
        _write(entry, clean)
    return entry


def _all_checked(
    actor: Any, fields_in: EntryFields, evidence: File | None
) -> tuple[dict[str, Any], evidence_files.CleanEvidence | None]:
    """The checked values and evidence file, or one ValidationError naming every bad field."""
    messages: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    clean = None
    try:
        values = _checked(actor, fields_in)
    except ValidationError as error:
        messages.update(error.message_dict)
    try:
        clean = _clean_upload(evidence)
    except ValidationError as error:
        messages.update(error.message_dict)
    if messages:
        raise ValidationError(messages)
    return values, clean


def _locked_own(actor: Any, entry: EngagementEntry, permission: str) -> EngagementEntry:
    """The entry locked for the change, with the permission checked again on its fresh state
    (an application may have started resting on it meanwhile)."""
    locked = EngagementEntry.objects.select_for_update().get(pk=entry.pk)
    require(actor, permission, locked)
    return locked


def engagement_entry_update(
    *,
    actor: Any,
    entry: EngagementEntry,
    fields_in: EntryFields,
    evidence: File | None = None,
    remove_evidence: bool = False,
) -> EngagementEntry:
    """Change a written entry; a new evidence file replaces the old one, which is deleted after
    commit (as it is with `remove_evidence`). When what the referee confirms changes, the
    confirmation is dropped and the referee (if any) is asked again. Needs
    `learning.change_engagement_entry`."""
    require(actor, "learning.change_engagement_entry", entry)
    values, clean = _all_checked(actor, fields_in, evidence)
    with transaction.atomic():
        locked = _locked_own(actor, entry, "learning.change_engagement_entry")
        old_file = locked.evidence_file.name or ""
        changed = any(getattr(locked, name) != values[name] for name in CONFIRMED_FIELDS)
        for name, value in values.items():
            setattr(locked, name, value)
        if changed and locked.referee_email:
            referee_request(locked)
        elif changed or not locked.referee_email:
            locked.referee_token_hash, locked.referee_confirmed_at = "", None
            locked.referee_note = ""
        if remove_evidence or clean is not None:
            locked.evidence_file = None
        _write(locked, clean)
        if old_file != (locked.evidence_file.name or ""):
            _delete_file_after_commit(locked, old_file)
    return locked


def engagement_entry_delete(*, actor: Any, entry: EngagementEntry) -> None:
    """Delete a written entry and, after commit, its evidence file. Needs
    `learning.delete_engagement_entry`."""
    require(actor, "learning.delete_engagement_entry", entry)
    with transaction.atomic():
        locked = _locked_own(actor, entry, "learning.delete_engagement_entry")
        _delete_file_after_commit(locked, locked.evidence_file.name or "")
        locked.delete()


def engagement_entry_set_shared(
    *, actor: Any, entry: EngagementEntry, shared: bool
) -> EngagementEntry:
    """Show the entry on the learner's public record page, or stop showing it. Needs
    `learning.share_engagement_entry`."""
    require(actor, "learning.share_engagement_entry", entry)
    with transaction.atomic():
        EngagementEntry.objects.filter(pk=entry.pk).update(shared=shared, updated_at=timezone.now())
    entry.shared = shared
    return entry


def register_engagement() -> None:
    """Word the notifications of referees' answers and declare the personal data (called from
    the app's `ready`)."""
    register_message(
        "learning.referee_confirmed",
        lambda n: (
            _("%(name)s confirmed your engagement entry “%(activity)s”.")
            % {"name": n.data.get("name", ""), "activity": n.data.get("activity", "")}
        ),
    )
    register_message(
        "learning.referee_declined",
        lambda n: (
            _("%(name)s declined to confirm your engagement entry “%(activity)s”.")
            % {"name": n.data.get("name", ""), "activity": n.data.get("activity", "")}
        ),
    )
    engagement_personal_data.register_sources()
