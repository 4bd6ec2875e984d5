"""Account page, profile edit, public profile and API tokens through the pages."""

import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pnyx.accounts import views
from pnyx.accounts.models import ApiToken, User, hash_token
from pnyx.core.models import Topic
from tests.accounts.factories import AdminFactory, ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _profile_data(**changes):
    data = {
        "display_name": "Ana Lima",
        "country": "BR",
        "languages": ["pt", "es"],
        "topics": [Topic.objects.get(slug="open-data").pk],
        "bio": "I map **public budgets**.",
        "public_fields": ["country", "bio"],
    }
    data.update(changes)
    return data


def test_account_page_needs_a_login(client):
    response = client.get(reverse("accounts:account"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_account_page_shows_identity_security_roles_and_links(client):
    person = AdminFactory(display_name="Ana Lima")
    client.force_login(person)

    response = client.get(reverse("accounts:account"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Ana Lima" in html
    assert person.email in html
    assert f'href="{reverse("account_email")}"' in html
    assert f'href="{reverse("account_change_password")}"' in html
    assert f'href="{reverse("mfa_activate_totp")}"' in html
    assert f'href="{reverse("accounts:profile-edit")}"' in html
    assert f'href="{reverse("accounts:person-detail", args=[person.pk])}"' in html
    assert 'href="/organisations/mine/"' in html
    assert "My organisations" in html
    assert "Platform administrator" in html


def test_account_page_of_a_member_shows_no_admin_role(client):
    client.force_login(UserFactory())

    html = client.get(reverse("accounts:account")).content.decode()

    assert "Platform administrator" not in html


def test_account_page_query_count_does_not_grow_with_tokens(client, django_assert_num_queries):
    person = UserFactory()
    ApiTokenFactory.create_batch(25, user=person)
    client.force_login(person)

    # session, user, e-mail addresses, authenticators, token count, one page of tokens
    with django_assert_num_queries(6):
        response = client.get(reverse("accounts:account"))

    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 21


def test_profile_edit_saves_valid_input(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(reverse("accounts:profile-edit"), _profile_data())

    assert response.status_code == 302
    assert response.url == reverse("accounts:account")
    person.refresh_from_db()
    assert person.display_name == "Ana Lima"
    assert person.country.code == "BR"
    assert person.languages == ["pt", "es"]
    assert list(person.topics.values_list("slug", flat=True)) == ["open-data"]
    assert person.bio == "I map **public budgets**."
    assert person.public_fields == ["country", "bio"]


def test_profile_edit_form_shows_current_values_with_labels(client):
    person = UserFactory(display_name="Ana Lima", languages=["fr"])
    client.force_login(person)

    html = client.get(reverse("accounts:profile-edit")).content.decode()

    assert html.count("<h1") == 1
    assert '<label for="id_display_name">' in html
    assert '<label for="id_country">' in html
    assert '<label for="id_bio">' in html
    assert "<legend>Languages spoken</legend>" in html
    assert "<legend>Topics of interest</legend>" in html
    assert "<legend>Show on my public profile</legend>" in html
    assert 'value="Ana Lima"' in html
    assert 'value="fr" id="id_languages_' in html
    assert "Access to information" in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"country": "XX"}, "country", "Select a valid choice. XX is not one of the available"),
        ({"languages": ["klingon"]}, "languages", "Select a valid choice. klingon is not one"),
        ({"bio": "b" * 601}, "bio", "Ensure this value has at most 600 characters (it has 601)."),
        ({"display_name": "n" * 81}, "display_name", "at most 80 characters (it has 81)."),
        ({"public_fields": ["email"]}, "public_fields", "Select a valid choice. email is not"),
        ({"topics": ["999999"]}, "topics", "Select a valid choice. 999999 is not one"),
    ],
)
def test_profile_edit_refuses_invalid_input_with_400_and_saves_nothing(
    client, changes, field, message
):
    person = UserFactory(display_name="Before", bio="Old bio")
    client.force_login(person)

    response = client.post(reverse("accounts:profile-edit"), _profile_data(**changes))

    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert "Nothing was saved" in response.content.decode()
    person.refresh_from_db()
    assert (person.display_name, person.bio, person.country.code) == ("Before", "Old bio", "")
    assert person.topics.count() == 0


def test_public_profile_shows_only_public_fields(client):
    person = UserFactory(
        display_name="Ana Lima",
        country="BR",
        languages=["pt"],
        bio="Budget *watcher*.",
        public_fields=["bio"],
    )
    person.topics.set(Topic.objects.filter(slug="open-data"))

    html = client.get(reverse("accounts:person-detail", args=[person.pk])).content.decode()

    assert "<h1>Ana Lima</h1>" in html
    assert "<p>Budget <em>watcher</em>.</p>" in html
    assert "Brazil" not in html
    assert "Portuguese" not in html
    assert "Open data" not in html
    assert person.email not in html


def test_public_profile_shows_every_field_made_public(client):
    person = UserFactory(
        display_name="Ana Lima",
        country="BR",
        languages=["pt", "es"],
        public_fields=["country", "languages", "topics"],
    )
    person.topics.set(Topic.objects.filter(slug="open-data"))

    html = client.get(reverse("accounts:person-detail", args=[person.pk])).content.decode()

    assert "Brazil" in html
    assert "Portuguese, Spanish" in html
    assert '<span class="tag">Open data</span>' in html
    assert person.email not in html


def test_public_profile_is_translated(client):
    person = UserFactory(country="BR", languages=["pt"], public_fields=["country", "languages"])

    html = client.get(
        reverse("accounts:person-detail", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()

    assert "Brésil" in html
    assert "Portugais" in html or "portugais" in html


def test_public_profile_of_an_inactive_account_is_404(client):
    person = UserFactory(is_active=False)

    response = client.get(reverse("accounts:person-detail", args=[person.pk]))

    assert response.status_code == 404


def test_xss_in_display_name_and_bio_is_escaped_on_the_public_page(client):
    person = UserFactory()
    client.force_login(person)
    client.post(
        reverse("accounts:profile-edit"),
        _profile_data(display_name=XSS[:80], bio=XSS + "\n\n[x](javascript:alert(1))"),
    )

    html = Client().get(reverse("accounts:person-detail", args=[person.pk])).content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_creating_a_token_shows_its_value_once_and_stores_only_its_hash(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(reverse("accounts:apitoken-create"), {"name": "Budget script"})

    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    raw = response.context["raw"]
    token = ApiToken.objects.get(user=person)
    assert raw.startswith("pnyx_")
    assert raw in response.content.decode()
    assert token.key_hash == hash_token(raw)
    assert token.prefix == raw[:12]
    account_page = client.get(reverse("accounts:account")).content.decode()
    assert raw not in account_page
    assert "Budget script" in account_page
    assert token.prefix in account_page


def test_creating_a_token_without_a_name_is_a_400_and_creates_nothing(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(reverse("accounts:apitoken-create"), {"name": "   "})

    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["This field is required."]
    assert not ApiToken.objects.exists()


def test_revoking_a_token_asks_for_confirmation_then_revokes(client):
    token = ApiTokenFactory()
    client.force_login(token.user)
    url = reverse("accounts:apitoken-revoke", args=[token.pk])

    confirm = client.get(url)
    token.refresh_from_db()
    assert confirm.status_code == 200
    assert token.revoked_at is None
    assert f'action="{url}"' in confirm.content.decode()
    response = client.post(url)

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revoked on" in client.get(reverse("accounts:account")).content.decode()


def test_others_cannot_revoke_my_token(client):
    token = ApiTokenFactory()
    client.force_login(UserFactory())
    url = reverse("accounts:apitoken-revoke", args=[token.pk])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_list_is_only_mine(client):
    mine = ApiTokenFactory(name="Mine")
    theirs = ApiTokenFactory(name="Theirs")
    client.force_login(mine.user)

    html = client.get(reverse("accounts:account")).content.decode()

    assert "Mine" in html
    assert theirs.prefix not in html


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("accounts:profile-edit", {"display_name": "Changed"}),
        ("accounts:apitoken-create", {"name": "Sneaky"}),
    ],
)
def test_posts_without_the_csrf_token_are_refused(name, data):
    person = UserFactory(display_name="Unchanged")
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)

    response = client.post(reverse(name), data)

    assert response.status_code == 403
    person.refresh_from_db()
    assert person.display_name == "Unchanged"
    assert not ApiToken.objects.exists()


def test_revoking_without_the_csrf_token_is_refused():
    token = ApiTokenFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(token.user)

    response = client.post(reverse("accounts:apitoken-revoke", args=[token.pk]))

    assert response.status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_revoked_token_shows_as_revoked_without_a_revoke_link(client):
    token = ApiTokenFactory(revoked_at=timezone.now())
    client.force_login(token.user)

    html = client.get(reverse("accounts:account")).content.decode()

    assert "Revoked on" in html
    assert reverse("accounts:apitoken-revoke", args=[token.pk]) not in html


def test_unconfirmed_people_see_a_403_when_creating_a_token(client):
    person = UserFactory(confirmed=False)
    client.force_login(person)

    response = client.post(reverse("accounts:apitoken-create"), {"name": "Script"})

    assert response.status_code == 403
    assert not User.objects.get(pk=person.pk).api_tokens.exists()


def test_public_profile_query_count_is_bounded(client, django_assert_num_queries):
    person = UserFactory(public_fields=["topics"])
    person.topics.set(Topic.objects.all()[:5])

    # the person, then their topics
    with django_assert_num_queries(2):
        response = client.get(reverse("accounts:person-detail", args=[person.pk]))

    assert response.content.decode().count('<span class="tag">') == 5


def test_the_rate_limited_page_is_a_logged_429(rf, caplog):
    request = rf.post("/accounts/login/")
    request.user = AnonymousUser()

    with caplog.at_level(logging.WARNING, logger="pnyx.security"):
        response = views.rate_limited(request)

    assert response.status_code == 429
    assert b"<h1>Too many attempts</h1>" in response.content
    message = caplog.records[0].getMessage()
    assert message == "rate limit reached: POST /accounts/login/ by user None"


@pytest.mark.parametrize(
    ("language", "heading", "status"),
    [("fr", "Votre compte", "Actif"), ("es", "Su cuenta", "Activo")],
)
def test_account_page_is_translated(client, language, heading, status):
    token = ApiTokenFactory()
    client.force_login(token.user)

    html = client.get(reverse("accounts:account"), HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert f"<h1>{heading}</h1>" in html
    assert status in html


def test_log_in_page_is_translated(client):
    html = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "<h1>Iniciar sesión</h1>" in html
