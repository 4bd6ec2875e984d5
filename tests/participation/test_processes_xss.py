"""XSS payloads in a consultation's title, summary and description, and in the listing's query."""

import pytest

from pnyx.participation.services import processes as services
from tests.participation.factories import ProcessFactory, QuestionFactory, add_organiser
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_escaped_on_the_listing(client, payload):
    ProcessFactory(title="Harmless", summary="plain")
    baseline = dangerous_fragments(main(client.get("/processes/", {"q": "x"})))
    ProcessFactory(title=payload[:200], summary=payload, body=payload)

    listing = client.get("/processes/")
    searched = client.get(
        "/processes/", {"q": payload, "status": payload, "topic": payload, "page": payload}
    )

    assert listing.status_code == searched.status_code == 200
    assert dangerous_fragments(main(listing)) == baseline
    assert dangerous_fragments(main(searched)) == baseline


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_escaped_in_the_header_and_on_the_management_page(client, payload):
    harmless = ProcessFactory(title="Harmless", summary="plain", body="plain")
    QuestionFactory(process=harmless, title="plain")
    organiser = add_organiser(harmless)
    client.force_login(organiser)
    link = services.process_invitation_link(actor=organiser, process=harmless)
    baseline_join = dangerous_fragments(main(client.get(link)))
    baseline_manage = dangerous_fragments(main(client.get(f"/processes/{harmless.slug}/manage/")))
    process = ProcessFactory(title=payload[:200], summary=payload, body=payload)
    QuestionFactory(process=process, title=payload)
    add_organiser(process, organiser)
    link = services.process_invitation_link(actor=organiser, process=process)

    join = client.get(link)
    manage = client.get(f"/processes/{process.slug}/manage/")

    assert join.status_code == manage.status_code == 200
    assert dangerous_fragments(main(join)) == baseline_join
    assert dangerous_fragments(main(manage)) == baseline_manage
