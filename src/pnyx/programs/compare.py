"""Comparing two published versions, measure by measure, over their frozen snapshots.

Measures keep their id across versions, so a measure is *added* or *removed* when its id appears
on one side only, *reworded* when its text changed, and *moved* when it changed section or its
place among the measures both versions share. Pure functions over the snapshots' plain data.
"""

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ADDED, REMOVED, REWORDED, MOVED, UNCHANGED = "added", "removed", "reworded", "moved", "unchanged"


@dataclass(frozen=True)
class MeasureChange:
    """What happened to one measure between the two versions."""

    measure_id: int
    changes: tuple[str, ...]
    old_label: str
    new_label: str
    old_text: str
    new_text: str
    diff: SafeString

    @property
    def state(self) -> str:
        return self.changes[0] if self.changes else UNCHANGED


def measures_of(content: dict[str, Any]) -> list[dict[str, Any]]:
    """The snapshot's measures in reading order, each with its label ("2.3") and section id."""
    found = []
    for section_index, section in enumerate(content.get("sections", []), start=1):
        for measure_index, measure in enumerate(section.get("measures", []), start=1):
            found.append(
                {
                    **measure,
                    "label": f"{section_index}.{measure_index}",
                    "section_id": section.get("id"),
                }
            )
    return found


def word_diff(old: str, new: str) -> SafeString:
    """The new text with removed words in <del> and added words in <ins>, all text escaped."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        removed = escape("".join(old_words[a_start:a_end]))
        added = escape("".join(new_words[b_start:b_end]))
        if tag == "equal":
            parts.append(added)
            continue
        if removed:
            parts.append(f"<del>{removed}</del>")
        if added:
            parts.append(f"<ins>{added}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped


def _moved_ids(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> set[int]:
    new_ids = {measure["id"] for measure in new}
    old_ids = {measure["id"] for measure in old}
    old_order = [measure["id"] for measure in old if measure["id"] in new_ids]
    new_order = [measure["id"] for measure in new if measure["id"] in old_ids]
    matcher = difflib.SequenceMatcher(a=old_order, b=new_order, autojunk=False)
    in_place = {
        measure_id
        for block in matcher.get_matching_blocks()
        for measure_id in old_order[block.a : block.a + block.size]
    }
    old_sections = {measure["id"]: measure["section_id"] for measure in old}
    changed_section = {
        measure["id"]
        for measure in new
        if measure["id"] in old_sections and old_sections[measure["id"]] != measure["section_id"]
    }
    return (set(old_order) - in_place) | changed_section


def _added(new: dict[str, Any]) -> MeasureChange:
    text = new["text"]
    return MeasureChange(new["id"], (ADDED,), "", new["label"], "", text, escape(text))


def _removed(old: dict[str, Any]) -> MeasureChange:
    text = old["text"]
    return MeasureChange(old["id"], (REMOVED,), old["label"], "", text, "", escape(text))


def _kept(old: dict[str, Any], new: dict[str, Any], moved: bool) -> MeasureChange:
    flags = ((REWORDED, old["text"] != new["text"]), (MOVED, moved))
    return MeasureChange(
        new["id"],
        tuple(name for name, present in flags if present),
        old["label"],
        new["label"],
        old["text"],
        new["text"],
        word_diff(old["text"], new["text"]),
    )


def compare(old_content: dict[str, Any], new_content: dict[str, Any]) -> list[MeasureChange]:
    """Every measure of the newer version in reading order, then the removed ones."""
    old, new = measures_of(old_content), measures_of(new_content)
    old_by_id = {measure["id"]: measure for measure in old}
    new_ids = {measure["id"] for measure in new}
    moved = _moved_ids(old, new)
    result = [
        _kept(old_by_id[measure["id"]], measure, measure["id"] in moved)
        if measure["id"] in old_by_id
        else _added(measure)
        for measure in new
    ]
    result += [_removed(measure) for measure in old if measure["id"] not in new_ids]
    return result
