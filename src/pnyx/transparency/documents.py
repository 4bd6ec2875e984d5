"""The register as data: the JSON files at /algorithms.json and /algorithms/<slug>.json, and the
bodies of the API's /api/v1/algorithms.

Format "pnyx.algorithm-register", version 1 (fields are only ever added; a change in meaning
gets a new `format_version`):

    {"format": "pnyx.algorithm-register", "format_version": 1, "language": "en",
     "algorithms": [<card>, ...]}                       (one card: "pnyx.algorithm-card",
                                                         with "algorithm": <card>)

A card holds, in this order: id, slug, version (in use), name, kind, summary, purpose, owner,
decision_type ("automated", "advisory" or ""), phase ("pilot", "production", "retired"),
deployed_on (ISO date or null), used_in, inputs, data_sources (lists of text), data_retention,
factors ([{name, weight, description}]), human_oversight, appeal, limits, impact_assessment,
risks ([{risk, mitigation}]), alternatives, contact, source, history ([{version, date, note,
current}], newest first, `current` true for the version in use), explained (whether its outputs
have "why" pages), url, json_url and debate_url (absolute). Texts are in `language`; an empty
text means the card does not say yet. The API's schema `AlgorithmOut` describes the same fields.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.urls import reverse

from pnyx.core import algorithms
from pnyx.core.algorithms import AlgorithmCard

REGISTER_FORMAT = "pnyx.algorithm-register"
CARD_FORMAT = "pnyx.algorithm-card"
FORMAT_VERSION = 1
REGISTER_FILENAME = "pnyx-algorithms.json"

Absolute = Callable[[str], str]


def _texts(values: Iterable[Any]) -> list[str]:
    return [str(value) for value in values]


def card_data(card: AlgorithmCard, *, absolute: Absolute) -> dict[str, Any]:
    """One card as plain data, texts in the active language, links made absolute by `absolute`."""
    slug = {"slug": card.slug}
    return {
        "id": card.id,
        "slug": card.slug,
        "version": card.version,
        "name": str(card.name),
        "kind": card.kind,
        "summary": str(card.summary),
        "purpose": str(card.purpose),
        "owner": str(card.owner),
        "decision_type": card.decision_type,
        "phase": card.phase,
        "deployed_on": card.deployed_on.isoformat() if card.deployed_on else None,
        "used_in": _texts(card.used_in),
        "inputs": _texts(card.inputs),
        "data_sources": _texts(card.data_sources),
        "data_retention": str(card.data_retention),
        "factors": [
            {"name": str(f.name), "weight": f.weight, "description": str(f.description)}
            for f in card.factors
        ],
        "human_oversight": str(card.human_oversight),
        "appeal": str(card.appeal),
        "limits": str(card.limits),
        "impact_assessment": str(card.impact_assessment),
        "risks": [{"risk": str(r.risk), "mitigation": str(r.mitigation)} for r in card.risks],
        "alternatives": str(card.alternatives),
        "contact": str(card.contact),
        "source": card.source,
        "history": [
            {
                "version": change.version,
                "date": change.day.isoformat(),
                "note": str(change.note),
                "current": change.version == card.version,
            }
            for change in card.history
        ],
        "explained": algorithms.explainer(card.id) is not None,
        "url": absolute(reverse("transparency:algorithm-detail", kwargs=slug)),
        "json_url": absolute(reverse("transparency:algorithm-json", kwargs=slug)),
        "debate_url": absolute(reverse("transparency:algorithm-debate", kwargs=slug)),
    }


def register_document(
    cards: Iterable[AlgorithmCard], *, language: str, absolute: Absolute
) -> dict[str, Any]:
    """The whole register, every card in id order."""
    return {
        "format": REGISTER_FORMAT,
        "format_version": FORMAT_VERSION,
        "language": language,
        "algorithms": [card_data(card, absolute=absolute) for card in cards],
    }


def card_document(card: AlgorithmCard, *, language: str, absolute: Absolute) -> dict[str, Any]:
    """One card, in the same envelope."""
    return {
        "format": CARD_FORMAT,
        "format_version": FORMAT_VERSION,
        "language": language,
        "algorithm": card_data(card, absolute=absolute),
    }
