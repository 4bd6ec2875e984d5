"""The "why" of the opinion groups (`participation.opinion_groups`): why a proposition represents
a group, and why a person is in their group.

Both read the latest stored run, never the votes: a run keeps, for each representative
proposition, the four counts the test starts from (votes that way and all votes, in the group and
among the other groups' members), and where each participant sits on the map. The shares, the
ratio and the z statistic are recomputed from those counts with the algorithm's own functions
(`opinion_groups.set_apart`, `represents`, `nearest_centre`), so the page says what the run
computed even after later votes, without redoing the clustering in a request.

One explainer serves both: `?group=B` asks about a proposition (the item) among group B's
representatives; `?about=participant` asks about a participation (the item), which only its
own person may see, since a position on the map is personal data.
"""

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pnyx.core.algorithms import Contribution, ExplainContext, Explanation
from pnyx.participation.algorithms import OPINION_GROUPS
from pnyx.participation.models import OpinionGroupsRun, Process, PropositionStatus
from pnyx.participation.selectors import opinion_groups as groups
from pnyx.participation.selectors import propositions
from pnyx.transparency.explainers import figure

SHARE_LABELS = {
    "agree": (
        _("Share of group %(name)s who agree"),
        _("Share of the other groups' members who agree"),
    ),
    "disagree": (
        _("Share of group %(name)s who disagree"),
        _("Share of the other groups' members who disagree"),
    ),
}
SMOOTHED = _("(%(count)s + 1) ÷ (%(votes)s + 2): %(count)s of %(votes)s votes, smoothed")
RULE_NOTE = _(
    "A proposition represents a group when more than half of the group votes that way (counting "
    "one more vote each way, so that a few votes do not weigh like many) and the z statistic "
    "of the two-proportion test reaches %(threshold)s (90 %% confidence). At most %(most)s per "
    "group, the highest ratio first; a tie goes to the higher z."
)
MAP_NOTE = _(
    "The map places each participant by their votes: its two axes are the first two principal "
    "components of the votes. k-means then forms the groups: each grouped person belongs to the "
    "group whose centre is nearest, and each centre is the mean position of its members."
)
CHOICE_NOTE = _(
    "The number of groups is the fewest whose silhouette is within %(margin)s of the best one "
    "(a silhouette near 1 means groups far apart). Here: %(k)s."
)
PRIVATE_NOTE = _("Only you can see this page: your position on the map is personal data.")
UNSETTLED_NOTE = _(
    "k-means stopped at its limit of iterations before every person sat in the nearest group; "
    "you stayed in the group it gave you then."
)


def _computed(run: OpinionGroupsRun) -> str | Promise:
    when = formats.date_format(timezone.localtime(run.computed_at), "DATETIME_FORMAT")
    return _(
        "Computed on %(computed)s by version %(version)s, from the votes cast until then; later "
        "votes count at the next computation."
    ) % {"computed": when, "version": run.algorithm_version}


def _results_url(process: Process, anchor: str) -> str:
    return f"{reverse('participation:process-results', kwargs={'slug': process.slug})}#{anchor}"


def _latest_groups(process: Process, viewer: Any) -> OpinionGroupsRun | None:
    """The latest run, when it formed groups and the viewer may see the process's results."""
    if not viewer.has_perm("participation.view_process", process):
        return None
    run = groups.latest_run(process=process)
    return run if run is not None and run.groups else None


def _representative_factors(
    entry: dict[str, Any], name: str, parameters: dict[str, Any]
) -> tuple[tuple[Contribution, ...], float, str | Promise, float]:
    """The factors of one stored representative entry, recomputed from its counts with the
    run's threshold; also the ratio (the score), the formula and the threshold."""
    from pnyx.participation import opinion_groups  # NumPy and SciPy: only for this page

    threshold = float(parameters.get("z_90", opinion_groups.Z_90))
    counts = (
        entry["group_count"],
        entry["group_votes"],
        entry["other_count"],
        entry["other_votes"],
    )
    p_group, p_other, z = (float(value) for value in opinion_groups.set_apart(*counts))
    ratio = p_group / p_other
    passed = bool(opinion_groups.represents(p_group, z, threshold))
    in_group, in_others = SHARE_LABELS[entry["direction"]]
    numbers = {
        "group": figure(p_group),
        "other": figure(p_other),
        "ratio": figure(ratio),
        "threshold": figure(threshold),
        "z": figure(z),
    }
    half = _("more than 1/2: yes") if p_group > 0.5 else _("more than 1/2: no")
    test = _("passes: %(threshold)s needed") if passed else _("fails: %(threshold)s needed")
    factors = (
        Contribution(
            in_group % {"name": name},
            p_group,
            f"{SMOOTHED % {'count': counts[0], 'votes': counts[1]}} · {half}",
        ),
        Contribution(in_others, p_other, SMOOTHED % {"count": counts[2], "votes": counts[3]}),
        Contribution(_("Ratio of the two shares"), ratio, _("orders the group's propositions")),
        Contribution(_("z statistic of the difference"), z, test % numbers),
    )
    formula = _("%(group)s ÷ %(other)s = %(ratio)s; z = %(z)s, at least %(threshold)s") % numbers
    return factors, ratio, formula, threshold


def _group_named(run: OpinionGroupsRun | None, name: str) -> dict[str, Any] | None:
    if run is None:
        return None
    return next((group for group in run.groups if groups.group_name(group["label"]) == name), None)


def explain_representative(item_id: int, context: ExplainContext) -> Explanation | None:
    """A proposition's place among the representative propositions of the group named in
    `group` (A, B…) in the latest run. None for a proposition the viewer may not see, one no
    longer listed, or one that does not represent that group."""
    try:
        proposition = propositions.proposition_get_visible(pk=item_id, user=context.viewer)
    except Http404:
        return None
    if proposition.status != PropositionStatus.PUBLISHED or proposition.hidden_at is not None:
        return None
    run = _latest_groups(proposition.process, context.viewer)
    name = context.params.get("group", "")
    group = _group_named(run, name)
    if run is None or group is None:
        return None
    entries = group["representative"]
    places = [place for place, entry in enumerate(entries, 1) if entry["proposition"] == item_id]
    if not places:
        return None
    factors, ratio, formula, threshold = _representative_factors(
        entries[places[0] - 1], name, run.parameters
    )
    most = run.parameters.get("representative_max", len(entries))
    return Explanation(
        card=OPINION_GROUPS,
        item_label=proposition.title,
        item_url=proposition.get_absolute_url(),
        factors=factors,
        score=ratio,
        position=places[0],
        out_of=len(entries),
        formula=formula,
        notes=(_computed(run), RULE_NOTE % {"threshold": figure(threshold), "most": most}),
        list_url=_results_url(proposition.process, f"group-{name}"),
        question=_("Why does “%(item)s” represent group %(name)s?")
        % {"item": proposition.title, "name": name},
        output_version=run.algorithm_version,
    )


def _placement_factors(
    run: OpinionGroupsRun, point: tuple[float, float], label: int
) -> tuple[tuple[Contribution, ...], int]:
    """The person's coordinates, their distance to each centre, and each silhouette tried;
    also the group whose centre is nearest."""
    from pnyx.participation import opinion_groups  # NumPy and SciPy: only for this page

    centres = [group["centre"] for group in run.groups]
    distances, nearest = opinion_groups.nearest_centre(point, centres)
    factors = [
        Contribution(_("Your position on the first axis"), point[0], _("from your votes")),
        Contribution(_("Your position on the second axis"), point[1], _("from your votes")),
    ]
    for index, distance in enumerate(distances.tolist()):
        effect = _("the nearest: your group") if index == label else _("farther")
        name = groups.group_name(index)
        label_text = _("Distance to the centre of group %(name)s") % {"name": name}
        factors.append(Contribution(label_text, distance, effect))
    for k, value in sorted((int(k), value) for k, value in run.silhouettes.items()):
        effect = _("chosen") if k == run.group_count else _("not chosen")
        silhouette = _("Silhouette with %(k)s groups") % {"k": k}
        factors.append(Contribution(silhouette, value, effect))
    return tuple(factors), nearest


def explain_participant(item_id: int, context: ExplainContext) -> Explanation | None:
    """Why a person is in their group in the latest run: the item is their participation, and
    only they may see it (None for anyone else, and when they were not grouped)."""
    viewer = context.viewer
    participant = groups.participant_get(pk=item_id) if viewer.is_authenticated else None
    if participant is None or participant.user_id != viewer.pk:
        return None
    process = participant.process
    run = _latest_groups(process, viewer)
    found = groups.run_positions(run=run).find(participant.pk) if run is not None else None
    if run is None or found is None or found[1] < 0:
        return None
    point, label = found
    factors, nearest = _placement_factors(run, point, label)
    name = groups.group_name(label)
    choice = CHOICE_NOTE % {
        "margin": figure(float(run.parameters.get("silhouette_margin", 0))),
        "k": run.group_count,
    }
    notes = (_computed(run), MAP_NOTE, choice, PRIVATE_NOTE)
    return Explanation(
        card=OPINION_GROUPS,
        item_label=_("The opinion groups of “%(process)s”") % {"process": process.title},
        item_url=_results_url(process, "groups-heading"),
        factors=factors,
        formula=_(
            "Distance = √((x − centre's x)² + (y − centre's y)²); the nearest centre is "
            "group %(name)s's."
        )
        % {"name": groups.group_name(nearest)},
        notes=notes if nearest == label else (*notes, UNSETTLED_NOTE),
        list_url=_results_url(process, "groups-heading"),
        question=_("Why are you in group %(name)s?") % {"name": name},
        output_version=run.algorithm_version,
    )


def explain_opinion_groups(item_id: int, context: ExplainContext) -> Explanation | None:
    """`?about=participant`: a person's own group; otherwise a representative proposition."""
    if context.params.get("about") == "participant":
        return explain_participant(item_id, context)
    return explain_representative(item_id, context)
