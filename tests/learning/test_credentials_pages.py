"""The credential pages: a learner's list and page, the download, asking for a course's
credential, a partner's list with revocation, and the issuers' published documents."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from pnyx.learning import credentials as vc
from pnyx.learning.models import CommitteeRole, Credential, StatusList
from pnyx.learning.selectors.credentials import credential_file
from pnyx.learning.services.credentials import application_credential_issue, credential_revoke
from pnyx.learning.services.credentials_issuers import issuer_ensure
from pnyx.learning.services.credentials_verify import credential_verify
from tests.learning.factories import (
    CommitteeMemberFactory,
    CompletedEnrolmentFactory,
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


def _credential(learner=None, partner=None):
    learner = learner or UserFactory()
    entry = EvidenceEntryFactory(learner=learner, activity="Budget street stand")
    application = GrantedCreditApplicationFactory(
        learner=learner,
        entries=[entry],
        credits_granted=Decimal("3"),
        **({"partner": partner} if partner else {}),
    )
    return application_credential_issue(application=application)


def _chair(partner):
    return CommitteeMemberFactory(partner=partner, role=CommitteeRole.CHAIR).person


def test_a_learner_lists_their_own_credentials_only(client, django_assert_max_num_queries):
    # Given a learner with three credentials, and someone else's
    learner = UserFactory()
    mine = [_credential(learner) for _ in range(3)]
    _credential()
    client.force_login(learner)

    # When they open their list
    with django_assert_max_num_queries(12):
        response = client.get(reverse("learning:credential-list"))

    # Then they see theirs, with their issuer
    assert response.status_code == 200
    listed = list(response.context["page"])
    assert listed == sorted(mine, key=lambda c: (c.created_at, c.pk), reverse=True)
    assert mine[0].partner.organisation.name in response.content.decode()


def test_the_list_asks_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("learning:credential-list"))

    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]


def test_a_credential_page_shows_what_it_certifies(client):
    # Given a credential
    credential = _credential()
    client.force_login(credential.learner)

    # When its learner opens it
    response = client.get(credential.get_absolute_url())

    # Then it shows the name, issuer, credits, evidence, status and the two links
    page = response.content.decode()
    assert response.status_code == 200
    assert "3 ECTS credits for civic engagement" in page
    assert credential.partner.organisation.name in page
    assert "Budget street stand" in page
    assert response.context["credits"] == 3
    assert "Valid" in page
    assert (
        reverse("learning:credential-download", kwargs={"public_id": credential.public_id}) in page
    )
    assert reverse("learning:credential-verify") in page
    assert "Download (JSON)" in page


def test_a_revoked_credential_says_so_on_its_page(client):
    credential = _credential()
    credential_revoke(
        actor=_chair(credential.partner), credential=credential, reason="Entries not confirmed."
    )
    client.force_login(credential.learner)

    response = client.get(credential.get_absolute_url())

    page = response.content.decode()
    assert "Revoked by its issuer on" in page
    assert "Entries not confirmed." in page


@pytest.mark.parametrize("who", ["anonymous", "other", "chair"])
def test_others_do_not_find_a_credential_page_or_file(client, who):
    credential = _credential()
    if who == "other":
        client.force_login(UserFactory())
    elif who == "chair":
        client.force_login(_chair(credential.partner))
    kwargs = {"public_id": credential.public_id}

    page = client.get(reverse("learning:credential-detail", kwargs=kwargs))
    download = client.get(reverse("learning:credential-download", kwargs=kwargs))

    expected = 302 if who == "anonymous" else 404
    assert (page.status_code, download.status_code) == (expected, expected)


def test_the_download_is_the_stored_signed_document_as_an_attachment(client):
    # Given a credential
    credential = _credential()
    client.force_login(credential.learner)

    # When its learner downloads it
    response = client.get(
        reverse("learning:credential-download", kwargs={"public_id": credential.public_id})
    )

    # Then the file is the stored document, byte for byte, and it verifies
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="credential-{credential.public_id}.json"'
    )
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.content == credential_file(credential)
    assert json.loads(response.content) == Credential.objects.get(pk=credential.pk).document
    verdict = credential_verify(document=json.loads(response.content))
    assert verdict.outcome == vc.Outcome.VALID


def test_a_learner_gets_the_credential_of_a_completed_course(client):
    # Given a learner who completed a partner's course
    enrolment = CompletedEnrolmentFactory()
    client.force_login(enrolment.learner)
    url = reverse("learning:course-credential", kwargs={"slug": enrolment.course.slug})

    # When they ask for its credential, twice
    first = client.post(url)
    second = client.post(url)

    # Then one credential exists and both answers lead to it
    credential = Credential.objects.get()
    assert credential.enrolment == enrolment
    assert first.status_code == 302
    assert first["Location"] == credential.get_absolute_url()
    assert second["Location"] == credential.get_absolute_url()


def test_an_unfinished_course_answers_400_and_issues_nothing(client):
    enrolment = CompletedEnrolmentFactory(completed_at=None)
    client.force_login(enrolment.learner)

    response = client.post(
        reverse("learning:course-credential", kwargs={"slug": enrolment.course.slug})
    )

    assert response.status_code == 400
    assert "Complete the course first." in response.content.decode()
    assert not Credential.objects.exists()


def test_the_course_credential_is_post_only_and_for_enrolled_learners(client):
    enrolment = CompletedEnrolmentFactory()
    url = reverse("learning:course-credential", kwargs={"slug": enrolment.course.slug})
    client.force_login(UserFactory())

    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 404
    assert not Credential.objects.exists()


def test_the_chair_lists_the_partner_credentials_with_revoke_links(
    client, django_assert_max_num_queries
):
    # Given a partner that issued three credentials
    partner = PartnerFactory()
    credentials = [_credential(partner=partner) for _ in range(3)]
    _credential()
    client.force_login(_chair(partner))
    url = reverse("learning:partner-credentials", kwargs={"slug": partner.organisation.slug})

    # When the chair opens the list
    with django_assert_max_num_queries(14):
        response = client.get(url)

    # Then the partner's credentials are listed, each with a revoke link
    page = response.content.decode()
    assert response.status_code == 200
    assert set(response.context["page"]) == set(credentials)
    for credential in credentials:
        revoke = reverse(
            "learning:credential-revoke",
            kwargs={"slug": partner.organisation.slug, "public_id": credential.public_id},
        )
        assert revoke in page


@pytest.mark.parametrize("role", [CommitteeRole.MEMBER, "learner", "member of the org"])
def test_others_may_not_see_the_partner_credentials(client, role):
    credential = _credential()
    partner = credential.partner
    if role == "learner":
        person = credential.learner
    elif role == "member of the org":
        person = MembershipFactory(organisation=partner.organisation).user
    else:
        person = CommitteeMemberFactory(partner=partner, role=role).person
    client.force_login(person)
    slug = partner.organisation.slug

    listing = client.get(reverse("learning:partner-credentials", kwargs={"slug": slug}))
    revoke = client.post(
        reverse(
            "learning:credential-revoke",
            kwargs={"slug": slug, "public_id": credential.public_id},
        ),
        {"reason": "No."},
    )

    assert (listing.status_code, revoke.status_code) == (403, 403)
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_an_organisation_admin_revokes_through_the_page(client, django_capture_on_commit_callbacks):
    # Given a credential and an administrator of the issuing organisation
    credential = _credential()
    partner = credential.partner
    admin = MembershipFactory(organisation=partner.organisation, role="admin").user
    client.force_login(admin)
    url = reverse(
        "learning:credential-revoke",
        kwargs={"slug": partner.organisation.slug, "public_id": credential.public_id},
    )

    # When they open the form and revoke it with a reason
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Issued by mistake."})

    # Then it is revoked and they are back on the list
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "learning:partner-credentials", kwargs={"slug": partner.organisation.slug}
    )
    credential.refresh_from_db()
    assert credential.revoked_reason == "Issued by mistake."
    assert credential_verify(document=credential.document).outcome == vc.Outcome.REVOKED


def test_revoking_without_a_reason_or_twice_is_refused_on_the_page(client):
    credential = _credential()
    partner = credential.partner
    client.force_login(_chair(partner))
    url = reverse(
        "learning:credential-revoke",
        kwargs={"slug": partner.organisation.slug, "public_id": credential.public_id},
    )

    empty = client.post(url, {"reason": ""})
    credential.refresh_from_db()
    assert empty.status_code == 400
    assert credential.revoked_at is None

    client.post(url, {"reason": "First."})
    again = client.post(url, {"reason": "Second."})
    assert again.status_code == 400
    assert "This credential was already revoked on" in again.content.decode()
    credential.refresh_from_db()
    assert credential.revoked_reason == "First."


def test_a_credential_of_another_partner_is_not_found_from_this_one(client):
    credential = _credential()
    partner = PartnerFactory()
    client.force_login(_chair(partner))

    response = client.post(
        reverse(
            "learning:credential-revoke",
            kwargs={"slug": partner.organisation.slug, "public_id": credential.public_id},
        ),
        {"reason": "Not ours."},
    )

    assert response.status_code == 404
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_the_issuer_publishes_its_did_document_where_did_web_looks(client):
    # Given a partner that issued a credential
    credential = _credential()
    slug = credential.partner.organisation.slug
    did = credential.document["issuer"]["id"]

    # When a verifier fetches the address did:web gives for its DID
    url = vc.did_web_url(did)
    assert url == f"https://pnyx.example/learning/issuers/{slug}/did.json"
    response = client.get(url.removeprefix("https://pnyx.example"))

    # Then it finds the key that signed the credential
    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+json"
    document = response.json()
    assert document["id"] == did
    key = vc.key_from_did_document(document, credential.document["proof"]["verificationMethod"])
    assert vc.verify_proof(credential.document, public_key=key).valid


def test_the_issuer_publishes_its_signed_revocation_list(client):
    # Given a credential, then revoked
    credential = _credential()
    status_url = credential.document["credentialStatus"]["statusListCredential"]
    path = status_url.removeprefix("https://pnyx.example")
    before = json.loads(client.get(path).content)
    credential_revoke(actor=_chair(credential.partner), credential=credential, reason="Gone.")

    # When the list is fetched again
    response = client.get(path)
    after = json.loads(response.content)

    # Then it is a signed list of the issuer, re-signed with the credential's bit set
    assert response["Content-Type"] == "application/vc"
    issuer = credential.document["issuer"]["id"]
    key = vc.key_from_did_document(
        client.get(vc.did_web_url(issuer).removeprefix("https://pnyx.example")).json(),
        f"{issuer}#key-1",
    )
    for listing in (before, after):
        assert listing["id"] == status_url
        assert listing["issuer"] == issuer
        assert vc.verify_proof(listing, public_key=key).valid
    index = credential.status_index
    assert not vc.get_bit(vc.decode(before["credentialSubject"]["encodedList"]), index)
    assert vc.get_bit(vc.decode(after["credentialSubject"]["encodedList"]), index)
    assert len(vc.decode(after["credentialSubject"]["encodedList"])) * 8 == 131_072


def test_a_partner_that_never_issued_publishes_nothing(client):
    partner = PartnerFactory()
    slug = partner.organisation.slug

    assert client.get(f"/learning/issuers/{slug}/did.json").status_code == 404
    assert client.get(f"/learning/issuers/{slug}/status/1").status_code == 404
    assert client.get("/learning/issuers/no-such-school/did.json").status_code == 404


def test_issuer_documents_are_read_only(client):
    partner = PartnerFactory()
    issuer_ensure(partner=partner)
    slug = partner.organisation.slug

    assert client.post(f"/learning/issuers/{slug}/did.json").status_code == 405
    assert StatusList.objects.get(partner=partner).next_index == 0
