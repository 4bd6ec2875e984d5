"""The credit application pages: applying, the learner's list and withdrawal, the committee's
list (members only, a bounded number of queries), one application's page for each side, and the
conflict, review and decision pages, which refuse a member who declared a conflict."""

import pytest
from django.urls import reverse

from pnyx.learning.models import (
    ApplicationReview,
    ApplicationStatus,
    Credential,
    CreditApplication,
)
from pnyx.learning.services import credits as services
from tests.learning.factories import (
    CreditApplicationFactory,
    EngagementEntryFactory,
    PartnerFactory,
    UserFactory,
    add_committee_member,
    add_rubric,
)
from tests.learning.test_credits_services import STATEMENT, review

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    partner = PartnerFactory(
        organisation__name="Riverton University", organisation__slug="riverton"
    )
    add_rubric(partner, 4, 3)
    return partner


@pytest.fixture
def application(partner):
    learner = UserFactory(display_name="Lena")
    entry = EngagementEntryFactory(learner=learner, activity="Private tutoring", shared=False)
    return CreditApplicationFactory(learner=learner, partner=partner, entries=[entry])


def apply_url(slug="riverton"):
    return f"{reverse('learning:application-create')}?partner={slug}"


def detail_url(application):
    return reverse("learning:application-detail", args=[application.pk])


def test_a_learner_chooses_a_partner_then_applies(client, partner):
    PartnerFactory(organisation__name="No Rubric College")
    learner = UserFactory()
    entry = EngagementEntryFactory(learner=learner, activity="Beach clean-up")
    client.force_login(learner)
    choice = client.get(reverse("learning:application-create")).content.decode()
    assert "Riverton University" in choice
    assert "No Rubric College" not in choice
    page = client.get(apply_url()).content.decode()
    assert "Criterion 1" in page
    assert "Beach clean-up" in page
    response = client.post(
        apply_url(),
        {"entries": [str(entry.pk)], "statement": STATEMENT, "credits_requested": "2.5"},
    )
    application = CreditApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(application)
    listing = client.get(reverse("learning:application-list")).content.decode()
    assert "Riverton University" in listing
    assert "2.50 ECTS asked" in listing


def test_a_bad_application_form_stores_nothing(client, partner):
    learner = UserFactory()
    other = EngagementEntryFactory()
    EngagementEntryFactory(learner=learner)
    client.force_login(learner)
    response = client.post(
        apply_url(),
        {"entries": [str(other.pk)], "statement": "Short.", "credits_requested": "61"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice." in page
    assert "Ensure this value has at least 50 characters" in page
    assert "Ensure this value is less than or equal to 60." in page
    assert not CreditApplication.objects.exists()


def test_a_partner_without_rubric_or_unknown_takes_no_application(client):
    PartnerFactory(organisation__slug="bare")
    client.force_login(UserFactory())
    response = client.get(apply_url("bare"))
    assert response.status_code == 404
    assert "does not take credit applications." in response.content.decode()
    assert client.get(apply_url("nowhere")).status_code == 404


def test_the_learner_sees_their_application_without_the_committee_work(client, application):
    member = add_committee_member(application.partner, user=UserFactory(display_name="Max"))
    review(application, member)
    client.force_login(application.learner)
    page = client.get(detail_url(application)).content.decode()
    assert "Private tutoring" in page
    assert "waiting for review" in page
    assert "Max" not in page
    assert "Withdraw the application" in page
    response = client.post(reverse("learning:application-withdraw", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_strangers_do_not_find_an_application(client, application):
    client.force_login(UserFactory())
    assert client.get(detail_url(application)).status_code == 404
    withdraw = reverse("learning:application-withdraw", args=[application.pk])
    assert client.post(withdraw).status_code == 404
    review_url = reverse("learning:application-review", args=[application.pk])
    assert client.get(review_url).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_the_committee_list_is_for_members_only(client, application):
    url = reverse("learning:partner-credit-applications", args=["riverton"])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    member = add_committee_member(application.partner)
    client.force_login(member)
    page = client.get(url).content.decode()
    assert "Application of Lena" in page
    assert "Private tutoring" in page
    assert "Criterion 2" in page
    assert "0 reviews" in page
    assert "Application of Lena" not in client.get(f"{url}?status=granted").content.decode()
    assert client.get(f"{url}?status=<script>").status_code == 200


def test_the_committee_list_runs_a_bounded_number_of_queries(
    client, partner, django_assert_max_num_queries
):
    member = add_committee_member(partner)
    for _ in range(15):
        learner = UserFactory()
        entries = [EngagementEntryFactory(learner=learner) for _ in range(2)]
        application = CreditApplicationFactory(learner=learner, partner=partner, entries=entries)
        review(application, member)
    client.force_login(member)
    url = reverse("learning:partner-credit-applications", args=["riverton"])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count("Application of ") == 15


def test_the_committee_sees_reviews_and_conflicts_on_the_application(client, application):
    chair = add_committee_member(application.partner, role="chair")
    member = add_committee_member(application.partner, user=UserFactory(display_name="Max"))
    review(application, member)
    services.conflict_declare(
        actor=add_committee_member(application.partner, user=UserFactory(display_name="Nora")),
        application=application,
        reason="My cousin.",
    )
    client.force_login(chair)
    page = client.get(detail_url(application)).content.decode()
    assert "Max" in page
    assert "Nora" in page
    assert "My cousin." in page
    assert reverse("learning:application-decision", args=[application.pk]) in page


def test_a_member_who_declares_a_conflict_cannot_review_or_decide_through_the_pages(
    client, application
):
    chair = add_committee_member(application.partner, role="chair")
    review(application, add_committee_member(application.partner))
    client.force_login(chair)
    conflict = reverse("learning:application-conflict", args=[application.pk])
    assert client.post(conflict, {"reason": " "}).status_code == 400
    assert client.post(conflict, {"reason": "My niece."}).status_code == 302
    page = client.get(detail_url(application)).content.decode()
    assert "You declared a conflict of interest: you stand aside" in page
    review_url = reverse("learning:application-review", args=[application.pk])
    decision_url = reverse("learning:application-decision", args=[application.pk])
    response = client.get(review_url)
    assert response.status_code == 403
    assert "you neither review nor decide it" in response.content.decode()
    assert client.post(review_url, {"score_1": "1"}).status_code == 403
    post = {"decision": "grant", "credits": "3", "reasons": ""}
    assert client.post(decision_url, post).status_code == 403
    assert ApplicationReview.objects.count() == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not Credential.objects.exists()


def test_a_member_reviews_and_the_chair_grants_through_the_pages(client, application):
    member = add_committee_member(application.partner)
    chair = add_committee_member(application.partner, role="chair")
    criteria = list(application.partner.rubric.order_by("position"))
    review_url = reverse("learning:application-review", args=[application.pk])
    client.force_login(member)
    bad = {f"score_{criteria[0].pk}": "9", f"score_{criteria[1].pk}": "1"}
    response = client.post(review_url, bad)
    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 4." in response.content.decode()
    assert not ApplicationReview.objects.exists()
    good = {
        f"score_{criteria[0].pk}": "3",
        f"score_{criteria[1].pk}": "2",
        "comment": "Thoughtful.",
        "credits_recommended": "3",
    }
    assert client.post(review_url, good).status_code == 302
    client.force_login(chair)
    decision_url = reverse("learning:application-decision", args=[application.pk])
    assert "3 ECTS" in client.get(decision_url).content.decode()
    response = client.post(decision_url, {"decision": "refuse", "credits": "", "reasons": ""})
    assert response.status_code == 400
    assert "Give the reasons for the refusal." in response.content.decode()
    response = client.post(decision_url, {"decision": "grant", "credits": "3", "reasons": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.GRANTED
    assert Credential.objects.get().application == application
    assert "credits granted" in client.get(detail_url(application)).content.decode()
