"""SECURITY.md case 3 for the learning app: each role against the pages and API endpoints that
show or change what is not theirs. Allowed roles get 200; a visitor is sent to log in or gets
404 (pages) or 401 (API); every other role gets 403 or 404 and sees nothing of the object."""

import pytest
from django.urls import reverse

from pnyx.learning.models import CourseStatus
from pnyx.learning.services.credentials import application_credential_issue
from pnyx.orgs.models import Role
from tests.learning.factories import (
    CourseFactory,
    CreditApplicationFactory,
    EngagementEntryFactory,
    GrantedCreditApplicationFactory,
    LessonFactory,
    ModuleFactory,
    PartnerFactory,
    UserFactory,
    add_committee_member,
    add_rubric,
)
from tests.learning.test_engagement_api import bearer
from tests.orgs.factories import MembershipFactory

pytestmark = pytest.mark.django_db

ROLES = ("stranger", "learner", "member", "chair", "org_admin", "platform_admin")


@pytest.fixture
def world():
    partner = PartnerFactory()
    add_rubric(partner, 4)
    people = {
        "stranger": UserFactory(),
        "learner": UserFactory(),
        "member": add_committee_member(partner),
        "chair": add_committee_member(partner, role="chair"),
        "org_admin": UserFactory(),
        "platform_admin": UserFactory(is_staff=True),
    }
    MembershipFactory(organisation=partner.organisation, user=people["org_admin"], role=Role.ADMIN)
    entry = EngagementEntryFactory(learner=people["learner"])
    waiting = CreditApplicationFactory(learner=people["learner"], partner=partner, entries=[entry])
    granted = GrantedCreditApplicationFactory(learner=people["learner"], partner=partner)
    credential = application_credential_issue(application=granted)
    draft = CourseFactory(partner=partner, status=CourseStatus.DRAFT)
    LessonFactory(module=ModuleFactory(course=draft))
    return {
        "partner": partner,
        "people": people,
        "waiting": waiting,
        "credential": credential,
        "draft": draft,
        "slug": partner.organisation.slug,
    }


def _pages(world):
    """Each page with the roles that may open it."""
    slug, credential = world["slug"], world["credential"]
    public_id = credential.public_id
    return [
        (
            reverse("learning:application-detail", args=[world["waiting"].pk]),
            {"learner", "member", "chair"},
        ),
        (reverse("learning:partner-credit-applications", args=[slug]), {"member", "chair"}),
        (reverse("learning:partner-credentials", args=[slug]), {"chair", "org_admin"}),
        (reverse("learning:committee-manage", args=[slug]), {"chair", "org_admin"}),
        (reverse("learning:rubric-edit", args=[slug]), {"chair", "org_admin"}),
        (reverse("learning:credential-detail", args=[public_id]), {"learner"}),
        (reverse("learning:credential-download", args=[public_id]), {"learner"}),
        (reverse("learning:partner-applications"), {"platform_admin"}),
        (
            reverse("learning:course-manage", args=[world["draft"].slug]),
            {"member", "chair", "org_admin", "platform_admin"},
        ),
    ]


def test_each_page_opens_for_its_roles_only(client, world):
    for url, allowed in _pages(world):
        client.logout()
        assert client.get(url).status_code in (302, 404), url
        for role in ROLES:
            client.force_login(world["people"][role])
            status = client.get(url).status_code
            assert status == 200 if role in allowed else status in (403, 404), (url, role, status)


def test_each_api_endpoint_answers_its_roles_only(client, world):
    endpoints = [
        (f"/api/v1/learning/applications/{world['waiting'].pk}", {"learner", "member", "chair"}),
        (f"/api/v1/credentials/{world['credential'].public_id}", {"learner"}),
    ]
    for url, allowed in endpoints:
        assert client.get(url).status_code == 401, url
        for role in ROLES:
            status = client.get(url, headers=bearer(world["people"][role])).status_code
            assert status == 200 if role in allowed else status in (403, 404), (url, role, status)


def test_only_the_chair_decides_and_only_the_committee_reviews(client, world):
    url = f"/api/v1/learning/applications/{world['waiting'].pk}"
    decision = {"decision": "refuse", "reasons": "The entries do not show what was learned."}
    [criterion] = world["partner"].rubric.all()
    review = {"scores": [{"criterion": criterion.pk, "score": 2}], "comment": "Thin evidence."}

    refused_decisions = {
        role: client.post(
            f"{url}/decision",
            decision,
            content_type="application/json",
            headers=bearer(world["people"][role]),
        ).status_code
        for role in ("stranger", "learner", "member", "org_admin", "platform_admin")
    }
    refused_reviews = {
        role: client.post(
            f"{url}/reviews",
            review,
            content_type="application/json",
            headers=bearer(world["people"][role]),
        ).status_code
        for role in ("stranger", "learner", "org_admin", "platform_admin")
    }

    assert set(refused_decisions.values()) <= {403, 404, 409}, refused_decisions
    assert set(refused_reviews.values()) <= {403, 404}, refused_reviews
    world["waiting"].refresh_from_db()
    assert world["waiting"].status == "submitted"
    assert not world["waiting"].reviews.exists()
