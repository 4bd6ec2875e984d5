"""The base layout: its navigation and footer are rendered once per language and reused."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [False, True])
def test_reused_layout_parts_follow_each_visitors_language(client, debug):
    with override_settings(DEBUG=debug):
        french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        french_again = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert ">Consultations<" in english
    assert ">Log in<" in english
    assert "Change language" in english
    assert "public log" in english
    assert ">Se connecter<" in french
    assert "Changer de langue" in french
    assert ">Log in<" not in french
    assert _without_csrf_token(french_again) == _without_csrf_token(french)


def _without_csrf_token(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_the_language_choice_marks_the_current_language(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert '<option value="es" lang="es" selected>' in " ".join(page.split())
    assert '<option value="fr" lang="fr" >' in " ".join(page.split())


def test_the_footer_keeps_the_page_to_return_to_and_a_fresh_csrf_token(client):
    client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    page = client.get("/organisations/?q=x", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'name="next" type="hidden" value="/organisations/?q=x"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_a_logged_in_person_sees_their_name_not_the_visitor_links(client, django_user_model):
    person = django_user_model.objects.create_user(email="ana@example.org", password="pw-123456789")
    client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)

    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert ">Log in<" not in page
    assert "Log out" in page
