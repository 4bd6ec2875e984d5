"""The programs' personal data: exported, then anonymised without losing the documents."""

import pytest

from pnyx.core import personal_data
from pnyx.programs import services
from pnyx.programs.models import Document, Version
from tests.programs.factories import DocumentFactory, MeasureFactory, add_admin

pytestmark = pytest.mark.django_db


def test_export_then_anonymise_keeps_the_published_versions():
    document = DocumentFactory(title="Open city")
    admin = add_admin(document.organisation)
    started = services.document_create(
        actor=admin, organisation=document.organisation, kind="charter", title="Our charter"
    )
    MeasureFactory(section__document=document)
    services.version_publish(actor=admin, document=document, changelog="First")
    source = personal_data.get("programs.editing")

    exported = source.export(admin)
    source.anonymise(admin)

    assert [(row["event"], row["title"], row["url"]) for row in exported] == [
        ("programs.document_started", "Our charter", "/programs/our-charter/"),
        ("programs.version_published", "Open city 1.1", f"/programs/{document.slug}/v/1.1/"),
    ]
    assert Document.objects.get(pk=started.pk).created_by is None
    assert Version.objects.get().published_by is None
    assert source.export(admin) == []
