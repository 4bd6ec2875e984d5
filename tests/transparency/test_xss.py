"""XSS payloads in what the "why" pages and the register repeat: proposition titles, organisation
names and the filters passed in the query string."""

import pytest

from pnyx.core import algorithms
from pnyx.orgs import services as org_services
from pnyx.participation.models import PhaseKind
from pnyx.transparency import services
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_escaped_on_the_why_page_of_a_proposition(client, payload):
    question = QuestionFactory(process=ProcessFactory(phase=PhaseKind.VOTING))
    harmless = PropositionFactory(question=question, title="Harmless")
    baseline = dangerous_fragments(
        main(client.get(f"/algorithms/participation-trending/why/{harmless.pk}/"))
    )
    hostile = PropositionFactory(question=question, title=payload[:200])

    response = client.get(
        f"/algorithms/participation-trending/why/{hostile.pk}/", {"question": payload}
    )

    assert response.status_code == 200
    assert dangerous_fragments(main(response)) == baseline


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_escaped_on_the_why_page_of_an_organisation(client, payload):
    person = UserFactory()
    harmless = org_services.organisation_register(actor=person, name="Harmless", kind="ngo")
    baseline = dangerous_fragments(
        main(client.get(f"/algorithms/orgs-directory/why/{harmless.pk}/"))
    )
    hostile = org_services.organisation_register(actor=person, name=payload[:200], kind="ngo")
    filters = {"q": payload, "kind": payload, "country": payload[:2], "topic": payload}

    response = client.get(f"/algorithms/orgs-directory/why/{hostile.pk}/", filters)

    assert response.status_code == 200
    assert dangerous_fragments(main(response)) == baseline


def test_a_hostile_title_in_a_debate_is_escaped_on_the_card(client):
    person = UserFactory()
    card = algorithms.get("participation.newest")
    baseline = dangerous_fragments(main(client.get("/algorithms/participation-newest/")))
    process = services.algorithm_debate_open(actor=person, card=card)
    question = process.questions.first()
    for payload in PAYLOADS:
        PropositionFactory(question=question, title=payload[:200])

    response = client.get("/algorithms/participation-newest/")

    assert dangerous_fragments(main(response)) == baseline
