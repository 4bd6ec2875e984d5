"""Vote matrices with planted opinion groups (in memory or stored as votes), and the adjusted
Rand index to compare groupings."""

from collections import Counter
from math import comb

import numpy as np
from django.db.models import F

from pnyx.participation.models import Participant, Process, Proposition, Vote, VoteMode
from pnyx.participation.opinion_groups import VoteMatrix
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)

VOTE_VALUE = {1: "agree", -1: "disagree", 0: "pass"}
COUNTER = {"agree": "agree_count", "disagree": "disagree_count", "pass": "pass_count"}


def blocks(groups: int, propositions: int) -> list[list[int]]:
    """Each group agrees with its own block of propositions and disagrees with the others'."""
    size = propositions // groups
    return [
        [1 if column // size == group else -1 for column in range(propositions)]
        for group in range(groups)
    ]


def square(propositions: int) -> list[list[int]]:
    """Four groups from two independent questions (the halves of the propositions): for or
    against the first, for or against the second: the corners of a square on the map."""
    half = propositions // 2
    return [
        [first if column < half else second for column in range(propositions)]
        for first in (1, -1)
        for second in (1, -1)
    ]


def planted(
    sizes: tuple[int, ...],
    profiles: list[list[int]],
    *,
    seen: float = 1.0,
    noise: float = 0.0,
    seed: int = 0,
) -> tuple[VoteMatrix, list[int]]:
    """Groups of the given sizes, each voting its profile (one value per proposition). `seen`
    is the share of cells voted on, `noise` the share of votes replaced by a random value.
    Returns the matrix and each row's true group."""
    rng = np.random.default_rng(seed)
    truth = [group for group, size in enumerate(sizes) for _ in range(size)]
    propositions = len(profiles[0])
    rows, columns, values = [], [], []
    for row, group in enumerate(truth):
        for column, value in enumerate(profiles[group]):
            if rng.random() >= seen:
                continue
            rows.append(row)
            columns.append(column)
            values.append(int(rng.integers(-1, 2)) if rng.random() < noise else value)
    return VoteMatrix.from_triplets(rows, columns, values, (len(truth), propositions)), truth


def adjusted_rand_index(first: list[int], second: list[int]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items: 1 for the
    same partition (whatever the label names), about 0 for a random one.

    Written here (a few lines) rather than adding scikit-learn for one test formula; checked
    against textbook values in test_opinion_groups_algorithm.py.
    """
    if len(first) != len(second):
        raise ValueError("Both labellings must cover the same items.")
    pairs = sum(comb(n, 2) for n in Counter(zip(first, second, strict=True)).values())
    rows = sum(comb(n, 2) for n in Counter(first).values())
    columns = sum(comb(n, 2) for n in Counter(second).values())
    expected = rows * columns / comb(len(first), 2) if len(first) > 1 else 0.0
    best = (rows + columns) / 2
    if best == expected:
        return 1.0
    return (pairs - expected) / (best - expected)


def voted_process(sizes=(8, 8), propositions=8, *, seen=1.0, **process_fields):
    """An agree/disagree/pass process whose people vote in planted groups (block profiles),
    stored as Participant and Vote rows with matching counters. Returns the process, its
    propositions, the people (in row order) and each person's true group."""
    process = ProcessFactory(vote_mode=VoteMode.AGREE_DISAGREE, **process_fields)
    question = QuestionFactory(process=process)
    items = [PropositionFactory(question=question) for _ in range(propositions)]
    matrix, truth = planted(sizes, blocks(len(sizes), propositions), seen=seen, seed=2)
    people = UserFactory.create_batch(len(truth))
    cells = matrix.votes.tocoo()
    votes = [
        Vote(proposition=items[column], user=people[row], value=VOTE_VALUE[int(value)])
        for row, column, value in zip(cells.row, cells.col, cells.data, strict=True)
    ]
    Vote.objects.bulk_create(votes)
    per_person = Counter(int(row) for row in cells.row)
    Participant.objects.bulk_create(
        Participant(process=process, user=person, vote_count=per_person[row])
        for row, person in enumerate(people)
    )
    for (proposition_id, value), count in Counter(
        (vote.proposition_id, vote.value) for vote in votes
    ).items():
        Proposition.objects.filter(pk=proposition_id).update(
            **{COUNTER[value]: F(COUNTER[value]) + count}
        )
    Process.objects.filter(pk=process.pk).update(participant_count=len(people))
    process.refresh_from_db()
    return process, items, people, truth
