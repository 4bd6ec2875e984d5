"""The orders in which a consultation lists its propositions, as registered algorithms.

Each ranking is a pure function over plain rows (`RankingRow`): it returns every row's id in
order, with its score and the contribution of each factor, so a page can say why an item sits
where it does and anyone holding the open-data export can recompute the order. The selector uses
an equivalent database ordering for the rankings that sort by one indexed counter (`db_order`);
the others are computed here over a few columns of every proposition, then only the page's rows
are fetched. A test proves that both paths give the same order.
"""

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pnyx.core.algorithms import AUTOMATED, AlgorithmCard, Change, Factor, Risk, register

SUPPORT_MODE = "support"
TRENDING_OFFSET_HOURS = 2.0
TRENDING_GRAVITY = 1.5
FIRST_DAY = date(2026, 11, 27)


#: Words for the factor names of RankedItem.factors, shown in "why here".
FACTOR_LABELS: dict[str, str | Promise] = {
    "supports": _("supports"),
    "agreements": _("agreements"),
    "disagreements": _("disagreements"),
    "comments": _("comments"),
    "votes": _("votes"),
    "age_hours": _("hours since publication"),
    "groups": _("opinion groups"),
}


class RankingRow(NamedTuple):
    """One proposition as the rankings see it: public counters and its date, nothing else.

    A named tuple rather than a dataclass: the Python-ranked orders build one per proposition
    (10,000 and more), and a tuple is several times cheaper to create.
    """

    id: int
    created_at: datetime
    support_count: int = 0
    agree_count: int = 0
    disagree_count: int = 0
    pass_count: int = 0
    comment_count: int = 0

    @property
    def vote_total(self) -> int:
        return self.support_count + self.agree_count + self.disagree_count + self.pass_count


class RankedItem(NamedTuple):
    """A proposition's place: its score and what each factor contributed ("why this order")."""

    id: int
    score: float
    factors: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class GroupConsensus:
    """The group-informed consensus scores of the latest opinion groups, by proposition id.

    A proposition published after the groups were computed scores as one that nobody voted on:
    (1/2) to the power of the number of groups.
    """

    scores: Mapping[int, float]
    group_count: int

    def score(self, proposition_id: int) -> float:
        return self.scores.get(proposition_id, 0.5**self.group_count)


@dataclass(frozen=True)
class RankingContext:
    """What a ranking may depend on besides the rows: the time, the visitor's seed, the mode,
    and for the group-informed consensus, the latest opinion groups' scores (None: none yet)."""

    now: datetime
    seed: str = ""
    vote_mode: str = SUPPORT_MODE
    consensus: GroupConsensus | None = None


RankFunction = Callable[[Iterable[RankingRow], RankingContext], list[RankedItem]]


#: (score, id) of a RankedItem, read in C: sorting 10,000 items by a lambda costs twice as much.
_SCORE_THEN_ID = itemgetter(1, 0)


def _sorted(items: list[RankedItem]) -> list[RankedItem]:
    """Highest score first; equal scores put the newer proposition (higher id) first."""
    return sorted(items, key=_SCORE_THEN_ID, reverse=True)


def rank_most_supported(rows: Iterable[RankingRow], context: RankingContext) -> list[RankedItem]:
    """Supports in a support-only process; agreements in an agree/disagree/pass process."""
    if context.vote_mode == SUPPORT_MODE:
        return _sorted(
            [RankedItem(r.id, r.support_count, (("supports", r.support_count),)) for r in rows]
        )
    return _sorted(
        [RankedItem(r.id, r.agree_count, (("agreements", r.agree_count),)) for r in rows]
    )


def rank_newest(rows: Iterable[RankingRow], context: RankingContext) -> list[RankedItem]:
    """Most recent first; the score is the publication time (seconds since 1970)."""
    items = [
        RankedItem(r.id, r.created_at.timestamp(), (("age_hours", _age_hours(r, context)),))
        for r in rows
    ]
    return _sorted(items)


def rank_most_discussed(rows: Iterable[RankingRow], context: RankingContext) -> list[RankedItem]:
    """Most comments first."""
    return _sorted(
        [RankedItem(r.id, r.comment_count, (("comments", r.comment_count),)) for r in rows]
    )


def _age_hours(row: RankingRow, context: RankingContext) -> float:
    return max(0.0, (context.now - row.created_at).total_seconds() / 3600)


def rank_trending(rows: Iterable[RankingRow], context: RankingContext) -> list[RankedItem]:
    """Votes divided by (age in hours + 2) ** 1.5: recent votes weigh more than old ones."""
    items = []
    for row in rows:
        age = _age_hours(row, context)
        decay = (age + TRENDING_OFFSET_HOURS) ** TRENDING_GRAVITY
        score = row.vote_total / decay
        items.append(RankedItem(row.id, score, (("votes", row.vote_total), ("age_hours", age))))
    return _sorted(items)


def controversy(agree: int, disagree: int) -> float:
    """(agree + disagree) × min / max: high only when many voted and both sides are close."""
    high = max(agree, disagree)
    if high == 0:
        return 0.0
    return (agree + disagree) * min(agree, disagree) / high


def rank_controversial(rows: Iterable[RankingRow], context: RankingContext) -> list[RankedItem]:
    """Propositions that divide people: many votes on both sides, in close numbers."""
    return _sorted(
        [
            RankedItem(
                r.id,
                controversy(r.agree_count, r.disagree_count),
                (("agreements", r.agree_count), ("disagreements", r.disagree_count)),
            )
            for r in rows
        ]
    )


def shuffle_key(seed: str, proposition_id: int) -> int:
    """A stable pseudo-random number for (seed, id): same seed, same order, on every page."""
    digest = hashlib.sha256(f"{seed}:{proposition_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def rank_random(rows: Iterable[RankingRow], context: RankingContext) -> list[RankedItem]:
    """A shuffle seeded per visitor; the score is the position key, smaller first."""
    items = [RankedItem(r.id, float(shuffle_key(context.seed, r.id)), ()) for r in rows]
    return sorted(items, key=_SCORE_THEN_ID)


def rank_group_consensus(rows: Iterable[RankingRow], context: RankingContext) -> list[RankedItem]:
    """Highest group-informed consensus first (`opinion_groups.consensus`), from the latest
    opinion groups; without them, the most supported order, which the explanation then states."""
    if context.consensus is None:
        return rank_most_supported(rows, context)
    groups = (("groups", context.consensus.group_count),)
    return _sorted([RankedItem(r.id, context.consensus.score(r.id), groups) for r in rows])


@dataclass(frozen=True)
class Ranking:
    """A registered ranking: its card, its pure function and, when it has one, its SQL order."""

    card: AlgorithmCard
    rank: RankFunction
    explanation: str | Promise
    db_order: Callable[[str], tuple[str, ...]] | None = None
    #: The order depends on the visitor's seed (the random order), not only on the rows.
    seeded: bool = False
    #: The order reads the latest opinion groups (`RankingContext.consensus`).
    uses_groups: bool = False
    #: What the page says instead of `explanation` when the groups it needs do not exist yet.
    fallback_explanation: str | Promise = ""

    def explain(self, context: RankingContext) -> str | Promise:
        """The explanation shown with the order, saying so when it fell back."""
        if self.uses_groups and context.consensus is None:
            return self.fallback_explanation
        return self.explanation

    @property
    def id(self) -> str:
        return self.card.id

    @property
    def short_name(self) -> str:
        return self.card.id.removeprefix("participation.")


#: What the orders read, and how long it is kept (the random order adds the visitor's number).
ORDER_DATA = (
    _(
        "The consultation's own records on this platform: each proposition's publication time "
        "and the numbers of votes and comments counted on it. No personal data: an order never "
        "looks at who voted, who commented or who wrote."
    ),
)
ORDER_RETENTION = _(
    "The order itself is not stored: it is computed again for each page, from counters kept as "
    "long as the consultation is published."
)


def _card(
    name: str,
    title: str | Promise,
    purpose: str | Promise,
    factors: tuple[Factor, ...],
    limits: str | Promise,
    *,
    summary: str | Promise,
    alternatives: str | Promise,
    data_sources: tuple[str | Promise, ...] = ORDER_DATA,
    data_retention: str | Promise = ORDER_RETENTION,
) -> AlgorithmCard:
    return AlgorithmCard(
        id=f"participation.{name}",
        version="1.0",
        name=title,
        purpose=purpose,
        used_in=(_("The list of propositions of a consultation"), _("The propositions API")),
        inputs=(
            _(
                "The public counters of each proposition: supports, agreements, disagreements, "
                "passes and comments"
            ),
            _("When each proposition was published"),
        ),
        factors=factors,
        human_oversight=_(
            "Nobody places a proposition by hand and no organiser can promote one. Visitors "
            "choose the order themselves; moderators can only hide content, with a public "
            "reason. The counters are recounted from the stored votes to detect any drift."
        ),
        limits=limits,
        contact=_("Ask the organisers of the consultation or the platform administrators."),
        changelog=(Change(version="1.0", day=FIRST_DAY, note=_("First version.")),),
        summary=summary,
        owner=_(
            "The Pnyx platform administrators, who maintain this code and answer the debate "
            "attached to this card."
        ),
        decision_type=AUTOMATED,
        deployed_on=FIRST_DAY,
        data_sources=data_sources,
        data_retention=data_retention,
        impact_assessment=_(
            "Low for each person: an order decides what is seen first, never what is accepted, "
            "hidden or answered, and it decides nothing about anyone. But what is seen first "
            "tends to gather more votes, so the choice of order can shape a consultation's "
            "results: that is why every order is public, each list names its order, and the "
            "default is the random order while people are still proposing."
        ),
        risks=(
            Risk(
                _(
                    "Propositions already on top are seen more and gather still more votes, "
                    "whatever their merit."
                ),
                _(
                    "The random order is the default while people propose; visitors switch "
                    "order at any time; the results count votes, not places."
                ),
            ),
            Risk(
                _("Someone votes with many accounts to push a proposition up."),
                _(
                    "One vote per person and proposition, enforced by the database; voting needs "
                    "a confirmed e-mail address; moderators hide abuse, with a public reason."
                ),
            ),
            Risk(
                _("The order is read as a judgement of quality."),
                _(
                    "Each list says which order it uses and links to this card, and each "
                    "proposition to a “why here?” page with the numbers behind its place."
                ),
            ),
        ),
        alternatives=alternatives,
        appeal=_(
            "Each proposition in the list has a “why here?” link showing its place and the "
            "numbers behind it. If a place looks wrong, say so in the debate attached to this "
            "card or tell the consultation's moderators: a platform administrator checks the "
            "counters against the stored votes (they are also recounted automatically) and "
            "answers publicly."
        ),
        source="pnyx/participation/algorithms.py",
    )


#: Orders that depend on the counters and are computed in Python are reused for up to
#: RANKED_IDS_SECONDS (selectors.ranked); their cards say so. Keep the number in the text in step.
RECOMPUTED_NOTE = _(
    "The order is kept for up to two seconds before it is computed again: a proposition's place "
    "may not yet reflect the votes of the last two seconds, but the numbers shown on it are "
    "always current."
)


def _recomputed(limits: str | Promise) -> Promise:
    return format_lazy("{} {}", limits, RECOMPUTED_NOTE)


def _most_supported_order(vote_mode: str) -> tuple[str, ...]:
    column = "support_count" if vote_mode == SUPPORT_MODE else "agree_count"
    return (f"-{column}", "-id")


MOST_SUPPORTED = Ranking(
    card=_card(
        "most_supported",
        _("Most supported"),
        _("Shows first the propositions that the most people back, to see where agreement lies."),
        (
            Factor(_("Supports"), 1.0, _("In a support-only consultation, each support counts 1.")),
            Factor(
                _("Agreements"),
                1.0,
                _(
                    "Where people agree, disagree or pass, each agreement counts 1; disagreements "
                    "and passes do not count here."
                ),
            ),
        ),
        _(
            "Early propositions have had more time to gather support; during the proposing phase "
            "the fair default is the random order."
        ),
        summary=_(
            "Puts first the propositions with the most supports (or agreements). It only counts "
            "votes; it decides nothing about the propositions."
        ),
        alternatives=_(
            "Supports minus disagreements was considered, but support-only consultations have "
            "nothing to subtract; a share of agreements was set aside because it puts a "
            "proposition with one vote on a par with one that has hundreds."
        ),
    ),
    rank=rank_most_supported,
    explanation=_("Propositions with the most supports (or agreements) come first."),
    db_order=_most_supported_order,
)

NEWEST = Ranking(
    card=_card(
        "newest",
        _("Newest"),
        _("Shows the latest propositions first, so that new ideas are seen."),
        (Factor(_("Publication time"), 1.0, _("The more recent, the higher.")),),
        _("Says nothing about quality or support; a burst of propositions pushes others down."),
        summary=_("Puts the latest propositions first."),
        alternatives=_(
            "Ordering by the last change was considered and set aside: editing a proposition "
            "would bring it back to the top."
        ),
    ),
    rank=rank_newest,
    explanation=_("The most recently published propositions come first."),
    db_order=lambda vote_mode: ("-created_at", "-id"),
)

MOST_DISCUSSED = Ranking(
    card=_card(
        "most_discussed",
        _("Most discussed"),
        _("Shows first the propositions with the most comments, where the debate is."),
        (Factor(_("Comments"), 1.0, _("Each comment or reply counts 1, whatever its stance.")),),
        _("A heated exchange between two people counts as much as many voices."),
        summary=_("Puts first the propositions with the most comments."),
        alternatives=_(
            "Weighing comments by their stance or their length was considered and rejected: the "
            "order would then judge what people say."
        ),
    ),
    rank=rank_most_discussed,
    explanation=_("Propositions with the most comments come first."),
    db_order=lambda vote_mode: ("-comment_count", "-id"),
)

TRENDING = Ranking(
    card=_card(
        "trending",
        _("Trending"),
        _("Shows what gathers votes now: votes count less the older the proposition is."),
        (
            Factor(_("Votes"), 1.0, _("All votes: supports, agreements, disagreements, passes.")),
            Factor(
                _("Age in hours"),
                -TRENDING_GRAVITY,
                _(
                    "Score = votes / (age in hours + 2) ^ 1.5. The 2 hours keep a brand-new "
                    "proposition with one vote from jumping to the top."
                ),
            ),
        ),
        _recomputed(
            _(
                "It uses the total number of votes, not when each vote was cast; a proposition "
                "that was popular long ago slowly sinks even if it still receives votes."
            )
        ),
        summary=_(
            "Puts first the propositions that gather votes now; older ones slowly sink, even "
            "popular ones."
        ),
        alternatives=_(
            "Counting only the votes of the last day was considered: it needs the time of every "
            "vote on every page and drops a proposition all at once. A gentle decay with age, "
            "as many news sites use, was chosen instead."
        ),
    ),
    rank=rank_trending,
    explanation=_("Votes divided by the proposition's age: recent and popular come first."),
)

CONTROVERSIAL = Ranking(
    card=_card(
        "controversial",
        _("Controversial"),
        _("Shows first the propositions that divide people, where a debate is most needed."),
        (
            Factor(
                _("Agreements and disagreements"),
                1.0,
                _(
                    "Score = (agreements + disagreements) × smaller side / larger side: high when "
                    "many people voted and both sides are close in number."
                ),
            ),
        ),
        _recomputed(
            _(
                "Only meaningful where people agree or disagree; in a support-only consultation "
                "every score is 0 and the newest propositions come first. Passes are ignored."
            )
        ),
        summary=_("Puts first the propositions on which people are most divided."),
        alternatives=_(
            "The share of disagreements alone was considered; it puts a proposition with a "
            "single disagreement on top, so the number of votes is multiplied in."
        ),
    ),
    rank=rank_controversial,
    explanation=_("Propositions with many votes on both sides, in close numbers, come first."),
)

RANDOM = Ranking(
    card=_card(
        "random",
        _("Random"),
        _(
            "Gives every proposition the same chance to be seen, whenever it was published. It is "
            "the default order while people are still proposing, so early propositions get no "
            "head start."
        ),
        (
            Factor(
                _("Shuffle"),
                1.0,
                _(
                    "Each visitor gets a random number kept in their session; the position of a "
                    "proposition is a hash (SHA-256) of that number and the proposition's id. The "
                    "order stays the same while the visitor turns pages."
                ),
            ),
        ),
        _(
            "Two visitors see different orders, so a shared link does not show the same first "
            "page; a new session gives a new order."
        ),
        summary=_(
            "Shows the propositions in a random order of your own, so that each one has the same "
            "chance to be seen, whenever it was published."
        ),
        alternatives=_(
            "One order shuffled for everyone was considered: the propositions it happened to put "
            "first would keep that advantage. Each visitor gets an order of their own instead."
        ),
        data_sources=(
            *ORDER_DATA,
            _(
                "A random number made for you when you first open a list in this order, kept in "
                "a cookie of your browser; it is not linked to your account."
            ),
        ),
        data_retention=_(
            "The order is not stored. Your random number stays in your browser until you close "
            "it; the server only keeps, in its cache for up to two seconds, the order it gave, "
            "filed under a fingerprint of the number."
        ),
    ),
    rank=rank_random,
    explanation=_("A random order of your own, kept while you browse, fair to every proposition."),
    seeded=True,
)

GROUP_CONSENSUS = Ranking(
    card=AlgorithmCard(
        id="participation.group_consensus",
        version="1.0",
        name=_("Group-informed consensus"),
        purpose=_(
            "Shows first the propositions that every opinion group agrees with, rather than "
            "those that the largest group likes: common ground across the divides."
        ),
        used_in=(
            _("The list of propositions of a consultation"),
            _("The propositions API"),
            _("The results page and the opinion groups API"),
        ),
        inputs=(
            _("The latest opinion groups of the consultation (see the card “Opinion groups”)"),
            _("The agree, disagree and pass votes of each group's members on each proposition"),
        ),
        factors=(
            Factor(
                _("Agreement in every group"),
                1.0,
                _(
                    "Score = the product, over the groups, of (agreements in the group + 1) / "
                    "(votes in the group + 2), passes counting as votes. One group that mostly "
                    "disagrees pulls the score down, however large the others are. A "
                    "proposition published after the groups were computed scores (1/2) to the "
                    "power of the number of groups, as if nobody had voted on it."
                ),
            ),
        ),
        human_oversight=_(
            "Nobody places a proposition by hand. The groups are recomputed in the background "
            "as votes arrive; each computation is kept with its date, its version and its "
            "parameters, and the results page shows the one in use."
        ),
        limits=_recomputed(
            _(
                "Only for consultations where people agree, disagree or pass. Until opinion "
                "groups have been computed (they need enough participants with enough votes), "
                "this order falls back to the most agreed (or supported) propositions first, "
                "and says so. The scores date from the last computation of the groups, a "
                "minute or so behind the latest votes."
            )
        ),
        contact=_("Ask the organisers of the consultation or the platform administrators."),
        changelog=(Change(version="1.0", day=FIRST_DAY, note=_("First version.")),),
        summary=_(
            "Puts first the propositions that every opinion group tends to agree with, so that "
            "common ground shows before what only the largest group likes."
        ),
        owner=_(
            "The Pnyx platform administrators, who maintain this code and answer the debate "
            "attached to this card."
        ),
        decision_type=AUTOMATED,
        deployed_on=FIRST_DAY,
        data_sources=(
            _(
                "The latest opinion groups of the consultation: how many members of each group "
                "agreed with and voted on each proposition, counted from the stored votes. No "
                "one's identity is used, only the counts."
            ),
        ),
        data_retention=_(
            "Every computation of the groups is kept, with its scores, as long as the "
            "consultation; the order itself is computed again for each page."
        ),
        impact_assessment=_(
            "Low for each person: an order decides what is seen first, never what is accepted "
            "or answered. This one favours what all groups accept over what one large group "
            "backs, which is a choice: it is never the default, and the other orders stay one "
            "click away."
        ),
        risks=(
            Risk(
                _(
                    "Groups computed from few votes can be noise, and the order then follows "
                    "arbitrary groups."
                ),
                _(
                    "Groups need enough participants with enough votes; the results page shows "
                    "how their number was chosen; until they exist the order falls back to "
                    "agreements and says so."
                ),
            ),
            Risk(
                _("A small group weighs as much as a large one and can hold a proposition down."),
                _(
                    "That is the point of the measure, stated on this card; the results page "
                    "shows each group's agreements on each proposition of common ground."
                ),
            ),
            Risk(
                _("Someone votes with many accounts to form a group of their own."),
                _(
                    "One vote per person and proposition, enforced by the database; voting needs "
                    "a confirmed e-mail address; moderators hide abuse, with a public reason."
                ),
            ),
        ),
        alternatives=_(
            "The mean of the groups' agreement rates was considered: one group's strong support "
            "would hide another group's rejection. The product, as in Pol.is's group-aware "
            "consensus, is high only when every group agrees; the +1 and +2 (Laplace "
            "smoothing) keep a group with few votes from deciding alone."
        ),
        appeal=_(
            "Each proposition in the list has a “why here?” link with its score. If something "
            "looks wrong, say so in the debate attached to this card or tell the consultation's "
            "moderators: a platform administrator recomputes the groups from the stored votes "
            "(the same votes always give the same groups) and answers publicly."
        ),
        source="pnyx/participation/opinion_groups.py",
    ),
    rank=rank_group_consensus,
    explanation=_(
        "Propositions that every opinion group tends to agree with come first (group-informed "
        "consensus)."
    ),
    uses_groups=True,
    fallback_explanation=_(
        "No opinion groups have been computed for this consultation yet (they need enough "
        "participants who agree, disagree or pass), so this order shows the most agreed (or "
        "supported) propositions first for now."
    ),
)

RANKINGS: dict[str, Ranking] = {
    ranking.id: ranking
    for ranking in (
        MOST_SUPPORTED,
        NEWEST,
        TRENDING,
        MOST_DISCUSSED,
        CONTROVERSIAL,
        RANDOM,
        GROUP_CONSENSUS,
    )
}


def find_ranking(name: str) -> Ranking | None:
    """The ranking named by its id (`participation.newest`) or its short name (`newest`)."""
    if not name:
        return None
    return RANKINGS.get(name) or RANKINGS.get(f"participation.{name}")


def default_ranking(*, proposing_open: bool) -> Ranking:
    """Random while people propose (no head start), most supported afterwards."""
    return RANDOM if proposing_open else MOST_SUPPORTED


#: The opinion groups of agree/disagree/pass consultations (`pnyx.participation.opinion_groups`,
#: whose constants the texts below quote: a test keeps them in step).
OPINION_GROUPS = AlgorithmCard(
    id="participation.opinion_groups",
    version="1.0",
    kind="groups",
    name=_("Opinion groups"),
    purpose=_(
        "Shows the main currents of opinion in a consultation where people agree, disagree or "
        "pass: a map where people who vote alike sit close together, the groups they form, "
        "the propositions that set each group apart, and those that every group agrees with."
    ),
    used_in=(
        _("The results page of a consultation (map and tables)"),
        _("The opinion groups API"),
        _("The order “Group-informed consensus”"),
    ),
    inputs=(
        _(
            "Each participant's latest vote on each listed proposition: agree (+1), disagree "
            "(−1) or pass (0). Hidden and withdrawn propositions are left out."
        ),
    ),
    factors=(
        Factor(
            _("Map"),
            1.0,
            _(
                "A proposition nobody voted on counts as its average vote. The first two "
                "principal components of the votes (a principal component analysis) give each "
                "participant a position: people who vote alike sit close together. Someone who "
                "voted on few propositions stays near the centre."
            ),
        ),
        Factor(
            _("Who is grouped"),
            1.0,
            _(
                "Participants with at least 7 votes (or as many as there are propositions, when "
                "there are fewer), or, when fewer than 15 qualify, the 15 most active."
            ),
        ),
        Factor(
            _("Number of groups"),
            1.0,
            _(
                "k-means on the map for 2 groups, 3, and so on up to 5 (at most 2 groups plus "
                "one per 12 grouped participants), each from 50 seeded starts. Each number of "
                "groups gets its silhouette (how much closer people are to their own group than "
                "to the next one, from −1 to 1, measured on a fixed sample of 3,000 people when "
                "there are more). The chosen number is the smallest whose silhouette is within "
                "0.02 of the best one: more groups only when they describe opinions clearly "
                "better. Groups are named A, B, C… from the largest."
            ),
        ),
        Factor(
            _("Representative propositions"),
            1.0,
            _(
                "For a group and a direction (agree or disagree): p = (votes in that direction "
                "in the group + 1) / (votes in the group + 2), and q the same among the other "
                "groups' members. A proposition represents the group when p is above 1/2 and a "
                "two-proportion z-test says p is higher than q (confidence 90 %, z ≥ 1.28); the "
                "five with the highest p / q are shown."
            ),
        ),
        Factor(
            _("Group-informed consensus"),
            1.0,
            _(
                "For each proposition, the product over the groups of (agreements + 1) / "
                "(votes + 2): high only when every group agrees."
            ),
        ),
    ),
    human_oversight=_(
        "Nobody assigns people to groups by hand. The groups are recomputed in the background "
        "about a minute after votes arrive; every computation is kept with its date, version, "
        "parameters and the silhouette of each number of groups, so anyone can check the "
        "choice. The same votes always give the same groups (fixed random seeds)."
    ),
    limits=_(
        "The map keeps two dimensions of opinion and loses the rest; groups describe voting "
        "patterns, not people, and small groups can be noise. People who voted on few "
        "propositions are placed on the map but not grouped. Compared with Pol.is's own groups "
        "on public conversations, the agreement (adjusted Rand index) is high where the "
        "conversation has clear camps and low on very small ones."
    ),
    contact=_("Ask the organisers of the consultation or the platform administrators."),
    changelog=(Change(version="1.0", day=FIRST_DAY, note=_("First version.")),),
    summary=_(
        "Places participants on a map by how they vote, finds the groups they form, and shows "
        "what sets each group apart and what all of them agree on."
    ),
    owner=_(
        "The Pnyx platform administrators, who maintain this code and answer the debate "
        "attached to this card."
    ),
    decision_type=AUTOMATED,
    deployed_on=FIRST_DAY,
    data_sources=(
        _(
            "Each participant's latest agree, disagree or pass vote on each listed proposition, "
            "read from the stored votes. The computation knows people only by a number; results "
            "show them under the id of the tool they were imported from or the pseudonym of the "
            "anonymised vote export, never by name."
        ),
    ),
    data_retention=_(
        "Every computation is kept as long as the consultation: its groups, representative "
        "propositions and consensus scores; each participant's position and group only in the "
        "five latest computations."
    ),
    impact_assessment=_(
        "Low for each person: a group describes voting patterns shown with the results; it "
        "decides nothing about anyone and changes no vote. But being put in a group can feel "
        "like a label: pages name groups by letters only and never show who is in which."
    ),
    risks=(
        Risk(
            _(
                "Groups can be artefacts of the method (two dimensions, k-means) rather than real "
                "currents of opinion, above all with few participants."
            ),
            _(
                "Every computation publishes the silhouette of each number of groups tried; "
                "fewer groups are kept unless more are clearly better; this card states the "
                "limits and how the groups compare with Pol.is's."
            ),
        ),
        Risk(
            _("Someone is singled out by where they sit on the map."),
            _(
                "The map shows marks without names, and only a sample of them in large "
                "consultations; the API lists members under pseudonyms or imported ids."
            ),
        ),
        Risk(
            _("Many accounts vote together to make a group appear."),
            _(
                "One vote per person and proposition, enforced by the database; voting needs "
                "a confirmed e-mail address; moderators hide abuse, with a public reason."
            ),
        ),
    ),
    alternatives=_(
        "Pol.is's own method was followed (principal components, k-means, silhouette) and "
        "compared with Pol.is's groups on three public conversations. Two choices differ: "
        "participants who voted little are not pushed away from the centre of the map (on those "
        "conversations this agreed better with Pol.is's groups), and more groups must beat fewer "
        "by a published margin, where Pol.is smooths the number of groups over time. Clustering "
        "in more dimensions and hierarchical clustering were tried and agreed less."
    ),
    appeal=_(
        "The results page shows the map, the groups and the numbers behind each representative "
        "proposition, and the API every computation's parameters. If something looks wrong, say "
        "so in the debate attached to this card or tell the consultation's moderators: a "
        "platform administrator recomputes the groups from the stored votes (the same votes "
        "always give the same groups) and answers publicly."
    ),
    source="pnyx/participation/opinion_groups.py",
)


def register_cards() -> None:
    """Publish every ranking's card and the opinion groups' card in the register (idempotent)."""
    for ranking in RANKINGS.values():
        register(ranking.card)
    register(OPINION_GROUPS)


register_cards()
