"""The open-data page and its downloads: the package built in the background, the ZIP and each
file, and the links that lead there."""

import hashlib
import io
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse

from pnyx.core import opendata, tasks
from pnyx.participation.models import Proposition, Vote
from pnyx.transparency.open_data import archive
from tests.participation.factories import ProcessFactory, PropositionFactory
from tests.participation.test_opendata import demo_process  # noqa: F401 - the demo fixture

pytestmark = pytest.mark.django_db

PAGE = "/open-data/"
ZIP = "/open-data/pnyx-open-data.zip"


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    """Each test builds its packages in a folder of its own."""
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


@pytest.fixture
def consultation():
    proposition = PropositionFactory(title="Open the procurement register")
    Vote.objects.create(proposition=proposition, user=proposition.author, value="support")
    Proposition.objects.filter(pk=proposition.pk).update(support_count=1)
    return proposition


def body_of(response):
    return b"".join(response.streaming_content)


def test_before_the_first_build_the_page_lists_the_datasets_and_says_so(client):
    response = client.get(PAGE)

    assert response.status_code == 200
    content = response.content.decode()
    assert "The files are being prepared. Come back in a few minutes." in content
    for dataset in opendata.all_tables():
        assert f'id="dataset-{dataset.name}"' in content
    assert "Creative Commons Attribution 4.0" in content
    assert "<code>voter</code>" in content
    assert client.get(ZIP).status_code == 404
    assert client.get("/open-data/files/votes.csv").status_code == 404


def test_the_periodic_task_builds_the_package_the_page_offers(client, consultation):
    assert tasks.get("transparency.open_data_build").every == timedelta(hours=1)
    queued = tasks.schedule_periodic()
    assert "transparency.open_data_build" in {job.name for job in queued}

    tasks.run_due_jobs()
    response = client.get(PAGE)

    content = response.content.decode()
    package = archive.current()
    assert package is not None
    assert reverse("transparency:open-data-archive") in content
    assert package.archive_sha256 in content
    assert 'href="/open-data/files/votes.csv"' in content
    assert 'href="/open-data/files/datapackage.json"' in content


def test_the_zip_holds_an_export_that_recomputes_exactly(client, consultation, tmp_path):
    archive.build()

    response = client.get(ZIP)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="pnyx-open-data.zip"'
    content = body_of(response)
    assert response["X-Content-SHA256"] == hashlib.sha256(content).hexdigest()
    with zipfile.ZipFile(io.BytesIO(content)) as bundle:
        names = bundle.namelist()
        bundle.extractall(tmp_path / "unzipped")
    assert "pnyx-open-data/datapackage.json" in names
    assert "pnyx-open-data/votes.json" in names
    report = opendata.recompute(tmp_path / "unzipped" / "pnyx-open-data")
    assert report.ok
    assert {output.output for output in report.outputs} >= {"participation.most_supported"}


def test_each_file_downloads_by_its_listed_name_only(client, consultation):
    archive.build()

    votes = client.get("/open-data/files/votes.csv")

    assert votes.status_code == 200
    assert votes["Content-Type"].startswith("text/csv")
    assert body_of(votes).startswith(b"process_id,proposition_id,voter,value,day,entered_offline")
    for name in ("manifest.json", "secret_key", "..%2Fcurrent", "votes.sqlite3", "VOTES.csv"):
        assert client.get(f"/open-data/files/{name}").status_code == 404, name


def test_a_rebuild_replaces_the_package_and_keeps_only_the_previous_one(consultation, var_dir):
    first = archive.build()
    second = archive.build()
    third = archive.build()

    folders = sorted(p.name for p in (var_dir / "opendata").iterdir() if p.is_dir())
    assert archive.current() == third
    assert folders == sorted([second.directory.name, third.directory.name])
    assert not first.directory.exists()


def test_the_page_reads_no_database(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        assert client.get(PAGE).status_code == 200


def test_the_page_speaks_french(client):
    response = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="fr")

    content = response.content.decode()
    assert "<h1>Données ouvertes</h1>" in content
    assert "Votes" in content


def test_drafts_never_reach_the_downloads(client):
    ProcessFactory(title="Draft kept private x4", status="draft", published_at=None)
    archive.build()

    content = body_of(client.get(ZIP))

    with zipfile.ZipFile(io.BytesIO(content)) as bundle:
        texts = b"".join(bundle.read(name) for name in bundle.namelist())
    assert b"Draft kept private x4" not in texts


def test_the_algorithm_register_and_the_results_page_link_here(client, demo_process):  # noqa: F811
    register = client.get("/algorithms/").content.decode()
    results = client.get(f"/processes/{demo_process.slug}/results/").content.decode()

    assert f'href="{PAGE}"' in register
    assert f'href="{PAGE}"' in results
