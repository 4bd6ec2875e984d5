"""The results page, its charts and tables, the CSV/JSON exports and the anonymised vote file."""

import csv
import hashlib
import io
import json
import re

import pytest

from pnyx.core.export import safe_csv_cell
from pnyx.participation.models import AnswerState, ProcessStatus, Proposition, VoteMode
from pnyx.participation.selectors.processes import process_vote_count
from pnyx.participation.selectors.results import voter_pseudonym
from pnyx.participation.services.comments import comment_create
from pnyx.participation.services.votes import vote_cast
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two questions; three propositions; five voters; one answered, one hidden."""
    process = ProcessFactory(slug="budget")
    first = QuestionFactory(process=process, title="How to teach?", position=0)
    second = QuestionFactory(process=process, title="Who is missing?", position=1)
    popular = PropositionFactory(question=first, title="Data in class")
    quiet = PropositionFactory(question=first, title="Radio lessons")
    other = PropositionFactory(question=second, title='=HYPERLINK("http://evil")')
    people = UserFactory.create_batch(5)
    for person in people:
        vote_cast(person=person, proposition=popular, value="support")
    vote_cast(person=people[0], proposition=quiet, value="support")
    vote_cast(person=people[1], proposition=other, value="support")
    comment_create(author=people[2], proposition=popular, body="Good.")
    Proposition.objects.filter(pk=popular.pk).update(answer_state=AnswerState.ACCEPTED)
    for row in (process, popular, quiet, other):
        row.refresh_from_db()
    return process, (first, second), (popular, quiet, other), people


def test_the_page_shows_the_stored_totals_and_the_ranking(client, world):
    process, questions, (popular, quiet, other), people = world

    response = client.get("/processes/budget/results/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert f"<dt>Propositions</dt><dd>{process.proposition_count}</dd>" in html
    assert "<dt>Votes</dt><dd>7</dd>" in html
    assert process_vote_count(process=process) == 7
    assert f"<dt>Comments</dt><dd>{process.comment_count}</dd>" in html
    assert f"<dt>Participants</dt><dd>{process.participant_count}</dd>" in html
    assert "<dd>33 % (1 / 3)</dd>" in html
    section = html[html.index('id="question-1"') :]
    assert section.index("Data in class") < section.index("Radio lessons")


def test_every_chart_is_an_accessible_svg_with_a_table(client, world):
    response = client.get("/processes/budget/results/")

    html = response.content.decode()
    charts = re.findall(r'<svg[^>]*aria-labelledby="([^"]+)"', html)
    assert len(charts) == 3 + 2 * 2
    for title_id in charts:
        assert f'<title id="{title_id}">' in html
    assert html.count("<table") == 3 + 2 * 2 - 1  # votes and propositions per day share one
    assert "style=" not in html
    assert "<script>" not in html


def test_chart_numbers_are_not_localised(client, world, settings):
    response = client.get("/processes/budget/results/", HTTP_ACCEPT_LANGUAGE="fr")

    svg = re.findall(r"<svg.*?</svg>", response.content.decode(), flags=re.S)
    assert svg
    assert not any(re.search(r'(width|x|y)="\d+,\d', chart) for chart in svg)


def test_agree_mode_ranks_by_agree_share(client):
    process = ProcessFactory(slug="opinions", vote_mode=VoteMode.AGREE_DISAGREE)
    question = QuestionFactory(process=process)
    split = PropositionFactory(question=question, title="Split")
    loved = PropositionFactory(question=question, title="Loved")
    people = UserFactory.create_batch(3)
    for person, value in zip(people, ["agree", "disagree", "disagree"], strict=True):
        vote_cast(person=person, proposition=split, value=value)
    vote_cast(person=people[0], proposition=loved, value="agree")

    html = client.get("/processes/opinions/results/").content.decode()

    table = html[html.index("<caption>Question 1: share of agree votes") :]
    assert table.index("Loved") < table.index("Split")
    assert "<td>100 %</td>" in table
    assert "<td>33.3 %</td>" in table


def test_drafts_have_no_results(client):
    ProcessFactory(slug="secret", status=ProcessStatus.DRAFT)

    for suffix in ("results/", "results.csv", "results.json", "votes.csv"):
        assert client.get(f"/processes/secret/{suffix}").status_code == 404


def test_the_csv_has_one_row_per_live_proposition_and_is_injection_safe(client, world):
    process, questions, (popular, quiet, other), people = world
    hidden = PropositionFactory(question=questions[0], title="Hidden one")
    Proposition.objects.filter(pk=hidden.pk).update(hidden_at=hidden.created_at)

    response = client.get("/processes/budget/results.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"] == 'attachment; filename="budget-results.csv"'
    assert [row["title"] for row in rows] == [
        "Data in class",
        "Radio lessons",
        '\'=HYPERLINK("http://evil")',
    ]
    assert rows[0]["supports"] == "5"
    assert rows[0]["answer"] == "accepted"
    assert rows[0]["author"] == popular.author.public_name
    assert rows[0]["question"] == "How to teach?"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1", "'+33 1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\0nul", "'\0nul"),
        ("\rcr", "'\rcr"),
        ("plain = text", "plain = text"),
        (12, "12"),
        (None, ""),
    ],
)
def test_safe_csv_cell_neutralises_formula_starts(value, expected):
    assert safe_csv_cell(value) == expected


def test_the_json_export_has_the_same_rows_and_totals(client, world):
    process, questions, propositions, people = world

    response = client.get("/processes/budget/results.json")

    payload = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="budget-results.json"'
    assert payload["process"]["vote_count"] == 7
    assert [row["title"] for row in payload["propositions"]][2] == '=HYPERLINK("http://evil")'


def test_the_vote_file_hash_on_the_page_is_the_hash_of_the_served_file(client, world):
    process, questions, (popular, quiet, other), people = world

    page = client.get("/processes/budget/results/").content.decode()
    served = client.get("/processes/budget/votes.csv")

    shown = re.search(r'<code class="hash" id="votes-sha256">([0-9a-f]{64})</code>', page)[1]
    assert shown == hashlib.sha256(served.content).hexdigest()
    assert served["X-Content-SHA256"] == shown
    rows = list(csv.DictReader(io.StringIO(served.content.decode())))
    assert len(rows) == 7
    voters = {row["voter"] for row in rows}
    assert voters == {voter_pseudonym(process=process, user_id=p.pk) for p in people}
    assert all(re.fullmatch(r"[0-9a-f]{12}", voter) for voter in voters)
    assert not any(str(p.email) in served.content.decode() for p in people)


def test_pseudonyms_differ_between_processes():
    first, second = ProcessFactory(), ProcessFactory()

    assert voter_pseudonym(process=first, user_id=1) != voter_pseudonym(process=second, user_id=1)
    assert voter_pseudonym(process=first, user_id=1) == voter_pseudonym(process=first, user_id=1)


def test_the_page_runs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    process, questions, propositions, people = world
    for extra in range(3):
        question = QuestionFactory(process=process, position=5 + extra)
        PropositionFactory.create_batch(25, question=question)

    with django_assert_max_num_queries(12):
        response = client.get("/processes/budget/results/")

    assert response.status_code == 200
