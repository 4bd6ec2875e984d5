"""Importing tools and practices from JSON or CSV (all or nothing, each bad row reported) and
exporting the whole catalog in the same format, by page and by command."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from pnyx.core.models import AuditEntry, Topic
from pnyx.core.search import matching_ids
from pnyx.toolbox.models import Practice, Revision, RevisionState, Tool
from pnyx.toolbox.selectors.catalog_export import catalog_csv, catalog_json
from pnyx.toolbox.services.catalog_import import (
    ImportRefused,
    UnreadableFile,
    catalog_import,
)
from tests.toolbox.factories import (
    OrganisationFactory,
    PracticeFactory,
    ToolFactory,
    UserFactory,
    make_toolbox_editor,
)

pytestmark = pytest.mark.django_db

IMPORT = reverse("toolbox:catalog-import")


@pytest.fixture(autouse=True)
def topics():
    for slug in ("open-data", "justice", "public-participation"):
        Topic.objects.get_or_create(slug=slug)


def tool_row(**changes):
    row = {
        "slug": "decide",
        "name": "Decide",
        "summary": "Participatory budgets and proposals.",
        "licence": "AGPL-3.0-or-later",
        "languages": ["es", "en"],
        "topics": ["public-participation"],
        "maturity": "mature",
    }
    row.update(changes)
    return row


def as_json(rows):
    return json.dumps(rows).encode()


def as_csv(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def test_a_json_file_creates_approved_tools_with_their_revision_and_audit():
    editor = make_toolbox_editor()
    rows = [
        tool_row(alternatives=["civic-forum"]),
        tool_row(
            slug="civic-forum", name="Civic Forum", summary="Citizen proposals.", alternatives=[]
        ),
    ]

    result = catalog_import(actor=editor, content=as_json(rows), file_name="tools.json")

    assert result.slugs == ["decide", "civic-forum"]
    decide = Tool.objects.get(slug="decide")
    assert decide.languages == ["es", "en"]
    assert [t.slug for t in decide.topics.all()] == ["public-participation"]
    assert [t.slug for t in decide.alternatives.all()] == ["civic-forum"]
    revision = Revision.objects.get(tool=decide)
    assert revision.state == RevisionState.APPROVED
    assert (revision.author, revision.reviewed_by) == (editor, editor)
    assert revision.comment == "imported from tools.json"
    assert matching_ids("toolbox.tool", "participatory") == [str(decide.pk)]
    entry = AuditEntry.objects.get(action="toolbox.catalog_imported")
    assert entry.data["created"] == 2


def test_a_csv_file_reads_lists_separated_by_semicolons():
    editor = make_toolbox_editor()
    content = as_csv(
        ["name", "summary", "languages", "topics", "open_source"],
        [["Data Harbour", "Data portals.", "en;fr", "open-data;justice", "yes"]],
    )

    catalog_import(actor=editor, content=content, file_name="upload.csv")

    data_harbour = Tool.objects.get(slug="data-harbour")
    assert data_harbour.languages == ["en", "fr"]
    assert sorted(t.slug for t in data_harbour.topics.all()) == ["justice", "open-data"]
    assert data_harbour.open_source is True


def test_a_file_with_bad_rows_imports_nothing_and_names_each_row():
    editor = make_toolbox_editor()
    ToolFactory(slug="taken")
    content = as_csv(
        ["slug", "name", "summary", "languages", "website"],
        [
            ["good", "Good", "Fine.", "en", ""],
            ["taken", "", "Fine.", "xx", ""],
            ["ok", "Ok", "Fine.", "en", "javascript:alert(1)"],
        ],
    )

    with pytest.raises(ImportRefused) as refused:
        catalog_import(actor=editor, content=content, file_name="bad.csv")

    rows = {bad.row: bad.errors for bad in refused.value.rows}
    assert sorted(rows) == [3, 4]
    assert rows[3]["name"] == ["This field is required."]
    assert rows[3]["languages"] == ["Unknown language codes: xx."]
    assert rows[3]["slug"] == ["This address name is already used."]
    assert list(rows[4]) == ["website"]
    assert Tool.objects.count() == 1
    assert not Revision.objects.exists()


def test_duplicate_slugs_unknown_columns_and_alternatives_are_reported():
    editor = make_toolbox_editor()
    rows = [tool_row(), tool_row(colour="blue", alternatives=["nowhere"])]

    with pytest.raises(ImportRefused) as refused:
        catalog_import(actor=editor, content=as_json(rows), file_name="tools.json")

    (bad,) = refused.value.rows
    assert bad.row == 2
    assert bad.errors["slug"] == ["Another row of the file has this address name."]
    assert bad.errors["__all__"] == ["Unknown columns: colour."]
    assert bad.errors["alternatives"] == ["No tool has these address names: nowhere."]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "x.csv", "The file is empty."),
        (b'{"name": "x"}', "x.json", "The JSON file must hold a list of objects."),
        (b"[1, 2]", "x.json", "Row 1 is not an object."),
        (b"[", "x.json", "This is not valid JSON (line 1)."),
        (b"\xff\xfe", "x.csv", "The file must be encoded in UTF-8."),
        (b"[]", "x.json", "The file holds no row to import."),
    ],
)
def test_unreadable_files_are_refused_with_the_reason(content, name, message):
    with pytest.raises(UnreadableFile, match=message.replace("(", r"\(").replace(")", r"\)")):
        catalog_import(actor=make_toolbox_editor(), content=content, file_name=name)


def test_only_toolbox_editors_import():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        catalog_import(actor=UserFactory(), content=as_json([tool_row()]), file_name="t.json")
    assert not Tool.objects.exists()


def test_practices_import_with_their_tools_and_organisation():
    editor = make_toolbox_editor()
    ToolFactory(slug="decide")
    OrganisationFactory(slug="madrid")
    row = {
        "title": "Madrid decides",
        "summary": "A city's participatory budget.",
        "description": "Citizens proposed and voted.",
        "country": "es",
        "level": "local",
        "organisation": "madrid",
        "started_on": "2015-09-01",
        "tools": "decide",
        "topics": "public-participation",
    }

    result = catalog_import(actor=editor, content=as_json([row]), file_name="p.json")

    assert result.kind == "practices"
    practice = Practice.objects.get()
    assert (practice.slug, str(practice.country), practice.organisation.slug) == (
        "madrid-decides",
        "ES",
        "madrid",
    )
    assert [t.slug for t in practice.tools.all()] == ["decide"]
    assert matching_ids("toolbox.practice", "voted") == [str(practice.pk)]


def _catalog_snapshot():
    return json.loads(catalog_json("tools")), json.loads(catalog_json("practices"))


@pytest.mark.parametrize("file_format", ["json", "csv"])
def test_export_then_import_into_an_empty_catalog_gives_the_same_catalog(file_format):
    editor = make_toolbox_editor()
    organisation = OrganisationFactory(slug="city")
    decide = ToolFactory(slug="decide", name="Decide", description="=SUM(A1) *formula-like*")
    forum = ToolFactory(slug="civic-forum", name="Civic Forum", languages=["es"], licence="")
    decide.alternatives.add(forum)
    decide.topics.add(Topic.objects.get(slug="open-data"))
    practice = PracticeFactory(slug="budget", organisation=organisation, level="regional")
    practice.tools.add(decide)
    practice.topics.add(Topic.objects.get(slug="justice"))
    exported = {
        kind: (catalog_json if file_format == "json" else catalog_csv)(kind)
        for kind in ("tools", "practices")
    }
    before = _catalog_snapshot()

    Practice.objects.all().delete()
    Tool.objects.all().delete()
    for kind in ("tools", "practices"):
        catalog_import(actor=editor, content=exported[kind], file_name=f"{kind}.{file_format}")

    assert _catalog_snapshot() == before


def test_the_csv_export_neutralises_formulas():
    ToolFactory(name="=HYPERLINK(1)")

    rows = list(csv.DictReader(io.StringIO(catalog_csv("tools").decode())))

    assert rows[0]["name"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("toolbox:tool-export-json", "application/json"),
        ("toolbox:tool-export-csv", "text/csv; charset=utf-8"),
        ("toolbox:practice-export-json", "application/json"),
        ("toolbox:practice-export-csv", "text/csv; charset=utf-8"),
    ],
)
def test_anyone_downloads_the_whole_catalog(client, name, content_type):
    ToolFactory(name="Decide")
    PracticeFactory(title="Budget")

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"Decide" in response.content or b"Budget" in response.content


def test_the_import_page_is_for_editors_only(client):
    assert client.get(IMPORT).status_code == 302  # to the log-in page
    client.force_login(UserFactory())
    assert client.get(IMPORT).status_code == 403
    client.force_login(make_toolbox_editor())
    assert client.get(IMPORT).status_code == 200


def test_the_import_page_imports_a_file_and_says_how_many(client):
    client.force_login(make_toolbox_editor())
    upload = SimpleUploadedFile("tools.json", as_json([tool_row()]), "application/json")

    response = client.post(IMPORT, {"file": upload, "kind": ""}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("toolbox:tool-list") + "?order=new"
    assert "1 tool imported." in response.content.decode()
    assert Tool.objects.filter(slug="decide").exists()


def test_the_import_page_lists_each_bad_row_and_imports_nothing(client):
    client.force_login(make_toolbox_editor())
    content = as_csv(["name", "summary"], [["Fine", "Ok."], ["<script>x</script>", ""]])
    upload = SimpleUploadedFile("bad.csv", content, "text/csv")

    response = client.post(IMPORT, {"file": upload, "kind": "tools"})

    body = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported: 1 row has problems." in body
    assert "Row 3" in body
    assert "<code>summary</code>: This field is required." in body
    assert not Tool.objects.exists()


def test_the_import_page_refuses_an_unreadable_file_with_400(client):
    client.force_login(make_toolbox_editor())
    upload = SimpleUploadedFile("bad.json", b"{", "application/json")

    response = client.post(IMPORT, {"file": upload})

    assert response.status_code == 400
    assert "This is not valid JSON" in response.content.decode()


def test_imports_past_the_rate_answer_429(client, settings):
    settings.PNYX_RATE_LIMITS = {"toolbox.import": (1, 10, 60)}
    client.force_login(make_toolbox_editor())
    first = SimpleUploadedFile("a.json", as_json([tool_row()]), "application/json")
    second = SimpleUploadedFile("b.json", as_json([tool_row(slug="other")]), "application/json")

    client.post(IMPORT, {"file": first})
    response = client.post(IMPORT, {"file": second})

    assert response.status_code == 429
    assert not Tool.objects.filter(slug="other").exists()


def test_the_command_imports_and_exports(tmp_path, capsys):
    editor = make_toolbox_editor()
    source = tmp_path / "tools.json"
    source.write_bytes(as_json([tool_row()]))

    call_command("toolbox", "import", str(source), "--editor", editor.email)
    call_command("toolbox", "export", str(tmp_path / "out"))

    assert "Imported 1 tools from tools.json." in capsys.readouterr().out
    exported = json.loads((tmp_path / "out" / "tools.json").read_text())
    assert [row["slug"] for row in exported] == ["decide"]
    assert (tmp_path / "out" / "practices.csv").read_text().startswith("slug,title,")


def test_the_command_prints_each_bad_row(tmp_path, capsys):
    editor = make_toolbox_editor()
    source = tmp_path / "tools.json"
    source.write_bytes(as_json([tool_row(name="")]))

    with pytest.raises(CommandError, match="1 row"):
        call_command("toolbox", "import", str(source), "--editor", editor.email)

    assert "Row 1: name: This field is required." in capsys.readouterr().err
    assert not Tool.objects.exists()
