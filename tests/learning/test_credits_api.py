"""The credit applications API: one's own applications, and for a partner's committee the
applications sent to it, conflicts, reviews and decisions, with the same checks as the pages."""

import pytest

from pnyx.learning.models import (
    ApplicationReview,
    ApplicationStatus,
    ConflictDeclaration,
    Credential,
    CreditApplication,
)
from tests.learning.factories import (
    CreditApplicationFactory,
    EngagementEntryFactory,
    PartnerFactory,
    UserFactory,
    add_committee_member,
    add_rubric,
)
from tests.learning.test_credits_services import STATEMENT, review
from tests.learning.test_engagement_api import bearer

pytestmark = pytest.mark.django_db

URL = "/api/v1/learning/applications"


@pytest.fixture
def partner():
    partner = PartnerFactory(organisation__slug="riverton")
    add_rubric(partner, 4, 3)
    return partner


@pytest.fixture
def application(partner):
    entry = EngagementEntryFactory(
        activity="Private tutoring", referee_name="Rita", referee_email="rita@example.org"
    )
    return CreditApplicationFactory(learner=entry.learner, partner=partner, entries=[entry])


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", headers=bearer(user))


def test_a_learner_applies_and_lists_their_applications(client, partner):
    learner = UserFactory()
    entry = EngagementEntryFactory(learner=learner)
    body = {
        "partner": "riverton",
        "entries": [entry.pk],
        "statement": STATEMENT,
        "credits_requested": "2.5",
    }
    response = post(client, URL, body, learner)
    assert response.status_code == 201
    created = response.json()
    assert created["status"] == "submitted"
    assert created["credits_requested"] == "2.50"
    assert [item["id"] for item in created["entries"]] == [entry.pk]
    assert created["reviews"] == []
    listed = client.get(URL, headers=bearer(learner)).json()
    assert [item["id"] for item in listed["items"]] == [created["id"]]
    assert client.get(URL, headers=bearer(UserFactory())).json()["count"] == 0


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"partner": "nowhere"}, 404),
        ({"credits_requested": "0"}, 422),
        ({"credits_requested": "60.5"}, 422),
        ({"credits_requested": "1.005"}, 422),
        ({"statement": "Short."}, 422),
        ({"entries": []}, 422),
    ],
    ids=["unknown-partner", "zero", "over-60", "three-decimals", "short", "no-entry"],
)
def test_a_bad_application_is_refused_and_nothing_is_stored(client, partner, changes, status):
    entry = EngagementEntryFactory()
    body = {
        "partner": "riverton",
        "entries": [entry.pk],
        "statement": STATEMENT,
        "credits_requested": "3",
        **changes,
    }
    assert post(client, URL, body, entry.learner).status_code == status
    assert not CreditApplication.objects.exists()


def test_a_partner_without_rubric_is_409(client):
    PartnerFactory(organisation__slug="bare")
    entry = EngagementEntryFactory()
    body = {
        "partner": "bare",
        "entries": [entry.pk],
        "statement": STATEMENT,
        "credits_requested": 1,
    }
    response = post(client, URL, body, entry.learner)
    assert response.status_code == 409
    assert response.json()["detail"].endswith("does not take credit applications.")


def test_the_application_is_seen_by_its_learner_and_its_committee_only(client, application):
    member = add_committee_member(application.partner)
    review(application, member)
    url = f"{URL}/{application.pk}"
    assert client.get(url, headers=bearer(UserFactory())).status_code == 404
    assert (
        client.get(url, headers=bearer(add_committee_member(PartnerFactory()))).status_code == 404
    )
    mine = client.get(url, headers=bearer(application.learner)).json()
    assert mine["reviews"] == []
    seen = client.get(url, headers=bearer(member)).json()
    assert [len(item["scores"]) for item in seen["reviews"]] == [2]
    [entry] = seen["entries"]
    assert entry["activity"] == "Private tutoring"
    assert entry["referee_name"] == "Rita"
    assert "rita@example.org" not in str(seen)


def test_a_reviewer_with_a_declared_conflict_cannot_review_or_decide(client, application):
    chair = add_committee_member(application.partner, role="chair")
    review(application, add_committee_member(application.partner))
    url = f"{URL}/{application.pk}"
    assert post(client, f"{url}/conflict", {"reason": ""}, chair).status_code == 422
    assert post(client, f"{url}/conflict", {"reason": "My niece."}, chair).status_code == 201
    again = post(client, f"{url}/conflict", {"reason": "Again."}, chair)
    assert again.status_code == 403
    criteria = list(application.partner.rubric.order_by("position"))
    scores = [{"criterion": criterion.pk, "score": 1} for criterion in criteria]
    refused = post(client, f"{url}/reviews", {"scores": scores}, chair)
    assert refused.status_code == 403
    assert refused.json() == {
        "detail": "You declared a conflict of interest on this application: you neither "
        "review nor decide it."
    }
    decided = post(client, f"{url}/decision", {"decision": "grant", "credits": "3"}, chair)
    assert decided.status_code == 403
    assert ConflictDeclaration.objects.count() == 1
    assert ApplicationReview.objects.count() == 1
    assert not Credential.objects.exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_a_review_then_a_grant_by_the_chair(client, application):
    member = add_committee_member(application.partner)
    chair = add_committee_member(application.partner, role="chair")
    url = f"{URL}/{application.pk}"
    early = post(client, f"{url}/decision", {"decision": "grant", "credits": "3"}, chair)
    assert early.status_code == 409
    assert early.json() == {"detail": "Wait for at least one review before deciding."}
    criteria = list(application.partner.rubric.order_by("position"))
    bad = [{"criterion": criteria[0].pk, "score": 9}, {"criterion": criteria[1].pk, "score": 1}]
    assert post(client, f"{url}/reviews", {"scores": bad}, member).status_code == 422
    good = [{"criterion": c.pk, "score": 2, "comment": "Fine."} for c in criteria]
    written = post(client, f"{url}/reviews", {"scores": good, "credits_recommended": "3"}, member)
    assert written.status_code == 201
    assert written.json()["credits_recommended"] == "3.00"
    assert post(
        client, f"{url}/decision", {"decision": "grant", "credits": "3"}, member
    ).json() == {"detail": "Only a chair of the committee decides."}
    too_much = post(client, f"{url}/decision", {"decision": "grant", "credits": "4"}, chair)
    assert too_much.status_code == 422
    granted = post(client, f"{url}/decision", {"decision": "grant", "credits": "3"}, chair)
    assert granted.status_code == 200
    assert granted.json()["status"] == "granted"
    assert granted.json()["credits_granted"] == "3.00"
    assert Credential.objects.get().application_id == application.pk
    again = post(client, f"{url}/decision", {"decision": "refuse", "reasons": "No."}, chair)
    assert again.status_code == 409


def test_a_refusal_needs_reasons_and_creates_no_credential(client, application):
    chair = add_committee_member(application.partner, role="chair")
    review(application, add_committee_member(application.partner))
    url = f"{URL}/{application.pk}/decision"
    assert post(client, url, {"decision": "refuse"}, chair).status_code == 422
    assert post(client, url, {"decision": "maybe"}, chair).status_code == 422
    refused = post(client, url, {"decision": "refuse", "reasons": "No learning shown."}, chair)
    assert refused.json()["status"] == "refused"
    assert refused.json()["decision_reasons"] == "No learning shown."
    assert not Credential.objects.exists()


def test_the_learner_withdraws_through_the_api(client, application):
    url = f"{URL}/{application.pk}/withdraw"
    member = add_committee_member(application.partner)
    assert post(client, url, {}, member).status_code == 403
    assert post(client, url, {}, application.learner).json()["status"] == "withdrawn"
    assert post(client, url, {}, application.learner).status_code == 409


def test_the_learner_cannot_review_their_own_application(client, partner):
    learner = add_committee_member(partner, role="chair")
    application = CreditApplicationFactory(
        learner=learner, partner=partner, entries=[EngagementEntryFactory(learner=learner)]
    )
    scores = [{"criterion": c.pk, "score": 1} for c in partner.rubric.all()]
    response = post(client, f"{URL}/{application.pk}/reviews", {"scores": scores}, learner)
    assert response.status_code == 403
    assert response.json() == {"detail": "Nobody judges their own application."}
    assert not ApplicationReview.objects.exists()
