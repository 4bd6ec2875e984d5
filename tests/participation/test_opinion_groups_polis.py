"""Our opinion groups against Pol.is's own, on the public Pol.is conversations shared beside the
repository (../shared/data/polis, CC BY 4.0, The Computational Democracy Project).

Each conversation goes through the real path: `pnyx import polis DIR`, then
`GET /api/v1/processes/{id}/opinion-groups`, whose members are Pol.is voter-ids. The agreement
with the `group-id` column of Pol.is's participants-votes.csv is the adjusted Rand index (ARI)
over the participants that both grouped, printed (run with -s to see it) and compared with
red-dwarf 0.4.0, the open reimplementation of the Pol.is pipeline (its defaults, random_state
42, latest vote per participant and comment), measured the same way.
"""

import csv
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.participation.opinion_groups_data import adjusted_rand_index

#: Beside the repository, or where PNYX_POLIS_DATA points (a clone elsewhere, as in CI).
POLIS_DATA = Path(
    os.environ.get("PNYX_POLIS_DATA")
    or Path(__file__).resolve().parents[3] / "shared" / "data" / "polis"
)
#: red-dwarf 0.4.0's ARI and how many of Pol.is's grouped participants it grouped.
RED_DWARF = {
    "brexit-consensus": (0.64, 189),
    "15-per-hour-seattle": (0.46, 138),
    "london.youth.policing": (0.12, 24),
}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not POLIS_DATA.is_dir(),
        reason=f"The shared Pol.is conversations are not at {POLIS_DATA}: nothing to compare.",
    ),
]


def polis_groups(folder: Path) -> dict[str, int]:
    with (folder / "participants-votes.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["participant"]: int(row["group-id"])
            for row in csv.DictReader(handle)
            if row["group-id"].strip()
        }


@pytest.mark.parametrize("conversation", list(RED_DWARF))
def test_our_groups_agree_with_polis_better_than_red_dwarf(client, conversation):
    folder = POLIS_DATA / conversation
    output = io.StringIO()
    call_command("import", "polis", str(folder), stdout=output, stderr=io.StringIO())
    process_id = int(output.getvalue())

    answer = client.get(f"/api/v1/processes/{process_id}/opinion-groups").json()

    ours = {member: group["id"] for group in answer["groups"] for member in group["members"]}
    theirs = polis_groups(folder)
    both = sorted(set(ours) & set(theirs))
    ari = adjusted_rand_index([theirs[p] for p in both], [ours[p] for p in both])
    reference, reference_grouped = RED_DWARF[conversation]
    print(
        f"\n{conversation}: ARI {ari:.3f} against Pol.is's groups (red-dwarf 0.4.0: "
        f"{reference:.2f}) over {len(both)} of Pol.is's {len(theirs)} grouped participants; "
        f"{len(answer['groups'])} groups here, {len(set(theirs.values()))} in Pol.is."
    )
    assert ari > reference
    assert len(both) >= reference_grouped
