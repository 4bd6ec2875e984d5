import pytest
from django.test import RequestFactory

from pnyx.core import views

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gets_the_pnyx_404_page(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert "There is no page at this address." in response.content.decode()
    assert 'href="/"' in response.content.decode()


def test_a_404_is_translated(client):
    response = client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="es")

    assert "No hay ninguna página en esta dirección." in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status", "text"),
    [
        (views.bad_request, 400, "The request could not be understood."),
        (views.permission_denied, 403, "You do not have permission to see this page."),
    ],
)
def test_error_handlers_render_a_clear_page(
    rf: RequestFactory, django_user_model, handler, status, text
):
    request = rf.get("/somewhere/")
    request.user = django_user_model()

    response = handler(request, Exception("hidden detail"))

    assert response.status_code == status
    assert text in response.content.decode()
    assert "hidden detail" not in response.content.decode()


def test_the_500_page_needs_neither_database_nor_session(rf: RequestFactory):
    response = views.server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
