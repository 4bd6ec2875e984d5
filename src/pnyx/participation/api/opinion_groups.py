"""`GET /processes/{id}/opinion-groups`: the latest opinion groups of a consultation.

The same computation as the results page's map and tables (`selectors.opinion_groups`), with
each group's members named by their external id (kept by imports, such as Pol.is's voter-ids)
or else by the pseudonym of the anonymised vote export, so that anyone can compare the groups
with another tool's or recompute them from that export. Every visible consultation answers
200: `status` says whether groups exist (`computed`), are not computed yet (`pending`), or can
never exist because the consultation only counts supports (`not_applicable`), and `reason`
says it in words. Drafts and unknown ids answer 404.
"""

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from pnyx.core.api_schemas import ErrorOut
from pnyx.participation.algorithms import OPINION_GROUPS
from pnyx.participation.models import OpinionGroupsRun, Process
from pnyx.participation.selectors import opinion_groups as selectors
from pnyx.participation.selectors import results

router = Router(tags=["consultations"])


class PropositionRefOut(Schema):
    id: int
    external_id: str = Field(description="Its id in the tool it was imported from, or empty.")
    title: str
    url: str


class RepresentativeOut(Schema):
    proposition: PropositionRefOut
    direction: str = Field(description="agree or disagree: how the group sets itself apart.")
    group_count: int = Field(description="Members of the group who voted that way.")
    group_votes: int = Field(description="Members of the group who voted on it (passes too).")
    other_count: int = Field(description="Members of the other groups who voted that way.")
    other_votes: int = Field(description="Members of the other groups who voted on it.")
    ratio: float = Field(
        description="(group_count + 1)/(group_votes + 2) over the same for others."
    )
    z: float = Field(description="Two-proportion z statistic; representative from 1.2816 (90 %).")


class GroupOut(Schema):
    id: int = Field(description="0 for the largest group, then 1, 2…")
    name: str = Field(description="A for the largest group, then B, C…")
    size: int
    centre: list[float] = Field(description="The group's centre on the map: [x, y].")
    members: list[str] = Field(
        description=(
            "Each member's external id when they were imported with one (a Pol.is voter-id), "
            "otherwise their pseudonym in the consultation's anonymised vote export."
        )
    )
    representative: list[RepresentativeOut]


class GroupVotesOut(Schema):
    group: int
    agree: int
    votes: int


class ConsensusOut(Schema):
    rank: int
    proposition: PropositionRefOut
    score: float = Field(description="Product over groups of (agree + 1) / (votes + 2).")
    groups: list[GroupVotesOut]


class SilhouetteOut(Schema):
    groups: int = Field(description="A number of groups tried.")
    silhouette: float


class OpinionGroupsOut(Schema):
    process_id: int
    status: str = Field(description="computed, pending (not computed yet) or not_applicable.")
    reason: str = Field(description="Why there are no groups, in words; empty when there are.")
    algorithm: str = Field(description="The id of the algorithm's card in the register.")
    algorithm_url: str
    algorithm_version: str = Field(description="The version that computed these groups.")
    computed_at: datetime | None
    parameters: dict[str, Any] = Field(description="The published constants used.")
    vote_count: int = Field(description="Votes taken into account (listed propositions).")
    participant_count: int = Field(description="Participants placed on the map.")
    grouped_count: int = Field(description="Participants with enough votes to be grouped.")
    proposition_count: int
    silhouettes: list[SilhouetteOut] = Field(description="The criterion for each k tried.")
    groups: list[GroupOut]
    consensus: list[ConsensusOut] = Field(
        description="Every listed proposition, highest group-informed consensus first."
    )


def _reference(request: HttpRequest, proposition: Any) -> dict[str, Any]:
    return {
        "id": proposition.pk,
        "external_id": proposition.external_id,
        "title": proposition.title,
        "url": request.build_absolute_uri(proposition.get_absolute_url()),
    }


def _reason(shown: selectors.OpinionGroupsShown) -> tuple[str, str]:
    if not shown.applicable:
        return "not_applicable", _(
            "This consultation counts supports only; opinion groups need agree, disagree or "
            "pass votes."
        )
    if shown.run is None:
        return "pending", _("The opinion groups have not been computed yet.")
    if not shown.groups:
        return "computed", _("Not enough participants have voted enough yet to form groups.")
    return "computed", ""


def _groups(
    request: HttpRequest, process: Process, shown: selectors.OpinionGroupsShown
) -> list[dict[str, Any]]:
    if shown.run is None or not shown.groups:
        return []
    members = selectors.group_members(process=process, run=shown.run)
    return [
        {
            "id": group.label,
            "name": group.name,
            "size": group.size,
            "centre": list(group.centre),
            "members": members.get(group.label, []),
            "representative": [
                {
                    "proposition": _reference(request, item.proposition),
                    "direction": item.direction,
                    "group_count": item.group_count,
                    "group_votes": item.group_votes,
                    "other_count": item.other_count,
                    "other_votes": item.other_votes,
                    "ratio": item.ratio,
                    "z": item.z,
                }
                for item in group.representative
            ],
        }
        for group in shown.groups
    ]


def _run_fields(request: HttpRequest, run: OpinionGroupsRun | None) -> dict[str, Any]:
    """What the answer says about the computation itself (zeros when there is none yet)."""
    card_path = reverse("transparency:algorithm-detail", kwargs={"slug": OPINION_GROUPS.slug})
    silhouettes = run.silhouettes if run else {}
    return {
        "algorithm": OPINION_GROUPS.id,
        "algorithm_url": request.build_absolute_uri(card_path),
        "algorithm_version": run.algorithm_version if run else OPINION_GROUPS.version,
        "computed_at": run.computed_at if run else None,
        "parameters": run.parameters if run else {},
        "vote_count": run.vote_count if run else 0,
        "participant_count": run.participant_count if run else 0,
        "grouped_count": run.grouped_count if run else 0,
        "proposition_count": run.proposition_count if run else 0,
        "silhouettes": [{"groups": int(k), "silhouette": v} for k, v in silhouettes.items()],
    }


def _consensus(request: HttpRequest, shown: selectors.OpinionGroupsShown) -> list[dict[str, Any]]:
    return [
        {
            "rank": entry.rank,
            "proposition": _reference(request, entry.proposition),
            "score": entry.score,
            "groups": [
                {"group": label, "agree": share.agree, "votes": share.votes}
                for label, share in enumerate(entry.groups)
            ],
        }
        for entry in shown.consensus
    ]


@router.get(
    "/processes/{int:process_id}/opinion-groups",
    response={200: OpinionGroupsOut, 404: ErrorOut},
    operation_id="process_opinion_groups",
    summary="The opinion groups of a consultation",
    description=__doc__,
)
def process_opinion_groups(request: HttpRequest, process_id: int) -> dict[str, Any]:
    try:
        process = results.process_results_get(pk=process_id)
    except Http404:
        raise HttpError(404, _("No consultation has the id %(id)s.") % {"id": process_id}) from None
    shown = selectors.opinion_groups_shown(process=process, consensus_limit=None)
    status, reason = _reason(shown)
    return {
        "process_id": process.pk,
        "status": status,
        "reason": reason,
        **_run_fields(request, shown.run),
        "groups": _groups(request, process, shown),
        "consensus": _consensus(request, shown),
    }
