"""Reads of the privacy pages: a person's data by app, who saw it, their consents and requests.

Every selector here reads one person's own records; the views pass `request.user`.
"""

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import QuerySet

from pnyx.core import personal_data
from pnyx.core.models import JobStatus
from pnyx.core.personal_data import PersonalDataSource
from pnyx.privacy.models import (
    Consent,
    DataExport,
    DeletionRequest,
    ExportStatus,
    PersonalDataAccess,
)


@dataclass
class SourceGroup:
    """The sources one app declared, with its name."""

    app_label: str
    name: str
    sources: list[PersonalDataSource] = field(default_factory=list)


def source_groups() -> list[SourceGroup]:
    """Every registered source, grouped by the app that declared it, in the apps' order."""
    order = [config.label for config in apps.get_app_configs()]
    groups: dict[str, SourceGroup] = {}
    for source in personal_data.sources():
        label = source.app_label
        if label not in groups:
            config = apps.get_app_config(label) if label in order else None
            groups[label] = SourceGroup(label, str(config.verbose_name) if config else label)
        groups[label].sources.append(source)
    return sorted(
        groups.values(),
        key=lambda group: order.index(group.app_label) if group.app_label in order else len(order),
    )


def source_data(*, person: Any, source: PersonalDataSource) -> Any:
    """What one source holds about the person, as its table when it declares one."""
    if source.rows is not None:
        return source.rows(person)
    return source.export(person)


def access_list_for_person(*, person: Any) -> QuerySet[PersonalDataAccess]:
    """The recorded staff views of the person's data, newest first, with each staff account."""
    return PersonalDataAccess.objects.filter(person=person).select_related("staff")


def consent_history(*, person: Any) -> QuerySet[Consent]:
    """Every consent choice the person made, newest first."""
    return Consent.objects.filter(person=person)


def consent_state(*, person: Any) -> dict[str, Consent]:
    """The person's choice in force for each purpose they answered (the newest row of each)."""
    state: dict[str, Consent] = {}
    for consent in Consent.objects.filter(person=person).order_by("-changed_at", "-pk"):
        state.setdefault(consent.purpose, consent)
    return state


def consent_given(person: Any, purpose: str) -> bool:
    """Whether the person's newest choice for `purpose` is yes (the core's `has_consent`)."""
    latest = (
        Consent.objects.filter(person=person, purpose=purpose)
        .order_by("-changed_at", "-pk")
        .values_list("granted", flat=True)
        .first()
    )
    return bool(latest)


def export_latest(*, person: Any) -> DataExport | None:
    """The person's newest download request, with its job for the progress."""
    return DataExport.objects.filter(person=person).select_related("job").first()


def export_get(*, person: Any, pk: int) -> DataExport | None:
    """One of the person's own downloads; None for someone else's, so ids reveal nothing."""
    return DataExport.objects.filter(person=person, pk=pk).select_related("job").first()


def export_is_abandoned(export: DataExport) -> bool:
    """A download still marked as in preparation whose job failed for good or was pruned."""
    return export.status == ExportStatus.PREPARING and (
        export.job is None or export.job.status == JobStatus.FAILED
    )


def deletion_request_get(*, person: Any) -> DeletionRequest | None:
    """The person's pending request to delete their account, if any."""
    return DeletionRequest.objects.filter(person=person).first()
