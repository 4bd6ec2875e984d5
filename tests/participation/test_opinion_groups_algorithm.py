"""The opinion groups computation (`pnyx.participation.opinion_groups`), on planted groups."""

import numpy as np
import pytest
from scipy.spatial.distance import cdist

from pnyx.participation import algorithms
from pnyx.participation import opinion_groups as og
from tests.participation.opinion_groups_data import adjusted_rand_index, blocks, planted, square


def same_partition(found, truth):
    return adjusted_rand_index(list(found), list(truth)) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("sizes", "profiles"),
    [
        ((30, 30), blocks(2, 24)),
        ((40, 25, 20), blocks(3, 24)),
        ((30, 26, 22, 18), square(24)),
    ],
)
def test_planted_groups_are_recovered_exactly_with_their_number(sizes, profiles):
    matrix, truth = planted(sizes, profiles, seen=0.8, noise=0.05, seed=len(sizes))

    result = og.compute(matrix)

    assert result.group_count == len(sizes)
    assert same_partition(result.group_of, truth)
    assert [group.size for group in result.groups] == sorted(sizes, reverse=True)


def test_groups_are_named_from_the_largest():
    matrix, truth = planted((12, 40, 25), blocks(3, 12), seed=3)

    result = og.compute(matrix)

    assert result.group_of[12] == 0  # the first member of the group of 40
    assert result.group_of[52] == 1  # the group of 25
    assert result.group_of[0] == 2


def test_the_same_votes_give_the_same_result():
    matrix, _truth = planted((30, 20, 25), blocks(3, 15), seen=0.6, noise=0.2, seed=9)

    first, second = og.compute(matrix), og.compute(matrix)

    assert np.array_equal(first.coordinates, second.coordinates)
    assert np.array_equal(first.group_of, second.group_of)
    assert first.silhouettes == second.silhouettes
    assert np.array_equal(first.consensus, second.consensus)


def test_the_criterion_takes_the_fewest_groups_within_the_margin_of_the_best(monkeypatch):
    matrix, _truth = planted((30, 30, 30), blocks(3, 15), noise=0.1, seed=4)
    result = og.compute(matrix)
    scores = result.silhouettes
    assert max(scores, key=scores.get) == 3
    assert result.group_count == 3

    # With a margin wider than the lead of 3 groups over 2, the criterion prefers 2.
    monkeypatch.setattr(og, "SILHOUETTE_MARGIN", scores[3] - scores[2] + 0.01)

    assert og.compute(matrix).group_count == 2


def test_the_number_of_groups_tried_grows_with_the_grouped_participants():
    assert [og.max_groups(n) for n in (4, 11, 12, 24, 36, 200)] == [2, 2, 3, 4, 5, 5]
    matrix, _truth = planted((6, 6, 6), blocks(3, 9), seed=1)

    assert sorted(og.compute(matrix).silhouettes) == [2, 3]


def test_who_is_grouped_seven_votes_or_the_most_active():
    many = np.array([7] * 20 + [6, 1, 0])
    assert og.grouped_mask(many, 50).tolist() == [True] * 20 + [False] * 3
    # Fewer propositions than 7: voting on all of them is enough.
    assert og.grouped_mask(np.array([3] * 16 + [2]), 3).tolist() == [True] * 16 + [False]
    # Fewer than 15 qualify: the 15 most active who voted at all (earlier rows first on a tie).
    few = np.array([9, 1, 2, 8, 0] + [1] * 12)
    mask = og.grouped_mask(few, 40)
    assert mask.sum() == 15
    assert not mask[4]
    assert mask[:4].all()


def test_too_few_participants_form_no_group():
    matrix = og.VoteMatrix.from_triplets([0, 1, 2], [0, 0, 1], [1, -1, 0], (3, 2))

    result = og.compute(matrix)

    assert result.group_count == 0
    assert result.group_of.tolist() == [-1, -1, -1]
    assert result.consensus.tolist() == [1.0, 1.0]
    assert result.coordinates.shape == (3, 2)


def test_an_empty_matrix_gives_an_empty_result():
    result = og.compute(og.VoteMatrix.from_triplets([], [], [], (0, 0)))

    assert result.group_count == 0
    assert result.coordinates.shape == (0, 2)


def test_people_who_vote_alike_sit_together_and_passes_count_as_votes():
    # Rows 0 and 1 vote alike; row 2 votes the opposite; row 3 passed everywhere.
    rows = [0] * 4 + [1] * 4 + [2] * 4 + [3] * 4
    columns = list(range(4)) * 4
    values = [1, 1, -1, -1] * 2 + [-1, -1, 1, 1] + [0] * 4
    matrix = og.VoteMatrix.from_triplets(rows, columns, values, (4, 4))

    points = og.project(matrix)

    assert matrix.votes_per_participant().tolist() == [4, 4, 4, 4]
    assert np.allclose(points[0], points[1])
    assert np.linalg.norm(points[0] - points[2]) > 2
    assert np.linalg.norm(points[3]) < np.linalg.norm(points[0])


@pytest.mark.parametrize(
    ("rows", "columns", "values", "message"),
    [
        ([0, 0], [1, 1], [1, -1], "one vote per participant"),
        ([0], [0], [2], r"\+1, -1 or 0"),
    ],
)
def test_a_bad_matrix_is_refused(rows, columns, values, message):
    with pytest.raises(ValueError, match=message):
        og.VoteMatrix.from_triplets(rows, columns, values, (2, 2))


def test_the_silhouette_matches_its_definition():
    rng = np.random.default_rng(5)
    points = np.vstack([rng.normal(0, 1, (8, 2)), rng.normal(6, 1, (7, 2)), [[20.0, 20.0]]])
    labels = np.array([0] * 8 + [1] * 7 + [2])
    distances = cdist(points, points)
    expected = []
    for i, label in enumerate(labels):
        own = labels == label
        if own.sum() == 1:
            expected.append(0.0)
            continue
        a = distances[i, own].sum() / (own.sum() - 1)
        b = min(distances[i, labels == other].mean() for other in set(labels) - {label})
        expected.append((b - a) / max(a, b))

    assert og.silhouette(distances, labels) == pytest.approx(np.mean(expected))


def test_representative_propositions_follow_the_published_formula():
    # Group 0 (10 people) agrees with proposition 0, group 1 (10 people) disagrees with it;
    # everybody agrees with proposition 1; proposition 2 splits group 0 only.
    agree = np.array([[9, 10, 5], [1, 10, 5]])
    disagree = np.array([[1, 0, 5], [9, 0, 5]])
    cast = np.array([[10, 10, 10], [10, 10, 10]])

    found = og.representative(agree, disagree, cast, 0)

    assert [(item.column, item.direction) for item in found] == [(0, "agree")]
    item = found[0]
    assert item.group_probability == pytest.approx(10 / 12)
    assert item.other_probability == pytest.approx(2 / 12)
    assert item.ratio == pytest.approx(5.0)
    assert item.z >= og.Z_90
    assert [(r.column, r.direction) for r in og.representative(agree, disagree, cast, 1)] == [
        (0, "disagree")
    ]


def test_group_informed_consensus_is_high_only_when_every_group_agrees():
    agree = np.array([[9, 9, 0], [8, 0, 0]])
    cast = np.array([[10, 10, 0], [10, 10, 0]])

    scores = og.consensus(agree, cast)

    assert scores[0] == pytest.approx((10 / 12) * (9 / 12))
    assert scores[1] == pytest.approx((10 / 12) * (1 / 12))
    assert scores[2] == pytest.approx(0.25)  # nobody voted: (1/2) per group
    assert scores[0] > scores[2] > scores[1]


def test_group_counts_count_agreements_disagreements_and_votes_per_group():
    matrix = og.VoteMatrix.from_triplets(
        [0, 0, 1, 2, 2, 3], [0, 1, 0, 0, 1, 1], [1, 0, -1, 1, 1, -1], (4, 2)
    )
    group_of = np.array([0, 0, 1, -1], dtype=np.int8)

    agree, disagree, cast = og.group_counts(matrix, group_of, 2)

    assert agree.tolist() == [[1, 0], [1, 1]]
    assert disagree.tolist() == [[1, 0], [0, 0]]
    assert cast.tolist() == [[2, 1], [1, 1]]


def test_positions_survive_storage_without_pickling():
    ids = [5, 9, 12]
    coordinates = np.array([[0.5, -1.0], [2.0, 3.25], [0.0, 0.0]], dtype=np.float32)

    packed = og.pack_positions(ids, coordinates, [1, 0, -1])
    positions = og.unpack_positions(packed)

    assert positions.ids.tolist() == ids
    assert np.array_equal(positions.coordinates, coordinates)
    assert positions.group_of.tolist() == [1, 0, -1]
    assert og.unpack_positions(b"").ids.size == 0


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ([0, 0, 1, 1], [1, 1, 0, 0], 1.0),
        ([0, 0, 1, 2], [0, 0, 1, 1], 4 / 7),
        ([0, 0, 0, 0], [0, 1, 2, 3], 0.0),
        ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),
    ],
)
def test_the_adjusted_rand_index_of_the_comparison_test_is_right(first, second, expected):
    assert adjusted_rand_index(first, second) == pytest.approx(expected)


def test_the_card_quotes_the_constants_of_the_computation():
    text = " ".join(str(factor.description) for factor in algorithms.OPINION_GROUPS.factors)

    assert algorithms.OPINION_GROUPS.version == og.ALGORITHM_VERSION
    for quoted in (
        f"at least {og.MIN_VOTES} votes",
        f"the {og.MIN_GROUPED} most active",
        f"up to {og.MAX_GROUPS}",
        f"one per {og.PARTICIPANTS_PER_EXTRA_GROUP} grouped",
        f"{og.KMEANS_RESTARTS} seeded starts",
        f"sample of {og.SILHOUETTE_SAMPLE:,} people",
        f"within {og.SILHOUETTE_MARGIN} of the best",
        f"z ≥ {og.Z_90:.2f}",
        f"the {['one', 'two', 'three', 'four', 'five'][og.REPRESENTATIVE_MAX - 1]} with",
    ):
        assert quoted in text
