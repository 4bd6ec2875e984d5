"""Contributing through the API: a proposal waits for an editor who approves or rejects it, and
an organisation declares that it uses a tool and reviews it; each refusal is a 4xx that says
why."""

import pytest

from pnyx.core import personal_data
from pnyx.toolbox.models import Revision, RevisionState, Tool
from tests.accounts.factories import ApiTokenFactory
from tests.programs.factories import add_admin, add_member
from tests.toolbox.factories import (
    OrganisationFactory,
    ToolFactory,
    UserFactory,
    make_toolbox_editor,
)

pytestmark = pytest.mark.django_db

TOOL = {
    "name": "Agora Commons",
    "summary": "Proposals and votes for a city.",
    "website": "https://agora.example.org/",
    "licence": "AGPL-3.0-or-later",
    "cost_model": "free",
    "maturity": "mature",
    "languages": ["en", "fr"],
    "topics": ["public-participation"],
}


def bearer(user):
    return {"Authorization": f"Bearer {ApiTokenFactory(user=user).raw}"}


def _post(client, url, body, user):
    return client.post(url, body, content_type="application/json", headers=bearer(user))


def test_a_proposal_waits_then_an_editor_approves_it(client):
    author, editor = UserFactory(), make_toolbox_editor()

    proposed = _post(client, "/api/v1/toolbox/proposals", {"kind": "tool", "data": TOOL}, author)
    revision_id = proposed.json()["id"]
    stranger = client.get(f"/api/v1/toolbox/revisions/{revision_id}", headers=bearer(UserFactory()))
    approved = _post(client, f"/api/v1/toolbox/revisions/{revision_id}/approve", {}, editor)
    again = _post(client, f"/api/v1/toolbox/revisions/{revision_id}/approve", {}, editor)

    assert (proposed.status_code, proposed.json()["state"]) == (201, "pending")
    assert stranger.status_code == 404
    assert (approved.status_code, approved.json()["state"]) == (200, "approved")
    assert again.status_code == 409
    assert Tool.objects.get().name == "Agora Commons"


def test_a_bad_proposal_names_each_field(client):
    response = _post(
        client,
        "/api/v1/toolbox/proposals",
        {"kind": "tool", "data": {**TOOL, "name": "", "website": "ftp://x"}},
        UserFactory(),
    )

    assert response.status_code == 422
    fields = {error["loc"][-1] for error in response.json()["detail"]}
    assert {"name", "website"} <= fields
    assert not Revision.objects.exists()


def test_only_editors_decide_and_a_rejection_needs_a_note(client):
    author = UserFactory()
    revision = Revision.objects.get(
        pk=_post(
            client, "/api/v1/toolbox/proposals", {"kind": "tool", "data": TOOL}, author
        ).json()["id"]
    )
    editor = make_toolbox_editor()

    by_author = _post(client, f"/api/v1/toolbox/revisions/{revision.pk}/approve", {}, author)
    no_note = _post(client, f"/api/v1/toolbox/revisions/{revision.pk}/reject", {"note": ""}, editor)
    rejected = _post(
        client, f"/api/v1/toolbox/revisions/{revision.pk}/reject", {"note": "A duplicate."}, editor
    )

    assert by_author.status_code == 403
    assert no_note.status_code == 422
    assert rejected.json()["review_note"] == "A duplicate."
    revision.refresh_from_db()
    assert revision.state == RevisionState.REJECTED


def test_an_edit_of_an_unknown_tool_is_a_404(client):
    response = _post(
        client,
        "/api/v1/toolbox/proposals",
        {"kind": "tool", "subject": "nowhere", "data": TOOL},
        UserFactory(),
    )

    assert response.status_code == 404


def test_an_organisation_declares_a_usage_reviews_the_tool_and_both_are_listed(client):
    tool = ToolFactory(slug="ledger")
    organisation = OrganisationFactory(slug="budget-watch")
    admin = add_admin(organisation)

    usage = _post(
        client,
        "/api/v1/tools/ledger/usages",
        {"organisation": "budget-watch", "purpose": "Budget analyses", "country": "FR"},
        admin,
    )
    twice = _post(
        client,
        "/api/v1/tools/ledger/usages",
        {"organisation": "budget-watch", "purpose": "Again"},
        admin,
    )
    review = _post(
        client,
        "/api/v1/tools/ledger/reviews",
        {"organisation": "budget-watch", "rating": 4, "text": "Reliable."},
        admin,
    )

    assert (usage.status_code, twice.status_code, review.status_code) == (201, 409, 201)
    assert client.get("/api/v1/tools/ledger/usages").json()[0]["organisation"] == "budget-watch"
    assert client.get("/api/v1/tools/ledger/reviews").json()[0]["rating"] == 4
    tool.refresh_from_db()
    assert (tool.usage_count, tool.rating_count, tool.rating_total) == (1, 1, 4)


def test_usages_and_reviews_are_refused_with_their_reason(client):
    ToolFactory(slug="ledger")
    organisation = OrganisationFactory(slug="budget-watch")
    member = add_member(organisation)
    admin = add_admin(organisation)
    body = {"organisation": "budget-watch", "purpose": "Budget analyses"}

    not_admin = _post(client, "/api/v1/tools/ledger/usages", body, member)
    no_token = client.post("/api/v1/tools/ledger/usages", body, content_type="application/json")
    unknown_org = _post(client, "/api/v1/tools/ledger/usages", {**body, "organisation": "x"}, admin)
    review_without_usage = _post(
        client, "/api/v1/tools/ledger/reviews", {"organisation": "budget-watch", "rating": 5}, admin
    )
    bad_rating = _post(
        client, "/api/v1/tools/ledger/reviews", {"organisation": "budget-watch", "rating": 9}, admin
    )

    assert [
        not_admin.status_code,
        no_token.status_code,
        unknown_org.status_code,
        review_without_usage.status_code,
        bad_rating.status_code,
    ] == [403, 401, 404, 409, 422]


def test_removing_a_usage_takes_its_review_with_it(client):
    tool = ToolFactory(slug="ledger")
    organisation = OrganisationFactory(slug="budget-watch")
    admin = add_admin(organisation)
    usage_id = _post(
        client,
        "/api/v1/tools/ledger/usages",
        {"organisation": "budget-watch", "purpose": "Budget analyses"},
        admin,
    ).json()["id"]
    _post(
        client, "/api/v1/tools/ledger/reviews", {"organisation": "budget-watch", "rating": 2}, admin
    )

    response = client.delete(f"/api/v1/tools/ledger/usages/{usage_id}", headers=bearer(admin))

    assert response.status_code == 204
    tool.refresh_from_db()
    assert (tool.usage_count, tool.rating_count) == (0, 0)


def test_a_persons_proposals_are_exported_and_forgotten_with_the_account(client):
    author = UserFactory()
    _post(client, "/api/v1/toolbox/proposals", {"kind": "tool", "data": TOOL}, author)
    source = personal_data.get("toolbox.proposals")

    assert source.export(author)[0]["title"] == "Agora Commons"
    source.anonymise(author)
    assert Revision.objects.get().author is None
    assert source.export(author) == []
