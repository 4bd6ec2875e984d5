"""What engagement records hold about a person is in the personal-data registry: exported, and
erased with its evidence files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pnyx.core import personal_data
from pnyx.learning.models import EngagementEntry
from pnyx.learning.services import engagement as services
from tests.learning.factories import EngagementEntryFactory, UserFactory
from tests.learning.test_engagement_services import PDF, fields, stored_files

pytestmark = pytest.mark.django_db


def test_the_record_is_exported_with_the_referee_and_the_file_address():
    learner = UserFactory()
    entry = services.engagement_entry_create(
        actor=learner,
        fields_in=fields(referee_name="Rita", referee_email="rita@example.org"),
        evidence=SimpleUploadedFile("proof.pdf", PDF),
    )
    EngagementEntryFactory()
    [row] = personal_data.get("learning.engagement").export(learner)
    assert row["activity"] == "Volunteer at the repair café"
    assert row["hours"] == "24.5"
    assert row["referee_email"] == "rita@example.org"
    assert row["evidence_file"] == f"/learning/engagement/entries/{entry.pk}/evidence/"
    assert row["shared"] is False


def test_erasure_deletes_the_entries_and_their_files(tmp_path, django_capture_on_commit_callbacks):
    learner = UserFactory()
    services.engagement_entry_create(
        actor=learner, fields_in=fields(), evidence=SimpleUploadedFile("proof.pdf", PDF)
    )
    other = EngagementEntryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.get("learning.engagement").anonymise(learner)
    assert list(EngagementEntry.objects.all()) == [other]
    assert stored_files(tmp_path) == []
