"""The open-data mechanism: registration, the export's files and descriptor, the streaming
reader, the recompute and its command. A sample dataset and output stand in for the apps'."""

import csv
import json
import re
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pnyx.cli import main
from pnyx.core import opendata
from pnyx.core.opendata import (
    Dataset,
    ExportedPackage,
    Field,
    ForeignKey,
    OutputItem,
    OutputRun,
    RecomputableOutput,
    UnreadableExport,
    reader,
    registry,
)
from tests.core.test_registries import CARD

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 11, 27, 10, 30, 15, 123456, tzinfo=UTC)
SHELVES = [
    {
        "id": 1,
        "label": '=HYPERLINK("http://evil.example")',
        "weight": 2.5,
        "opened": date(2026, 1, 2),
        "seen_at": MOMENT,
        "tags": ["a", "b"],
        "public": True,
        "note": None,
    },
    {
        "id": 2,
        "label": "+33 1 23",
        "weight": 1.0,
        "opened": date(2026, 3, 4),
        "seen_at": MOMENT,
        "tags": [],
        "public": False,
        "note": "-minus",
    },
    {
        "id": 3,
        "label": "Plain, with a comma",
        "weight": 7.25,
        "opened": date(2026, 5, 6),
        "seen_at": MOMENT,
        "tags": ["c"],
        "public": True,
        "note": "@home",
    },
]

SHELF_FIELDS = (
    Field("id", "integer", "The shelf.", required=True),
    Field("label", "string", "Its label."),
    Field("weight", "number", "Its weight.", required=True),
    Field("opened", "date", "When it opened.", required=True),
    Field("seen_at", "datetime", "When it was seen.", required=True),
    Field("tags", "array", "Its tags."),
    Field("public", "boolean", "Shown to all.", required=True),
    Field("note", "string", "A note."),
)


def shelf_rows(context):
    yield from SHELVES


SHELVES_DATASET = Dataset(
    name="shelves",
    title="Shelves",
    description="Sample shelves.",
    fields=SHELF_FIELDS,
    rows=shelf_rows,
    primary_key=("id",),
)


def heaviest_first(rows):
    ordered = sorted(rows, key=lambda row: (-row["weight"], row["id"]))
    return [
        OutputItem(item=str(row["id"]), position=n, score=row["weight"], group=row["id"] % 2)
        for n, row in enumerate(ordered, start=1)
    ]


def published(context):
    yield OutputRun(scope="all", parameters={"order": "weight"}, items=heaviest_first(SHELVES))


def recomputed(package, scope, parameters):
    return heaviest_first(package.rows("shelves"))


SHELF_ORDER = RecomputableOutput(
    name="tests.sample_order",
    card=CARD,
    item_kind="A shelf id",
    published=published,
    recompute=recomputed,
    reads=("shelves",),
)


@pytest.fixture
def sample_registry(monkeypatch):
    """Only the sample dataset and output are registered while the test runs."""
    monkeypatch.setattr(registry, "_datasets", {})
    monkeypatch.setattr(registry, "_outputs", {})
    opendata.register_dataset(SHELVES_DATASET)
    opendata.register_output(SHELF_ORDER)


@pytest.fixture
def exported(sample_registry, tmp_path):
    directory = tmp_path / "export"
    opendata.export(directory, now=MOMENT)
    return directory


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path, value):
    path.write_text(json.dumps(value, indent=4), encoding="utf-8")


# --- registration -------------------------------------------------------------------------------


def test_a_dataset_name_is_taken_once(sample_registry):
    other = Dataset(name="shelves", title="Other", description="", fields=(), rows=shelf_rows)

    with pytest.raises(registry.AlreadyRegistered):
        opendata.register_dataset(other)


def test_the_output_tables_names_are_kept_for_the_export(sample_registry):
    with pytest.raises(registry.AlreadyRegistered):
        opendata.register_dataset(
            Dataset(name="algorithm-runs", title="", description="", fields=(), rows=shelf_rows)
        )


def test_an_unknown_field_type_or_key_is_refused():
    with pytest.raises(ValueError, match="unknown type"):
        Field("when", "time", "Not a Table Schema type here.")
    with pytest.raises(ValueError, match="unknown fields"):
        Dataset(
            name="x",
            title="",
            description="",
            fields=SHELF_FIELDS,
            rows=shelf_rows,
            primary_key=("missing",),
        )
    with pytest.raises(ValueError, match="use a-z"):
        Dataset(name="Bad Name", title="", description="", fields=(), rows=shelf_rows)


def test_the_apps_register_their_datasets_and_outputs():
    names = {dataset.name for dataset in opendata.datasets()}
    outputs = {output.name for output in opendata.outputs()}

    assert {"audit-log", "organisations", "processes", "propositions", "votes"} <= names
    assert {"orgs.directory", "participation.most_supported", "participation.trending"} <= outputs


# --- the files and their descriptor -------------------------------------------------------------

RESOURCE_KEYS = {"name", "path", "profile", "format", "mediatype", "encoding", "schema"}
TABLE_SCHEMA_TYPES = {
    "string",
    "number",
    "integer",
    "boolean",
    "object",
    "array",
    "date",
    "time",
    "datetime",
    "year",
    "yearmonth",
    "duration",
    "geopoint",
    "geojson",
    "any",
}


def assert_frictionless_package(descriptor, directory):
    """The shape the Frictionless Data Package and Table Schema specifications require."""
    assert descriptor["profile"] == "tabular-data-package"
    assert re.fullmatch(r"[a-z0-9._-]+", descriptor["name"])
    assert descriptor["title"]
    assert descriptor["created"].endswith("Z")
    assert all({"name", "path", "title"} <= set(licence) for licence in descriptor["licenses"])
    names = [resource["name"] for resource in descriptor["resources"]]
    assert len(names) == len(set(names))
    by_name = {resource["name"]: resource for resource in descriptor["resources"]}
    for resource in descriptor["resources"]:
        assert set(resource) >= RESOURCE_KEYS
        assert re.fullmatch(r"[a-z0-9._-]+", resource["name"])
        assert (directory / resource["path"]).is_file()
        assert resource["profile"] == "tabular-data-resource"
        fields = resource["schema"]["fields"]
        field_names = {field["name"] for field in fields}
        assert all(field["type"] in TABLE_SCHEMA_TYPES and field["description"] for field in fields)
        assert set(resource["schema"].get("primaryKey", [])) <= field_names
        for key in resource["schema"].get("foreignKeys", []):
            assert set(key["fields"]) <= field_names
            target = by_name[key["reference"]["resource"]]
            target_fields = {field["name"] for field in target["schema"]["fields"]}
            assert set(key["reference"]["fields"]) <= target_fields
            assert target["format"] == resource["format"]
        if "hash" in resource:
            assert resource["hash"].startswith("sha256:")
            assert resource["bytes"] == (directory / resource["path"]).stat().st_size


def test_each_table_is_written_as_csv_and_json_with_a_data_package(exported):
    descriptor = read_json(exported / "datapackage.json")

    assert_frictionless_package(descriptor, exported)
    assert sorted(p.name for p in exported.iterdir()) == [
        "algorithm-results.csv",
        "algorithm-results.json",
        "algorithm-runs.csv",
        "algorithm-runs.json",
        "datapackage.json",
        "shelves.csv",
        "shelves.json",
    ]
    shelves = next(r for r in descriptor["resources"] if r["name"] == "shelves")
    assert shelves["schema"]["primaryKey"] == ["id"]
    assert shelves["licenses"][0]["name"] == "CC-BY-4.0"
    results = next(r for r in descriptor["resources"] if r["name"] == "algorithm-results-json")
    assert results["schema"]["foreignKeys"] == [
        {
            "fields": ["output", "scope"],
            "reference": {"resource": "algorithm-runs-json", "fields": ["output", "scope"]},
        }
    ]


def test_json_holds_the_exact_values(exported):
    rows = read_json(exported / "shelves.json")

    assert rows[0] == {
        "id": 1,
        "label": '=HYPERLINK("http://evil.example")',
        "weight": 2.5,
        "opened": "2026-01-02",
        "seen_at": "2026-11-27T10:30:15.123456Z",
        "tags": ["a", "b"],
        "public": True,
        "note": None,
    }


def test_csv_cells_that_could_run_as_formulas_are_neutralised(exported):
    with (exported / "shelves.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))

    assert rows[0] == [field.name for field in SHELF_FIELDS]
    assert rows[1] == [
        "1",
        '\'=HYPERLINK("http://evil.example")',
        "2.5",
        "2026-01-02",
        "2026-11-27T10:30:15.123456Z",
        '["a", "b"]',
        "true",
        "",
    ]
    assert rows[2][1] == "'+33 1 23"
    assert rows[2][7] == "'-minus"
    assert rows[3][7] == "'@home"


def test_outputs_are_published_with_their_algorithm_version_and_parameters(exported):
    runs = read_json(exported / "algorithm-runs.json")
    results = read_json(exported / "algorithm-results.json")

    assert runs == [
        {
            "output": "tests.sample_order",
            "algorithm": "tests.sample_order",
            "version": "2.1",
            "scope": "all",
            "parameters": {"order": "weight"},
            "item_count": 3,
        }
    ]
    assert [(r["item"], r["position"], r["score"], r["group"]) for r in results] == [
        ("3", 1, 7.25, 1),
        ("1", 2, 2.5, 1),
        ("2", 3, 1.0, 0),
    ]


def test_rows_are_written_as_they_come_not_gathered_first(sample_registry, tmp_path, monkeypatch):
    directory = tmp_path / "export"
    seen_on_disk = []

    def many_rows(context):
        for number in range(20000):
            if number == 15000:
                seen_on_disk.append((directory / "many.json").stat().st_size)
            yield {"id": number}

    monkeypatch.setitem(
        registry._datasets,
        "many",
        Dataset(
            name="many",
            title="Many",
            description="",
            fields=(Field("id", "integer", "A number.", required=True),),
            rows=many_rows,
        ),
    )

    opendata.export(directory, now=MOMENT)

    assert seen_on_disk[0] > 100_000
    assert len(read_json(directory / "many.json")) == 20000


def test_a_directory_holding_other_files_is_refused(sample_registry, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")

    with pytest.raises(CommandError) as refused:
        call_command("opendata", "export", str(tmp_path))

    assert refused.value.returncode == 2
    assert "choose an empty or new directory" in str(refused.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_earlier_export_is_replaced(exported):
    opendata.export(exported, now=MOMENT)

    assert len(read_json(exported / "shelves.json")) == 3


# --- reading back -------------------------------------------------------------------------------


def test_the_reader_streams_any_layout_across_chunk_boundaries(exported, monkeypatch):
    write_json(exported / "shelves.json", read_json(exported / "shelves.json"))
    monkeypatch.setattr(reader, "CHUNK", 7)

    rows = list(ExportedPackage(exported).rows("shelves"))

    assert [row["id"] for row in rows] == [1, 2, 3]
    assert rows[0]["seen_at"] == MOMENT
    assert rows[0]["opened"] == date(2026, 1, 2)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"id": 1', "shelves.json is not valid JSON"),
        ('{"id": 1}', "shelves.json is not a valid JSON array"),
        ("[1]", "shelves.json, row 1: a row should be a JSON object"),
        ("[] []", "shelves.json has data after its JSON array"),
    ],
)
def test_malformed_json_is_unreadable_with_the_file_named(exported, content, message):
    (exported / "shelves.json").write_text(content)

    with pytest.raises(UnreadableExport, match=re.escape(message)):
        list(ExportedPackage(exported).rows("shelves"))


def test_a_value_of_the_wrong_type_names_the_file_row_and_field(exported):
    rows = read_json(exported / "shelves.json")
    rows[1]["weight"] = "heavy"
    write_json(exported / "shelves.json", rows)

    with pytest.raises(UnreadableExport) as unreadable:
        list(ExportedPackage(exported).rows("shelves"))

    assert str(unreadable.value) == 'shelves.json, row 2: “weight” should be a number, not "heavy".'


def test_a_missing_field_or_required_value_is_unreadable(exported):
    rows = read_json(exported / "shelves.json")
    del rows[0]["label"]
    write_json(exported / "shelves.json", rows)

    with pytest.raises(UnreadableExport, match="row 1: the field “label” is missing"):
        list(ExportedPackage(exported).rows("shelves"))


# --- the recompute ------------------------------------------------------------------------------


def test_an_untouched_export_recomputes_without_difference(exported):
    report = opendata.recompute(exported)

    assert report.ok
    assert [(o.output, o.runs, o.items) for o in report.outputs] == [("tests.sample_order", 1, 3)]


def test_the_recompute_never_reads_the_database(exported, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert opendata.recompute(exported).ok


def test_an_altered_input_shows_as_differences(exported):
    rows = read_json(exported / "shelves.json")
    rows[1]["weight"] = 9.0
    write_json(exported / "shelves.json", rows)

    report = opendata.recompute(exported)

    assert [(d.item, d.field, d.published, d.recomputed) for d in report.differences] == [
        ("2", "position", 3, 1),
        ("2", "score", 1.0, 9.0),
        ("3", "position", 1, 2),
        ("1", "position", 2, 3),
    ]


def test_a_published_item_changed_or_missing_is_a_difference(exported):
    results = read_json(exported / "algorithm-results.json")
    results[0]["group"] = 5
    del results[2]
    write_json(exported / "algorithm-results.json", results)

    report = opendata.recompute(exported)

    assert [(d.item, d.field, d.published, d.recomputed) for d in report.differences] == [
        ("*", "item_count", 3, 2),
        ("3", "group", 5, 1),
        ("2", "item", "absent", "present"),
    ]


def test_a_run_of_another_version_is_not_compared(exported):
    runs = read_json(exported / "algorithm-runs.json")
    runs[0]["version"] = "1.0"
    write_json(exported / "algorithm-runs.json", runs)

    report = opendata.recompute(exported)

    assert [(d.field, d.published, d.recomputed) for d in report.differences] == [
        ("version", "1.0", "2.1")
    ]


def test_scores_agree_to_a_billionth(exported):
    results = read_json(exported / "algorithm-results.json")
    results[0]["score"] = 7.25 * (1 + 1e-12)
    write_json(exported / "algorithm-results.json", results)

    assert opendata.recompute(exported).ok


# --- the command --------------------------------------------------------------------------------


def test_the_command_exports_then_recomputes_with_exit_zero(sample_registry, tmp_path, capsys):
    call_command("opendata", "export", str(tmp_path / "out"))
    call_command("opendata", "recompute", str(tmp_path / "out"))

    out = capsys.readouterr().out
    assert "shelves.json: 3 rows" in out
    assert "tests.sample_order: 1 run(s), 3 item(s) compared, 0 difference(s)" in out
    assert "Every output recomputes exactly (1 outputs)." in out


def test_the_command_prints_each_difference_and_exits_one(exported, capsys):
    rows = read_json(exported / "shelves.json")
    rows[0]["weight"] = 3.5
    write_json(exported / "shelves.json", rows)

    with pytest.raises(CommandError) as failed:
        call_command("opendata", "recompute", str(exported))

    assert failed.value.returncode == 1
    out = capsys.readouterr().out
    assert "tests.sample_order: 1 run(s), 3 item(s) compared, 1 difference(s)" in out
    assert "all item 1: score published 2.5, recomputed 3.5" in out


def test_a_missing_directory_exits_two_with_a_message_and_no_traceback(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["opendata", "recompute", str(tmp_path / "nowhere")])

    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'nowhere'} is not a directory." in err
    assert "Traceback" not in err


def test_a_directory_without_descriptor_or_file_exits_two(exported, capsys):
    (exported / "algorithm-runs.json").unlink()

    with pytest.raises(SystemExit) as exit_info:
        main(["opendata", "recompute", str(exported)])
    (exported / "datapackage.json").unlink()
    with pytest.raises(SystemExit) as second:
        main(["opendata", "recompute", str(exported)])

    err = capsys.readouterr().err
    assert (exit_info.value.code, second.value.code) == (2, 2)
    assert "The export has no algorithm-runs.json." in err
    assert "has no readable datapackage.json: is it an open-data export?" in err


def test_foreign_keys_point_to_the_same_format():
    key = ForeignKey(("shelf_id",), "shelves", ("id",))
    dataset = Dataset(
        name="books",
        title="Books",
        description="",
        fields=(Field("shelf_id", "integer", "Its shelf."),),
        rows=shelf_rows,
        foreign_keys=(key,),
    )

    from pnyx.core.opendata.writer import _schema

    assert _schema(dataset, "csv")["foreignKeys"][0]["reference"]["resource"] == "shelves"
    assert _schema(dataset, "json")["foreignKeys"][0]["reference"]["resource"] == "shelves-json"
