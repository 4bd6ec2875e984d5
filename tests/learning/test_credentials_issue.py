"""Issuing credentials for granted credits and completed courses, and revoking them."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from pnyx.core.models import AuditEntry
from pnyx.learning import credentials as vc
from pnyx.learning.models import (
    CommitteeRole,
    Credential,
    CredentialKind,
    IssuerKey,
    PartnerStatus,
    StatusList,
)
from pnyx.learning.services.credentials import (
    application_credential_issue,
    course_credential_issue,
    credential_revoke,
)
from pnyx.learning.services.credentials_issuers import (
    IssuerKeyUnreadable,
    issuer_did,
    issuer_ensure,
    issuer_private_key,
)
from pnyx.learning.services.credentials_verify import credential_verify
from pnyx.participation.models import Notification
from tests.learning.factories import (
    CommitteeMemberFactory,
    CompletedEnrolmentFactory,
    CourseFactory,
    EvidenceEntryFactory,
    GrantedCreditApplicationFactory,
    PartnerFactory,
    UserFactory,
)
from tests.orgs.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://pnyx.example"


def _granted(**kwargs):
    learner = kwargs.pop("learner", None) or UserFactory(email="ada@example.org")
    entries = [
        EvidenceEntryFactory(learner=learner, activity="Budget street stand"),
        EvidenceEntryFactory(learner=learner, activity="Open data workshop", description=""),
    ]
    return GrantedCreditApplicationFactory(learner=learner, entries=entries, **kwargs)


def test_a_granted_application_yields_a_signed_credit_credential_that_verifies():
    # Given a granted application to a partner with a rubric
    application = _granted(credits_granted=Decimal("2.50"))
    partner = application.partner
    partner.rubric.create(name="Reflection", description="Says what was learned.", position=1)

    # When its credential is issued
    credential = application_credential_issue(application=application)

    # Then the learner owns a credential whose document says what was granted, by whom
    document = credential.document
    achievement = document["credentialSubject"]["achievement"]
    assert credential.kind == CredentialKind.CREDITS
    assert credential.learner == application.learner
    assert credential.name == "2.5 ECTS credits for civic engagement"
    assert achievement["name"] == "2.5 ECTS credits for civic engagement"
    assert achievement["achievementType"] == "Competency"
    assert achievement["creditsAvailable"] == 2.5
    assert "- Reflection: Says what was learned." in achievement["criteria"]["narrative"]
    assert document["issuer"]["id"] == (
        f"did:web:pnyx.example:learning:issuers:{partner.organisation.slug}"
    )
    assert document["issuer"]["name"] == partner.organisation.name
    assert [e["name"] for e in document["evidence"]] == [
        "Budget street stand",
        "Open data workshop",
    ]
    assert document["id"] == f"urn:uuid:{credential.public_id}"
    assert vc.recipient_matches_email(document, "ada@example.org")
    assert "ada@example.org" not in str(document)
    assert document["credentialStatus"]["statusListIndex"] == "0"
    assert document["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    # And it verifies as valid against this site's issuers
    verdict = credential_verify(document=document)
    assert verdict.outcome == vc.Outcome.VALID
    assert [c.passed for c in verdict.checks] == [True, True, True, True, True]


def test_evidence_tells_the_entries_without_files_or_referees():
    # Given an entry with a file and a referee
    application = _granted()
    entry = application.entries.get(activity="Budget street stand")
    entry.referee_email = "referee@example.org"
    entry.evidence_file = "learning/evidence/private.pdf"
    entry.save()

    # When the credential is issued
    credential = application_credential_issue(application=application)

    # Then the evidence is told in words only
    evidence = credential.document["evidence"][0]
    assert evidence == {
        "type": ["Evidence"],
        "name": "Budget street stand",
        "narrative": (
            "With Budget Watchers of Riverton. From 2024-03-01 to 2024-06-30. 40 hours. "
            "Explained the budget to passers-by every Saturday."
        ),
    }
    assert "private.pdf" not in str(credential.document)
    assert "referee@example.org" not in str(credential.document)


def test_issuing_twice_for_an_application_returns_the_same_credential():
    application = _granted()

    first = application_credential_issue(application=application)
    second = application_credential_issue(application=application)

    assert first == second
    assert Credential.objects.count() == 1


@pytest.mark.parametrize("status", ["submitted", "refused", "withdrawn"])
def test_an_application_not_granted_gets_no_credential(status):
    # Given an application that was not granted
    application = _granted(status=status, credits_granted=None)

    # When a credential is asked for, then it is refused and nothing is stored
    with pytest.raises(ValidationError) as refused:
        application_credential_issue(application=application)
    assert refused.value.code == "not_granted"
    assert Credential.objects.count() == 0


def test_a_completed_course_yields_a_course_credential_that_verifies():
    # Given a learner who completed a partner's course worth 5 credits
    enrolment = CompletedEnrolmentFactory(course__credits=Decimal("5.00"), course__title="Budgets")

    # When they ask for its credential
    credential = course_credential_issue(actor=enrolment.learner, enrolment=enrolment)

    # Then it names the course and verifies as valid
    achievement = credential.document["credentialSubject"]["achievement"]
    assert credential.kind == CredentialKind.COURSE
    assert credential.enrolment == enrolment
    assert achievement["name"] == "Budgets"
    assert achievement["achievementType"] == "Course"
    assert achievement["creditsAvailable"] == 5
    assert achievement["id"] == f"https://pnyx.example/learning/courses/{enrolment.course.slug}/"
    assert credential_verify(document=credential.document).outcome == vc.Outcome.VALID


def test_a_course_without_credits_says_none():
    enrolment = CompletedEnrolmentFactory(course__credits=None)

    credential = course_credential_issue(actor=enrolment.learner, enrolment=enrolment)

    assert "creditsAvailable" not in credential.document["credentialSubject"]["achievement"]


def test_asking_twice_for_a_course_credential_returns_the_same_one():
    enrolment = CompletedEnrolmentFactory()

    first = course_credential_issue(actor=enrolment.learner, enrolment=enrolment)
    second = course_credential_issue(actor=enrolment.learner, enrolment=enrolment)

    assert first == second
    assert Credential.objects.count() == 1


def test_only_the_learner_may_ask_for_their_course_credential():
    enrolment = CompletedEnrolmentFactory()

    with pytest.raises(PermissionDenied):
        course_credential_issue(actor=UserFactory(), enrolment=enrolment)
    assert Credential.objects.count() == 0


def test_an_unfinished_course_gets_no_credential():
    enrolment = CompletedEnrolmentFactory(completed_at=None)

    with pytest.raises(ValidationError) as refused:
        course_credential_issue(actor=enrolment.learner, enrolment=enrolment)

    assert refused.value.messages == ["Complete the course first."]
    assert Credential.objects.count() == 0
    assert IssuerKey.objects.count() == 0


@pytest.mark.parametrize("partner", ["none", "pending"])
def test_a_course_without_an_approved_partner_gets_no_credential(partner):
    if partner == "none":
        enrolment = CompletedEnrolmentFactory(course__partner=None)
    else:
        course = CourseFactory(partner=PartnerFactory(status=PartnerStatus.PENDING))
        enrolment = CompletedEnrolmentFactory(course=course)

    with pytest.raises(ValidationError) as refused:
        course_credential_issue(actor=enrolment.learner, enrolment=enrolment)

    assert refused.value.code == "no_partner"
    assert Credential.objects.count() == 0


def test_each_credential_of_a_partner_gets_its_own_place_in_the_revocation_list():
    # Given a partner with a credit credential already issued
    first = application_credential_issue(application=_granted())
    partner = first.partner

    # When a second learner's credential and a course credential follow
    second = application_credential_issue(
        application=_granted(partner=partner, learner=UserFactory())
    )
    enrolment = CompletedEnrolmentFactory(course=CourseFactory(partner=partner))
    third = course_credential_issue(actor=enrolment.learner, enrolment=enrolment)

    # Then the places are 0, 1, 2 and the list's next free place is 3
    assert [first.status_index, second.status_index, third.status_index] == [0, 1, 2]
    assert StatusList.objects.get(partner=partner).next_index == 3
    assert IssuerKey.objects.filter(partner=partner).count() == 1


@pytest.mark.django_db(transaction=True)
def test_credentials_issued_at_the_same_time_get_different_places():
    # Given one partner and two granted applications
    partner = PartnerFactory()
    issuer_ensure(partner=partner)
    applications = [_granted(partner=partner, learner=UserFactory()) for _ in range(2)]
    barrier = threading.Barrier(2)
    errors = []

    def issue(application):
        try:
            barrier.wait(timeout=5)
            application_credential_issue(application=application)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    # When both are issued from two threads at once
    threads = [threading.Thread(target=issue, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # Then both credentials exist, at two different places
    assert errors == []
    indexes = sorted(Credential.objects.values_list("status_index", flat=True))
    assert indexes == [0, 1]


def test_the_issuer_key_is_stored_encrypted_and_made_once():
    partner = PartnerFactory()

    key = issuer_ensure(partner=partner)
    again = issuer_ensure(partner=partner)

    assert key == again
    private = issuer_private_key(key)
    assert vc.public_key_to_multibase(private.public_key()) == key.public_key_multibase
    assert vc.private_key_to_text(private) not in key.private_key_encrypted
    assert len(StatusList.objects.get(partner=partner).bits) * 8 == 131_072


def test_a_changed_secret_key_makes_the_issuer_key_unreadable(settings):
    key = issuer_ensure(partner=PartnerFactory())

    settings.SECRET_KEY = "another-secret-key-" + "x" * 50

    with pytest.raises(IssuerKeyUnreadable):
        issuer_private_key(key)


def test_a_port_in_the_site_address_is_percent_encoded_in_the_did(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    partner = PartnerFactory(organisation__slug="riverton-college")

    assert issuer_did(partner) == "did:web:127.0.0.1%3A8000:learning:issuers:riverton-college"


def _chair_of(partner):
    return CommitteeMemberFactory(partner=partner, role=CommitteeRole.CHAIR).person


def test_the_committee_chair_revokes_a_credential_which_then_reports_revoked(
    django_capture_on_commit_callbacks,
):
    # Given an issued credential and the partner's committee chair
    credential = application_credential_issue(application=_granted())
    chair = _chair_of(credential.partner)

    # When the chair revokes it with a reason
    with django_capture_on_commit_callbacks(execute=True):
        credential_revoke(actor=chair, credential=credential, reason="Entries were not confirmed.")

    # Then it is revoked, verification says so, the act is audited and the learner told
    credential.refresh_from_db()
    assert credential.revoked_at is not None
    assert credential.revoked_reason == "Entries were not confirmed."
    verdict = credential_verify(document=credential.document)
    assert verdict.outcome == vc.Outcome.REVOKED
    assert verdict.checks[-1].detail == "The issuer has revoked this credential."
    entry = AuditEntry.objects.get(action="learning.credential_revoked")
    assert entry.data == {
        "credential": str(credential.public_id),
        "partner": credential.partner_id,
    }
    notification = Notification.objects.get(user=credential.learner)
    assert notification.event == "learning.credential_revoked"
    assert notification.data["path"] == f"/learning/credentials/{credential.public_id}/"


def test_revoking_one_credential_leaves_the_others_valid():
    first = application_credential_issue(application=_granted())
    second = application_credential_issue(
        application=_granted(partner=first.partner, learner=UserFactory())
    )

    credential_revoke(actor=_chair_of(first.partner), credential=first, reason="Mistake.")

    assert credential_verify(document=second.document).outcome == vc.Outcome.VALID


def test_an_organisation_admin_may_revoke():
    credential = application_credential_issue(application=_granted())
    admin = MembershipFactory(organisation=credential.partner.organisation, role="admin").user

    credential_revoke(actor=admin, credential=credential, reason="Issued by mistake.")

    credential.refresh_from_db()
    assert credential.revoked_at is not None


@pytest.mark.parametrize("role", [CommitteeRole.MEMBER, CommitteeRole.SECRETARY, "learner"])
def test_others_may_not_revoke_and_nothing_changes(role):
    credential = application_credential_issue(application=_granted())
    if role == "learner":
        actor = credential.learner
    else:
        actor = CommitteeMemberFactory(partner=credential.partner, role=role).person
    bits = bytes(StatusList.objects.get(partner=credential.partner).bits)

    with pytest.raises(PermissionDenied):
        credential_revoke(actor=actor, credential=credential, reason="No.")

    credential.refresh_from_db()
    assert credential.revoked_at is None
    assert bytes(StatusList.objects.get(partner=credential.partner).bits) == bits
    assert not AuditEntry.objects.filter(action="learning.credential_revoked").exists()


def test_revoking_twice_is_refused_clearly():
    credential = application_credential_issue(application=_granted())
    chair = _chair_of(credential.partner)
    credential_revoke(actor=chair, credential=credential, reason="First.")

    with pytest.raises(ValidationError) as refused:
        credential_revoke(actor=chair, credential=credential, reason="Second.")

    assert refused.value.code == "already_revoked"
    assert refused.value.messages[0].startswith("This credential was already revoked on ")
    credential.refresh_from_db()
    assert credential.revoked_reason == "First."
    assert AuditEntry.objects.filter(action="learning.credential_revoked").count() == 1


def test_a_revocation_needs_a_reason():
    credential = application_credential_issue(application=_granted())

    with pytest.raises(ValidationError) as refused:
        credential_revoke(actor=_chair_of(credential.partner), credential=credential, reason=" ")

    assert refused.value.message_dict == {"reason": ["Say why the credential is revoked."]}
    credential.refresh_from_db()
    assert credential.revoked_at is None
