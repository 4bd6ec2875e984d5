"""Reading a Pol.is export folder (no database access), for `pnyx import polis DIR`.

A Pol.is export is a folder of CSV files. This reads `comments.csv` (timestamp, comment-id,
author-id, moderated, comment-body) and `votes.csv` (timestamp, comment-id, voter-id, vote: 1
agree, -1 disagree, 0 pass), keeping the latest vote of each voter on each comment (by
timestamp; on a tie, the later line), and the topic, address and description of
`summary.csv` when it is there. Anything unexpected raises `PolisFormatError`, whose message
names the file, the line and the problem; `services.polis_import` writes what was read.
"""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pnyx.participation.models import EXTERNAL_ID_MAX_LENGTH

#: Pol.is ids are numbers; anything made of these characters, as long as the `external_id`
#: columns allow, is accepted as an id.
EXTERNAL_ID = re.compile(rf"[A-Za-z0-9_.\-]{{1,{EXTERNAL_ID_MAX_LENGTH}}}")
BODY_MAX_LENGTH = 10000
AGREE, DISAGREE, PASS = "agree", "disagree", "pass"
VOTE_OF = {"1": AGREE, "-1": DISAGREE, "0": PASS}
HIDDEN = "-1"


class PolisFormatError(ValueError):
    """The folder is not a readable Pol.is export; the message says which file, line and why."""


@dataclass(frozen=True)
class PolisComment:
    external_id: str
    body: str
    author_id: str
    created_at: datetime
    hidden: bool


@dataclass(frozen=True)
class PolisVote:
    voter_id: str
    comment_id: str
    value: str
    cast_at: datetime


@dataclass(frozen=True)
class PolisConversation:
    """What the importer keeps of an export: comments in file order, one vote per voter and
    comment (the latest), and the conversation's topic, description and address."""

    folder: str
    topic: str
    description: str
    url: str
    comments: list[PolisComment]
    votes: list[PolisVote]


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with their line numbers; PolisFormatError on any problem."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in required if column not in (reader.fieldnames or [])]
            if missing:
                raise PolisFormatError(
                    f"{path.name} has no column {', '.join(missing)} on its first line: is it "
                    "a Pol.is export?"
                )
            for row in reader:
                if None in row:
                    raise PolisFormatError(
                        f"{path.name}, line {reader.line_num}: more cells than columns."
                    )
                yield reader.line_num, row
    except csv.Error as error:
        raise PolisFormatError(f"{path.name}: unreadable CSV ({error}).") from None
    except UnicodeDecodeError:
        raise PolisFormatError(f"{path.name} is not UTF-8 text.") from None
    except OSError as error:
        raise PolisFormatError(f"{path.name} cannot be read ({error.strerror}).") from None


def _identifier(value: str | None, *, where: str, column: str) -> str:
    text = (value or "").strip()
    if not EXTERNAL_ID.fullmatch(text):
        raise PolisFormatError(
            f"{where}: {column} {text!r} is not an id (up to {EXTERNAL_ID_MAX_LENGTH} letters, "
            "digits, dots, dashes or underscores)."
        )
    return text


def _moment(value: str | None, *, where: str) -> datetime:
    """A Pol.is timestamp (milliseconds since 1970, UTC)."""
    try:
        return datetime.fromtimestamp(int((value or "").strip()) / 1000, tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise PolisFormatError(
            f"{where}: timestamp {value!r} is not a number of milliseconds."
        ) from None


def _comment(line: int, row: dict[str, str]) -> PolisComment:
    where = f"comments.csv, line {line}"
    body = (row.get("comment-body") or "").strip()
    if not body:
        raise PolisFormatError(f"{where}: the comment-body is empty.")
    if len(body) > BODY_MAX_LENGTH:
        raise PolisFormatError(f"{where}: the comment is over {BODY_MAX_LENGTH} characters.")
    moderated = (row.get("moderated") or "1").strip()
    if moderated not in {"1", "0", HIDDEN}:
        raise PolisFormatError(f"{where}: moderated is {moderated!r}, not 1, 0 or -1.")
    author = (row.get("author-id") or "").strip()
    return PolisComment(
        external_id=_identifier(row.get("comment-id"), where=where, column="comment-id"),
        body=body,
        author_id=_identifier(author, where=where, column="author-id") if author else "",
        created_at=_moment(row.get("timestamp"), where=where),
        hidden=moderated == HIDDEN,
    )


def _comments(folder: Path) -> list[PolisComment]:
    comments: dict[str, PolisComment] = {}
    required = ("timestamp", "comment-id", "comment-body")
    for line, row in _rows(folder / "comments.csv", required):
        comment = _comment(line, row)
        if comment.external_id in comments:
            raise PolisFormatError(
                f"comments.csv, line {line}: comment-id {comment.external_id} appears twice."
            )
        comments[comment.external_id] = comment
    if not comments:
        raise PolisFormatError("comments.csv has no comment.")
    return list(comments.values())


def _votes(folder: Path, comment_ids: set[str]) -> list[PolisVote]:
    """The latest vote of each voter on each comment."""
    latest: dict[tuple[str, str], PolisVote] = {}
    for line, row in _rows(folder / "votes.csv", ("timestamp", "comment-id", "voter-id", "vote")):
        where = f"votes.csv, line {line}"
        comment_id = _identifier(row["comment-id"], where=where, column="comment-id")
        if comment_id not in comment_ids:
            raise PolisFormatError(f"{where}: comment-id {comment_id} is not in comments.csv.")
        value = VOTE_OF.get((row["vote"] or "").strip())
        if value is None:
            raise PolisFormatError(f"{where}: vote {row['vote']!r} is not 1, -1 or 0.")
        vote = PolisVote(
            voter_id=_identifier(row["voter-id"], where=where, column="voter-id"),
            comment_id=comment_id,
            value=value,
            cast_at=_moment(row["timestamp"], where=where),
        )
        key = (vote.voter_id, comment_id)
        if key not in latest or vote.cast_at >= latest[key].cast_at:
            latest[key] = vote
    return list(latest.values())


def _summary(folder: Path) -> dict[str, str]:
    """summary.csv's key,value lines, when the file is there."""
    path = folder / "summary.csv"
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return {row[0].strip(): row[1].strip() for row in csv.reader(handle) if len(row) >= 2}
    except (csv.Error, UnicodeDecodeError, OSError):
        raise PolisFormatError("summary.csv is not a readable key,value CSV file.") from None


def polis_read(folder: Path) -> PolisConversation:
    """Read a Pol.is export folder (nothing is written); PolisFormatError when it cannot be."""
    if not folder.is_dir():
        raise PolisFormatError(f"{folder} is not a folder.")
    for name in ("comments.csv", "votes.csv"):
        if not (folder / name).is_file():
            raise PolisFormatError(f"{folder} has no {name}: is it a Pol.is export folder?")
    comments = _comments(folder)
    votes = _votes(folder, {comment.external_id for comment in comments})
    summary = _summary(folder)
    return PolisConversation(
        folder=folder.resolve().name,
        topic=summary.get("topic", ""),
        description=summary.get("conversation-description", ""),
        url=summary.get("url", ""),
        comments=comments,
        votes=votes,
    )
