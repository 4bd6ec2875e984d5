"""XSS payloads in every text of a document, rendered on each program page."""

import pytest

from pnyx.programs import services
from pnyx.programs.models import CoverageNote
from tests.programs.factories import (
    DocumentFactory,
    MeasureFactory,
    ProcessFactory,
    PropositionFactory,
    SectionFactory,
    add_admin,
)
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db


def main(response):
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _document(text):
    process = ProcessFactory(title="plain")
    proposition = PropositionFactory(process=process, question__process=process, title=text[:200])
    document = DocumentFactory(title=text[:200], summary=text)
    admin = add_admin(document.organisation)
    section = SectionFactory(document=document, title=text[:200], intro=text)
    first = MeasureFactory(section=section, text=text)
    first.sources.set([proposition])
    services.version_publish(actor=admin, document=document, changelog=text)
    services.measure_update(
        actor=admin, measure=first, text=f"{text} {text}", source_ids=[], section=section
    )
    MeasureFactory(section=section, text=text)
    services.version_publish(actor=admin, document=document, changelog=text)
    CoverageNote.objects.create(document=document, proposition=proposition, reason=text)
    return document, admin, process, proposition


def _pages(client, document, admin, process, proposition):
    slug = document.slug
    client.force_login(admin)
    measure = document.sections.get().measures.first()
    pages = [
        "/programs/",
        f"/programs/{slug}/",
        f"/programs/{slug}/v/1.1/",
        f"/programs/{slug}/compare/?from=1.1&to=1.2",
        f"/programs/{slug}/coverage/{process.slug}/",
        f"/programs/{slug}/draft/",
        f"/programs/{slug}/draft/measures/{measure.pk}/?process={process.slug}",
        proposition.get_absolute_url(),
    ]
    return [dangerous_fragments(main(client.get(url))) for url in pages]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_escaped_on_every_page(client, payload):
    baseline = _pages(client, *_document("Harmless text"))

    found = _pages(client, *_document(payload))

    assert found == baseline
