import json

import pytest
from django.core.exceptions import PermissionDenied

from pnyx.api.api import permission_denied

pytestmark = pytest.mark.django_db


def test_a_refused_permission_answers_json_403(rf):
    response = permission_denied(rf.get("/api/v1/anything"), PermissionDenied("orgs.change"))

    assert response.status_code == 403
    assert json.loads(response.content) == {"detail": "You are not allowed to do this."}


def test_an_unknown_api_route_answers_404(client):
    response = client.get("/api/v1/no-such-thing")

    assert response.status_code == 404


def test_the_openapi_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/v1/openapi.json")
    docs = client.get("/api/v1/docs").content.decode()

    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Pnyx API"
    assert {"/api/v1/me", "/api/v1/organisations", "/api/v1/organisations/{id}"} <= set(
        schema.json()["paths"]
    )
    assert "cdn" not in docs.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in docs


@pytest.mark.parametrize("path", ["/api/v1/organisations", "/api/v1/processes"])
@pytest.mark.parametrize("page", ["9223372036854775808", "99999999999999999999"])
def test_a_page_number_past_any_real_list_is_refused_not_a_server_error(client, path, page):
    response = client.get(path, {"page": page})

    assert response.status_code == 422
    assert "page" in response.content.decode()
