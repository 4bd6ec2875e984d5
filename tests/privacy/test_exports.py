"""Downloads of one's data: built in the background, complete, private, one at a time."""

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from pnyx.core import personal_data, tasks
from pnyx.core.models import Job
from pnyx.privacy.models import DataExport
from pnyx.privacy.services.exports import export_request
from tests.accounts.factories import UserFactory
from tests.privacy.conftest import EMAIL

pytestmark = pytest.mark.django_db


def ask_and_build(client, person):
    client.force_login(person)
    client.post("/privacy/export/")
    tasks.run_due_jobs()
    return DataExport.objects.filter(person=person).get()


def download(client, export):
    response = client.get(f"/privacy/export/{export.pk}/download/")
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_download_holds_every_source_as_json_csv_and_a_readme(client, world):
    export = ask_and_build(client, world.person)

    archive = download(client, export)

    names = set(archive.namelist())
    for source in personal_data.sources():
        assert f"{source.key}.json" in names
    assert {
        "accounts.tokens.csv",
        "participation.comments.csv",
        "participation.participations.csv",
    } <= names
    assert "accounts.profile.csv" not in names
    profile = json.loads(archive.read("accounts.profile.json"))
    assert profile["email"] == EMAIL
    comments = list(
        csv.DictReader(io.StringIO(archive.read("participation.comments.csv").decode()))
    )
    assert [row["body"] for row in comments] == ["Yes, and the amendments."]
    readme = archive.read("README.txt").decode()
    assert "participation.votes.json, participation.votes.csv" in readme
    assert "Votes: Your votes on propositions." in readme


def test_the_readme_is_in_the_language_the_person_asked_in(client, world):
    with translation.override("fr"):
        export_request(actor=world.person, person=world.person)
    tasks.run_due_jobs()
    client.force_login(world.person)

    readme = download(client, DataExport.objects.get()).read("README.txt").decode()

    assert readme.startswith("Vos données sur Pnyx")


def test_a_spreadsheet_formula_in_the_data_is_neutralised(client, world):
    world.comment.body = '=HYPERLINK("http://evil.example")'
    world.comment.save()
    export = ask_and_build(client, world.person)

    text = download(client, export).read("participation.comments.csv").decode()

    assert "'=HYPERLINK" in text


def test_the_page_follows_the_preparation_then_offers_the_file(client, world):
    client.force_login(world.person)

    client.post("/privacy/export/")
    preparing = client.get("/privacy/export/").content.decode()
    fragment = client.get("/privacy/export/", HTTP_HX_REQUEST="true").content.decode()
    tasks.run_due_jobs()
    ready = client.get("/privacy/export/", HTTP_HX_REQUEST="true").content.decode()

    assert 'hx-trigger="every 2s"' in preparing
    assert '<progress id="export-progress" max="100" value="0">' in preparing
    assert 'href="/privacy/export/">Refresh to see the progress</a>' in preparing
    assert fragment.strip().startswith('<div id="export-status"')
    assert "<html" not in fragment
    assert "hx-trigger" not in ready
    export = DataExport.objects.get()
    assert f'href="/privacy/export/{export.pk}/download/"' in ready
    assert export.job.owner == world.person


def test_only_one_download_is_prepared_at_a_time(client, world):
    client.force_login(world.person)

    first = client.post("/privacy/export/")
    second = client.post("/privacy/export/")

    assert first.status_code == 302
    assert second.status_code == 429
    assert "already being prepared" in second.content.decode()
    assert DataExport.objects.count() == 1
    assert Job.objects.filter(name="privacy.export_build").count() == 1


def test_a_preparation_that_failed_for_good_does_not_block_a_new_one(client, world):
    client.force_login(world.person)
    client.post("/privacy/export/")
    Job.objects.update(status="failed", error="Out of disk space.")

    page = client.get("/privacy/export/").content.decode()
    again = client.post("/privacy/export/")

    assert "The download could not be prepared." in page
    assert again.status_code == 302
    assert list(DataExport.objects.order_by("pk").values_list("status", flat=True)) == [
        "failed",
        "preparing",
    ]


def test_only_the_owner_can_download(client, world):
    export = ask_and_build(client, world.person)
    url = f"/privacy/export/{export.pk}/download/"

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(world.person)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="pnyx-my-data-')
    assert response["Cache-Control"] == "private, no-store"


def test_an_expired_download_is_gone(client, world):
    export = ask_and_build(client, world.person)
    DataExport.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.get(f"/privacy/export/{export.pk}/download/")
    page = client.get("/privacy/export/").content.decode()

    assert response.status_code == 404
    assert "Your last download has expired." in page


def test_a_new_download_replaces_the_previous_one_and_its_file(client, world, exports_dir):
    first = ask_and_build(client, world.person)
    client.post("/privacy/export/")
    tasks.run_due_jobs()

    second = DataExport.objects.get()
    assert second.pk != first.pk
    assert [path.name for path in exports_dir.iterdir()] == [second.file_name]


def test_the_file_is_stored_under_a_random_name_outside_the_media(
    client, world, exports_dir, settings
):
    export = ask_and_build(client, world.person)

    assert len(export.token) >= 40
    assert (exports_dir / export.file_name).exists()
    assert not str(exports_dir).startswith(str(settings.MEDIA_ROOT))
