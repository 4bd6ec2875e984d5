"""`pnyx import polis DIR`: a Pol.is export becomes an archived agree/disagree/pass consultation.

The fixture in polis_export/ is a small conversation written by hand in Pol.is's format: a
comment hidden by Pol.is's moderators, one nobody voted on, a multi-line one, an author who
never voted, a changed vote, and two votes whose file order is not their time order.
"""

import io
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError

from pnyx.accounts.models import User
from pnyx.core.models import AuditEntry
from pnyx.participation.models import (
    OpinionGroupsRun,
    Participant,
    PhaseKind,
    Process,
    ProcessStatus,
    Proposition,
    Vote,
    VoteMode,
)
from pnyx.participation.selectors.recount import counters_drift
from tests.participation.factories import OrganisationFactory

EXPORT = Path(__file__).parent / "polis_export"

pytestmark = pytest.mark.django_db


def run_import(folder, *options):
    output, errors = io.StringIO(), io.StringIO()
    call_command("import", "polis", str(folder), *options, stdout=output, stderr=errors)
    return output.getvalue(), errors.getvalue()


def imported(folder=EXPORT, *options):
    output, _errors = run_import(folder, *options)
    return Process.objects.get(pk=int(output))


def test_the_command_prints_only_the_new_process_id():
    output, errors = run_import(EXPORT)

    process = Process.objects.get()
    assert output.strip() == str(process.pk)
    assert "6 propositions, 11 votes, 7 participants" in errors


def test_the_consultation_is_archived_agree_disagree_and_credits_its_source():
    process = imported()

    assert process.title == "How should our town open its government?"
    assert process.status == ProcessStatus.ARCHIVED
    assert process.vote_mode == VoteMode.AGREE_DISAGREE
    assert process.summary.startswith("A small, hand-written conversation")
    assert "https://pol.is/example" in process.body
    assert "CC BY 4.0" in process.body
    assert process.organisation.slug == "imported-consultations"
    phases = list(process.phases.order_by("position"))
    assert [phase.kind for phase in phases] == [PhaseKind.PROPOSING, PhaseKind.RESULTS]
    assert phases[0].starts_at == datetime(2020, 9, 13, 12, 26, 40, tzinfo=UTC)
    assert phases[0].ends_at == datetime(2020, 9, 13, 12, 38, 21, tzinfo=UTC)
    assert not any(phase.is_running() for phase in phases[:1])
    audit = AuditEntry.objects.get(action="participation.process_imported")
    assert audit.target_id == str(process.pk)
    assert audit.data["votes"] == 11


def test_each_comment_is_a_proposition_keeping_its_id_and_the_hidden_one_stays_hidden():
    process = imported()

    propositions = {p.external_id: p for p in Proposition.objects.filter(process=process)}
    assert sorted(propositions) == ["0", "1", "2", "3", "4", "5"]
    assert propositions["2"].body == 'Teach "data literacy" in every school from the age of twelve.'
    assert propositions["3"].title == (
        "Hold a yearly assembly of citizens drawn by lot, whose recommendations the council "
        "must answer in writing."
    )
    assert propositions["3"].body.count("\n") == 1
    assert propositions["4"].is_hidden
    assert propositions["4"].hidden_reason
    assert not any(p.is_hidden for key, p in propositions.items() if key != "4")
    assert propositions["0"].created_at == datetime(2020, 9, 13, 12, 26, 40, tzinfo=UTC)
    assert propositions["3"].author.participations.get().external_id == "7"


def test_the_latest_vote_of_each_voter_on_each_comment_is_kept():
    process = imported()

    votes = {
        (v.user.participations.get().external_id, v.proposition.external_id): v.value
        for v in Vote.objects.filter(proposition__process=process).select_related(
            "user", "proposition"
        )
    }
    assert votes == {
        ("0", "0"): "agree",
        ("0", "1"): "disagree",
        ("0", "2"): "agree",
        ("1", "0"): "agree",
        ("1", "1"): "disagree",  # changed from agree later
        ("2", "0"): "disagree",
        ("2", "4"): "agree",  # on the hidden comment, kept
        ("3", "0"): "agree",
        ("3", "2"): "pass",
        ("3", "3"): "disagree",
        ("4", "2"): "agree",  # the later timestamp wins, not the later line
    }
    vote = Vote.objects.get(user__participations__external_id="0", proposition__external_id="1")
    assert vote.created_at == datetime(2020, 9, 13, 12, 33, 30, tzinfo=UTC)


def test_every_counter_matches_the_stored_rows():
    process = imported()

    assert counters_drift(process=process) == []
    assert (process.proposition_count, process.participant_count) == (6, 7)
    counts = Proposition.objects.get(process=process, external_id="0")
    assert (counts.agree_count, counts.disagree_count, counts.pass_count) == (3, 1, 0)
    author = Participant.objects.get(process=process, external_id="0")
    assert (author.vote_count, author.proposition_count) == (3, 2)
    assert Participant.objects.get(process=process, external_id="12").vote_count == 0


def test_participants_are_placeholder_accounts_that_cannot_log_in(client):
    process = imported()

    people = User.objects.filter(participations__process=process)
    assert people.count() == 7
    for person in people:
        assert person.email.endswith("@invalid")
        assert not person.is_active
        assert not person.has_usable_password()
        assert person.display_name == ""
    assert not EmailAddress.objects.filter(user__in=people).exists()
    assert not client.login(email=people[0].email, password="")


def test_the_opinion_groups_are_computed_at_once():
    process = imported()

    run = OpinionGroupsRun.objects.get(process=process)
    assert run.vote_count == 10  # the vote on the hidden comment is left out
    assert run.participant_count == 5
    assert run.proposition_count == 5


def test_an_organisation_can_be_chosen_and_two_imports_stay_apart():
    organisation = OrganisationFactory(slug="town-hall")

    first = imported(EXPORT, "--organisation", "town-hall")
    second = imported()

    assert first.organisation == organisation
    assert first.slug != second.slug
    assert Participant.objects.filter(external_id="0").count() == 2


def copy_export(tmp_path, name, content):
    folder = tmp_path / "export"
    shutil.copytree(EXPORT, folder)
    (folder / name).write_bytes(content.encode() if isinstance(content, str) else content)
    return folder


HEADER = "timestamp,datetime,comment-id,voter-id,vote\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("votes.csv", HEADER + "1600000400000,x,0,0,2\n", "votes.csv, line 2: vote '2' is not"),
        ("votes.csv", HEADER + "1600000400000,x,99,0,1\n", "comment-id 99 is not in comments"),
        ("votes.csv", HEADER + "soon,x,0,0,1\n", "timestamp 'soon' is not a number"),
        ("votes.csv", HEADER + "1600000400000,x,0,a b,1\n", "voter-id 'a b' is not an id"),
        ("votes.csv", "timestamp,comment-id,who\n1,0,0\n", "has no column voter-id, vote on"),
        ("votes.csv", HEADER + "1600000400000,x,0,0,1,extra\n", "more cells than columns"),
        ("comments.csv", b"\xff\xfe not text", "comments.csv is not UTF-8 text"),
        ("comments.csv", "timestamp,comment-id,comment-body\n", "comments.csv has no comment"),
        (
            "comments.csv",
            "timestamp,comment-id,comment-body\n1,0,One\n2,0,Two\n",
            "line 3: comment-id 0 appears twice",
        ),
        ("comments.csv", "timestamp,comment-id,comment-body\n1,0,  \n", "comment-body is empty"),
        (
            "comments.csv",
            "timestamp,comment-id,comment-body,moderated\n1,0,One,2\n",
            "moderated is '2'",
        ),
    ],
)
def test_a_malformed_export_is_refused_with_its_line_and_nothing_is_written(
    tmp_path, name, content, message
):
    folder = copy_export(tmp_path, name, content)

    with pytest.raises(CommandError, match=message):
        run_import(folder)

    assert not Process.objects.exists()
    assert not User.objects.exists()


def test_a_missing_folder_file_or_organisation_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        run_import(tmp_path / "nowhere")
    with pytest.raises(CommandError, match="has no comments.csv"):
        run_import(tmp_path)
    with pytest.raises(CommandError, match="No organisation has the address name “nope”"):
        run_import(EXPORT, "--organisation", "nope")

    assert not Process.objects.exists()


def test_the_real_command_exits_non_zero_without_a_traceback(tmp_path):
    command = Path(sys.executable).with_name("pnyx")
    environment = {**os.environ, "PNYX_VAR_DIR": str(tmp_path)}

    finished = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(command), "import", "polis", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 1
    assert "is not a folder" in finished.stderr
    assert "Traceback" not in finished.stderr
    assert finished.stdout == ""
