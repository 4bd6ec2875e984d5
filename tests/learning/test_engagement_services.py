"""Written engagement entries: adding, checking, evidence files, changing, deleting, sharing,
and what an application resting on an entry freezes. Refusals leave nothing stored."""

import datetime
import hashlib
import io
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pnyx.learning.models import ApplicationStatus, EngagementEntry, EngagementSource
from pnyx.learning.services import engagement as services
from pnyx.learning.services.engagement import EntryFields
from tests.learning.factories import (
    CreditApplicationFactory,
    EngagementEntryFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def png_bytes() -> bytes:
    output = io.BytesIO()
    image = Image.new("RGB", (40, 30), "teal")
    exif = Image.Exif()
    exif[0x010F] = "Example camera maker"
    image.save(output, format="PNG", exif=exif)
    return output.getvalue()


def upload(content: bytes, name: str = "proof.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def stored_files(tmp_path) -> list[str]:
    folder = tmp_path / "evidence"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def fields(**changes) -> EntryFields:
    values = {
        "activity": "Volunteer at the repair café",
        "started_on": datetime.date(2024, 9, 1),
        "ended_on": datetime.date(2025, 1, 31),
        "organisation_name": "Riverton Repair Café",
        "hours": Decimal("24.5"),
        "description": "Fixed lamps with visitors.",
        "evidence_url": "https://repair.example.org/volunteers",
    }
    return EntryFields(**{**values, **changes})


def test_a_learner_writes_an_entry_and_the_referee_is_asked_by_email(
    mailoutbox, django_capture_on_commit_callbacks
):
    learner = UserFactory(display_name="Lena")
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.engagement_entry_create(
            actor=learner,
            fields_in=fields(referee_name="Rita Referee", referee_email="Rita@Example.org"),
        )
    entry.refresh_from_db()
    assert entry.learner == learner
    assert entry.source == EngagementSource.MANUAL
    assert entry.hours == Decimal("24.5")
    assert entry.referee_email == "rita@example.org"
    assert entry.shared is False
    [mail] = mailoutbox
    assert mail.to == ["rita@example.org"]
    assert mail.subject == "Lena asks you to confirm their civic engagement"
    [link] = re.findall(r"http\S+/learning/engagement/referee/(\S+)/", mail.body)
    secret = link.split(":")[0]
    assert entry.referee_token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert entry.referee_token_hash not in mail.body


def test_an_organisation_on_pnyx_is_linked_by_its_address_name():
    organisation = OrganisationFactory(name="Open Budget Lab", slug="open-budget-lab")
    entry = services.engagement_entry_create(
        actor=UserFactory(), fields_in=fields(organisation="open-budget-lab", organisation_name="")
    )
    assert entry.organisation == organisation
    assert entry.organisation_name == "Open Budget Lab"


def test_bad_fields_are_all_named_and_nothing_is_stored(mailoutbox):
    learner = UserFactory(email="lena@example.org")
    bad = fields(
        activity=" ",
        started_on=datetime.date(2025, 2, 1),
        ended_on=datetime.date(2025, 1, 1),
        hours=Decimal("2.25"),
        evidence_url="javascript:alert(1)",
        organisation="no-such-organisation",
        referee_email="lena@example.org",
    )
    with pytest.raises(ValidationError) as refused:
        services.engagement_entry_create(actor=learner, fields_in=bad)
    assert refused.value.message_dict == {
        "activity": ["This field is required."],
        "ended_on": ["The activity cannot end before it starts."],
        "hours": ["Give the hours with at most one decimal."],
        "evidence_url": ["Give a web address starting with https:// or http://."],
        "organisation": ["No organisation on Pnyx has this address name."],
        "referee_name": ["Give the referee's name."],
        "referee_email": ["Name someone other than yourself as referee."],
    }
    assert not EngagementEntry.objects.exists()
    assert mailoutbox == []


def test_an_activity_cannot_start_in_the_future():
    later = timezone.localdate() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as refused:
        services.engagement_entry_create(
            actor=UserFactory(), fields_in=fields(started_on=later, ended_on=None)
        )
    assert refused.value.message_dict == {
        "started_on": ["The activity cannot start in the future."]
    }


def test_without_a_confirmed_address_nothing_is_written():
    with pytest.raises(PermissionDenied):
        services.engagement_entry_create(actor=UserFactory(confirmed=False), fields_in=fields())
    assert not EngagementEntry.objects.exists()


def test_a_pdf_is_kept_under_a_random_name_without_extension(tmp_path):
    entry = services.engagement_entry_create(
        actor=UserFactory(), fields_in=fields(), evidence=upload(PDF, "my-diploma.pdf")
    )
    [name] = stored_files(tmp_path)
    assert re.fullmatch(r"[0-9a-f]{40}", name)
    assert entry.evidence_file.name == name
    assert (tmp_path / "evidence" / name).read_bytes() == PDF


def test_an_image_is_encoded_again_without_its_metadata(tmp_path):
    services.engagement_entry_create(
        actor=UserFactory(), fields_in=fields(), evidence=upload(png_bytes(), "photo.png")
    )
    [name] = stored_files(tmp_path)
    kept = (tmp_path / "evidence" / name).read_bytes()
    assert kept.startswith(b"\x89PNG")
    assert b"Example camera maker" not in kept


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"just some text pretending to be a PDF",
            "This file is not a PDF, PNG, JPEG or WebP file, or it is damaged. Choose another one.",
        ),
        (
            PDF.replace(b"<< /Type /Catalog >>", b"<< /OpenAction << /S /JavaScript >> >>"),
            "This PDF holds a script, an action or an attached file, which cannot be kept. "
            "Print it again as a plain PDF.",
        ),
        (
            b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024),
            "This file is 5.0\xa0MB; choose a file of at most 5.0\xa0MB.",
        ),
    ],
    ids=["not-a-known-kind", "pdf-with-script", "too-large"],
)
def test_evidence_that_is_refused_leaves_no_entry_and_no_file(tmp_path, content, message):
    with pytest.raises(ValidationError) as refused:
        services.engagement_entry_create(
            actor=UserFactory(), fields_in=fields(), evidence=upload(content)
        )
    assert refused.value.message_dict == {"evidence_file": [message]}
    assert not EngagementEntry.objects.exists()
    assert stored_files(tmp_path) == []


def test_changing_what_the_referee_confirmed_asks_them_again(
    mailoutbox, django_capture_on_commit_callbacks
):
    entry = EngagementEntryFactory(
        referee_name="Rita",
        referee_email="rita@example.org",
        referee_confirmed_at=datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC),
        referee_note="Yes, every Saturday.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_entry_update(
            actor=entry.learner,
            entry=entry,
            fields_in=replace(EntryFields.of(entry), shared=True),
        )
    entry.refresh_from_db()
    assert entry.shared is True
    assert entry.referee_confirmed_at is not None
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_entry_update(
            actor=entry.learner,
            entry=entry,
            fields_in=replace(EntryFields.of(entry), hours=Decimal("30")),
        )
    entry.refresh_from_db()
    assert entry.referee_confirmed_at is None
    assert entry.referee_note == ""
    assert len(entry.referee_token_hash) == 64
    assert [mail.to for mail in mailoutbox] == [["rita@example.org"]]


def test_a_new_file_replaces_the_old_one_which_is_deleted_after_commit(
    tmp_path, django_capture_on_commit_callbacks
):
    learner = UserFactory()
    entry = services.engagement_entry_create(
        actor=learner, fields_in=fields(), evidence=upload(PDF)
    )
    [old] = stored_files(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_entry_update(
            actor=learner,
            entry=entry,
            fields_in=EntryFields.of(entry),
            evidence=upload(png_bytes(), "scan.png"),
        )
    [new] = stored_files(tmp_path)
    assert new != old
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_entry_update(
            actor=learner, entry=entry, fields_in=EntryFields.of(entry), remove_evidence=True
        )
    entry.refresh_from_db()
    assert not entry.evidence_file
    assert stored_files(tmp_path) == []


def test_deleting_an_entry_deletes_its_file(tmp_path, django_capture_on_commit_callbacks):
    learner = UserFactory()
    entry = services.engagement_entry_create(
        actor=learner, fields_in=fields(), evidence=upload(PDF)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_entry_delete(actor=learner, entry=entry)
    assert not EngagementEntry.objects.exists()
    assert stored_files(tmp_path) == []


def test_only_the_learner_changes_deletes_or_shares_their_entry():
    entry = EngagementEntryFactory()
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        services.engagement_entry_update(
            actor=stranger, entry=entry, fields_in=replace(EntryFields.of(entry), activity="Mine")
        )
    with pytest.raises(PermissionDenied):
        services.engagement_entry_delete(actor=stranger, entry=entry)
    with pytest.raises(PermissionDenied):
        services.engagement_entry_set_shared(actor=stranger, entry=entry, shared=True)
    entry.refresh_from_db()
    assert entry.activity.startswith("Repair café volunteer")
    assert entry.shared is False


def test_an_entry_an_application_rests_on_is_frozen_but_can_be_shared():
    entry = EngagementEntryFactory()
    application = CreditApplicationFactory(learner=entry.learner, entries=[entry])
    with pytest.raises(PermissionDenied):
        services.engagement_entry_update(
            actor=entry.learner,
            entry=entry,
            fields_in=replace(EntryFields.of(entry), activity="Something else"),
        )
    with pytest.raises(PermissionDenied):
        services.engagement_entry_delete(actor=entry.learner, entry=entry)
    services.engagement_entry_set_shared(actor=entry.learner, entry=entry, shared=True)
    entry.refresh_from_db()
    assert entry.shared is True
    assert entry.activity != "Something else"
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    services.engagement_entry_delete(actor=entry.learner, entry=entry)
    assert not EngagementEntry.objects.exists()


def test_an_entry_kept_by_pnyx_is_never_edited_by_hand():
    entry = EngagementEntryFactory(
        source=EngagementSource.PNYX, source_key="participation.process:1"
    )
    with pytest.raises(PermissionDenied):
        services.engagement_entry_update(
            actor=entry.learner,
            entry=entry,
            fields_in=replace(EntryFields.of(entry), hours=Decimal("400")),
        )
    with pytest.raises(PermissionDenied):
        services.engagement_entry_delete(actor=entry.learner, entry=entry)
    assert EngagementEntry.objects.get().hours == Decimal("24.0")


def test_evidence_storage_is_untouched_by_a_refused_change(tmp_path):
    entry = EngagementEntryFactory()
    with pytest.raises(ValidationError):
        services.engagement_entry_update(
            actor=entry.learner,
            entry=entry,
            fields_in=replace(EntryFields.of(entry), activity=""),
            evidence=upload(PDF),
        )
    assert stored_files(tmp_path) == []
    assert not (tmp_path / "media").exists()
