"""Comparing two hand-built snapshots: added, removed, reworded and moved measures."""

from pnyx.programs.compare import ADDED, MOVED, REMOVED, REWORDED, compare, word_diff


def _content(*sections):
    return {
        "sections": [
            {"id": section_id, "title": f"S{section_id}", "intro": "", "measures": measures}
            for section_id, measures in sections
        ]
    }


def _measure(pk, text):
    return {"id": pk, "text": text, "sources": []}


OLD = _content(
    (
        1,
        [
            _measure(10, "Open the budget"),
            _measure(11, "Publish the minutes"),
            _measure(12, "Ban cars"),
        ],
    ),
    (2, [_measure(20, "Plant trees"), _measure(21, "Count bikes")]),
)
NEW = _content(
    (1, [_measure(11, "Publish the minutes"), _measure(10, "Open the whole budget")]),
    (2, [_measure(20, "Plant trees"), _measure(30, "Build bike lanes")]),
    (3, [_measure(21, "Count bikes")]),
)


def test_each_measure_gets_its_change():
    changes = {change.measure_id: change for change in compare(OLD, NEW)}

    assert changes[30].changes == (ADDED,)
    assert changes[30].new_label == "2.2"
    assert changes[12].changes == (REMOVED,)
    assert changes[12].old_label == "1.3"
    # Of two measures that swapped places, one is shown as moved, the other stays in place.
    assert changes[11].changes == (MOVED,)
    assert changes[10].changes == (REWORDED,)
    assert MOVED in changes[21].changes
    assert (changes[21].old_label, changes[21].new_label) == ("2.2", "3.1")
    assert changes[20].changes == ()
    assert changes[20].state == "unchanged"


def test_the_newer_order_comes_first_then_the_removed_measures():
    order = [change.measure_id for change in compare(OLD, NEW)]

    assert order == [11, 10, 20, 30, 21, 12]


def test_removing_a_measure_does_not_mark_the_following_ones_as_moved():
    old = _content((1, [_measure(1, "a"), _measure(2, "b"), _measure(3, "c")]))
    new = _content((1, [_measure(2, "b"), _measure(3, "c")]))

    changes = {change.measure_id: change.changes for change in compare(old, new)}

    assert changes == {1: (REMOVED,), 2: (), 3: ()}


def test_the_word_diff_marks_removed_and_added_words():
    assert (
        word_diff("Open the budget", "Open the whole budget") == "Open the <ins>whole </ins>budget"
    )
    assert word_diff("Ban all cars", "Ban cars") == "Ban <del>all </del>cars"


def test_the_word_diff_escapes_the_text():
    html = word_diff("<b>old</b>", "<script>alert(1)</script> new")

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;old&lt;/b&gt;" in html
