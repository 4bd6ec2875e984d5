"""The cards of the process page, with their texts formatted once in Python.

A page shows twenty cards. Written with template tags (`blocktranslate` with plurals, `date`,
`floatformat`, `url`), each card cost about 0.2 ms to render, most of the page's time; the same
texts from the same translation strings and formatting functions cost a few microseconds here.
includes/proposition_card.html keeps the markup and only prints these values.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from pnyx.core import algorithms
from pnyx.participation.algorithms import RankedItem, Ranking
from pnyx.participation.models import Proposition
from pnyx.participation.selectors.ranked import PropositionPage


@dataclass(slots=True)
class Card:
    """What one card shows, ready to print."""

    proposition: Proposition
    title: str
    threshold_reached: bool
    url: str
    author_name: str
    created_iso: str
    created_text: str
    counts: SafeString
    vote_label: str
    why: str  # "Why here: supports 3, … · score 0.125", empty when the order has no factors
    why_url: str  # the page explaining this card's place, empty when the order has none


def url_of_pk(view_name: str) -> Callable[[int], str]:
    """The URL of `view_name` for any pk, reversed once for a whole list rather than per item."""
    marker = 987654321987654321
    prefix, _, suffix = reverse(view_name, kwargs={"pk": marker}).partition(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def why_url_of(ranking: Ranking, question_id: int | None) -> Callable[[int], str]:
    """The URL of the page that explains a proposition's place in this order (and question),
    reversed once for a whole list; empty for an order whose outputs have no explanation."""
    if algorithms.explainer(ranking.id) is None:
        return lambda pk: ""
    marker = 987654321987654321
    kwargs = {"slug": ranking.card.slug, "item": marker}
    prefix, _, suffix = reverse("transparency:algorithm-why", kwargs=kwargs).partition(str(marker))
    query = "" if question_id is None else f"?question={question_id}"
    return lambda pk: f"{prefix}{pk}{suffix}{query}"


def _count(value: int) -> str:
    """An integer as templates print it: `localize` only changes it with thousand separators."""
    return formats.number_format(value) if settings.USE_THOUSAND_SEPARATOR else str(value)


def _translated(message: str, **values: int) -> SafeString:
    """Like `blocktranslate`: the translation as written, the values localised (numbers only, so
    nothing to escape)."""
    return mark_safe(message % {name: _count(value) for name, value in values.items()})  # noqa: S308


def counts_text(proposition: Proposition, *, support_mode: bool) -> SafeString:
    """The counts line ("3 supports · 1 comment", or agree · disagree · pass), translated."""
    if support_mode:
        count = proposition.support_count
        votes = _translated(
            ngettext("%(counter)s support", "%(counter)s supports", count), counter=count
        )
    else:
        votes = _translated(
            gettext("%(agree)s agree · %(disagree)s disagree · %(passes)s pass"),
            agree=proposition.agree_count,
            disagree=proposition.disagree_count,
            passes=proposition.pass_count,
        )
    count = proposition.comment_count
    comments = _translated(
        ngettext("%(counter)s comment", "%(counter)s comments", count), counter=count
    )
    return mark_safe(f"{votes} · {comments}")  # noqa: S308 - both parts are safe strings


def _counters(proposition: Proposition) -> tuple[int, ...]:
    return (
        proposition.support_count,
        proposition.agree_count,
        proposition.disagree_count,
        proposition.pass_count,
        proposition.comment_count,
    )


def _number(value: float) -> str:
    """`floatformat:"-1"` (one decimal when there is one), taking the short way for integers."""
    if isinstance(value, int):
        return _count(value)
    return str(floatformat(value, "-1"))


def _why(proposition: Proposition, score: float | None) -> str:
    """The "why here" line: the factors, and the score for the orders computed in Python."""
    labelled = getattr(proposition, "why", [])
    if not labelled:
        return ""
    factors = ", ".join(f"{name} {_number(value)}" for name, value in labelled)
    why = f"{gettext('Why here:')} {factors}"
    return why if score is None else f"{why} · {gettext('score')} {floatformat(score, 3)}"


def cards_of(listing: PropositionPage, *, question_id: int | None = None) -> list[Card]:
    """The cards of a page of the ranked list (see `selectors.ranked.proposition_page`), listed
    for the question `question_id` (None: every question)."""
    url_of = url_of_pk("participation:proposition-detail")
    why_url = why_url_of(listing.ranking, question_id)
    deleted = gettext("Deleted participant")
    # The cards of a page often share their day and their counts: each text is made once.
    days: dict[date, str] = {}
    counts: dict[tuple[int, ...], SafeString] = {}
    cards = []
    for proposition in listing.page.object_list:
        item: RankedItem | None = getattr(proposition, "ranked", None)
        created = timezone.localtime(proposition.created_at)
        day = created.date()
        if day not in days:
            days[day] = formats.date_format(created, "DATE_FORMAT")
        numbers = _counters(proposition)
        if numbers not in counts:
            counts[numbers] = counts_text(proposition, support_mode=listing.support_mode)
        cards.append(
            Card(
                proposition=proposition,
                title=proposition.title,
                threshold_reached=proposition.threshold_reached_at is not None,
                url=url_of(proposition.pk),
                author_name=proposition.author.public_name if proposition.author else deleted,
                created_iso=created.isoformat(),  # what the `date:"c"` filter writes
                created_text=days[day],
                counts=counts[numbers],
                vote_label=getattr(proposition, "viewer_vote_label", ""),
                why=_why(proposition, item.score if item and listing.show_score else None),
                why_url=why_url(proposition.pk),
            )
        )
    return cards
