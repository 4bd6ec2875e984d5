import csv
import io

import pytest

from pnyx.core import ratelimit
from pnyx.core.export import csv_bytes, safe_csv_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\0x", "'\0x"),
        ("plain text", "plain text"),
        (42, "42"),
        (None, ""),
    ],
)
def test_formula_like_cells_are_neutralised(value, expected):
    assert safe_csv_cell(value) == expected


def test_csv_bytes_writes_the_header_and_neutralised_rows():
    data = csv_bytes(["id", "title"], [[1, "=cmd|' /C calc'!A0"], [2, "Open budgets"]])

    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))

    assert rows == [["id", "title"], ["1", "'=cmd|' /C calc'!A0"], ["2", "Open budgets"]]


class _Person:
    pk = 7


def test_a_rate_refuses_past_the_per_person_limit_and_logs(caplog):
    rate = ratelimit.Rate(per_person=2, per_address=100)
    hits = [
        ratelimit.exceeded(action="test", rate=rate, person=_Person(), address="10.0.0.1")
        for _ in range(3)
    ]

    assert hits == [False, False, True]
    assert "rate limit for test reached by user 7 from 10.0.0.1" in caplog.text


def test_a_rate_refuses_past_the_per_address_limit_whoever_acts():
    rate = ratelimit.Rate(per_person=100, per_address=2)

    hits = [
        ratelimit.exceeded(action="test", rate=rate, person=None, address="10.0.0.2")
        for _ in range(3)
    ]

    assert hits == [False, False, True]


def test_visitors_without_an_account_do_not_share_one_person_limit():
    rate = ratelimit.Rate(per_person=2, per_address=100)

    hits = [
        ratelimit.exceeded(action="test", rate=rate, person=None, address=f"10.0.1.{n}")
        for n in range(5)
    ]

    assert hits == [False] * 5


def test_a_request_is_counted_by_its_person_and_its_address(rf):
    rate = ratelimit.Rate(per_person=100, per_address=2)
    request = rf.get("/", REMOTE_ADDR="10.0.2.1")
    request.user = _Person()

    hits = [ratelimit.request_exceeded(request, "test.request", rate) for _ in range(3)]

    assert hits == [False, False, True]
