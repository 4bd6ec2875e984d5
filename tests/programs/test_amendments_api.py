"""Amendments through the API: listing them once a consultation opened, proposing one with a
token while it is open, and supporting it; every refusal is a 4xx with its reason."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pnyx.programs import services
from pnyx.programs.models import Amendment
from tests.accounts.factories import ApiTokenFactory
from tests.programs.factories import (
    DocumentFactory,
    MeasureFactory,
    SectionFactory,
    UserFactory,
    add_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return DocumentFactory(title="Open city")


@pytest.fixture
def editor(document):
    return add_admin(document.organisation)


@pytest.fixture
def measure(document):
    return MeasureFactory(section=SectionFactory(document=document), text="Open the budget.")


@pytest.fixture
def opened(document, editor, measure):
    services.consultation_open(
        actor=editor, document=document, closes_at=timezone.now() + timedelta(days=7)
    )
    return document


def bearer(user=None, **kwargs):
    token = ApiTokenFactory(user=user or UserFactory(**kwargs))
    return {"Authorization": f"Bearer {token.raw}"}


def _url(document, rest=""):
    return f"/api/v1/documents/{document.pk}/amendments{rest}"


def _propose(client, document, target, headers, **changes):
    body = {"measure": target.pk, "text": "Open the whole budget.", "justification": "All of it."}
    return client.post(
        _url(document), {**body, **changes}, content_type="application/json", headers=headers
    )


def test_a_draft_never_consulted_is_a_404_for_the_public(client, document, measure):
    response = client.get(_url(document))

    assert response.status_code == 404
    assert "No document under consultation" in response.json()["detail"]


def test_a_person_proposes_an_amendment_that_everyone_then_lists(client, opened, measure):
    author = UserFactory(display_name="Amina")

    created = _propose(client, opened, measure, bearer(author))
    listed = client.get(_url(opened)).json()

    assert created.status_code == 201
    assert created.json()["status"] == "open"
    assert created.json()["url"].endswith(f"/consultation/#amendment-{created.json()['id']}")
    assert listed["count"] == 1
    item = listed["items"][0]
    assert (item["author"], item["original_text"], item["measure"]) == (
        "Amina",
        "Open the budget.",
        measure.pk,
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"justification": ""}, "justification"),
        ({"text": "Open the budget."}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"measure": "one"}, "measure"),
    ],
)
def test_bad_amendments_get_a_422_naming_the_field(client, opened, measure, changes, field):
    response = _propose(client, opened, measure, bearer(), **changes)

    assert response.status_code == 422
    assert field in str(response.json())
    assert not Amendment.objects.exists()


def test_a_measure_of_another_document_is_a_404(client, opened):
    response = _propose(client, opened, MeasureFactory(), bearer())

    assert response.status_code == 404


def test_proposing_needs_a_token_an_open_consultation_and_a_confirmed_address(
    client, opened, editor, measure
):
    anonymous = _propose(client, opened, measure, {})
    unconfirmed = _propose(client, opened, measure, bearer(confirmed=False))
    services.consultation_close(actor=editor, document=opened)
    closed = _propose(client, opened, measure, bearer())

    assert [anonymous.status_code, unconfirmed.status_code, closed.status_code] == [401, 403, 403]
    assert "consultation is closed" in closed.json()["detail"]


def test_supporting_counts_once_and_can_be_taken_back(client, opened, measure):
    amendment = services.amendment_propose(
        actor=UserFactory(), measure=measure, text="New", justification="Why"
    )
    headers = bearer()
    url = _url(opened, f"/{amendment.pk}/support")

    codes = [client.put(url, headers=headers).status_code for _ in range(2)]
    amendment.refresh_from_db()
    assert (codes, amendment.support_count) == ([204, 204], 1)

    assert client.delete(url, headers=headers).status_code == 204
    amendment.refresh_from_db()
    assert amendment.support_count == 0


def test_supporting_ones_own_or_a_decided_amendment_is_a_409(client, opened, editor, measure):
    author = UserFactory()
    amendment = services.amendment_propose(
        actor=author, measure=measure, text="New", justification="Why"
    )
    own = client.put(_url(opened, f"/{amendment.pk}/support"), headers=bearer(author))
    services.amendment_reject(actor=editor, amendment=amendment, reason="Not now")
    decided = client.put(_url(opened, f"/{amendment.pk}/support"), headers=bearer())

    assert (own.status_code, decided.status_code) == (409, 409)
    assert "your own amendment" in own.json()["detail"]


def test_the_list_filters_by_status_and_refuses_an_unknown_one(client, opened, editor, measure):
    first = services.amendment_propose(
        actor=UserFactory(), measure=measure, text="One", justification="Why"
    )
    services.amendment_propose(actor=UserFactory(), measure=measure, text="Two", justification="Y")
    services.amendment_accept(actor=editor, amendment=first)

    accepted = client.get(_url(opened), {"status": "accepted"}).json()
    bad = client.get(_url(opened), {"status": "maybe"})

    assert [item["text"] for item in accepted["items"]] == ["One"]
    assert bad.status_code == 422
    assert "accepted" in str(bad.json())
