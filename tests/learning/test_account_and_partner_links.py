"""Where people find the learning pages: their account page, and a partner's page, which shows
each visitor the actions open to them."""

import pytest
from django.urls import reverse

from pnyx.learning.services.credentials import application_credential_issue
from tests.learning.factories import (
    GrantedCreditApplicationFactory,
    PartnerFactory,
    UserFactory,
    add_committee_member,
    add_rubric,
)

pytestmark = pytest.mark.django_db


def test_the_account_page_links_to_the_learners_own_pages(client):
    client.force_login(UserFactory())

    page = client.get(reverse("accounts:account")).content.decode()

    for name in ("course-mine", "engagement-list", "application-list", "credential-list"):
        assert f'href="{reverse(f"learning:{name}")}"' in page


def test_a_partner_page_offers_each_visitor_what_they_may_do(client):
    partner = PartnerFactory()
    add_rubric(partner, 4)
    member = add_committee_member(partner, role="chair")
    slug = partner.organisation.slug
    applications = reverse("learning:partner-credit-applications", kwargs={"slug": slug})
    apply = f"{reverse('learning:application-create')}?partner={slug}"
    url = partner.get_absolute_url()

    visitor = client.get(url).content.decode()
    client.force_login(UserFactory())
    learner = client.get(url).content.decode()
    client.force_login(member)
    committee = client.get(url).content.decode()

    assert apply not in visitor
    assert applications not in visitor
    assert apply in learner
    assert applications not in learner
    assert applications in committee


def test_a_granted_application_leads_its_learner_to_the_credential(client):
    application = GrantedCreditApplicationFactory()
    add_rubric(application.partner, 4)
    credential = application_credential_issue(application=application)
    member = add_committee_member(application.partner, role="chair")
    url = reverse("learning:application-detail", kwargs={"pk": application.pk})

    client.force_login(application.learner)
    learner = client.get(url).content.decode()
    client.force_login(member)
    committee = client.get(url).content.decode()

    assert f'href="{credential.get_absolute_url()}"' in learner
    assert credential.get_absolute_url() not in committee
