"""What credit applications hold about a person is in the personal-data registry: their
applications, and as a committee member their reviews and conflict declarations."""

import pytest

from pnyx.core import personal_data
from pnyx.learning.models import ApplicationReview, ConflictDeclaration, CreditApplication
from pnyx.learning.services import credits as services
from tests.learning.factories import (
    CreditApplicationFactory,
    EngagementEntryFactory,
    PartnerFactory,
    add_committee_member,
    add_rubric,
)
from tests.learning.test_credits_services import review

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    partner = PartnerFactory(organisation__name="Riverton University")
    add_rubric(partner, 4, 3)
    entry = EngagementEntryFactory(activity="Repair café")
    return CreditApplicationFactory(learner=entry.learner, partner=partner, entries=[entry])


def test_the_four_sources_are_registered():
    keys = {source.key for source in personal_data.sources() if source.app_label == "learning"}
    assert {
        "learning.engagement",
        "learning.credit_applications",
        "learning.application_reviews",
        "learning.conflict_declarations",
    } <= keys


def test_the_learner_exports_and_erases_their_applications(application):
    [row] = personal_data.get("learning.credit_applications").export(application.learner)
    assert row["partner"] == "Riverton University"
    assert row["entries"] == "Repair café"
    assert row["credits_requested"] == "3.00"
    assert row["status"] == "submitted"
    personal_data.get("learning.credit_applications").anonymise(application.learner)
    assert not CreditApplication.objects.exists()


def test_a_member_exports_and_erases_their_reviews_and_conflicts(application):
    reviewer = add_committee_member(application.partner)
    stander = add_committee_member(application.partner)
    review(application, reviewer)
    services.conflict_declare(actor=stander, application=application, reason="My cousin.")
    [written] = personal_data.get("learning.application_reviews").export(reviewer)
    assert written["scores"] == "Criterion 1: 3; Criterion 2: 2"
    assert written["credits_recommended"] == "3.00"
    [declared] = personal_data.get("learning.conflict_declarations").export(stander)
    assert declared["reason"] == "My cousin."
    personal_data.get("learning.application_reviews").anonymise(reviewer)
    personal_data.get("learning.conflict_declarations").anonymise(stander)
    assert not ApplicationReview.objects.exists()
    assert not ConflictDeclaration.objects.exists()
    assert CreditApplication.objects.count() == 1
