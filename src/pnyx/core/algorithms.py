"""The algorithm registry: every function that ranks, recommends, groups, scores or selects.

An app declares each such algorithm with a card (what it is for, its inputs, factors and weights,
human oversight, changelog, and the fields of the UK Algorithmic Transparency Recording Standard
that fit: owner, summary in plain words, kind of decision, data, risks, alternatives, appeal) in
its own `algorithms.py`, registered when the app is ready. The public register at /algorithms/
shows every card, and each output names the algorithm and version behind it (`AlgorithmOutput`),
so a page can link to the card that explains it.

An algorithm can also register an explainer (`register_explainer`): given one item it produced
(a proposition in an order, an organisation in the directory), it says where the item landed and
what each factor contributed (`Explanation`), for the "why" pages.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Text = str | Promise

#: What an algorithm does with what it is given (`AlgorithmCard.kind`).
KINDS: dict[str, Text] = {
    "ranks": _("Orders items"),
    "recommends": _("Recommends items"),
    "groups": _("Forms groups"),
    "scores": _("Gives scores"),
    "selects": _("Selects items"),
}

#: How an algorithm's result is used (ATRS "decision-making process").
AUTOMATED = "automated"
ADVISORY = "advisory"
DECISION_TYPES: dict[str, Text] = {
    AUTOMATED: _("Automated: applied as it comes out, no person reviews each result"),
    ADVISORY: _("Advisory: a person decides, with the result as one piece of information"),
}

#: Where an algorithm stands in its life (ATRS "phase").
PILOT = "pilot"
IN_USE = "production"
RETIRED = "retired"
PHASES: dict[str, Text] = {
    PILOT: _("Pilot: tried on a part of the platform"),
    IN_USE: _("In use"),
    RETIRED: _("Retired: no longer used"),
}


@dataclass(frozen=True)
class Factor:
    """One input that moves an item up or down, with its weight in the final score."""

    name: Text
    weight: float
    description: Text


@dataclass(frozen=True)
class Change:
    """One entry of an algorithm's changelog."""

    version: str
    day: date
    note: Text


@dataclass(frozen=True)
class Risk:
    """A way the algorithm could harm or mislead, and what is done about it."""

    risk: Text
    mitigation: Text


@dataclass(frozen=True)
class AlgorithmCard:
    """The public description of a registered algorithm.

    The fields after `kind` follow the UK Algorithmic Transparency Recording Standard where it
    fits; they default to empty ("not stated yet" on the page) so that a card can be registered
    before they are written.
    """

    id: str
    version: str
    name: Text
    purpose: Text
    used_in: tuple[Text, ...]
    inputs: tuple[Text, ...]
    factors: tuple[Factor, ...]
    human_oversight: Text
    limits: Text
    contact: Text
    changelog: tuple[Change, ...] = field(default=())
    kind: str = "ranks"
    #: In one or two plain sentences, for someone who reads nothing else (ATRS tier 1).
    summary: Text = ""
    #: Who answers for it: the organisation or team that decides how it works.
    owner: Text = ""
    #: One of DECISION_TYPES.
    decision_type: str = ""
    #: One of PHASES.
    phase: str = IN_USE
    deployed_on: date | None = None
    #: Where its inputs come from, and whether any is personal data.
    data_sources: tuple[Text, ...] = ()
    #: How long those inputs are kept, and by whom.
    data_retention: Text = ""
    #: The impact assessment: who is affected and how much is at stake.
    impact_assessment: Text = ""
    risks: tuple[Risk, ...] = ()
    #: Other ways that were considered, and why this one was chosen.
    alternatives: Text = ""
    #: How a person questions a result and gets a human to look at it.
    appeal: Text = ""
    #: Where its code lives (a module path), so anyone can read it.
    source: str = ""

    @property
    def slug(self) -> str:
        return self.id.replace(".", "-")

    @property
    def history(self) -> tuple[Change, ...]:
        """The changelog, newest first (entries of the same day: the one listed last first)."""
        ordered = sorted(enumerate(self.changelog), key=lambda entry: (entry[1].day, entry[0]))
        return tuple(change for _index, change in reversed(ordered))

    @property
    def kind_label(self) -> Text:
        return KINDS.get(self.kind, self.kind)

    @property
    def decision_label(self) -> Text:
        return DECISION_TYPES.get(self.decision_type, "")

    @property
    def phase_label(self) -> Text:
        return PHASES.get(self.phase, "")

    def output(self) -> "AlgorithmOutput":
        """A label for something this algorithm produced, in its current version."""
        return AlgorithmOutput(algorithm_id=self.id, version=self.version, card=self)


@dataclass(frozen=True)
class AlgorithmOutput:
    """Shown beside an order, a recommendation or a score: which algorithm, which version."""

    algorithm_id: str
    version: str
    card: AlgorithmCard


class AlgorithmAlreadyRegistered(ValueError):
    pass


_registry: dict[str, AlgorithmCard] = {}


def register(card: AlgorithmCard) -> AlgorithmCard:
    """Add a card to the register; ids are unique across the project.

    ValueError for a decision type or phase that is not one of DECISION_TYPES or PHASES.
    """
    if card.decision_type and card.decision_type not in DECISION_TYPES:
        raise ValueError(f"{card.id}: unknown decision type {card.decision_type!r}.")
    if card.phase not in PHASES:
        raise ValueError(f"{card.id}: unknown phase {card.phase!r}.")
    existing = _registry.get(card.id)
    if existing is not None and existing != card:
        raise AlgorithmAlreadyRegistered(f"An algorithm {card.id!r} is already registered.")
    _registry[card.id] = card
    return card


def get(algorithm_id: str) -> AlgorithmCard:
    """The card of a registered algorithm; KeyError for an unknown id."""
    return _registry[algorithm_id]


def get_by_slug(slug: str) -> AlgorithmCard | None:
    return next((card for card in _registry.values() if card.slug == slug), None)


def all_cards() -> Iterator[AlgorithmCard]:
    """Every registered card, ordered by id."""
    return iter(sorted(_registry.values(), key=lambda card: card.id))


@dataclass(frozen=True)
class Contribution:
    """One factor's part in one item's result: its value for the item and what it did.

    `contribution` is the amount it added to the score when the score is a sum, or words saying
    what it did when it is not (a divisor, a tie-breaker); None when it played no part.
    """

    label: Text
    value: float | Text
    contribution: float | Text | None = None


@dataclass(frozen=True)
class Explanation:
    """Why one item came out where it did: the algorithm and version, each factor's part, the
    score and the item's place (1 for the first) among `out_of` items."""

    card: AlgorithmCard
    item_label: Text
    item_url: str
    factors: tuple[Contribution, ...]
    score: float | None = None
    position: int | None = None
    out_of: int | None = None
    #: The score's computation written out with this item's numbers.
    formula: Text = ""
    notes: tuple[Text, ...] = ()
    #: The list the item appears in, at the page where it stands.
    list_url: str = ""
    #: The page's question when "Why is this item here?" does not fit (a person's own group).
    question: Text = ""
    #: The version that produced a stored output, when it may not be the card's current one.
    output_version: str = ""

    @property
    def version(self) -> str:
        return self.output_version or self.card.version


@dataclass(frozen=True)
class ExplainContext:
    """What an explainer may read besides the item: who asks (to check what they may see), the
    query parameters that shaped the list they saw (filters), and their cookies (a visitor's
    own shuffle seed)."""

    viewer: Any
    params: Mapping[str, str] = field(default_factory=dict)
    cookies: Mapping[str, str] = field(default_factory=dict)


#: Takes an item's id; returns None when there is no such item or the viewer may not see it.
Explainer = Callable[[int, ExplainContext], Explanation | None]

_explainers: dict[str, Explainer] = {}


def register_explainer(algorithm_id: str, explain: Explainer) -> None:
    """Let the "why" pages explain the outputs of a registered algorithm (KeyError if unknown)."""
    get(algorithm_id)
    _explainers[algorithm_id] = explain


def explainer(algorithm_id: str) -> Explainer | None:
    """The registered explainer of an algorithm, or None when its outputs have none."""
    return _explainers.get(algorithm_id)
