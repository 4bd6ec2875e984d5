"""Time and memory of the opinion groups computation (`pnyx.participation.opinion_groups`).

    .venv/bin/python -m bench.groups                       # both sizes, each in its own process
    .venv/bin/python -m bench.groups --one 20000 500       # one size, JSON on standard output

Each size runs in a fresh Python process, so that its peak resident memory (`ru_maxrss`) is its
own: it counts the vote matrix itself (CSR, 8 bytes a vote), the computation, NumPy and SciPy.
The votes are synthetic: each participant votes on 10 % of the propositions, drawn at random;
participants form three planted groups whose members agree with a proposition with a
probability drawn per group and proposition (and otherwise mostly disagree, sometimes pass).
Only the computation is timed; reading the votes from the database is not part of it.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import sparse

from pnyx.participation import opinion_groups

SIZES = ((20_000, 500), (200_000, 2_000))
DENSITY = 0.1
GROUPS = 3
SEED = 11
CHUNK_ROWS = 2_000
ROOT = Path(__file__).resolve().parent.parent


def synthetic_votes(participants: int, propositions: int) -> sparse.csr_matrix:
    """A CSR matrix of +1/-1/0 votes (passes stored as explicit zeros): each participant votes
    on DENSITY of the propositions, drawn at random. Written into arrays of the final size,
    chunk by chunk, so that generating it takes little more memory than the matrix."""
    rng = np.random.default_rng(SEED)
    agree = rng.uniform(0.05, 0.95, (GROUPS, propositions)).astype(np.float32)
    group = rng.integers(GROUPS, size=participants)
    per_row = max(1, round(propositions * DENSITY))
    indices = np.empty(participants * per_row, dtype=np.int32)
    data = np.empty(participants * per_row, dtype=np.float32)
    for start in range(0, participants, CHUNK_ROWS):
        stop = min(participants, start + CHUNK_ROWS)
        keys = rng.random((stop - start, propositions), dtype=np.float32)
        columns = np.sort(np.argpartition(keys, per_row, axis=1)[:, :per_row], axis=1)
        chance = agree[group[start:stop, None], columns]
        draw = rng.random(columns.shape, dtype=np.float32)
        votes = np.where(draw < chance, 1, np.where(draw < chance + (1 - chance) * 0.8, -1, 0))
        indices[start * per_row : stop * per_row] = columns.ravel()
        data[start * per_row : stop * per_row] = votes.ravel()
    indptr = np.arange(0, (participants + 1) * per_row, per_row, dtype=np.int64)
    return sparse.csr_matrix((data, indices, indptr), shape=(participants, propositions))


def measure_one(participants: int, propositions: int) -> dict[str, float | int]:
    """Compute the groups of one synthetic size in this process; seconds and peak memory."""
    matrix = opinion_groups.VoteMatrix(votes=synthetic_votes(participants, propositions))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = opinion_groups.compute(matrix)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "participants": participants,
        "propositions": propositions,
        "votes": int(matrix.votes.nnz),
        "seconds": round(seconds, 2),
        "peak_mib": round(peak / 1024),
        "peak_mib_before_computing": round(before / 1024),
        "groups": result.group_count,
    }


def measure(participants: int, propositions: int) -> dict[str, float | int] | str:
    """`measure_one` in a fresh process: its result, or why it failed."""
    command = [sys.executable, "-m", "bench.groups", "--one", str(participants), str(propositions)]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        return f"failed ({finished.stderr.strip().splitlines()[-1:]})"
    result: dict[str, float | int] = json.loads(finished.stdout)
    return result


def describe(result: dict[str, float | int]) -> str:
    return (
        f"opinion groups of {result['participants']:,} participants × "
        f"{result['propositions']:,} propositions ({result['votes']:,} votes, "
        f"{DENSITY:.0%} dense): {result['seconds']} s, peak memory {result['peak_mib']:,} MiB "
        f"({result['peak_mib_before_computing']:,} MiB with just the votes loaded); "
        f"{result['groups']} groups"
    )


def report_lines(progress: Callable[[str], None]) -> list[str]:
    """One line per size, for the notes under `make bench`'s table."""
    lines = []
    for participants, propositions in SIZES:
        progress(f"Opinion groups: {participants:,} × {propositions:,} ...")
        result = measure(participants, propositions)
        if isinstance(result, str):
            lines.append(f"opinion groups of {participants:,} × {propositions:,}: {result}")
        else:
            lines.append(describe(result))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--one", nargs=2, type=int, metavar=("PARTICIPANTS", "PROPOSITIONS"))
    options = parser.parse_args(argv)
    if options.one:
        print(json.dumps(measure_one(*options.one)))
        return 0
    for line in report_lines(lambda message: print(message, file=sys.stderr, flush=True)):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
