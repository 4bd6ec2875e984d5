"""Applying to become a learning partner and the platform administrators' decisions: only
schools and universities, once each (a rejected one may apply again); decisions audited and
notified; the applicant becomes the committee's first chair."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pnyx.core.models import AuditEntry
from pnyx.learning.models import CommitteeMember, CommitteeRole, Partner, PartnerStatus
from pnyx.learning.services import partners as services
from pnyx.orgs.models import OrganisationKind
from pnyx.participation.models import Notification
from tests.accounts.factories import AdminFactory
from tests.learning.factories import (
    OrganisationFactory,
    PartnerFactory,
    UserFactory,
    add_org_admin,
)

pytestmark = pytest.mark.django_db

APPLY_URL = reverse("learning:partner-apply")
APPLICATIONS_URL = reverse("learning:partner-applications")


@pytest.fixture
def school():
    return OrganisationFactory(
        name="Riverton High School", slug="riverton-high", kind=OrganisationKind.SCHOOL
    )


@pytest.fixture
def head(school):
    return add_org_admin(school, UserFactory(display_name="Hana Head"))


@pytest.fixture
def platform_admin():
    return AdminFactory(display_name="Pat Platform")


def _apply(client, **changes):
    data = {
        "organisation": "riverton-high",
        "statement": "We teach data literacy to every final-year class.",
        "credit_unit": "ECTS",
    }
    return client.post(APPLY_URL, {**data, **changes})


def test_a_school_administrator_applies_and_platform_administrators_are_told(
    client, school, head, platform_admin, django_capture_on_commit_callbacks
):
    client.force_login(head)
    with django_capture_on_commit_callbacks(execute=True):
        response = _apply(client)
    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.organisation == school
    assert partner.status == PartnerStatus.PENDING
    assert partner.applied_by == head
    assert partner.credit_unit == "ECTS"
    [notice] = Notification.objects.filter(user=platform_admin)
    assert notice.event == "learning.partner_applied"
    assert notice.data["path"] == APPLICATIONS_URL
    page = client.get(APPLY_URL).content.decode()
    assert "Riverton High School" in page
    assert "waiting for a decision" in page


def test_other_kinds_of_organisation_are_refused_with_a_clear_message(client):
    ngo = OrganisationFactory(name="Budget Watchers", slug="budget-watchers")
    admin = add_org_admin(ngo)
    client.force_login(admin)
    response = _apply(client, organisation="budget-watchers")
    assert response.status_code == 400
    assert (
        "Only schools and universities can become learning partners; Budget Watchers is "
        "registered as “NGO or association”."
    ) in response.content.decode()
    assert not Partner.objects.exists()


def test_only_administrators_apply_for_their_organisation(client, school):
    member = UserFactory()
    with pytest.raises(PermissionDenied):
        services.partner_apply(
            actor=member, organisation=school, statement="We teach.", credit_unit="ECTS"
        )
    client.force_login(member)
    response = _apply(client)
    assert response.status_code == 400  # not one of the organisations they administer
    assert not Partner.objects.exists()


def test_an_administrator_without_a_confirmed_address_may_not_apply(school):
    unconfirmed = add_org_admin(school, UserFactory(confirmed=False))
    with pytest.raises(PermissionDenied):
        services.partner_apply(
            actor=unconfirmed, organisation=school, statement="We teach.", credit_unit="ECTS"
        )
    assert not Partner.objects.exists()


def test_one_application_per_organisation(school, head):
    services.partner_apply(actor=head, organisation=school, statement="One.", credit_unit="ECTS")
    with pytest.raises(ValidationError) as refused:
        services.partner_apply(
            actor=head, organisation=school, statement="Two.", credit_unit="ECTS"
        )
    assert refused.value.messages == [
        "Riverton High School already applied; the application waits for a decision."
    ]
    assert Partner.objects.get().statement == "One."


def test_an_approved_partner_cannot_apply_again(school, head):
    PartnerFactory(organisation=school)
    with pytest.raises(ValidationError) as refused:
        services.partner_apply(
            actor=head, organisation=school, statement="Again.", credit_unit="ECTS"
        )
    assert refused.value.messages == ["Riverton High School is already a learning partner."]


def test_a_rejected_organisation_applies_again(school, head, platform_admin):
    partner = services.partner_apply(
        actor=head, organisation=school, statement="First.", credit_unit="ECTS"
    )
    services.partner_decide(
        actor=platform_admin, partner=partner, approve=False, reason="Say more about courses."
    )
    again = services.partner_apply(
        actor=head, organisation=school, statement="Second, with courses.", credit_unit="credits"
    )
    assert again.pk == partner.pk
    assert again.status == PartnerStatus.PENDING
    assert again.statement == "Second, with courses."
    assert again.decision_note == ""
    assert again.decided_by is None


def test_blank_statement_is_refused_and_nothing_is_stored(client, school, head):
    client.force_login(head)
    response = _apply(client, statement="   ")
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Partner.objects.exists()


def test_the_applications_page_is_for_platform_administrators(client, head, platform_admin):
    PartnerFactory(status=PartnerStatus.PENDING, statement="We run a summer school.")
    assert client.get(APPLICATIONS_URL).status_code == 302  # to the login page
    client.force_login(head)
    assert client.get(APPLICATIONS_URL).status_code == 403
    client.force_login(platform_admin)
    page = client.get(APPLICATIONS_URL).content.decode()
    assert "We run a summer school." in page


def test_approval_is_audited_notified_and_makes_the_applicant_chair(
    client, school, head, platform_admin, django_capture_on_commit_callbacks
):
    partner = PartnerFactory(organisation=school, status=PartnerStatus.PENDING, applied_by=head)
    client.force_login(platform_admin)
    url = reverse("learning:partner-decide", args=[partner.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.APPROVED
    assert partner.decided_by == platform_admin
    assert partner.decided_at is not None
    [entry] = AuditEntry.objects.filter(action="learning.partner_approved")
    assert entry.target_id == str(partner.pk)
    assert entry.data == {"organisation": "riverton-high", "reason": ""}
    [notice] = Notification.objects.filter(user=head)
    assert notice.event == "learning.partner_approved"
    assert notice.data["path"] == "/learning/partners/riverton-high/"
    chair = CommitteeMember.objects.get(partner=partner)
    assert (chair.person, chair.role) == (head, CommitteeRole.CHAIR)
    assert client.get("/learning/partners/riverton-high/").status_code == 200


def test_rejection_needs_a_reason_and_is_audited_with_it(
    client, school, head, platform_admin, django_capture_on_commit_callbacks
):
    partner = PartnerFactory(organisation=school, status=PartnerStatus.PENDING, applied_by=head)
    client.force_login(platform_admin)
    url = reverse("learning:partner-decide", args=[partner.pk])
    response = client.post(url, {"decision": "reject", "reason": " "})
    assert response.status_code == 400
    assert "Say why the application is not accepted." in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.PENDING
    assert not AuditEntry.objects.filter(action__startswith="learning.partner").exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "reason": "No course on data literacy yet."})
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.REJECTED
    assert partner.decision_note == "No course on data literacy yet."
    [entry] = AuditEntry.objects.filter(action="learning.partner_rejected")
    assert entry.data["reason"] == "No course on data literacy yet."
    assert Notification.objects.get(user=head).event == "learning.partner_rejected"
    assert not CommitteeMember.objects.exists()
    page = client.get(APPLICATIONS_URL, {"status": "rejected"}).content.decode()
    assert "No course on data literacy yet." in page


def test_a_decision_is_taken_once_and_only_by_platform_administrators(client, head, platform_admin):
    partner = PartnerFactory(status=PartnerStatus.PENDING, applied_by=head)
    url = reverse("learning:partner-decide", args=[partner.pk])
    client.force_login(head)
    assert client.post(url, {"decision": "approve"}).status_code == 403
    assert not AuditEntry.objects.exists()
    client.force_login(platform_admin)
    client.post(url, {"decision": "approve"})
    response = client.post(url, {"decision": "reject", "reason": "Too late."})
    assert response.status_code == 400
    assert "This application was already decided." in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.APPROVED
    assert AuditEntry.objects.count() == 1
    bad = client.post(url, {"decision": "maybe"})
    assert bad.status_code == 400


def test_a_pending_partner_has_no_public_page(client):
    partner = PartnerFactory(status=PartnerStatus.PENDING)
    assert client.get(partner.get_absolute_url()).status_code == 404
