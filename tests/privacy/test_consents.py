"""Consents: opt-in only, changed at any time, every change kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnyx.core import personal_data
from pnyx.privacy.models import Consent
from pnyx.privacy.services.consents import consents_set
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_without_a_choice_the_answer_is_no():
    person = UserFactory()

    assert personal_data.has_consent(person, "newsletter") is False
    assert personal_data.has_consent(person, "personalised_recommendations") is False


def test_an_unknown_purpose_is_a_programming_error():
    with pytest.raises(LookupError):
        personal_data.has_consent(UserFactory(), "selling_data")


def test_changing_a_consent_on_the_page_keeps_the_history(client, world):
    client.force_login(world.person)

    response = client.post("/privacy/consents/", {"personalised_recommendations": "on"})
    page = client.get("/privacy/consents/").content.decode()

    assert response.status_code == 302
    assert personal_data.has_consent(world.person, "newsletter") is False
    assert personal_data.has_consent(world.person, "personalised_recommendations") is True
    history = list(
        Consent.objects.filter(person=world.person)
        .order_by("changed_at", "pk")
        .values_list("purpose", "granted")
    )
    assert history == [
        ("newsletter", True),
        ("newsletter", False),
        ("personalised_recommendations", True),
    ]
    assert page.count("<td>News from Pnyx by e-mail</td>") == 2
    assert "<td>Refused</td>" in page
    assert 'id="id_personalised_recommendations" checked' in page
    assert 'id="id_newsletter" checked' not in page


def test_saving_the_same_choices_adds_nothing(client, world):
    client.force_login(world.person)
    # The first save also records the "no" to the purpose Zelda had never answered.
    client.post("/privacy/consents/", {"newsletter": "on"})

    response = client.post("/privacy/consents/", {"newsletter": "on"}, follow=True)

    assert Consent.objects.filter(person=world.person, purpose="newsletter").count() == 1
    assert Consent.objects.filter(person=world.person).count() == 2
    assert "Nothing changed: these were already your choices." in response.content.decode()


def test_a_purpose_nobody_declared_is_refused_and_nothing_is_stored(world):
    with pytest.raises(ValidationError, match="Unknown consent purposes: selling_data"):
        consents_set(
            actor=world.person,
            person=world.person,
            choices={"newsletter": False, "selling_data": True},
        )

    assert Consent.objects.filter(person=world.person).count() == 1


def test_nobody_can_change_someone_elses_consents(world):
    with pytest.raises(PermissionDenied):
        consents_set(actor=world.other, person=world.person, choices={"newsletter": False})

    assert personal_data.has_consent(world.person, "newsletter") is True


def test_the_dashboard_shows_each_consent_in_force(client, world):
    client.force_login(world.person)

    page = client.get("/privacy/").content.decode()

    assert "<dt>News from Pnyx by e-mail</dt>" in page
    assert "Given on" in page
    assert "Not given (you were never asked)" in page
