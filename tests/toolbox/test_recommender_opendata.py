"""The recommender in the open-data export: its lists recompute from the export alone, and an
altered usage shows as differences."""

import json
import random
from collections import defaultdict
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from pnyx.core import opendata
from pnyx.core.models import Topic
from pnyx.toolbox.models import Usage
from pnyx.toolbox.recommender_opendata import EXPORT_LIMIT
from tests.toolbox.factories import OrganisationFactory, PracticeFactory, ToolFactory

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 11, 27, 12, tzinfo=UTC)
OUTPUT = "toolbox.recommender"


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path, value):
    path.write_text(json.dumps(value, indent=1), encoding="utf-8")


@pytest.fixture
def generated():
    """A generated catalog: 30 tools, 8 practices, 12 organisations of several kinds and
    countries, each using a few tools (two use none)."""
    rng = random.Random(6)
    topics = [Topic.objects.get_or_create(slug=slug)[0] for slug in ("a", "b", "c", "d", "e")]
    tools = []
    for _ in range(30):
        tool = ToolFactory(languages=rng.sample(["en", "fr", "es", "pt"], 2))
        tool.topics.set(rng.sample(topics, rng.randint(0, 3)))
        tools.append(tool)
    organisations = []
    for number in range(12):
        organisation = OrganisationFactory(
            kind=rng.choice(["ngo", "school", "public_service"]),
            country=rng.choice(["FR", "DE", "SN", "BR", ""]),
        )
        organisation.topics.set(rng.sample(topics, rng.randint(0, 2)))
        organisations.append(organisation)
        if number < 10:
            for tool in rng.sample(tools, rng.randint(1, 5)):
                Usage.objects.create(
                    organisation=organisation,
                    tool=tool,
                    purpose="Generated",
                    country=rng.choice(["", "FR", "KE"]),
                )
    for _ in range(8):
        practice = PracticeFactory(
            organisation=rng.choice(organisations), country=rng.choice(["", "FR", "US"])
        )
        practice.topics.set(rng.sample(topics, 2))
        practice.tools.set(rng.sample(tools, 2))
    return organisations


@pytest.fixture
def exported(tmp_path, generated):
    directory = tmp_path / "export"
    opendata.export(directory, now=MOMENT)
    return directory


def test_every_organisation_with_a_usage_has_its_list(exported, generated):
    runs = [run for run in read_json(exported / "algorithm-runs.json") if run["output"] == OUTPUT]

    assert sorted(run["scope"] for run in runs) == sorted(
        f"organisation:{org.pk}" for org in generated[:10]
    )
    assert all(run["item_count"] == EXPORT_LIMIT for run in runs)
    assert runs[0]["parameters"]["now"] == "2026-11-27T12:00:00Z"
    assert runs[0]["parameters"]["weights"]["topics"] == 3.0


def test_the_factors_file_adds_up_to_the_published_scores(exported):
    scores = {
        (row["scope"], row["item"]): row["score"]
        for row in read_json(exported / "algorithm-results.json")
        if row["output"] == OUTPUT
    }
    totals = defaultdict(float)
    for row in read_json(exported / "recommendation-factors.json"):
        totals[(row["scope"], row["item"])] += row["contribution"]

    assert set(totals) == set(scores)
    for key, score in scores.items():
        assert totals[key] == pytest.approx(score, abs=1e-9)


def test_the_lists_recompute_identically_from_the_export(exported):
    report = opendata.recompute(exported)

    mine = next(output for output in report.outputs if output.output == OUTPUT)
    assert mine.runs == 10
    assert mine.items == 10 * EXPORT_LIMIT
    assert mine.differences == []


def test_the_recompute_reads_no_database(exported, django_assert_num_queries):
    with django_assert_num_queries(0):
        report = opendata.recompute(exported)

    assert not [d for d in report.differences if d.output == OUTPUT]


def test_an_altered_usage_row_shows_as_differences(exported, generated):
    usages = read_json(exported / "tool-usages.json")
    changed = usages[0]
    changed["organisation_id"] = generated[11].pk  # now another organisation uses the tool
    write_json(exported / "tool-usages.json", usages)

    report = opendata.recompute(exported)

    differences = [d for d in report.differences if d.output == OUTPUT]
    assert differences
    assert {d.field for d in differences} <= {"position", "score", "item"}


def test_the_command_reports_the_differences(exported, generated, capsys):
    usages = read_json(exported / "tool-usages.json")
    usages[0]["organisation_id"] = generated[11].pk
    write_json(exported / "tool-usages.json", usages)

    with pytest.raises(CommandError, match="difference"):
        call_command("opendata", "recompute", str(exported))

    assert OUTPUT in capsys.readouterr().out
