"""Credentials as personal data: the export holds the signed documents; erasure revokes, then
deletes them."""

from decimal import Decimal

import pytest

from pnyx.core import personal_data
from pnyx.learning import credentials as vc
from pnyx.learning.models import CommitteeRole, Credential
from pnyx.learning.services.credentials import application_credential_issue, credential_revoke
from pnyx.learning.services.credentials_verify import credential_verify
from tests.learning.factories import (
    CommitteeMemberFactory,
    EvidenceEntryFactory,
    GrantedCreditApplicationFactory,
    PartnerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://pnyx.example"


def _credential(learner, partner=None):
    application = GrantedCreditApplicationFactory(
        learner=learner,
        credits_granted=Decimal("1.5"),
        **({"partner": partner} if partner else {}),
    )
    application.entries.set([EvidenceEntryFactory(learner=learner)])
    return application_credential_issue(application=application)


def test_the_export_holds_each_signed_document():
    learner = UserFactory()
    credential = _credential(learner)

    exported = personal_data.get("learning.credentials").export(learner)

    assert exported == [
        {
            "public_id": str(credential.public_id),
            "name": "1.5 ECTS credits for civic engagement",
            "kind": "credits",
            "issuer": credential.partner.organisation.name,
            "issued_at": credential.created_at.isoformat(),
            "revoked_at": None,
            "revoked_reason": "",
            "document": credential.document,
        }
    ]
    rows = personal_data.get("learning.credentials").rows(learner)
    assert isinstance(rows[0]["document"], str)


def test_erasure_revokes_then_deletes_the_learner_credentials_only():
    # Given a learner with two credentials of one partner (one already revoked), one of another,
    # and someone else's credential
    learner = UserFactory()
    partner = PartnerFactory()
    first, second = _credential(learner, partner), _credential(learner, partner)
    third = _credential(learner)
    chair = CommitteeMemberFactory(partner=partner, role=CommitteeRole.CHAIR).person
    credential_revoke(actor=chair, credential=second, reason="Mistake.")
    other = _credential(UserFactory(), partner)
    files = [first.document, second.document, third.document]

    # When the learner's personal data is erased
    personal_data.get("learning.credentials").anonymise(learner)

    # Then copies of their files check as revoked, nothing of theirs is kept, others are intact
    assert [credential_verify(document=d).outcome for d in files] == [vc.Outcome.REVOKED] * 3
    assert list(Credential.objects.all()) == [other]
    assert credential_verify(document=other.document).outcome == vc.Outcome.VALID
