"""The personal-data registry: what each app holds about a person, why, for how long, who sees it.

Each app registers one `PersonalDataSource` per kind of personal data in its `personal_data.py`,
loaded when the app is ready. The privacy features build on it: a person sees and downloads
everything held about them (`export_all`), deleting an account anonymises each source
(`anonymise_all`: contributions stay, detached from the person, so public results stay
consistent), a daily task applies each time-based retention rule (`purge_expired`), and the
public privacy page is written from the same declarations.

Three smaller registries live beside it, for the same reason (domain apps declare, the privacy app
shows and records, and domain apps never import the privacy app):

- consent purposes (`ConsentPurpose`): what a person may agree to, such as a newsletter; a feature
  asks `has_consent(person, key)` before acting, and without a recorded "yes" the answer is no;
- access reasons (`AccessReason`): the roles in which staff are shown someone's non-public data;
- `record_access`: called where such data is shown, so that the person can see who looked, when
  and why (the privacy app stores it).
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import models, transaction
from django.dispatch import Signal
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

Text = str | Promise


class Visibility(models.TextChoices):
    """Who can see a source's data, in one word; `PersonalDataSource.seen_by` says more."""

    PUBLIC = "public", _("Public")
    PARTLY_PUBLIC = "partly_public", _("Partly public")
    PRIVATE = "private", _("Private")


@dataclass(frozen=True)
class Retention:
    """How long a source keeps its data.

    Without a `period`, the data lasts as long as the account: deleting the account erases it, or
    with `kept_anonymised` keeps it detached from the person (public contributions). With a
    `period`, each record is deleted that long after it was made (or finished), account or not.
    """

    period: timedelta | None = None
    kept_anonymised: bool = False

    def __post_init__(self) -> None:
        if self.period is not None and self.period <= timedelta(0):
            raise ValueError("A retention period must be positive.")

    def describe(self) -> str:
        """The rule in words, in the active language."""
        if self.period is None:
            if self.kept_anonymised:
                return str(_("Until you delete your account, then kept without your name"))
            return str(_("Until you delete your account"))
        days = self.period.days
        if days and days % 365 == 0:
            years = days // 365
            return ngettext("%(count)s year", "%(count)s years", years) % {"count": years}
        if days and days % 30 == 0:
            months = days // 30
            return ngettext("%(count)s month", "%(count)s months", months) % {"count": months}
        days = max(days, 1)
        return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


#: Data kept as long as the account exists, and erased with it.
UNTIL_ACCOUNT_DELETION = Retention()
#: Public contributions: kept as long as the account exists, then kept without the person's name.
KEPT_ANONYMISED = Retention(kept_anonymised=True)


@dataclass(frozen=True)
class PersonalDataSource:
    """One kind of personal data an app holds."""

    key: str
    label: Text
    description: Text
    export: Callable[[Any], Any]
    anonymise: Callable[[Any], None]
    #: The account itself (e-mail, name): anonymised after every other source, which may still
    #: need to find the person's data by those details.
    identity: bool = False
    #: Why the data is held, for the public privacy page.
    purpose: Text = ""
    visibility: Visibility = Visibility.PRIVATE
    #: Who sees it besides the person, in a sentence.
    seen_by: Text = ""
    retention: Retention = UNTIL_ACCOUNT_DELETION
    #: Deletes what the retention rule no longer allows, `purge(before)`: every record made (or
    #: finished) before that moment; returns how many went. Only with a retention period, and
    #: left out when a scheduled task of the app already applies the rule.
    purge: Callable[[datetime], int] | None = None
    #: The data as a table (one flat dict per row) when `export` gives another shape, for the
    #: CSV file of a download and the dashboard. A list of flat dicts is its own table.
    rows: Callable[[Any], list[dict[str, Any]]] | None = None

    def __post_init__(self) -> None:
        if self.purge is not None and self.retention.period is None:
            raise ValueError(f"Source {self.key!r}: `purge` needs a retention period.")

    @property
    def app_label(self) -> str:
        """The app that declared the source: the part of the key before the first dot."""
        return self.key.split(".", 1)[0]


class SourceAlreadyRegistered(ValueError):
    pass


_sources: dict[str, PersonalDataSource] = {}


def register(source: PersonalDataSource) -> PersonalDataSource:
    """Declare a source; keys are unique across the project."""
    existing = _sources.get(source.key)
    if existing is not None and existing != source:
        raise SourceAlreadyRegistered(
            f"A personal-data source {source.key!r} is already registered."
        )
    _sources[source.key] = source
    return source


def sources() -> Iterator[PersonalDataSource]:
    """Every registered source, ordered by key."""
    return iter(sorted(_sources.values(), key=lambda source: source.key))


def get(key: str) -> PersonalDataSource | None:
    """The source registered under `key`, or None."""
    return _sources.get(key)


def export_all(person: Any) -> dict[str, Any]:
    """Everything held about a person, keyed by source (JSON-serialisable values)."""
    return {source.key: source.export(person) for source in sources()}


def anonymise_all(person: Any) -> None:
    """Detach a person from everything every app holds about them, in one transaction."""
    ordered = sorted(sources(), key=lambda source: source.identity)
    with transaction.atomic():
        for source in ordered:
            source.anonymise(person)


def purge_expired(now: datetime) -> dict[str, int]:
    """Apply every time-based retention rule that has a `purge`; how many records each removed."""
    return {
        source.key: source.purge(now - source.retention.period)
        for source in sources()
        if source.purge is not None and source.retention.period is not None
    }


@dataclass(frozen=True)
class ConsentPurpose:
    """Something a person may agree to, and take back at any time; never assumed."""

    key: str
    label: Text
    description: Text


_purposes: dict[str, ConsentPurpose] = {}
_consent_reader: Callable[[Any, str], bool] | None = None


def register_purpose(purpose: ConsentPurpose) -> ConsentPurpose:
    """Declare a consent purpose; keys are unique across the project."""
    existing = _purposes.get(purpose.key)
    if existing is not None and existing != purpose:
        raise ValueError(f"A consent purpose {purpose.key!r} is already registered.")
    _purposes[purpose.key] = purpose
    return purpose


def purposes() -> list[ConsentPurpose]:
    """Every consent purpose, ordered by key."""
    return sorted(_purposes.values(), key=lambda purpose: purpose.key)


def set_consent_reader(reader: Callable[[Any, str], bool]) -> None:
    """Install the function answering `has_consent` (the privacy app, which stores consents)."""
    global _consent_reader
    _consent_reader = reader


def has_consent(person: Any, purpose: str) -> bool:
    """Whether the person's latest choice for `purpose` is yes; no recorded choice means no."""
    if purpose not in _purposes:
        raise LookupError(f"No consent purpose is registered as {purpose!r}.")
    if _consent_reader is None or not getattr(person, "pk", None):
        return False
    return _consent_reader(person, purpose)


@dataclass(frozen=True)
class AccessReason:
    """A role in which staff are shown other people's non-public data, and what for."""

    key: str
    label: Text
    role: Text


_access_reasons: dict[str, AccessReason] = {}

#: Sent by `record_access` with `staff`, `people`, `source_keys`, `reason` and `detail`.
personal_data_viewed = Signal()


def register_access_reason(reason: AccessReason) -> AccessReason:
    """Declare an access reason; keys are unique across the project."""
    existing = _access_reasons.get(reason.key)
    if existing is not None and existing != reason:
        raise ValueError(f"An access reason {reason.key!r} is already registered.")
    _access_reasons[reason.key] = reason
    return reason


def access_reasons() -> list[AccessReason]:
    """Every access reason, ordered by key."""
    return sorted(_access_reasons.values(), key=lambda reason: reason.key)


def access_reason(key: str) -> AccessReason | None:
    return _access_reasons.get(key)


def record_access(
    *,
    staff: Any,
    people: Iterable[Any],
    source_keys: Sequence[str],
    reason: str,
    detail: str = "",
) -> None:
    """Note that `staff` was shown non-public data of `people` from `source_keys`, for `reason`.

    Call it where the data is shown (a page, an admin view), after the permission check. People
    seeing their own data are left out. `detail` is a short, non-personal context such as the
    consultation's title. Unknown keys or reasons are programming errors (ValueError).
    """
    unknown = sorted(set(source_keys) - set(_sources))
    if unknown:
        raise ValueError(f"Unknown personal-data sources: {unknown}.")
    if reason not in _access_reasons:
        raise ValueError(f"No access reason is registered as {reason!r}.")
    others = {
        person.pk: person
        for person in people
        if getattr(person, "pk", None) and person.pk != getattr(staff, "pk", None)
    }
    if not others or not getattr(staff, "pk", None):
        return
    personal_data_viewed.send(
        sender=AccessReason,
        staff=staff,
        people=list(others.values()),
        source_keys=sorted(set(source_keys)),
        reason=reason,
        detail=detail[:300],
    )
