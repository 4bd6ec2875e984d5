"""The orders in which a consultation lists its propositions, as registered algorithms.

Each ranking is a pure function over plain rows (`RankingRow`): it returns every row's id in
order, with its score and the contribution of each factor, so a page can say why an item sits
where it does and anyone holding the open-data export can recompute the order. The selector uses
an equivalent database ordering for the rankings that sort by one indexed counter (`db_order`);
the others are computed here over a few columns of every proposition, then only the page's rows
are fetched. A test proves that both paths give the same order.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pnyx.core.algorithms import AlgorithmCard, Change, Factor, register

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
class RankingContext:
    """What a ranking may depend on besides the rows: the time, the visitor's seed, the mode."""

    now: datetime
    seed: str = ""
    vote_mode: str = SUPPORT_MODE


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


@dataclass(frozen=True)
class Ranking:
    """A registered ranking: its card, its pure function and, when it has one, its SQL order."""

    card: AlgorithmCard
    rank: RankFunction
    explanation: str | Promise
    db_order: Callable[[str], tuple[str, ...]] | None = None
    #: The order depends on the visitor's seed (the random order), not only on the rows.
    seeded: bool = False

    @property
    def id(self) -> str:
        return self.card.id

    @property
    def short_name(self) -> str:
        return self.card.id.removeprefix("participation.")


def _card(
    name: str,
    title: str | Promise,
    purpose: str | Promise,
    factors: tuple[Factor, ...],
    limits: str | Promise,
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
    ),
    rank=rank_random,
    explanation=_("A random order of your own, kept while you browse, fair to every proposition."),
    seeded=True,
)

RANKINGS: dict[str, Ranking] = {
    ranking.id: ranking
    for ranking in (MOST_SUPPORTED, NEWEST, TRENDING, MOST_DISCUSSED, CONTROVERSIAL, RANDOM)
}


def find_ranking(name: str) -> Ranking | None:
    """The ranking named by its id (`participation.newest`) or its short name (`newest`)."""
    if not name:
        return None
    return RANKINGS.get(name) or RANKINGS.get(f"participation.{name}")


def default_ranking(*, proposing_open: bool) -> Ranking:
    """Random while people propose (no head start), most supported afterwards."""
    return RANDOM if proposing_open else MOST_SUPPORTED


def register_cards() -> None:
    """Publish every ranking's card in the algorithm register (idempotent)."""
    for ranking in RANKINGS.values():
        register(ranking.card)


register_cards()
