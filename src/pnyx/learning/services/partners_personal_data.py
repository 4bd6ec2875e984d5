"""What the partner area holds about a person: their seats on partners' committees, and the
partner applications and committee visits they handled."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.learning.models import CommitteeMember, CommitteeVisit, Partner


def export_committees(person: Any) -> list[dict[str, Any]]:
    """The person's committee seats, oldest first."""
    seats = (
        CommitteeMember.objects.filter(person=person)
        .select_related("partner__organisation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "partner": seat.partner.organisation.name,
            "role": seat.role,
            "since": seat.created_at.isoformat(),
        }
        for seat in seats
    ]


def delete_committees(person: Any) -> None:
    """Take the person off every committee (a committee may be left without a chair: its
    organisation's administrators name a new one)."""
    with transaction.atomic():
        CommitteeMember.objects.filter(person=person).delete()


def export_handled(person: Any) -> list[dict[str, Any]]:
    """The partner applications the person made or decided and the visits they planned."""
    applications = (
        Partner.objects.filter(Q(applied_by=person) | Q(decided_by=person))
        .select_related("organisation")
        .order_by("created_at", "pk")
    )
    rows: list[dict[str, Any]] = [
        {
            "event": (
                "learning.partner_applied"
                if partner.applied_by_id == person.pk
                else "learning.partner_decided"
            ),
            "partner": partner.organisation.name,
            "status": partner.status,
            "created_at": partner.created_at.isoformat(),
        }
        for partner in applications
    ]
    visits = CommitteeVisit.objects.filter(created_by=person).select_related(
        "partner__organisation"
    )
    rows += [
        {
            "event": "learning.visit_planned",
            "partner": visit.partner.organisation.name,
            "starts_on": visit.starts_on.isoformat(),
            "created_at": visit.created_at.isoformat(),
        }
        for visit in visits.order_by("created_at", "pk")
    ]
    return sorted(rows, key=lambda row: row["created_at"])


def anonymise_handled(person: Any) -> None:
    """Forget who applied, decided and planned: the partners and visits stay."""
    with transaction.atomic():
        Partner.objects.filter(applied_by=person).update(applied_by=None)
        Partner.objects.filter(decided_by=person).update(decided_by=None)
        CommitteeVisit.objects.filter(created_by=person).update(created_by=None)


def register_partner_sources() -> None:
    """Declare the sources in the core registry (called from the app's `ready`)."""
    personal_data.register(
        personal_data.PersonalDataSource(
            key="learning.committees",
            label=_("Your seats on the committees of partners"),
            description=_("The learning partners whose committee you sit on, and your role."),
            export=export_committees,
            anonymise=delete_committees,
            purpose=_("To show who reviews credit applications and visits each learning partner."),
            visibility=personal_data.Visibility.PUBLIC,
            seen_by=_("Everyone sees a partner's committee, with your public name and role."),
        )
    )
    personal_data.register(
        personal_data.PersonalDataSource(
            key="learning.partner_acts",
            label=_("Partner applications and committee visits you handled"),
            description=_(
                "The applications you made for an organisation to become a learning partner, "
                "those you decided as a platform administrator, and the committee visits you "
                "planned."
            ),
            export=export_handled,
            anonymise=anonymise_handled,
            purpose=_("To follow up partner applications and committee visits."),
            visibility=personal_data.Visibility.PRIVATE,
            seen_by=_(
                "Platform administrators see who applied. The audit log shows who decided an "
                "application, as for every official act."
            ),
            retention=personal_data.KEPT_ANONYMISED,
        )
    )
