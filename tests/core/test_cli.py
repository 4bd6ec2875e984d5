import pytest

from pnyx.cli import main
from pnyx.core import audit

pytestmark = pytest.mark.django_db


def test_django_commands_pass_through_the_pnyx_command(capsys):
    main(["shell", "-c", "print(6 * 7)"])

    assert "42" in capsys.readouterr().out


def test_pnyx_audit_verify_exits_non_zero_on_a_broken_chain(capsys):
    audit.record(action="core.cli_tested")
    audit.record(action="core.cli_tested_again")
    from pnyx.core.models import AuditEntry

    AuditEntry.objects.filter(seq=1).update(action="core.forged")

    with pytest.raises(SystemExit) as exit_info:
        main(["audit", "verify"])

    assert exit_info.value.code != 0
    assert "entry #1 was changed" in capsys.readouterr().err


def test_pnyx_demo_is_idempotent_and_prints_the_log_ins(capsys):
    # call_command, not main(): a command run from the command line closes the database
    # connection at its end, which would break this test's transaction.
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from pnyx.core.models import AuditEntry

    call_command("demo")
    counts = (get_user_model().objects.count(), AuditEntry.objects.count())
    call_command("demo")

    assert (get_user_model().objects.count(), AuditEntry.objects.count()) == counts
    assert counts[0] >= 4
    assert "admin@pnyx.example / democracy-night" in capsys.readouterr().out
    assert audit.verify().ok
