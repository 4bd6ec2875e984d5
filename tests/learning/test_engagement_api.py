"""The engagement API: one's own entries only, with the same checks as the pages and a 4xx with
its reason for every refusal."""

import pytest

from pnyx.learning.models import EngagementEntry
from tests.accounts.factories import ApiTokenFactory
from tests.learning.factories import CreditApplicationFactory, EngagementEntryFactory, UserFactory
from tests.learning.test_engagement_sync import take_part

pytestmark = pytest.mark.django_db

URL = "/api/v1/learning/engagement"


def bearer(user):
    return {"Authorization": f"Bearer {ApiTokenFactory(user=user).raw}"}


def entry_body(**changes):
    body = {
        "activity": "Volunteer at the repair café",
        "started_on": "2024-09-01",
        "ended_on": "2025-01-31",
        "organisation_name": "Riverton Repair Café",
        "hours": "24.5",
        "referee_name": "Rita",
        "referee_email": "rita@example.org",
    }
    return {**body, **changes}


def test_the_list_is_one_s_own_record_refreshed_first(client, django_assert_max_num_queries):
    learner = UserFactory()
    take_part(learner, title="City budget 2025")
    for _ in range(5):
        EngagementEntryFactory(learner=learner)
    EngagementEntryFactory()
    assert client.get(URL).status_code == 401
    headers = bearer(learner)
    with django_assert_max_num_queries(14):
        body = client.get(URL, headers=headers).json()
    assert body["count"] == 6
    kept = next(item for item in body["items"] if item["source"] == "pnyx")
    assert kept["description"] == "2 propositions, 1 comment, 3 votes in City budget 2025"
    assert kept["in_use"] is False


def test_an_entry_is_written_changed_shared_and_deleted(client):
    learner = UserFactory()
    headers = bearer(learner)
    response = client.post(URL, entry_body(), content_type="application/json", headers=headers)
    assert response.status_code == 201
    created = response.json()
    assert created["hours"] == "24.5"
    assert created["referee_status"] == "waiting"
    url = f"{URL}/{created['id']}"
    changed = client.patch(
        url, {"hours": "30", "shared": True}, content_type="application/json", headers=headers
    ).json()
    assert changed["hours"] == "30.0"
    assert changed["shared"] is True
    assert changed["activity"] == "Volunteer at the repair café"
    assert client.delete(url, headers=headers).status_code == 204
    assert not EngagementEntry.objects.exists()


def test_bad_input_is_422_and_nothing_is_stored(client):
    headers = bearer(UserFactory())
    for body in (
        entry_body(activity=""),
        entry_body(ended_on="2020-01-01"),
        entry_body(referee_email="not-an-address"),
        entry_body(hours="-1"),
        entry_body(started_on="yesterday"),
    ):
        response = client.post(URL, body, content_type="application/json", headers=headers)
        assert response.status_code == 422, body
    response = client.post(
        URL, entry_body(ended_on="2020-01-01"), content_type="application/json", headers=headers
    )
    assert response.json()["detail"] == [
        {
            "type": "value_error",
            "loc": ["body", "payload", "ended_on"],
            "msg": "The activity cannot end before it starts.",
        }
    ]
    assert not EngagementEntry.objects.exists()


def test_without_a_confirmed_address_writing_is_403(client):
    headers = bearer(UserFactory(confirmed=False))
    response = client.post(URL, entry_body(), content_type="application/json", headers=headers)
    assert response.status_code == 403
    assert response.json() == {"detail": "Confirm your e-mail address to write entries."}
    assert not EngagementEntry.objects.exists()


def test_someone_elses_entry_is_404(client):
    entry = EngagementEntryFactory()
    headers = bearer(UserFactory())
    url = f"{URL}/{entry.pk}"
    assert (
        client.patch(
            url, {"shared": True}, content_type="application/json", headers=headers
        ).status_code
        == 404
    )
    assert client.delete(url, headers=headers).status_code == 404
    assert EngagementEntry.objects.get().shared is False


def test_an_entry_an_application_rests_on_only_changes_its_sharing(client):
    entry = EngagementEntryFactory()
    CreditApplicationFactory(learner=entry.learner, entries=[entry])
    headers = bearer(entry.learner)
    url = f"{URL}/{entry.pk}"
    response = client.patch(
        url, {"activity": "Else"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "An application rests on this entry: only its sharing can change."
    }
    assert client.delete(url, headers=headers).status_code == 409
    shared = client.patch(url, {"shared": True}, content_type="application/json", headers=headers)
    assert shared.json()["shared"] is True
    assert shared.json()["in_use"] is True
    assert EngagementEntry.objects.get().activity != "Else"


def test_writing_too_many_entries_is_429(client, settings):
    settings.PNYX_RATE_LIMITS = {"learning.engagement_entry": (1, 100, 3600)}
    headers = bearer(UserFactory())
    first = client.post(URL, entry_body(), content_type="application/json", headers=headers)
    second = client.post(URL, entry_body(), content_type="application/json", headers=headers)
    assert (first.status_code, second.status_code) == (201, 429)
    assert EngagementEntry.objects.count() == 1
