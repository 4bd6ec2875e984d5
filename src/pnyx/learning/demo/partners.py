"""The learning demo's partners: their applications and approval, committees, rubrics and
visits, and a school's application left waiting."""

from dataclasses import replace
from datetime import timedelta
from functools import partial

from django.utils import timezone

from pnyx.accounts.models import User
from pnyx.learning import demo_content as content
from pnyx.learning.demo.common import Chairs, email, guarded, missing, missing_of
from pnyx.learning.demo_content.specs import ADMIN, DemoPartner, DemoVisit
from pnyx.learning.models import (
    CommitteeMember,
    CommitteeVisit,
    Partner,
    PartnerStatus,
    RubricCriterion,
)
from pnyx.learning.services import partners, partners_committee, partners_visits
from pnyx.orgs.models import Organisation


def _approved(spec: DemoPartner, chair: User, admin: User) -> Partner | None:
    """The partner: applied for by the chair (who so chairs its committee), approved by the
    platform administrator; None when it was rejected."""
    organisation = Organisation.objects.get(name=spec.organisation)
    partner = Partner.objects.filter(organisation=organisation).first()
    if partner is None:
        partner = partners.partner_apply(
            actor=chair,
            organisation=organisation,
            statement=spec.statement,
            credit_unit=spec.credit_unit,
        )
    if partner.status == PartnerStatus.PENDING:
        partner = partners.partner_decide(actor=admin, partner=partner, approve=True)
    if partner.status != PartnerStatus.APPROVED:
        missing(f"partner {spec.organisation!r}", "an approval (it was rejected)")
        return None
    return partner


def _partner(spec: DemoPartner, chair: User, admin: User) -> Partner | None:
    """The approved partner with its committee and rubric (what is missing of them)."""
    partner = _approved(spec, chair, admin)
    if partner is None:
        return None
    for who, role in spec.committee:
        person = User.objects.filter(email=email(who)).first()
        if person is None:
            missing(f"a seat on the committee of {spec.organisation!r}", email(who))
        elif not CommitteeMember.objects.filter(partner=partner, person=person).exists():
            partners_committee.committee_member_add(
                actor=chair, partner=partner, email=person.email, role=role
            )
    if not RubricCriterion.objects.filter(partner=partner).exists():
        for name, description, top in spec.rubric:
            partners_committee.rubric_criterion_add(
                actor=chair, partner=partner, name=name, description=description, max_score=top
            )
    return partner


def load_partners(people: dict[str, User]) -> Chairs:
    """Make the demo partners; return those made, with their chairs."""
    admin, chairs = people[ADMIN], {}
    names = set(Organisation.objects.values_list("name", flat=True))
    for spec in content.PARTNERS:
        chair = people.get(email(spec.applicant))
        if spec.organisation not in names or chair is None:
            known = spec.organisation if spec.organisation in names else None
            needed = {spec.organisation: known, email(spec.applicant): chair}
            missing_of(f"partner {spec.organisation!r}", needed)
            continue
        partner = guarded(spec.organisation, partial(_partner, spec, chair, admin))
        if partner is not None:
            chairs[spec.organisation] = (partner, chair)
    return chairs


def _visit(partner: Partner, chair: User, visit: DemoVisit) -> None:
    """Plan the visit unless it is there (found by its agenda); report on a past one."""
    found = CommitteeVisit.objects.filter(partner=partner, agenda=visit.agenda).first()
    if found is None:
        starts_on = timezone.localdate() + timedelta(days=visit.starts_in)
        found = partners_visits.visit_plan(
            actor=chair,
            partner=partner,
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=visit.days - 1),
            place=visit.place,
            agenda=visit.agenda,
        )
    if visit.report and not found.report and found.starts_on < timezone.localdate():
        partners_visits.visit_report(actor=chair, visit=found, report=visit.report)


def load_visits(chairs: Chairs, *, past: bool) -> None:
    """Each partner's committee visits, planned by its chair: the past ones (`past`), or the
    reports on them and the visits to come. Two calls, so the two can be dated apart."""
    for spec in content.PARTNERS:
        if spec.organisation not in chairs:
            continue
        partner, chair = chairs[spec.organisation]
        for visit in spec.visits:
            if past and visit.starts_in < 0:
                _visit(partner, chair, replace(visit, report=""))
            elif not past:
                _visit(partner, chair, visit)


def load_pending_partner(people: dict[str, User]) -> None:
    """A school's application, left for the platform administrator to decide."""
    name, who, statement = content.PENDING_PARTNER
    organisation = Organisation.objects.filter(name=name).first()
    applicant = people.get(email(who))
    if organisation is None or applicant is None:
        missing_of("the waiting partner application", {name: organisation, email(who): applicant})
    elif not Partner.objects.filter(organisation=organisation).exists():
        partners.partner_apply(
            actor=applicant, organisation=organisation, statement=statement, credit_unit="school"
        )
