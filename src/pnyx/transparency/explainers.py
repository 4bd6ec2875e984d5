"""The "why" of each registered order: where one item stands and what each factor did for it.

Each explainer reads the rows the page reads and ranks them with the same registered pure function
(a consultation's rankings in `pnyx.participation.algorithms`, the directory's rule in
`pnyx.orgs.algorithms`), then reports the item's place, its score and each factor's part. The
random order is explained with the visitor's own seed, read from their cookie and never shown;
nobody else's seed is ever used.
"""

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pnyx.core import algorithms
from pnyx.core.algorithms import Contribution, ExplainContext, Explanation
from pnyx.orgs import selectors as orgs
from pnyx.orgs.algorithms import DIRECTORY_CARD, DirectoryEntry, name_sort_key, order_directory
from pnyx.orgs.forms import DirectoryFilterForm
from pnyx.participation.algorithms import (
    FACTOR_LABELS,
    OPINION_GROUPS,
    RANKINGS,
    TRENDING_GRAVITY,
    TRENDING_OFFSET_HOURS,
    RankedItem,
    Ranking,
    RankingContext,
)
from pnyx.participation.models import Proposition, PropositionStatus
from pnyx.participation.selectors import propositions
from pnyx.participation.selectors.opinion_groups import group_consensus
from pnyx.participation.selectors.ranked import PAGE_SIZE, listed_propositions, ranking_rows
from pnyx.participation.views.propositions import SEED_COOKIE, SEED_FORMAT

Described = tuple[tuple[Contribution, ...], str | Promise]

TIE_NOTE = _("Propositions with the same score are placed newest first.")
RANDOM_NOTES = (
    _(
        "This order is yours alone: your browser keeps a random number, and each proposition's "
        "place comes from a hash of that number and the proposition's number. Nobody else's "
        "number is used here, and yours is never shown."
    ),
    _("Another visitor, or you in a new browser session, sees another order."),
)
NO_SEED_NOTE = _(
    "You have not opened this consultation in the random order yet, so you have no order of "
    "your own to place it in. Open the list in that order, then come back."
)
NOT_IN_LIST_NOTE = _(
    "It does not match the search or filters given, so that list does not show it."
)


def figure(value: float) -> str:
    """A number as the "why" pages print it: rounded to three decimals, without trailing zeros,
    with the decimal separator of the active language (2.5, not 2.500)."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return str(formats.number_format(Decimal(text) + 0))  # + 0 turns "-0" into "0"


def _label(name: str) -> str | Promise:
    return FACTOR_LABELS.get(name, name)


def _counted(item: RankedItem) -> Described:
    """One counter, weight 1: the score is the count itself."""
    factors = tuple(Contribution(_label(name), value, value) for name, value in item.factors)
    value = item.factors[0][1] if item.factors else 0
    formula = _("%(count)s × 1 = %(score)s") % {
        "count": figure(value),
        "score": figure(item.score),
    }
    return factors, formula


def _newest(item: RankedItem) -> Described:
    hours = dict(item.factors).get("age_hours", 0.0)
    factors = (Contribution(_label("age_hours"), hours, _("the fewer, the higher")),)
    formula = _("Published %(hours)s hours ago: the more recent, the higher.") % {
        "hours": figure(hours)
    }
    return factors, formula


def _trending(item: RankedItem) -> Described:
    values = dict(item.factors)
    votes, hours = values.get("votes", 0), values.get("age_hours", 0.0)
    decay = (hours + TRENDING_OFFSET_HOURS) ** TRENDING_GRAVITY
    numbers = {
        "votes": figure(votes),
        "hours": figure(hours),
        "offset": figure(TRENDING_OFFSET_HOURS),
        "gravity": figure(TRENDING_GRAVITY),
        "decay": figure(decay),
        "score": figure(item.score),
    }
    factors = (
        Contribution(_label("votes"), votes, _("divided by the next line")),
        Contribution(
            _label("age_hours"),
            hours,
            _("divides by (%(hours)s + %(offset)s) ^ %(gravity)s = %(decay)s") % numbers,
        ),
    )
    formula = _("%(votes)s ÷ (%(hours)s + %(offset)s) ^ %(gravity)s = %(score)s") % numbers
    return factors, formula


def _controversial(item: RankedItem) -> Described:
    values = dict(item.factors)
    agree, disagree = values.get("agreements", 0), values.get("disagreements", 0)
    low, high = min(agree, disagree), max(agree, disagree)
    effect = _("adds to the %(total)s votes counted") % {"total": figure(agree + disagree)}
    factors = (
        Contribution(_label("agreements"), agree, effect),
        Contribution(_label("disagreements"), disagree, effect),
    )
    if high == 0:
        return factors, _("Nobody agreed or disagreed yet, so the score is 0.")
    formula = _("(%(agree)s + %(disagree)s) × %(low)s ÷ %(high)s = %(score)s") % {
        "agree": figure(agree),
        "disagree": figure(disagree),
        "low": figure(low),
        "high": figure(high),
        "score": figure(item.score),
    }
    return factors, formula


def _group_consensus(item: RankedItem) -> Described:
    groups = dict(item.factors).get("groups")
    if groups is None:  # no opinion groups yet: ranked as the most supported order
        return _counted(item)
    factors = (Contribution(_label("groups"), groups, _("one factor per group, multiplied")),)
    formula = _(
        "The product, over the %(groups)s groups, of (agreements in the group + 1) ÷ (votes in "
        "the group + 2) = %(score)s"
    ) % {"groups": figure(groups), "score": figure(item.score)}
    return factors, formula


DESCRIBE: dict[str, Callable[[RankedItem], Described]] = {
    "participation.most_supported": _counted,
    "participation.most_discussed": _counted,
    "participation.newest": _newest,
    "participation.trending": _trending,
    "participation.controversial": _controversial,
    "participation.group_consensus": _group_consensus,
}


def _visitor_seed(context: ExplainContext) -> str:
    seed = context.cookies.get(SEED_COOKIE, "")
    return seed if SEED_FORMAT.fullmatch(seed) else ""


def _ranking_notes(ranking: Ranking, context: RankingContext) -> tuple[str | Promise, ...]:
    said = ranking.explain(context)  # differs from the usual text when the order fell back
    return (TIE_NOTE,) if said is ranking.explanation else (said, TIE_NOTE)


def _listed(proposition: Proposition) -> bool:
    return proposition.status == PropositionStatus.PUBLISHED and proposition.hidden_at is None


def _list_url(
    proposition: Proposition, ranking: Ranking, question_id: int | None, position: int | None
) -> str:
    query: dict[str, object] = {"order": ranking.short_name}
    if question_id is not None:
        query["question"] = question_id
    if position is not None:
        query["page"] = (position - 1) // PAGE_SIZE + 1
    return f"{proposition.process.get_absolute_url()}?{urlencode(query)}"


def explain_proposition(
    ranking: Ranking, item_id: int, context: ExplainContext
) -> Explanation | None:
    """A proposition's place in its consultation's list under `ranking`: the whole list, or the
    question given as `question` (when it is the proposition's own). None for a proposition the
    viewer may not see (one of a draft) and for one the list does not show (hidden, withdrawn)."""
    try:
        proposition = propositions.proposition_get_visible(pk=item_id, user=context.viewer)
    except Http404:
        return None
    if not _listed(proposition):
        return None
    question = context.params.get("question", "")
    question_id = proposition.question_id if question == str(proposition.question_id) else None
    seed = _visitor_seed(context) if ranking.seeded else ""
    if ranking.seeded and not seed:
        return Explanation(
            card=ranking.card,
            item_label=proposition.title,
            item_url=proposition.get_absolute_url(),
            factors=(),
            notes=(*RANDOM_NOTES, NO_SEED_NOTE),
            list_url=_list_url(proposition, ranking, question_id, None),
        )
    process = proposition.process
    consensus = group_consensus(process=process) if ranking.uses_groups else None
    rank_context = RankingContext(
        now=timezone.now(), seed=seed, vote_mode=process.vote_mode, consensus=consensus
    )
    rows = ranking_rows(listed_propositions(process=process, question_id=question_id))
    ordered = ranking.rank(rows, rank_context)
    found = [(place, item) for place, item in enumerate(ordered, 1) if item.id == proposition.pk]
    if not found:  # hidden or withdrawn between the two reads
        return None
    position, item = found[0]
    factors, formula = DESCRIBE[ranking.id](item) if not ranking.seeded else ((), "")
    return Explanation(
        card=ranking.card,
        item_label=proposition.title,
        item_url=proposition.get_absolute_url(),
        factors=factors,
        # The newest order's score is a timestamp, which says less than the age shown.
        score=None if ranking.seeded or ranking.id == "participation.newest" else item.score,
        position=position,
        out_of=len(ordered),
        formula=formula,
        notes=RANDOM_NOTES if ranking.seeded else _ranking_notes(ranking, rank_context),
        list_url=_list_url(proposition, ranking, question_id, position),
    )


def _directory_filters(context: ExplainContext) -> dict[str, str]:
    data = QueryDict(mutable=True)
    data.update({name: context.params.get(name, "") for name in ("q", "kind", "country", "topic")})
    form = DirectoryFilterForm(data, used_countries=orgs.organisation_countries())
    return form.filters()


def explain_organisation(item_id: int, context: ExplainContext) -> Explanation | None:
    """An organisation's place in the directory with the search and filters given (`q`, `kind`,
    `country`, `topic`, as on the directory page); None for an unknown organisation."""
    organisation = orgs.organisation_get_by_id(pk=item_id)
    if organisation is None:
        return None
    filters = _directory_filters(context)
    matching = orgs.organisation_list(**filters)
    searching = "search_rank" in matching.query.annotations
    columns = ("pk", "name", "search_rank") if searching else ("pk", "name")
    entries = [
        DirectoryEntry(id=row[0], name=row[1], search_rank=row[2] if searching else None)
        for row in matching.order_by().values_list(*columns)
    ]
    ordered = order_directory(entries, searching=searching)
    places = {entry.id: (place, entry) for place, entry in enumerate(ordered, 1)}
    position, entry = places.get(organisation.pk, (None, None))
    relevance, name, registration = DIRECTORY_CARD.factors
    factors = []
    if searching:
        rank = entry.search_rank + 1 if entry and entry.search_rank is not None else _("no match")
        factors.append(Contribution(relevance.name, rank, _("decides first; 1 is the best match")))
    name_part = _("breaks ties in relevance") if searching else _("decides the order")
    factors.append(Contribution(name.name, name_sort_key(organisation.name), name_part))
    factors.append(Contribution(registration.name, organisation.pk, _("breaks ties in names")))
    query = {key: value for key, value in filters.items() if value}
    if position is not None:
        query["page"] = str((position - 1) // settings.PNYX_PAGE_SIZE + 1)
    return Explanation(
        card=DIRECTORY_CARD,
        item_label=organisation.name,
        item_url=organisation.get_absolute_url(),
        factors=tuple(factors),
        position=position,
        out_of=len(ordered),
        notes=() if position is not None else (NOT_IN_LIST_NOTE,),
        list_url=f"{reverse('orgs:organisation-list')}?{urlencode(query)}".rstrip("?"),
    )


def register_explainers() -> None:
    """Give every consultation ranking, the directory order and the opinion groups their "why"
    pages."""
    for ranking in RANKINGS.values():
        if ranking.seeded or ranking.id in DESCRIBE:
            algorithms.register_explainer(ranking.id, partial(explain_proposition, ranking))
    algorithms.register_explainer(DIRECTORY_CARD.id, explain_organisation)
    from pnyx.transparency import group_explainers  # it borrows `figure` from this module

    algorithms.register_explainer(OPINION_GROUPS.id, group_explainers.explain_opinion_groups)
    from pnyx.transparency.catalog_explainers import explain_catalog_item

    algorithms.register_explainer("toolbox.catalog", explain_catalog_item)
    from pnyx.toolbox.recommender_card import RECOMMENDER_ID
    from pnyx.toolbox.recommender_explainer import explain_recommendation

    algorithms.register_explainer(RECOMMENDER_ID, explain_recommendation)
