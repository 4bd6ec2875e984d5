"""Opinion groups (in the manner of Pol.is): where participants stand, which groups they form,
what each group thinks, and what every group agrees on.

Pure computation over a participant × proposition matrix of latest votes (+1 agree, -1 disagree,
0 pass; an empty cell is "not voted"); no database. Every step and constant is published on the
algorithm's card (`algorithms.OPINION_GROUPS`), and the result is the same for the same votes:

1. **Map.** An empty cell is read as the proposition's mean vote, so after centring every column
   on its mean only the cast votes remain and the matrix stays sparse. Its first two principal
   components (a truncated SVD, ARPACK on big matrices) place each participant on a 2-D map.
   Unlike Pol.is, positions are not stretched by √(propositions / votes cast): a participant who
   voted little stays near the centre, which is where the little we know puts them.
2. **Who is grouped.** Participants with at least `MIN_VOTES` votes (or as many as there are
   propositions, when fewer), or, when fewer than `MIN_GROUPED` qualify, the most active ones.
3. **Groups.** k-means on the map for every number of groups k from 2 to
   min(`MAX_GROUPS`, 2 + grouped / `PARTICIPANTS_PER_EXTRA_GROUP`), `KMEANS_RESTARTS` k-means++
   starts each. The criterion is the mean silhouette (over a fixed sample of
   `SILHOUETTE_SAMPLE` grouped participants when there are more): the fewest groups whose
   silhouette is within `SILHOUETTE_MARGIN` of the best one. Groups are numbered by size.
4. **Representative propositions** of group g, in the direction d (agree or disagree):
   p_g = (n_d,g + 1) / (n_g + 2), with n_g the group's votes on it and n_d,g those in direction d
   (Laplace smoothing), p_o the same over the other groups' members; the proposition represents
   g when p_g > 1/2 and the two-proportion z-test of p_g > p_o passes at 90 %
   (z ≥ `Z_90`), ranked by the ratio p_g / p_o, at most `REPRESENTATIVE_MAX` per group.
5. **Group-informed consensus** of a proposition: the product over the groups of
   (agreements in g + 1) / (votes in g + 2). It is high only when every group agrees.
"""

import io
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.cluster.vq import vq
from scipy.sparse.linalg import svds
from scipy.spatial.distance import cdist

ALGORITHM_VERSION = "1.0"
MIN_VOTES = 7
MIN_GROUPED = 15
MAX_GROUPS = 5
PARTICIPANTS_PER_EXTRA_GROUP = 12
SILHOUETTE_MARGIN = 0.02
SILHOUETTE_SAMPLE = 3000
KMEANS_RESTARTS = 50
KMEANS_MAX_ITERATIONS = 100
#: k-means is fitted on at most this many participants (a fixed sample), then every grouped
#: participant joins the nearest centre and Lloyd's iterations finish on all of them.
KMEANS_SAMPLE = 5000
SEED = 42
Z_90 = 1.2816
REPRESENTATIVE_MAX = 5
#: Below this many cells the SVD is computed exactly on the dense matrix.
DENSE_SVD_MAX_CELLS = 1_000_000
AGREE, DISAGREE = "agree", "disagree"

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def parameters() -> dict[str, float | int | str]:
    """The published constants, stored with every result so that it can be reproduced."""
    return {
        "version": ALGORITHM_VERSION,
        "min_votes": MIN_VOTES,
        "min_grouped": MIN_GROUPED,
        "max_groups": MAX_GROUPS,
        "participants_per_extra_group": PARTICIPANTS_PER_EXTRA_GROUP,
        "silhouette_margin": SILHOUETTE_MARGIN,
        "silhouette_sample": SILHOUETTE_SAMPLE,
        "kmeans_restarts": KMEANS_RESTARTS,
        "kmeans_max_iterations": KMEANS_MAX_ITERATIONS,
        "kmeans_sample": KMEANS_SAMPLE,
        "seed": SEED,
        "z_90": Z_90,
        "representative_max": REPRESENTATIVE_MAX,
    }


@dataclass(frozen=True)
class VoteMatrix:
    """Latest votes, one row per participant and one column per proposition.

    `votes` is a CSR matrix whose stored entries are exactly the votes cast, passes included as
    explicit zeros; build it with `from_triplets`.
    """

    votes: sparse.csr_matrix

    @classmethod
    def from_triplets(
        cls,
        rows: npt.ArrayLike,
        columns: npt.ArrayLike,
        values: npt.ArrayLike,
        shape: tuple[int, int],
    ) -> "VoteMatrix":
        """One vote per (row, column) pair: +1 agree, -1 disagree, 0 pass."""
        value_array = np.asarray(values, dtype=np.float32)
        if value_array.size and not np.isin(value_array, (-1.0, 0.0, 1.0)).all():
            raise ValueError("A vote is +1, -1 or 0.")
        # Passes are stored as explicit zeros, so that they count as votes; a count of the
        # cells before and after merging duplicates finds a pair given twice.
        cells = sparse.coo_matrix((value_array, (rows, columns)), shape=shape)
        matrix = cells.tocsr()
        matrix.sum_duplicates()
        if matrix.nnz != value_array.size:
            raise ValueError("Give one vote per participant and proposition.")
        return cls(votes=matrix)

    @property
    def shape(self) -> tuple[int, int]:
        rows, columns = self.votes.shape
        return int(rows), int(columns)

    def votes_per_participant(self) -> IntArray:
        return np.diff(self.votes.indptr).astype(np.int64)


@dataclass(frozen=True)
class Representative:
    """Why a proposition represents a group: its votes in the group and outside it."""

    column: int
    direction: str
    group_votes: int
    group_count: int
    other_votes: int
    other_count: int
    group_probability: float
    other_probability: float
    ratio: float
    z: float


@dataclass(frozen=True)
class Group:
    """One opinion group: its size, its centre on the map and its representative propositions."""

    label: int
    size: int
    centre: tuple[float, float]
    representative: tuple[Representative, ...]


@dataclass(frozen=True)
class OpinionGroups:
    """The whole result; arrays are indexed like the matrix's rows and columns.

    `group_of` is -1 for participants not grouped. `silhouettes` maps each number of groups tried
    to its silhouette. `agree_counts` and `vote_counts` are per group and proposition (k × m),
    from which the representativeness and the consensus are computed.
    """

    coordinates: npt.NDArray[np.float32]
    group_of: npt.NDArray[np.int8]
    silhouettes: dict[int, float]
    groups: tuple[Group, ...]
    consensus: FloatArray
    agree_counts: IntArray
    vote_counts: IntArray

    @property
    def group_count(self) -> int:
        return len(self.groups)

    @property
    def grouped_count(self) -> int:
        return int((self.group_of >= 0).sum())


# --- 1. the map --------------------------------------------------------------------------------


def _centred(matrix: VoteMatrix) -> sparse.csr_matrix:
    """The votes less their column's mean (empty cells stay empty: they read as the mean)."""
    votes = matrix.votes
    columns = votes.shape[1]
    cast = np.bincount(votes.indices, minlength=columns).astype(np.float64)
    totals = np.bincount(votes.indices, weights=votes.data, minlength=columns)
    means = np.divide(totals, cast, out=np.zeros(columns), where=cast > 0)
    data = votes.data - means[votes.indices].astype(np.float32)
    return sparse.csr_matrix((data, votes.indices, votes.indptr), shape=votes.shape)


def _components(centred: sparse.csr_matrix) -> FloatArray:
    """The first two principal axes (2 × m), each signed so its largest loading is positive."""
    rows, columns = centred.shape
    wanted = min(2, rows, columns)
    axes = np.zeros((2, columns))
    if wanted == 0 or centred.nnz == 0:
        return axes
    if rows * columns <= DENSE_SVD_MAX_CELLS or min(rows, columns) <= 2:
        _u, _s, vt = np.linalg.svd(centred.toarray().astype(np.float64), full_matrices=False)
        found = vt[:wanted]
    else:
        start = np.random.default_rng(SEED).uniform(-1, 1, min(rows, columns))
        _u, singular, vt = svds(centred, k=wanted, v0=start, random_state=SEED)
        found = vt[np.argsort(-singular)].astype(np.float64)
    for axis in found:
        if axis[np.argmax(np.abs(axis))] < 0:
            axis *= -1
    axes[: len(found)] = found
    return axes


def project(matrix: VoteMatrix) -> npt.NDArray[np.float32]:
    """Each participant's position on the map (n × 2)."""
    centred = _centred(matrix)
    axes = _components(centred)
    return np.asarray(centred @ axes.T, dtype=np.float32)


# --- 2. who is grouped ---------------------------------------------------------------------------


def grouped_mask(votes_cast: IntArray, proposition_count: int) -> npt.NDArray[np.bool_]:
    """Participants with at least min(MIN_VOTES, propositions) votes, or the MIN_GROUPED most
    active ones (who voted at all) when fewer qualify; ties go to the earlier row."""
    threshold = max(1, min(MIN_VOTES, proposition_count))
    mask = votes_cast >= threshold
    if mask.sum() < MIN_GROUPED:
        active = np.argsort(-votes_cast, kind="stable")[:MIN_GROUPED]
        mask[active[votes_cast[active] > 0]] = True
    return mask


# --- 3. the groups ----------------------------------------------------------------------------


def _kmeans_plus_plus(points: FloatArray, k: int, rng: np.random.Generator) -> FloatArray:
    """k-means++ seeding: each next centre drawn with probability ∝ squared distance."""
    centres = [points[rng.integers(len(points))]]
    closest = ((points - centres[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        total = closest.sum()
        if total > 0:
            drawn = np.searchsorted(np.cumsum(closest), rng.uniform(0, total), side="right")
            index = min(int(drawn), len(points) - 1)
        else:  # every point sits on a centre already
            index = int(rng.integers(len(points)))
        centres.append(points[index])
        closest = np.minimum(closest, ((points - points[index]) ** 2).sum(axis=1))
    return np.array(centres)


def _lloyd(points: FloatArray, centres: FloatArray) -> tuple[FloatArray, IntArray, float]:
    """Lloyd's iterations from `centres`; an emptied group takes the point farthest from its own
    centre. Returns the centres, the labels and the inertia (sum of squared distances)."""
    labels = np.full(len(points), -1, dtype=np.int64)
    k = len(centres)
    distances = np.zeros(len(points))
    for _ in range(KMEANS_MAX_ITERATIONS):
        new_labels, distances = vq(points, centres, check_finite=False)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels.astype(np.int64)
        counts = np.bincount(labels, minlength=k)
        for axis in range(points.shape[1]):
            sums = np.bincount(labels, weights=points[:, axis], minlength=k)
            np.divide(sums, counts, out=centres[:, axis], where=counts > 0)
        for empty in np.flatnonzero(counts == 0):
            farthest = int(distances.argmax())
            centres[empty] = points[farthest]
            distances[farthest] = 0.0
    return centres, labels, float((distances**2).sum())


def kmeans(points: FloatArray, k: int) -> tuple[FloatArray, IntArray]:
    """The best of KMEANS_RESTARTS k-means++ fits (lowest inertia), seeded: same input, same
    result. Fitted on a fixed sample of KMEANS_SAMPLE points when there are more, then refined
    on every point."""
    rng = np.random.default_rng(SEED + k)
    sample = points
    if len(points) > KMEANS_SAMPLE:
        sample = points[np.sort(rng.choice(len(points), KMEANS_SAMPLE, replace=False))]
    fits = [_lloyd(sample, _kmeans_plus_plus(sample, k, rng)) for _ in range(KMEANS_RESTARTS)]
    centres, labels, _inertia = min(fits, key=lambda fit: fit[2])
    if sample is not points:
        centres, labels, _inertia = _lloyd(points, centres.copy())
    return centres, labels


def silhouette(distances: FloatArray, labels: IntArray) -> float:
    """Mean silhouette of points whose pairwise distances are given; a point alone in its group
    scores 0 (Rousseeuw's convention)."""
    k = int(labels.max()) + 1
    one_hot = np.zeros((len(labels), k))
    one_hot[np.arange(len(labels)), labels] = 1
    sizes = one_hot.sum(axis=0)
    sums = distances @ one_hot
    own = sizes[labels] - 1
    within = np.divide(
        sums[np.arange(len(labels)), labels], own, out=np.zeros(len(labels)), where=own > 0
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        means = sums / sizes
    means[:, sizes == 0] = np.inf
    means[np.arange(len(labels)), labels] = np.inf
    nearest = means.min(axis=1)
    spread = np.maximum(within, nearest)
    scores = np.divide(nearest - within, spread, out=np.zeros(len(labels)), where=spread > 0)
    scores[own == 0] = 0.0
    return float(scores.mean())


def max_groups(grouped: int) -> int:
    """At most 2 groups, plus one per PARTICIPANTS_PER_EXTRA_GROUP grouped people, to MAX_GROUPS."""
    return min(MAX_GROUPS, 2 + grouped // PARTICIPANTS_PER_EXTRA_GROUP)


def choose_groups(points: FloatArray) -> tuple[IntArray, dict[int, float]]:
    """Group the points: labels (0 is the largest group) and the silhouette of each k tried.

    Fewer than 4 points, or fewer than 2 distinct ones, form no groups (every label -1).
    """
    distinct = len(np.unique(points, axis=0)) if len(points) else 0
    top = min(max_groups(len(points)), distinct)
    if len(points) < 4 or top < 2:
        return np.full(len(points), -1, dtype=np.int64), {}
    rng = np.random.default_rng(SEED)
    sample = np.arange(len(points))
    if len(points) > SILHOUETTE_SAMPLE:
        sample = np.sort(rng.choice(len(points), SILHOUETTE_SAMPLE, replace=False))
    distances = cdist(points[sample], points[sample])
    fits: dict[int, IntArray] = {}
    scores: dict[int, float] = {}
    for k in range(2, top + 1):
        _centres, labels = kmeans(points, k)
        fits[k] = labels
        scores[k] = round(silhouette(distances, labels[sample]), 6)
    best = max(scores.values())
    chosen = min(k for k, score in scores.items() if score >= best - SILHOUETTE_MARGIN)
    return _by_size(fits[chosen], points), scores


def _by_size(labels: IntArray, points: FloatArray) -> IntArray:
    """Renumber groups by decreasing size (then by their centre's position on the first axis)."""
    k = int(labels.max()) + 1
    sizes = np.bincount(labels, minlength=k)
    centre_x = np.bincount(labels, weights=points[:, 0], minlength=k) / np.maximum(sizes, 1)
    order = np.lexsort((centre_x, -sizes))
    renumber = np.empty(k, dtype=np.int64)
    renumber[order] = np.arange(k)
    return renumber[labels]


# --- 4. and 5. what groups think -----------------------------------------------------------------


def group_counts(
    matrix: VoteMatrix, group_of: npt.NDArray[np.int8], k: int
) -> tuple[IntArray, IntArray, IntArray]:
    """Agreements, disagreements and votes (passes included) of each group on each proposition,
    as three k × m arrays."""
    votes = matrix.votes
    rows = np.flatnonzero(group_of >= 0)
    membership = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (group_of[rows].astype(np.int64), rows)),
        shape=(k, votes.shape[0]),
    )

    def count(selected: npt.NDArray[np.float32]) -> IntArray:
        marked = sparse.csr_matrix((selected, votes.indices, votes.indptr), shape=votes.shape)
        return np.rint((membership @ marked).toarray()).astype(np.int64)

    agree = count((votes.data > 0).astype(np.float32))
    disagree = count((votes.data < 0).astype(np.float32))
    return agree, disagree, count(np.ones(votes.nnz, dtype=np.float32))


def _z_two_proportions(
    p_group: FloatArray, n_group: IntArray, p_other: FloatArray, n_other: IntArray
) -> FloatArray:
    """z statistic of p_group > p_other, with the pooled proportion's standard error."""
    pooled = (p_group * n_group + p_other * n_other) / np.maximum(n_group + n_other, 1)
    spread = np.sqrt(
        pooled * (1 - pooled) * (1 / np.maximum(n_group, 1) + 1 / np.maximum(n_other, 1))
    )
    return np.divide(p_group - p_other, spread, out=np.zeros_like(p_group), where=spread > 0)


def smoothed_share(count: npt.ArrayLike, votes: npt.ArrayLike) -> FloatArray:
    """The share (count + 1) / (votes + 2): Laplace smoothing, 1/2 when nobody voted."""
    return (np.asarray(count, dtype=np.float64) + 1) / (np.asarray(votes, dtype=np.float64) + 2)


def set_apart(
    in_group: npt.ArrayLike, n_group: npt.ArrayLike, in_other: npt.ArrayLike, n_other: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """p_g, p_o and z of step 4, from the votes in a direction (`in_*`) among all votes (`n_*`)
    in the group and among the other groups' members; numbers or arrays alike."""
    p_group, p_other = smoothed_share(in_group, n_group), smoothed_share(in_other, n_other)
    z = _z_two_proportions(p_group, np.asarray(n_group), p_other, np.asarray(n_other))
    return p_group, p_other, z


def represents(
    p_group: npt.ArrayLike, z: npt.ArrayLike, threshold: float = Z_90
) -> npt.NDArray[np.bool_]:
    """Step 4's test: more than half of the group votes that way (smoothed), and z reaches the
    threshold (Z_90 unless a stored run used another)."""
    return np.asarray((np.asarray(p_group) > 0.5) & (np.asarray(z) >= threshold))


def representative(
    agree: IntArray, disagree: IntArray, cast: IntArray, label: int
) -> tuple[Representative, ...]:
    """The propositions that set group `label` apart, best first (see the module's step 4)."""
    others = np.arange(len(cast)) != label
    found = []
    for direction, counts in ((AGREE, agree), (DISAGREE, disagree)):
        n_group, n_other = cast[label], cast[others].sum(axis=0)
        in_group, in_other = counts[label], counts[others].sum(axis=0)
        p_group, p_other, z = set_apart(in_group, n_group, in_other, n_other)
        for column in np.flatnonzero(represents(p_group, z)):
            found.append(
                Representative(
                    column=int(column),
                    direction=direction,
                    group_votes=int(n_group[column]),
                    group_count=int(in_group[column]),
                    other_votes=int(n_other[column]),
                    other_count=int(in_other[column]),
                    group_probability=float(p_group[column]),
                    other_probability=float(p_other[column]),
                    ratio=float(p_group[column] / p_other[column]),
                    z=float(z[column]),
                )
            )
    found.sort(key=lambda item: (-item.ratio, -item.z, item.column, item.direction))
    return tuple(found[:REPRESENTATIVE_MAX])


def nearest_centre(point: npt.ArrayLike, centres: npt.ArrayLike) -> tuple[FloatArray, int]:
    """The distance from a point of the map to each centre, and the index of the nearest: the
    group k-means gives a point once its iterations settle."""
    distances = cdist(np.asarray(point, dtype=np.float64).reshape(1, 2), np.asarray(centres))[0]
    return distances, int(distances.argmin())


def consensus(agree: IntArray, cast: IntArray) -> FloatArray:
    """Group-informed consensus of each proposition: ∏ over groups of (agree + 1) / (votes + 2).

    With no group, every proposition scores 1 (the empty product).
    """
    return np.prod((agree + 1) / (cast + 2), axis=0)


def compute(matrix: VoteMatrix) -> OpinionGroups:
    """The map, the groups, their representative propositions and the consensus scores."""
    rows, columns = matrix.shape
    coordinates = project(matrix)
    mask = grouped_mask(matrix.votes_per_participant(), columns)
    labels, silhouettes = choose_groups(coordinates[mask].astype(np.float64))
    group_of = np.full(rows, -1, dtype=np.int8)
    group_of[mask] = labels
    k = int(labels.max()) + 1 if len(labels) else 0
    agree, disagree, cast = group_counts(matrix, group_of, k)
    groups = []
    for label in range(k):
        members = coordinates[group_of == label]
        groups.append(
            Group(
                label=label,
                size=len(members),
                centre=(float(members[:, 0].mean()), float(members[:, 1].mean())),
                representative=representative(agree, disagree, cast, label),
            )
        )
    return OpinionGroups(
        coordinates=coordinates,
        group_of=group_of,
        silhouettes=silhouettes,
        groups=tuple(groups),
        consensus=consensus(agree, cast),
        agree_counts=agree,
        vote_counts=cast,
    )


# --- storage ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Positions:
    """Where each participant sits on the map and their group (-1: not grouped)."""

    ids: npt.NDArray[np.int64]
    coordinates: npt.NDArray[np.float32]
    group_of: npt.NDArray[np.int8]

    def find(self, participant_id: int) -> tuple[tuple[float, float], int] | None:
        """One participant's point and group (-1: not grouped); None when the run has no
        position for them."""
        found = np.flatnonzero(self.ids == participant_id)
        if not len(found):
            return None
        x, y = self.coordinates[int(found[0])]
        return (float(x), float(y)), int(self.group_of[int(found[0])])


def pack_positions(
    ids: npt.ArrayLike, coordinates: npt.ArrayLike, group_of: npt.ArrayLike
) -> bytes:
    """A compressed NumPy archive (`.npz`) of plain arrays: `ids` (int64), `x` and `y` (float32)
    and `group` (int8). Read back with `unpack_positions`, which never unpickles anything."""
    points = np.asarray(coordinates, dtype=np.float32).reshape(-1, 2)
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        ids=np.asarray(ids, dtype=np.int64),
        x=points[:, 0],
        y=points[:, 1],
        group=np.asarray(group_of, dtype=np.int8),
    )
    return buffer.getvalue()


def unpack_positions(data: bytes) -> Positions:
    """The arrays written by `pack_positions`; empty data gives empty arrays."""
    if not data:
        return Positions(np.zeros(0, np.int64), np.zeros((0, 2), np.float32), np.zeros(0, np.int8))
    with np.load(io.BytesIO(bytes(data)), allow_pickle=False) as archive:
        return Positions(
            ids=archive["ids"].astype(np.int64),
            coordinates=np.column_stack([archive["x"], archive["y"]]).astype(np.float32),
            group_of=archive["group"].astype(np.int8),
        )
