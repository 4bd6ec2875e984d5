import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from pnyx.core import audit
from pnyx.core.models import AuditEntry, Topic

pytestmark = pytest.mark.django_db


def _three_entries():
    topic = Topic.objects.get(slug="open-data")
    return [
        audit.record(action="core.first_done", data={"n": 1}),
        audit.record(action="core.second_done", target=topic, data={"why": "test"}),
        audit.record(action="core.third_done"),
    ]


def test_entries_are_chained_from_the_genesis_hash():
    first, second, third = _three_entries()

    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert first.prev_hash == audit.GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert second.target_type == "core.topic"
    assert second.target_label == "Open data"
    assert audit.head_hash() == third.hash


def test_an_intact_log_verifies():
    _three_entries()

    result = audit.verify()

    assert result.ok
    assert result.checked == 3


def test_an_edited_entry_is_named():
    _three_entries()
    AuditEntry.objects.filter(seq=2).update(data={"why": "rewritten"})

    result = audit.verify()

    assert not result.ok
    assert result.bad_seq == 2
    assert "changed after it was written" in result.reason


def test_a_deleted_entry_is_detected_at_the_next_one():
    _three_entries()
    AuditEntry.objects.filter(seq=2).delete()

    result = audit.verify()

    assert result.bad_seq == 3
    assert "#2 is missing" in result.reason


def test_reordered_entries_are_detected():
    first, second, _ = _three_entries()
    AuditEntry.objects.filter(seq=1).update(seq=100)
    AuditEntry.objects.filter(seq=2).update(seq=1)
    AuditEntry.objects.filter(seq=100).update(seq=2)

    result = audit.verify()

    assert result.bad_seq == 1
    assert "does not point to the hash" in result.reason


def test_removing_the_newest_entries_is_caught_by_a_published_head():
    *_, third = _three_entries()
    published = third.hash
    AuditEntry.objects.filter(seq=3).delete()

    assert audit.verify().ok
    result = audit.verify(expected_head=published)

    assert not result.ok
    assert published in result.reason


def test_verify_command_names_the_bad_entry_and_fails():
    _three_entries()
    AuditEntry.objects.filter(seq=3).update(actor_label="someone else")

    with pytest.raises(CommandError, match="#3 was changed"):
        call_command("audit", "verify")


def test_verify_command_reports_an_intact_log(capsys):
    _three_entries()

    call_command("audit", "verify")

    assert "Audit log intact: 3 entries" in capsys.readouterr().out


def test_the_log_page_lists_entries_and_the_head(client):
    *_, third = _three_entries()

    response = client.get("/audit/")

    assert response.status_code == 200
    assert third.hash in response.content.decode()
    assert "core.third_done" in response.content.decode()


def test_the_log_page_ignores_an_unknown_action_filter(client):
    _three_entries()

    response = client.get("/audit/", {"action": "<script>alert(1)</script>"})

    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert len(response.context["page_obj"].object_list) == 3


def test_the_entry_page_shows_the_exact_hashed_content(client):
    _, second, _ = _three_entries()

    response = client.get(f"/audit/{second.seq}/")

    assert response.status_code == 200
    assert response.context["canonical"] == audit.canonical_content(second)
    assert response.context["hash_matches"] is True
    assert client.get("/audit/999/").status_code == 404


def test_the_log_page_query_count_does_not_grow_with_entries(client, django_assert_max_num_queries):
    for number in range(60):
        audit.record(action="core.bulk_done", data={"n": number})

    with django_assert_max_num_queries(6):
        client.get("/audit/")


@pytest.mark.django_db(transaction=True)
def test_parallel_appends_never_fork_the_chain():
    errors = []

    def append(number):
        try:
            audit.record(action="core.parallel_done", data={"n": number})
        except Exception as error:  # noqa: BLE001 - the test reports any failure below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AuditEntry.objects.count() == 16
    assert audit.verify().ok
