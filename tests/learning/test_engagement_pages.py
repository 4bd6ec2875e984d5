"""The engagement pages: the learner's own record (refreshed from their activity), writing,
changing, deleting and sharing entries, the public page of shared entries, evidence downloads
for the learner and the committees the entry was sent to, and the referee's page."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pnyx.core import personal_data
from pnyx.learning.models import EngagementEntry
from pnyx.learning.services import engagement as services
from tests.learning.factories import (
    CreditApplicationFactory,
    EngagementEntryFactory,
    PartnerFactory,
    UserFactory,
    add_committee_member,
)
from tests.learning.test_engagement_services import PDF, fields, png_bytes, stored_files
from tests.learning.test_engagement_sync import take_part

pytestmark = pytest.mark.django_db

RECORD_URL = reverse("learning:engagement-list")
CREATE_URL = reverse("learning:engagement-create")


def form(**changes):
    data = {
        "activity": "Volunteer at the repair café",
        "organisation_name": "Riverton Repair Café",
        "started_on": "2024-09-01",
        "ended_on": "2025-01-31",
        "hours": "24",
        "description": "Fixed lamps with visitors.",
    }
    return {**data, **changes}


def test_the_record_is_private_and_shows_the_activity_kept_by_pnyx(client):
    assert client.get(RECORD_URL).status_code == 302
    learner = UserFactory()
    take_part(learner, title="City budget 2025")
    client.force_login(learner)
    page = client.get(RECORD_URL).content.decode()
    assert "2 propositions, 1 comment, 3 votes in City budget 2025" in page
    assert "Kept by Pnyx" in page
    assert EngagementEntry.objects.filter(learner=learner).count() == 1


def test_a_learner_adds_an_entry_with_an_evidence_file(client, tmp_path):
    learner = UserFactory()
    client.force_login(learner)
    response = client.post(
        CREATE_URL, {**form(), "evidence_file": SimpleUploadedFile("proof.pdf", PDF)}
    )
    assert response.status_code == 302
    assert response["Location"] == RECORD_URL
    entry = EngagementEntry.objects.get()
    assert entry.learner == learner
    assert len(stored_files(tmp_path)) == 1
    page = client.get(RECORD_URL).content.decode()
    assert "Volunteer at the repair café" in page
    assert reverse("learning:engagement-evidence", args=[entry.pk]) in page


def test_a_bad_form_says_what_is_wrong_and_stores_nothing(client, tmp_path):
    client.force_login(UserFactory())
    response = client.post(
        CREATE_URL,
        {
            **form(ended_on="2024-01-01", referee_email="rita@example.org"),
            "evidence_file": SimpleUploadedFile("proof.pdf", b"not really a pdf"),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The activity cannot end before it starts." in page
    assert "Give the referee&#x27;s name." in page
    assert "This file is not a PDF, PNG, JPEG or WebP file" in page
    assert not EngagementEntry.objects.exists()
    assert stored_files(tmp_path) == []


def test_writing_too_many_entries_answers_429(client, settings):
    settings.PNYX_RATE_LIMITS = {"learning.engagement_entry": (2, 100, 3600)}
    client.force_login(UserFactory())
    assert client.post(CREATE_URL, form()).status_code == 302
    assert client.post(CREATE_URL, form()).status_code == 302
    response = client.post(CREATE_URL, form())
    assert response.status_code == 429
    assert EngagementEntry.objects.count() == 2


def test_someone_elses_entry_is_not_found(client):
    entry = EngagementEntryFactory()
    client.force_login(UserFactory())
    for name in ("engagement-edit", "engagement-delete"):
        assert client.get(reverse(f"learning:{name}", args=[entry.pk])).status_code == 404
    assert client.post(reverse("learning:engagement-delete", args=[entry.pk])).status_code == 404
    share = reverse("learning:engagement-share", args=[entry.pk])
    assert client.post(share, {"shared": "1"}).status_code == 404
    assert EngagementEntry.objects.get().shared is False


def test_the_learner_edits_and_deletes_an_entry(client):
    entry = EngagementEntryFactory()
    client.force_login(entry.learner)
    edit = reverse("learning:engagement-edit", args=[entry.pk])
    assert 'value="Riverton Repair Café"' in client.get(edit).content.decode()
    assert client.post(edit, form(activity="Repair café, winter")).status_code == 302
    entry.refresh_from_db()
    assert entry.activity == "Repair café, winter"
    delete = reverse("learning:engagement-delete", args=[entry.pk])
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not EngagementEntry.objects.exists()


def test_an_entry_in_an_application_can_no_longer_be_edited(client):
    entry = EngagementEntryFactory()
    CreditApplicationFactory(learner=entry.learner, entries=[entry])
    client.force_login(entry.learner)
    edit = reverse("learning:engagement-edit", args=[entry.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, form(activity="Changed")).status_code == 403
    assert client.post(reverse("learning:engagement-delete", args=[entry.pk])).status_code == 403
    page = client.get(RECORD_URL).content.decode()
    assert "An application rests on this entry: it can no longer be changed." in page
    assert EngagementEntry.objects.get().activity != "Changed"


def test_shared_entries_show_on_the_public_page_without_private_details(client):
    learner = UserFactory(display_name="Lena")
    shared = EngagementEntryFactory(
        learner=learner,
        activity="Beach clean-up",
        referee_name="Rita Referee",
        referee_email="rita@example.org",
        evidence_file="learning/evidence/0123456789abcdef",
    )
    EngagementEntryFactory(learner=learner, activity="Private tutoring")
    client.force_login(learner)
    share = reverse("learning:engagement-share", args=[shared.pk])
    assert client.post(share, {"shared": "2"}).status_code == 400
    assert client.post(share, {"shared": "1"}).status_code == 302
    client.logout()
    page = client.get(reverse("learning:engagement-public", args=[learner.pk])).content.decode()
    assert "Engagement of Lena" in page
    assert "Beach clean-up" in page
    assert "Private tutoring" not in page
    assert "Rita" not in page
    assert "/evidence/" not in page


def test_the_public_page_of_an_unknown_or_inactive_person_is_not_found(client):
    inactive = UserFactory(is_active=False)
    assert client.get(reverse("learning:engagement-public", args=[inactive.pk])).status_code == 404
    assert client.get(reverse("learning:engagement-public", args=[999999])).status_code == 404


@pytest.fixture
def with_evidence():
    """An entry of a learner with a PNG evidence file."""
    learner = UserFactory()
    return services.engagement_entry_create(
        actor=learner,
        fields_in=fields(),
        evidence=SimpleUploadedFile("scan.png", png_bytes()),
    )


def test_evidence_downloads_for_the_learner_only_as_an_attachment(client, with_evidence):
    url = reverse("learning:engagement-evidence", args=[with_evidence.pk])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(with_evidence.learner)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        f'attachment; filename="evidence-{with_evidence.pk}.png"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_evidence_is_not_served_as_public_media(client, with_evidence):
    response = client.get(f"/media/{with_evidence.evidence_file.name}")
    assert response.status_code == 404


def test_the_committee_of_a_partner_the_entry_was_sent_to_downloads_it(client, with_evidence):
    partner, other = PartnerFactory(), PartnerFactory()
    member, outsider = add_committee_member(partner), add_committee_member(other)
    CreditApplicationFactory(
        learner=with_evidence.learner, partner=partner, entries=[with_evidence]
    )
    seen = []
    personal_data.personal_data_viewed.connect(
        lambda **kwargs: seen.append(kwargs), weak=False, dispatch_uid="test-evidence"
    )
    url = reverse("learning:engagement-evidence", args=[with_evidence.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200
    personal_data.personal_data_viewed.disconnect(dispatch_uid="test-evidence")
    assert [(event["staff"], event["reason"]) for event in seen] == [
        (member, "learning.credit_committee")
    ]


def test_the_referee_confirms_on_their_page_without_an_account(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    learner = UserFactory(display_name="Lena")
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CREATE_URL, form(referee_name="Rita", referee_email="rita@example.org"))
    client.logout()
    [path] = re.findall(r"http://[^/]+(/learning/engagement/referee/\S+/)", mailoutbox[0].body)
    page = client.get(path).content.decode()
    assert "Lena named you, Rita, as the person who can confirm" in page
    assert "Volunteer at the repair café" in page
    assert client.post(path, {"note": "x"}).status_code == 400
    response = client.post(path, {"answer": "confirm", "note": "Yes, all winter."})
    assert response.status_code == 200
    assert "You confirmed the entry. Lena is told." in response.content.decode()
    assert EngagementEntry.objects.get().referee_note == "Yes, all winter."
    assert client.get(path).status_code == 404
    assert client.post(path, {"answer": "decline"}).status_code == 404
    assert client.get("/learning/engagement/referee/forged:token:here/").status_code == 404


def test_the_record_and_public_pages_run_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    learner = UserFactory()
    take_part(learner)
    take_part(learner, title="Parks plan")
    for _ in range(12):
        EngagementEntryFactory(learner=learner, shared=True)
    client.force_login(learner)
    client.get(RECORD_URL)  # the first visit keeps the entries of the two consultations
    with django_assert_max_num_queries(12):
        assert client.get(RECORD_URL).status_code == 200
    client.logout()
    with django_assert_max_num_queries(4):
        assert (
            client.get(reverse("learning:engagement-public", args=[learner.pk])).status_code == 200
        )
