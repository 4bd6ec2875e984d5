"""What engagement records hold about a person: their entries, with evidence files and the
referees they named. Erasure deletes the entries and, once committed, their files."""

from functools import partial
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.learning.models import EngagementEntry


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def export_entries(person: Any) -> list[dict[str, Any]]:
    """Every entry of the person's record, oldest first; an evidence file is given by the
    address where the person downloads it."""
    entries = (
        EngagementEntry.objects.filter(learner=person)
        .select_related("organisation")
        .order_by("started_on", "pk")
    )
    return [
        {
            "source": entry.source,
            "activity": entry.activity,
            "organisation": entry.organisation.name
            if entry.organisation
            else entry.organisation_name,
            "started_on": _date(entry.started_on),
            "ended_on": _date(entry.ended_on),
            "hours": str(entry.hours) if entry.hours is not None else None,
            "description": entry.description,
            "evidence_url": entry.evidence_url,
            "evidence_file": (
                reverse("learning:engagement-evidence", kwargs={"pk": entry.pk})
                if entry.evidence_file
                else ""
            ),
            "referee_name": entry.referee_name,
            "referee_email": entry.referee_email,
            "referee_confirmed_at": _date(entry.referee_confirmed_at),
            "referee_note": entry.referee_note,
            "shared": entry.shared,
            "created_at": entry.created_at.isoformat(),
        }
        for entry in entries
    ]


def delete_entries(person: Any) -> None:
    """Delete every entry of the person (applications lose them too) and, after commit, the
    evidence files."""
    with transaction.atomic():
        entries = list(EngagementEntry.objects.filter(learner=person).exclude(evidence_file=""))
        for entry in entries:
            storage, name = entry.evidence_file.storage, entry.evidence_file.name or ""
            transaction.on_commit(partial(storage.delete, name))
        EngagementEntry.objects.filter(learner=person).delete()


def register_sources() -> None:
    """Declare the source in the core registry (called from the app's `ready`)."""
    personal_data.register(
        personal_data.PersonalDataSource(
            key="learning.engagement",
            label=_("Your engagement record"),
            description=_(
                "The entries Pnyx keeps from your activity (totals only) and those you wrote: "
                "activity, organisation, dates, hours, description, evidence link and file, and "
                "the name and e-mail address of the referee you named, with their answer."
            ),
            export=export_entries,
            anonymise=delete_entries,
            purpose=_("To show your civic engagement, and to apply for credits for it."),
            visibility=personal_data.Visibility.PARTLY_PUBLIC,
            seen_by=_(
                "Everyone sees the entries you chose to share, with their evidence link and "
                "whether a referee confirmed them, never the evidence file nor the referee's "
                "details. The committees of the partners you apply to see the entries you "
                "attach, with their evidence. The referee you name sees that entry."
            ),
        )
    )
