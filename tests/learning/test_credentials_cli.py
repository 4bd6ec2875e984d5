"""`pnyx credentials verify FILE`: the outcome and each check in words, and the exit status."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pnyx.cli import main
from pnyx.learning.models import CommitteeRole
from pnyx.learning.selectors.credentials import credential_file
from pnyx.learning.services.credentials import application_credential_issue, credential_revoke
from tests.learning.factories import (
    CommitteeMemberFactory,
    EvidenceEntryFactory,
    GrantedCreditApplicationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://pnyx.example"


def _credential():
    application = GrantedCreditApplicationFactory(credits_granted=Decimal("6"))
    application.entries.set([EvidenceEntryFactory(learner=application.learner)])
    return application_credential_issue(application=application)


def _verify(path):
    """Run the command; return (exit status, what it printed)."""
    out = StringIO()
    try:
        call_command("credentials", "verify", str(path), stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue(), str(error)
    return 0, out.getvalue(), ""


def test_a_valid_credential_prints_each_check_and_exits_0(tmp_path):
    credential = _credential()
    path = tmp_path / "credential.json"
    path.write_bytes(credential_file(credential))

    status, printed, _ = _verify(path)

    assert status == 0
    lines = printed.splitlines()
    assert lines[0] == "Outcome: Valid"
    assert lines[2] == f"Issuer: {credential.document['issuer']['id']}"
    assert lines[3] == "Checks:"
    assert [line.split("]")[0] for line in lines[4:]] == ["  [passed"] * 5
    assert "  [passed] Revocation: The issuer has not revoked this credential." in lines


def test_a_credential_with_one_byte_changed_exits_1_as_tampered(tmp_path):
    content = credential_file(_credential())
    position = content.index(b"civic engagement")
    path = tmp_path / "credential.json"
    path.write_bytes(content[:position] + b"C" + content[position + 1 :])

    status, printed, error = _verify(path)

    assert status == 1
    assert printed.splitlines()[0] == "Outcome: Tampered with: not valid"
    assert "  [FAILED] Signature:" in printed
    assert error == "The credential is not valid (tampered)."


def test_a_revoked_credential_exits_1_as_revoked(tmp_path):
    credential = _credential()
    chair = CommitteeMemberFactory(partner=credential.partner, role=CommitteeRole.CHAIR).person
    credential_revoke(actor=chair, credential=credential, reason="Not confirmed.")
    path = tmp_path / "credential.json"
    path.write_bytes(credential_file(credential))

    status, printed, error = _verify(path)

    assert status == 1
    assert printed.splitlines()[0] == "Outcome: Revoked by its issuer"
    assert "  [FAILED] Revocation: The issuer has revoked this credential." in printed
    assert error == "The credential is not valid (revoked)."


def test_a_credential_of_another_site_is_an_unknown_issuer(tmp_path, settings):
    path = tmp_path / "credential.json"
    path.write_bytes(credential_file(_credential()))
    settings.SITE_URL = "https://elsewhere.example"

    status, printed, _ = _verify(path)

    assert status == 1
    assert printed.splitlines()[0] == "Outcome: Unknown issuer"


def test_a_missing_file_exits_2(tmp_path):
    status, printed, error = _verify(tmp_path / "nowhere.json")

    assert status == 2
    assert printed == ""
    assert error == f"Cannot read {tmp_path / 'nowhere.json'}: No such file or directory."


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "This is not valid JSON (line 1, column 2"),
        (b"[]", "A credential is a JSON object, in braces { }."),
        (b"\xff\xfe\xfa", "The file is not UTF-8 text."),
        (b"{" + b" " * (1024 * 1024) + b"}", "The credential is larger than 1 MB"),
    ],
)
def test_a_file_that_is_no_json_object_exits_2(tmp_path, content, problem):
    path = tmp_path / "credential.json"
    path.write_bytes(content)

    status, printed, error = _verify(path)

    assert status == 2
    assert printed == ""
    assert problem in error


@pytest.mark.parametrize(("tamper", "status"), [(False, 0), (True, 1)])
def test_the_pnyx_command_exits_with_the_documented_status(tmp_path, capsys, tamper, status):
    # Given a credential's file, changed or not
    content = credential_file(_credential())
    if tamper:
        position = content.index(b"civic engagement")
        content = content[:position] + b"C" + content[position + 1 :]
    path = tmp_path / "credential.json"
    path.write_bytes(content)

    # When the `pnyx` command line checks it
    try:
        main(["credentials", "verify", str(path)])
    except SystemExit as exited:
        code = exited.code
    else:  # Django returns normally on success: the process then exits 0
        code = 0

    # Then the exit status says whether it is valid
    assert code == status
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line == ("Outcome: Tampered with: not valid" if tamper else "Outcome: Valid")
