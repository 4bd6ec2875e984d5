"""The consultations in the open-data export: the demo recomputes exactly, an altered vote shows,
and nothing private, hidden or unpublished gets out."""

import dataclasses
import json
import threading
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import F

from pnyx.accounts import demo as accounts_demo
from pnyx.accounts.models import User
from pnyx.core.models import AuditEntry
from pnyx.core.opendata import registry
from pnyx.orgs import demo as orgs_demo
from pnyx.participation import demo
from pnyx.participation.models import (
    Comment,
    Participant,
    Process,
    ProcessStatus,
    Proposition,
    PropositionStatus,
    Vote,
    VoteValue,
)
from pnyx.participation.opendata import datasets
from pnyx.participation.opinion_groups import unpack_positions
from pnyx.participation.selectors.results import voter_pseudonym
from pnyx.participation.services.comments import comment_delete
from pnyx.participation.services.moderation import content_hide
from pnyx.participation.services.opinion_groups import opinion_groups_recompute
from pnyx.participation.services.propositions import proposition_withdraw
from pnyx.participation.services.votes import vote_cast
from tests.participation.factories import ProcessFactory, PropositionFactory, UserFactory
from tests.participation.opinion_groups_data import voted_process

pytestmark = pytest.mark.django_db

HIDDEN_TITLE = "Unique hidden proposition title"
HIDDEN_BODY = "Text only moderators may read: q9v3k."
OPINION_GROUPS = "participation.opinion_groups"
DRAFT_TITLE = "A draft nobody may see yet"
HIDDEN_COMMENT = "A comment the moderators hid: z8w1p."


@pytest.fixture
def demo_process(django_capture_on_commit_callbacks):
    accounts_demo.load()
    orgs_demo.load()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load()
    return Process.objects.get(title="Democracy Night")


@pytest.fixture
def moderated(demo_process):
    """The demo after the usual life of a consultation: a proposition hidden and one withdrawn,
    a comment hidden and one deleted, and a draft consultation beside it."""
    organiser = demo_process.created_by
    hidden, withdrawn = Proposition.objects.filter(process=demo_process).order_by("pk")[:2]
    Proposition.objects.filter(pk=hidden.pk).update(title=HIDDEN_TITLE, body=HIDDEN_BODY)
    hidden.refresh_from_db()
    content_hide(moderator=organiser, target=hidden, reason="Off topic")
    proposition_withdraw(actor=withdrawn.author, proposition=withdrawn)
    hidden_comment, deleted_comment = Comment.objects.filter(
        proposition__process=demo_process, deleted_at__isnull=True, hidden_at__isnull=True
    ).order_by("pk")[:2]
    Comment.objects.filter(pk=hidden_comment.pk).update(body=HIDDEN_COMMENT)
    hidden_comment.refresh_from_db()
    content_hide(moderator=organiser, target=hidden_comment, reason="Insulting")
    comment_delete(actor=deleted_comment.author, comment=deleted_comment)
    draft = ProcessFactory(title=DRAFT_TITLE, status=ProcessStatus.DRAFT, published_at=None)
    PropositionFactory(question__process=draft, title="Draft proposition q7x2")
    return {
        "hidden": hidden,
        "withdrawn": withdrawn,
        "hidden_comment": hidden_comment,
        "deleted_comment": deleted_comment,
        "draft": draft,
    }


def export(directory):
    call_command("opendata", "export", str(directory))
    return directory


def read(directory, name):
    return json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))


def rewrite(directory, name, rows):
    (directory / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8")


def test_the_demo_recomputes_without_difference(demo_process, tmp_path, capsys):
    directory = export(tmp_path / "export")

    call_command("opendata", "recompute", str(directory))

    out = capsys.readouterr().out
    for name in ("most_supported", "newest", "trending", "most_discussed", "controversial"):
        assert f"participation.{name}: 1 run(s), 72 item(s) compared, 0 difference(s)" in out
    assert "participation.random: 1 run(s), 72 item(s) compared, 0 difference(s)" in out
    assert "Every output recomputes exactly" in out
    assert len(read(directory, "votes")) == Vote.objects.count()


def test_an_altered_vote_is_reported_and_exits_one(demo_process, tmp_path, capsys):
    directory = export(tmp_path / "export")
    votes = read(directory, "votes")
    changed = votes[0]
    changed["value"] = VoteValue.PASS
    rewrite(directory, "votes", votes)
    supports = Proposition.objects.get(pk=changed["proposition_id"]).support_count

    with pytest.raises(CommandError) as failed:
        call_command("opendata", "recompute", str(directory), "--limit", "0")

    assert failed.value.returncode == 1
    out = capsys.readouterr().out
    expected = (
        f"process:{demo_process.pk} item {changed['proposition_id']}: score published "
        f"{supports}, recomputed {supports - 1}"
    )
    assert expected in out
    assert "participation.most_supported: 1 run(s), 72 item(s) compared, 0 difference(s)" not in out
    # A pass still counts as a vote: the trending order, which counts every vote, is unchanged.
    assert "participation.trending: 1 run(s), 72 item(s) compared, 0 difference(s)" in out


def test_a_counter_that_drifted_from_the_votes_shows(demo_process, tmp_path, capsys):
    proposition = Proposition.objects.filter(process=demo_process).order_by("pk").first()
    Proposition.objects.filter(pk=proposition.pk).update(support_count=F("support_count") + 5)

    with pytest.raises(CommandError):
        call_command("opendata", "recompute", str(export(tmp_path / "export")))

    supports = proposition.support_count
    assert (
        f"process:{demo_process.pk} item {proposition.pk}: score published {supports + 5}, "
        f"recomputed {supports}"
    ) in capsys.readouterr().out


def test_moderated_and_withdrawn_content_recomputes_exactly(moderated, tmp_path):
    directory = export(tmp_path / "export")

    call_command("opendata", "recompute", str(directory))

    results = read(directory, "algorithm-results")
    listed = {row["item"] for row in results if row["output"].startswith("participation.")}
    assert str(moderated["hidden"].pk) not in listed
    assert str(moderated["withdrawn"].pk) not in listed


def test_hidden_content_is_a_tombstone_and_drafts_stay_out(moderated, tmp_path):
    directory = export(tmp_path / "export")
    propositions = {row["id"]: row for row in read(directory, "propositions")}
    comments = {row["id"]: row for row in read(directory, "comments")}

    hidden = propositions[moderated["hidden"].pk]
    assert (hidden["hidden"], hidden["hidden_reason"], hidden["title"], hidden["body"]) == (
        True,
        "Off topic",
        "",
        "",
    )
    withdrawn = propositions[moderated["withdrawn"].pk]
    assert withdrawn["status"] == PropositionStatus.WITHDRAWN
    assert withdrawn["title"] == moderated["withdrawn"].title
    hidden_comment = comments[moderated["hidden_comment"].pk]
    assert (hidden_comment["state"], hidden_comment["body"], hidden_comment["hidden_reason"]) == (
        "hidden",
        "",
        "Insulting",
    )
    assert comments[moderated["deleted_comment"].pk]["state"] == "deleted"
    assert comments[moderated["deleted_comment"].pk]["body"] == ""
    every_file = "".join(path.read_text(encoding="utf-8") for path in directory.iterdir())
    for secret in (HIDDEN_TITLE, HIDDEN_BODY, DRAFT_TITLE, "q7x2", moderated["draft"].slug):
        assert secret not in every_file
    assert HIDDEN_COMMENT not in every_file
    assert {row["id"] for row in read(directory, "processes")} == {moderated["hidden"].process_id}


def test_no_address_or_name_of_a_person_is_exported(moderated, tmp_path):
    directory = export(tmp_path / "export")
    every_file = "".join(path.read_text(encoding="utf-8") for path in directory.iterdir())
    # Official acts name who did them, as /audit/ does; nothing else names a person.
    actors = set(AuditEntry.objects.values_list("actor_label", flat=True))
    people = list(User.objects.all())

    assert people
    assert "@" not in every_file
    for person in people:
        assert person.email not in every_file
        if person.public_name not in actors:
            assert f'"{person.public_name}' not in every_file, person.public_name
        if person.bio:
            assert person.bio not in every_file


def test_a_voter_has_one_pseudonym_per_consultation(tmp_path):
    voter = User.objects.create(email="voter@example.org", display_name="Twice")
    first, second = PropositionFactory(), PropositionFactory()
    for proposition in (first, second):
        Vote.objects.create(proposition=proposition, user=voter, value=VoteValue.SUPPORT)

    votes = read(export(tmp_path / "one"), "votes")
    again = read(export(tmp_path / "two"), "votes")

    pseudonyms = {row["process_id"]: row["voter"] for row in votes}
    assert pseudonyms[first.process_id] != pseudonyms[second.process_id]
    assert pseudonyms[first.process_id] == voter_pseudonym(process=first.process, user_id=voter.pk)
    assert votes == again
    assert str(voter.pk) not in {row["voter"] for row in votes}


def test_votes_of_a_deleted_account_stay_counted_without_pseudonym(demo_process, tmp_path):
    voter = Vote.objects.filter(proposition__process=demo_process).first().user
    kept = Vote.objects.filter(user=voter).count()
    Vote.objects.filter(user=voter).update(user=None)  # what deleting the account does

    directory = export(tmp_path / "export")
    call_command("opendata", "recompute", str(directory))

    assert sum(row["voter"] is None for row in read(directory, "votes")) == kept


def test_the_export_moment_and_the_seed_are_published_and_used(demo_process, tmp_path, capsys):
    directory = export(tmp_path / "export")
    runs = read(directory, "algorithm-runs")
    trending = next(run for run in runs if run["output"] == "participation.trending")
    created = read(directory, "datapackage")["created"]
    assert trending["parameters"]["now"] == created
    assert trending["parameters"]["seed"] == "pnyx-open-data"
    for run in runs:
        if run["output"] != "orgs.directory":
            run["parameters"]["now"] = "2030-01-01T00:00:00Z"
            run["parameters"]["seed"] = "another seed"
    rewrite(directory, "algorithm-runs", runs)

    with pytest.raises(CommandError):
        call_command("opendata", "recompute", str(directory))

    out = capsys.readouterr().out
    assert "participation.most_supported: 1 run(s), 72 item(s) compared, 0 difference(s)" in out
    assert "participation.trending: 1 run(s), 72 item(s) compared, 0 difference(s)" not in out
    assert "participation.random: 1 run(s), 72 item(s) compared, 0 difference(s)" not in out


def test_a_run_with_malformed_parameters_is_unreadable(demo_process, tmp_path, capsys):
    directory = export(tmp_path / "export")
    runs = read(directory, "algorithm-runs")
    rankings = [run for run in runs if run["output"].startswith("participation.")]
    rankings[-1]["parameters"] = {"now": "yesterday"}
    rewrite(directory, "algorithm-runs", runs)

    with pytest.raises(CommandError) as failed:
        call_command("opendata", "recompute", str(directory))

    assert failed.value.returncode == 2
    assert "need “now” (a date and time with its time zone)" in str(failed.value)


def test_answers_are_exported_with_their_state(demo_process, tmp_path):
    answers = read(export(tmp_path / "export"), "answers")

    assert sorted(row["state"] for row in answers) == [
        "accepted",
        "accepted",
        "evaluating",
        "implemented",
        "rejected",
    ]
    assert all(row["answered_at"] < datetime.now(UTC).isoformat() for row in answers)


def test_opinion_groups_recompute_exactly_and_a_voter_moved_shows(tmp_path, capsys):
    process, _items, people, truth = voted_process(sizes=(12, 8), propositions=8)
    directory = export(tmp_path / "export")

    call_command("opendata", "recompute", str(directory))

    results = read(directory, "algorithm-results")
    groups = {r["item"]: r["group"] for r in results if r["output"] == OPINION_GROUPS}
    pseudonyms = [voter_pseudonym(process=process, user_id=person.pk) for person in people]
    assert [groups[pseudonym] for pseudonym in pseudonyms] == truth
    out = capsys.readouterr().out
    assert f"{OPINION_GROUPS}: 1 run(s), 20 item(s) compared, 0 difference(s)" in out
    assert "participation.group_consensus: 1 run(s), 8 item(s) compared, 0 difference(s)" in out

    moved = pseudonyms[0]
    votes = read(directory, "votes")
    for vote in votes:
        if vote["voter"] == moved and vote["value"] != VoteValue.PASS:
            vote["value"] = "disagree" if vote["value"] == "agree" else "agree"
    rewrite(directory, "votes", votes)
    with pytest.raises(CommandError):
        call_command("opendata", "recompute", str(directory))

    assert f"process:{process.pk} item {moved}: group published 0, recomputed 1" in (
        capsys.readouterr().out
    )


@pytest.mark.django_db(transaction=True)
def test_a_vote_cast_during_the_export_stays_out_of_it(tmp_path, monkeypatch):
    proposition = PropositionFactory()
    voter = UserFactory()
    written = datasets.ANSWERS.rows

    def cast_in_another_connection():
        try:
            vote_cast(
                person=User.objects.get(pk=voter.pk),
                proposition=Proposition.objects.get(pk=proposition.pk),
                value=VoteValue.SUPPORT,
            )
        finally:
            connection.close()

    def answers_while_someone_votes(context):
        # The votes file is written by now; the orders are computed after this table.
        thread = threading.Thread(target=cast_in_another_connection)
        thread.start()
        thread.join()
        yield from written(context)

    during = dataclasses.replace(datasets.ANSWERS, rows=answers_while_someone_votes)
    monkeypatch.setitem(registry._datasets, "answers", during)

    directory = export(tmp_path / "export")

    assert Vote.objects.filter(proposition=proposition).count() == 1
    assert read(directory, "votes") == []
    call_command("opendata", "recompute", str(directory))


def test_the_published_groups_are_the_stored_ones_when_no_vote_came_since(tmp_path):
    process, _items, _people, _truth = voted_process(sizes=(11, 9, 7), propositions=9, seen=0.55)
    run = opinion_groups_recompute(process=process)
    positions = unpack_positions(run.positions)
    user_of = dict(Participant.objects.filter(process=process).values_list("pk", "user_id"))
    stored = {
        voter_pseudonym(process=process, user_id=user_of[int(pk)]): int(group)
        for pk, group in zip(positions.ids, positions.group_of, strict=True)
    }

    results = read(export(tmp_path / "export"), "algorithm-results")

    published = {r["item"]: r["group"] for r in results if r["output"] == OPINION_GROUPS}
    assert published == {voter: (group if group >= 0 else None) for voter, group in stored.items()}
