"""Endorsements of published versions: who may endorse, withdrawing and undoing, confirming after
a new version, the version page, the API and the endorsers' personal data."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from pnyx.core import personal_data
from pnyx.core.models import AuditEntry
from pnyx.participation.models import Notification
from pnyx.participation.selectors.notifications import notification_message
from pnyx.programs import selectors, services
from pnyx.programs.models import Endorsement, Measure
from pnyx.programs.selectors import endorsements as endorsement_selectors
from tests.accounts.factories import ApiTokenFactory
from tests.orgs.factories import OrganisationFactory
from tests.programs.factories import (
    DocumentFactory,
    MeasureFactory,
    SectionFactory,
    UserFactory,
    add_admin,
    add_member,
)
from tests.security.xss_payloads import dangerous_fragments

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return DocumentFactory(title="Open city charter", slug="open-city")


@pytest.fixture
def editor(document):
    return add_admin(document.organisation)


@pytest.fixture
def published(document, editor):
    MeasureFactory(section=SectionFactory(document=document), text="Open the budget")
    services.version_publish(actor=editor, document=document, changelog="First")
    return document


@pytest.fixture
def person():
    return UserFactory(display_name="Ada Citizen")


@pytest.fixture
def ngo():
    return OrganisationFactory(name="Green Streets", slug="green-streets")


@pytest.fixture
def ngo_admin(ngo):
    return add_admin(ngo, UserFactory(display_name="Nadia Admin"))


def _new_version(document, editor, changelog="Second"):
    measure = Measure.objects.filter(section__document=document).first()
    Measure.objects.filter(pk=measure.pk).update(text=f"{measure.text}, line by line")
    services.version_publish(actor=editor, document=document, changelog=changelog)
    return document.latest_version


def bearer(token):
    return {"Authorization": f"Bearer {token.raw}"}


# --- Who may endorse ----------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_log_in_and_nothing_is_stored(client, published):
    response = client.post(f"/programs/{published.slug}/endorse/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Endorsement.objects.exists()


def test_a_person_without_a_confirmed_address_may_not_endorse(client, published):
    unconfirmed = UserFactory(confirmed=False)
    client.force_login(unconfirmed)

    page = client.get(f"/programs/{published.slug}/").content.decode()
    response = client.post(f"/programs/{published.slug}/endorse/")

    assert "Confirm your e-mail address to endorse this version." in page
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.endorsement_add(actor=unconfirmed, document=published)
    assert not Endorsement.objects.exists()


def test_a_confirmed_person_endorses_the_latest_version(client, published, person):
    client.force_login(person)

    response = client.post(f"/programs/{published.slug}/endorse/")

    assert response.status_code == 302
    assert response["Location"] == f"/programs/{published.slug}/#endorsements"
    endorsement = Endorsement.objects.get()
    assert (endorsement.person, endorsement.version.number) == (person, "1.1")
    assert endorsement.endorsed_by == person
    page = client.get(response["Location"]).content.decode()
    assert "You endorse version 1.1." in page
    assert "1 person endorses this version" in page
    assert f'href="/people/{person.pk}/">Ada Citizen</a>' in page
    assert "Withdraw my endorsement" in page
    assert not AuditEntry.objects.filter(action__startswith="programs.endorsement").exists()


def test_an_organisation_admin_endorses_on_its_behalf_with_an_audit_entry(
    client, published, ngo, ngo_admin
):
    client.force_login(ngo_admin)
    page = client.get(f"/programs/{published.slug}/").content.decode()

    response = client.post(f"/programs/{published.slug}/endorse/", {"organisation": ngo.slug})

    assert "Endorse on behalf of Green Streets" in page
    assert response.status_code == 302
    endorsement = Endorsement.objects.get()
    assert (endorsement.organisation, endorsement.person) == (ngo, None)
    assert endorsement.endorsed_by == ngo_admin
    entry = AuditEntry.objects.get(action="programs.endorsement_added")
    assert entry.actor == ngo_admin
    assert entry.data["organisation"] == ngo.pk
    assert entry.data["number"] == "1.1"
    page = client.get(f"/programs/{published.slug}/").content.decode()
    assert "1 organisation endorses this version" in page
    assert '<a href="/organisations/green-streets/">Green Streets</a>' in page
    assert "Green Streets endorses this version." in page


def test_a_plain_member_may_not_endorse_for_the_organisation(client, published, ngo):
    member = add_member(ngo)
    client.force_login(member)

    page = client.get(f"/programs/{published.slug}/").content.decode()
    response = client.post(f"/programs/{published.slug}/endorse/", {"organisation": ngo.slug})

    assert "on behalf of Green Streets" not in page
    assert response.status_code == 403
    assert not Endorsement.objects.exists()
    assert not AuditEntry.objects.filter(action="programs.endorsement_added").exists()


def test_a_draft_cannot_be_endorsed(client, document, editor, person):
    client.force_login(editor)
    editor_response = client.post(f"/programs/{document.slug}/endorse/")
    client.force_login(person)

    response = client.post(f"/programs/{document.slug}/endorse/")

    assert (editor_response.status_code, response.status_code) == (404, 404)
    with pytest.raises(PermissionDenied):
        services.endorsement_add(actor=editor, document=document)
    assert not Endorsement.objects.exists()


def test_an_unknown_organisation_is_a_clear_400(client, published, person):
    client.force_login(person)

    response = client.post(f"/programs/{published.slug}/endorse/", {"organisation": "nowhere"})

    assert response.status_code == 400
    assert "No organisation has this address name." in response.content.decode()
    assert not Endorsement.objects.exists()


# --- Endorse, withdraw, undo --------------------------------------------------------------------


def test_endorsing_twice_is_refused_and_keeps_one_row(client, published, person):
    services.endorsement_add(actor=person, document=published)
    client.force_login(person)

    with pytest.raises(ValidationError) as refused:
        services.endorsement_add(actor=person, document=published)
    response = client.post(f"/programs/{published.slug}/endorse/", follow=True)

    assert refused.value.message_dict == {"version": ["You already endorse version 1.1."]}
    assert "You already endorse version 1.1." in response.content.decode()
    assert Endorsement.objects.count() == 1


def test_withdrawing_then_endorsing_again_undoes_the_withdrawal(client, published, person):
    services.endorsement_add(actor=person, document=published)
    client.force_login(person)

    withdrawn = client.post(f"/programs/{published.slug}/endorse/withdraw/", follow=True)
    row = Endorsement.objects.get()
    list_after_withdrawal = selectors.version_endorsements(version=published.latest_version)
    client.post(f"/programs/{published.slug}/endorse/")

    assert "Your endorsement was withdrawn." in withdrawn.content.decode()
    assert row.withdrawn_at is not None
    assert list_after_withdrawal.person_count == 0
    row.refresh_from_db()
    assert row.withdrawn_at is None
    assert Endorsement.objects.count() == 1


def test_withdrawing_with_nothing_to_withdraw_says_so(client, published, person):
    client.force_login(person)

    response = client.post(f"/programs/{published.slug}/endorse/withdraw/", follow=True)

    assert "There was no endorsement to withdraw." in response.content.decode()


def test_an_organisation_withdrawal_is_audited(published, ngo, ngo_admin):
    services.endorsement_add(actor=ngo_admin, document=published, organisation=ngo)

    count = services.endorsement_withdraw(actor=ngo_admin, document=published, organisation=ngo)

    assert count == 1
    assert AuditEntry.objects.filter(action="programs.endorsement_withdrawn").count() == 1
    assert Endorsement.objects.get().withdrawn_at is not None


# --- Tied to the version; a new version asks to confirm -----------------------------------------


def test_a_new_version_asks_earlier_endorsers_to_confirm(
    client, published, editor, person, ngo, ngo_admin
):
    other_admin = add_admin(ngo)
    services.endorsement_add(actor=person, document=published)
    services.endorsement_add(actor=ngo_admin, document=published, organisation=ngo)

    version = _new_version(published, editor)

    notified = Notification.objects.filter(event="programs.endorsement_confirm")
    assert set(notified.values_list("user_id", flat=True)) == {
        person.pk,
        ngo_admin.pk,
        other_admin.pk,
    }
    notification = notified.get(user=person)
    assert notification.data["path"] == f"/programs/{published.slug}/v/1.2/"
    assert notification_message(notification) == (
        "Version 1.2 of “Open city charter” was published: confirm your endorsement."
    )
    assert selectors.version_endorsements(version=version).person_count == 0
    awaiting = selectors.endorsements_awaiting_confirmation(version=version)
    assert [(row.organisation, row.person, row.version.number) for row in awaiting] == [
        (ngo, None, "1.1"),
        (None, person, "1.1"),
    ]
    client.force_login(person)
    page = client.get(f"/programs/{published.slug}/").content.decode()
    assert "Awaiting confirmation" in page
    assert "endorsed version 1.1" in page
    assert "Confirm for version 1.2" in page
    old_page = client.get(f"/programs/{published.slug}/v/1.1/").content.decode()
    assert "1 person endorses this version" in old_page
    assert "Withdraw my endorsement" not in old_page


def test_confirming_adds_a_row_for_the_new_version(published, editor, person):
    services.endorsement_add(actor=person, document=published)
    version = _new_version(published, editor)

    confirmed = services.endorsement_add(actor=person, document=published)

    assert confirmed.version == version
    assert sorted(Endorsement.objects.values_list("version__number", flat=True)) == ["1.1", "1.2"]
    assert selectors.endorsements_awaiting_confirmation(version=version) == []
    assert selectors.version_endorsements(version=version).person_count == 1
    assert services.endorsement_withdraw(actor=person, document=published) == 2


def test_withdrawn_endorsers_are_not_asked_to_confirm(published, editor, person):
    services.endorsement_add(actor=person, document=published)
    services.endorsement_withdraw(actor=person, document=published)

    _new_version(published, editor)

    assert not Notification.objects.filter(event="programs.endorsement_confirm").exists()


# --- The version page ---------------------------------------------------------------------------


def test_the_version_page_reads_endorsements_in_a_bounded_number_of_queries(
    client, published, editor, django_assert_max_num_queries
):
    for _ in range(10):
        organisation = OrganisationFactory()
        services.endorsement_add(
            actor=add_admin(organisation), document=published, organisation=organisation
        )
    for _ in range(20):
        services.endorsement_add(actor=UserFactory(), document=published)
    viewer = UserFactory()
    add_admin(OrganisationFactory(), viewer)
    client.force_login(viewer)

    with django_assert_max_num_queries(25):
        page = client.get(f"/programs/{published.slug}/").content.decode()

    assert "10 organisations endorse this version" in page
    assert "20 people endorse this version" in page


def test_an_organisation_name_with_markup_is_escaped(client, published, ngo_admin, ngo):
    services.endorsement_add(actor=ngo_admin, document=published, organisation=ngo)
    client.force_login(ngo_admin)

    def fragments():
        html = client.get(f"/programs/{published.slug}/").content.decode()
        return html, dangerous_fragments(html[html.index("<main") : html.index("</main>")])

    _, baseline = fragments()
    ngo.name = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    ngo.save()
    html, found = fragments()

    assert found == baseline
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


# --- API ----------------------------------------------------------------------------------------


def test_the_api_lists_endorsements_publicly_and_filters_by_version(
    client, published, editor, person, ngo, ngo_admin
):
    services.endorsement_add(actor=person, document=published)
    services.endorsement_add(actor=ngo_admin, document=published, organisation=ngo)
    _new_version(published, editor)
    services.endorsement_add(actor=person, document=published)

    everything = client.get(f"/api/v1/documents/{published.pk}/endorsements").json()
    first = client.get(f"/api/v1/documents/{published.pk}/endorsements?version=1.1").json()

    assert everything["count"] == 3
    assert [(item["version"], item["kind"], item["name"]) for item in everything["items"]] == [
        ("1.2", "person", "Ada Citizen"),
        ("1.1", "organisation", "Green Streets"),
        ("1.1", "person", "Ada Citizen"),
    ]
    assert first["count"] == 2
    assert first["items"][0]["organisation"] == "green-streets"
    assert first["items"][1]["organisation"] is None
    assert set(first["items"][0]) == {"version", "kind", "name", "organisation", "created_at"}


def test_the_api_list_refuses_bad_numbers_and_drafts(client, published, document):
    draft = DocumentFactory()
    base = f"/api/v1/documents/{published.pk}/endorsements"

    assert client.get(f"{base}?version=one").status_code == 422
    assert client.get(f"{base}?version=9.9").status_code == 404
    assert client.get(f"/api/v1/documents/{draft.pk}/endorsements").status_code == 404


def test_the_api_endorses_with_a_token_and_withdraws(client, published, person):
    token = ApiTokenFactory(user=person)
    url = f"/api/v1/documents/{published.pk}/endorsements"

    created = client.post(url, {}, content_type="application/json", headers=bearer(token))
    again = client.post(url, {}, content_type="application/json", headers=bearer(token))
    withdrawn = client.delete(url, headers=bearer(token))
    nothing = client.delete(url, headers=bearer(token))

    assert created.status_code == 201
    assert created.json()["version"] == "1.1"
    assert created.json()["kind"] == "person"
    assert again.status_code == 409
    assert again.json()["detail"] == "You already endorse version 1.1."
    assert withdrawn.status_code == 204
    assert nothing.status_code == 404
    assert Endorsement.objects.get().withdrawn_at is not None


def test_the_api_acts_for_an_organisation_only_for_its_admins(client, published, ngo, ngo_admin):
    member_token = ApiTokenFactory(user=add_member(ngo))
    admin_token = ApiTokenFactory(user=ngo_admin)
    url = f"/api/v1/documents/{published.pk}/endorsements"
    body = {"organisation": ngo.slug}

    anonymous = client.post(url, body, content_type="application/json")
    refused = client.post(url, body, content_type="application/json", headers=bearer(member_token))
    unknown = client.post(
        url,
        {"organisation": "nowhere"},
        content_type="application/json",
        headers=bearer(admin_token),
    )
    created = client.post(url, body, content_type="application/json", headers=bearer(admin_token))
    withdrawn = client.delete(f"{url}?organisation={ngo.slug}", headers=bearer(admin_token))

    assert anonymous.status_code == 401
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "Only an active administrator of Green Streets may act on its behalf."
    )
    assert unknown.status_code == 422
    assert created.status_code == 201
    assert created.json()["organisation"] == "green-streets"
    assert withdrawn.status_code == 204


def test_the_api_refuses_unconfirmed_people_and_drafts(client, published):
    token = ApiTokenFactory(user=UserFactory(confirmed=False))
    draft = DocumentFactory()

    refused = client.post(
        f"/api/v1/documents/{published.pk}/endorsements",
        {},
        content_type="application/json",
        headers=bearer(token),
    )
    missing = client.post(
        f"/api/v1/documents/{draft.pk}/endorsements",
        {},
        content_type="application/json",
        headers=bearer(token),
    )

    assert refused.status_code == 403
    assert refused.json()["detail"] == "Confirm your e-mail address to endorse."
    assert missing.status_code == 404
    assert not Endorsement.objects.exists()


# --- Personal data ------------------------------------------------------------------------------


def test_export_then_anonymise_deletes_own_and_keeps_organisation_endorsements(
    published, editor, ngo, ngo_admin
):
    services.endorsement_add(actor=ngo_admin, document=published, organisation=ngo)
    services.endorsement_add(actor=ngo_admin, document=published)
    services.endorsement_withdraw(actor=ngo_admin, document=published)
    source = personal_data.get("programs.endorsements")

    exported = source.export(ngo_admin)
    source.anonymise(ngo_admin)

    assert len(exported) == 1
    row = exported[0]
    assert (row["document"], row["version"], row["url"]) == (
        "Open city charter",
        "1.1",
        f"/programs/{published.slug}/v/1.1/",
    )
    assert row["withdrawn_at"] is not None
    kept = Endorsement.objects.get()
    assert (kept.organisation, kept.endorsed_by) == (ngo, None)
    assert source.export(ngo_admin) == []


def test_the_page_names_the_first_endorsers_and_counts_the_others(published, monkeypatch):
    monkeypatch.setattr(endorsement_selectors, "ENDORSERS_SHOWN", 2)
    for _ in range(3):
        services.endorsement_add(actor=UserFactory(), document=published)

    endorsements = selectors.version_endorsements(version=published.latest_version)

    assert (len(endorsements.people), endorsements.person_count) == (2, 3)
    assert endorsements.more_people == 1


def test_a_concurrent_double_post_leaves_one_row(published, person, monkeypatch):
    """The request that loses the race (its read missed the winner's row, its insert hits the
    unique constraint) reads the winner's row and answers "already endorsed"."""
    Endorsement.objects.create(
        document=published, version=published.latest_version, person=person, endorsed_by=person
    )

    def lost_race(**kwargs):
        raise IntegrityError("programs_endorsement_person_once")

    monkeypatch.setattr(Endorsement.objects, "get_or_create", lost_race)

    with pytest.raises(ValidationError) as refused:
        services.endorsement_add(actor=person, document=published)

    assert refused.value.message_dict == {"version": ["You already endorse version 1.1."]}
    assert Endorsement.objects.filter(person=person).count() == 1
