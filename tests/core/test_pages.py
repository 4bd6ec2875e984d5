import pytest

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert b'<html lang="en">' in response.content


def test_healthz_reports_database_and_version(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "database_vendor": response.json()["database_vendor"],
        "version": "0.1.0",
    }
    assert response.json()["database_vendor"] in {"sqlite", "postgresql"}


def test_every_response_carries_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]

    assert "object-src 'none'" in policy
    assert "base-uri 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
