"""What the partner area declares about a person: committee seats, and the applications and
visits they handled; export and erasure."""

import pytest

from pnyx.core import personal_data
from pnyx.learning.models import CommitteeMember, CommitteeVisit, Partner
from tests.learning.factories import (
    CommitteeMemberFactory,
    CommitteeVisitFactory,
    OrganisationFactory,
    PartnerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_both_sources_are_registered():
    for key in ("learning.committees", "learning.partner_acts"):
        assert personal_data.get(key) is not None, key


def test_committee_seats_are_exported_and_erased():
    person = UserFactory()
    partner = PartnerFactory(organisation=OrganisationFactory(name="Université de Lune"))
    CommitteeMemberFactory(partner=partner, person=person, role="secretary")
    source = personal_data.get("learning.committees")
    [row] = source.export(person)
    assert (row["partner"], row["role"]) == ("Université de Lune", "secretary")
    source.anonymise(person)
    assert not CommitteeMember.objects.filter(person=person).exists()


def test_applications_and_visits_are_exported_and_kept_without_the_name():
    person = UserFactory()
    partner = PartnerFactory(
        organisation=OrganisationFactory(name="Escuela Sol"), applied_by=person
    )
    visit = CommitteeVisitFactory(partner=partner, created_by=person)
    source = personal_data.get("learning.partner_acts")
    rows = source.export(person)
    assert [row["event"] for row in rows] == ["learning.partner_applied", "learning.visit_planned"]
    assert rows[0]["partner"] == "Escuela Sol"
    source.anonymise(person)
    assert Partner.objects.get(pk=partner.pk).applied_by is None
    assert CommitteeVisit.objects.get(pk=visit.pk).created_by is None
    assert source.export(person) == []
