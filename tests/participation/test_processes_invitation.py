"""The invitation link: created on the management page, opened by a person, replaced."""

import re

import pytest

from pnyx.participation.models import Audience, ProcessAccess, ProcessStatus
from tests.participation.factories import ProcessFactory, UserFactory, add_organiser

pytestmark = pytest.mark.django_db


def new_link(client, process):
    """Create a link as an organiser; return its path."""
    response = client.post(f"/processes/{process.slug}/manage/invitation/")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    link = re.search(r'id="invitation-link" type="text" readonly value="([^"]+)"',
                     response.content.decode()).group(1)  # fmt: skip
    return link.removeprefix("http://testserver")


@pytest.fixture
def process():
    return ProcessFactory(slug="night", comment_audience=Audience.INVITED)


def test_the_whole_flow_and_the_old_link_dies_after_a_new_one(client, process):
    organiser = add_organiser(process)
    guest = UserFactory()
    client.force_login(organiser)
    old = new_link(client, process)
    new = new_link(client, process)
    client.force_login(guest)

    page = client.get(new)
    joined = client.post(new)
    dead_get = client.get(old)
    dead_post = client.post(old)

    assert new.startswith("/processes/night/join/")
    assert page.status_code == 200
    assert "Join the consultation" in page.content.decode()
    assert joined.status_code == 302
    assert joined["Location"] == "/processes/night/"
    assert list(ProcessAccess.objects.values_list("user", flat=True)) == [guest.pk]
    assert dead_get.status_code == 404
    assert dead_post.status_code == 404
    assert "Invitation link not valid" in dead_get.content.decode()


def test_a_made_up_token_answers_404_and_grants_nothing(client, process):
    client.force_login(UserFactory())

    for token in ["nope", "x" * 500, ""]:
        response = client.post(f"/processes/night/join/{token}/")
        assert response.status_code == 404
    assert ProcessAccess.objects.count() == 0


def test_a_visitor_sees_how_to_log_in_and_a_post_sends_them_to_log_in(client, process):
    client.force_login(add_organiser(process))
    link = new_link(client, process)
    client.logout()

    page = client.get(link)
    posted = client.post(link)

    assert page.status_code == 200
    assert "Log in</a>" in page.content.decode()
    assert posted.status_code == 302
    assert posted["Location"].startswith("/accounts/login/?next=")
    assert ProcessAccess.objects.count() == 0


def test_a_draft_link_answers_404_to_others(client):
    draft = ProcessFactory(status=ProcessStatus.DRAFT)
    client.force_login(add_organiser(draft))
    link = new_link(client, draft)
    client.force_login(UserFactory())

    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404
    assert ProcessAccess.objects.count() == 0


def test_only_organisers_create_links(client, process):
    client.force_login(UserFactory())

    response = client.post("/processes/night/manage/invitation/")

    assert response.status_code == 403
    process.refresh_from_db()
    assert process.invitation_token_hash == ""


def test_the_join_page_shows_the_process_header(client, process):
    client.force_login(add_organiser(process))
    link = new_link(client, process)

    html = client.get(link).content.decode()

    assert '<h1 id="process-title">' in html
    assert "Manage this consultation" in html
    assert 'aria-current="step"' in html
