"""Committee visits to a partner: planning them, changing them, and writing the report.

Each needs `learning.plan_visit` on the partner (its organisation's administrators, the
committee chair and secretary) and is audited. The committee hears of a new visit. The report
can be written once the visit's first day has passed.
"""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.learning.models import CommitteeMember, CommitteeVisit, Partner
from pnyx.learning.services.partners import notify_after_commit
from pnyx.learning.services.partners_checks import optional_text, required_text

PLACE_MAX_LENGTH = 300
AGENDA_MAX_LENGTH = 10000
REPORT_MAX_LENGTH = 20000


def _fields(starts_on: date, ends_on: date | None, place: str, agenda: str) -> dict[str, Any]:
    if not isinstance(starts_on, date):
        raise ValidationError({"starts_on": _("Give the first day.")}, code="required")
    if ends_on is not None and ends_on < starts_on:
        message = _("The last day cannot come before the first day.")
        raise ValidationError({"ends_on": message}, code="order")
    return {
        "starts_on": starts_on,
        "ends_on": ends_on,
        "place": optional_text("place", place, PLACE_MAX_LENGTH),
        "agenda": required_text("agenda", agenda, AGENDA_MAX_LENGTH),
    }


def _audit(action: str, actor: Any, visit: CommitteeVisit) -> None:
    audit.record(
        action=action,
        actor=actor,
        target=visit.partner,
        data={"visit": visit.pk, "starts_on": visit.starts_on.isoformat()},
    )


def visit_plan(
    *,
    actor: Any,
    partner: Partner,
    starts_on: date,
    ends_on: date | None = None,
    place: str = "",
    agenda: str,
) -> CommitteeVisit:
    """Plan a committee visit; the committee is notified. Needs `learning.plan_visit`;
    audited (`learning.visit_planned`)."""
    require(actor, "learning.plan_visit", partner)
    fields = _fields(starts_on, ends_on, place, agenda)
    with transaction.atomic():
        visit = CommitteeVisit.objects.create(partner=partner, created_by=actor, **fields)
        _audit("learning.visit_planned", actor, visit)
        committee = CommitteeMember.objects.filter(partner=partner).values_list(
            "person_id", flat=True
        )
        notify_after_commit(
            event="learning.visit_planned",
            people=list(committee),
            actor=actor,
            data={
                "name": partner.organisation.name,
                "date": formats.date_format(visit.starts_on, "DATE_FORMAT"),
                "path": partner.get_absolute_url(),
            },
        )
    return visit


def visit_change(
    *,
    actor: Any,
    visit: CommitteeVisit,
    starts_on: date,
    ends_on: date | None = None,
    place: str = "",
    agenda: str,
) -> CommitteeVisit:
    """Change a visit's dates, place and agenda; a visit with a report cannot move its first
    day into the future. Needs `learning.plan_visit`; audited (`learning.visit_changed`)."""
    require(actor, "learning.plan_visit", visit.partner)
    fields = _fields(starts_on, ends_on, place, agenda)
    if visit.report and fields["starts_on"] >= timezone.localdate():
        message = _("This visit already has a report: its first day must stay in the past.")
        raise ValidationError({"starts_on": message}, code="reported")
    with transaction.atomic():
        for name, value in fields.items():
            setattr(visit, name, value)
        visit.save()
        _audit("learning.visit_changed", actor, visit)
    return visit


def visit_report(*, actor: Any, visit: CommitteeVisit, report: str) -> CommitteeVisit:
    """Write (or rewrite) the report of a visit whose first day has passed. Needs
    `learning.plan_visit`; audited (`learning.visit_reported`)."""
    require(actor, "learning.plan_visit", visit.partner)
    text = required_text("report", report, REPORT_MAX_LENGTH)
    if visit.starts_on >= timezone.localdate():
        message = _(
            "The report can be written from %(date)s, once the first day of the visit has passed."
        ) % {"date": formats.date_format(visit.starts_on + timedelta(days=1), "DATE_FORMAT")}
        raise ValidationError({"report": message}, code="too_early")
    with transaction.atomic():
        visit.report, visit.reported_at = text, timezone.now()
        visit.save(update_fields=["report", "reported_at", "updated_at"])
        _audit("learning.visit_reported", actor, visit)
    return visit
