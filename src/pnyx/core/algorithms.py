"""The algorithm registry: every function that ranks, recommends, groups, scores or selects.

An app declares each such algorithm with a card (what it is for, its inputs, factors and weights,
human oversight, changelog) in its own `algorithms.py`, registered when the app is ready. The public
register at /algorithms/ shows every card, and each output names the algorithm and version behind it
(`AlgorithmOutput`), so a page can link to the card that explains it.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.utils.functional import Promise

Text = str | Promise


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
class AlgorithmCard:
    """The public description of a registered algorithm."""

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

    @property
    def slug(self) -> str:
        return self.id.replace(".", "-")

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
    """Add a card to the register; ids are unique across the project."""
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
