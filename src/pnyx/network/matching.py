"""Which practitioners to suggest for a help request, and why: a registered algorithm.

The rule is a plain function over plain records, so the page, the API, the published card and a
test all apply the same one: each shared topic, tool and language, a shared country and, for a
"make sense of this data set" request, an offer to help with data, adds its weight to the score.
A practitioner who shares nothing is not suggested. Every reason is kept with what was shared and
what it added, so the page shows why each person is suggested.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from pnyx.core.algorithms import ADVISORY, AlgorithmCard, Change, Factor, Risk, register

MATCHING_ID = "network.practitioner_matching"
FIRST_DAY = date(2026, 11, 27)

#: What one shared item adds to the score, by reason.
WEIGHTS: dict[str, float] = {
    "topics": 3.0,
    "tools": 2.0,
    "languages": 1.0,
    "country": 1.0,
    "data": 2.0,
}
#: The reasons in the order a page lists them.
REASONS = ("topics", "tools", "languages", "country", "data")


@dataclass(frozen=True)
class Need:
    """What a help request asks for: topic slugs, tool slugs, language codes, a country code."""

    topics: frozenset[str] = frozenset()
    tools: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    country: str = ""
    wants_data: bool = False


@dataclass(frozen=True)
class Offer:
    """What a practitioner offers, as the algorithm sees it."""

    id: int
    topics: frozenset[str] = frozenset()
    tools: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    data_expert: bool = False


@dataclass(frozen=True)
class Reason:
    """One reason a practitioner is suggested: the factor, what is shared, what it added."""

    factor: str
    shared: tuple[str, ...]
    contribution: float


@dataclass(frozen=True)
class Match:
    practitioner_id: int
    score: float
    reasons: tuple[Reason, ...]


def score(need: Need, offer: Offer) -> Match:
    """The practitioner's score for the need, with every reason that counted (sorted items)."""
    shared: dict[str, tuple[str, ...]] = {
        "topics": tuple(sorted(need.topics & offer.topics)),
        "tools": tuple(sorted(need.tools & offer.tools)),
        "languages": tuple(sorted(need.languages & offer.languages)),
        "country": (need.country,) if need.country and need.country in offer.countries else (),
        "data": ("data",) if need.wants_data and offer.data_expert else (),
    }
    reasons = tuple(
        Reason(factor=factor, shared=shared[factor], contribution=WEIGHTS[factor] * len(items))
        for factor in REASONS
        if (items := shared[factor])
    )
    total = sum(reason.contribution for reason in reasons)
    return Match(practitioner_id=offer.id, score=total, reasons=reasons)


def rank(need: Need, offers: Iterable[Offer], *, limit: int = 5) -> list[Match]:
    """The best `limit` matches, highest score first, ties by practitioner id; a practitioner
    sharing nothing is left out, and so is one whose only link is a language or a country."""
    matches = [score(need, offer) for offer in offers]
    kept = [
        match
        for match in matches
        if any(reason.factor in ("topics", "tools", "data") for reason in match.reasons)
    ]
    kept.sort(key=lambda match: (-match.score, match.practitioner_id))
    return kept[:limit]


MATCHING_CARD = AlgorithmCard(
    id=MATCHING_ID,
    version="1.0",
    name=_("Practitioners suggested for a help request"),
    purpose=_(
        "Suggests, on a help request, a few practitioners who could help, and says why each one "
        "is suggested. The organisation decides whom to contact; anyone can also browse the whole "
        "directory of practitioners."
    ),
    used_in=(_("The page of a help request"), _("The help request of the API")),
    inputs=(
        _("The topics, tools, languages and country of the help request, and its kind"),
        _(
            "The topics, tools, languages and countries each available practitioner chose, and "
            "whether they help make sense of data sets"
        ),
    ),
    factors=(
        Factor(
            name=_("Shared topics"),
            weight=WEIGHTS["topics"],
            description=_("Each topic both the request and the practitioner chose adds 3."),
        ),
        Factor(
            name=_("Shared tools"),
            weight=WEIGHTS["tools"],
            description=_("Each tool both the request and the practitioner chose adds 2."),
        ),
        Factor(
            name=_("Shared languages"),
            weight=WEIGHTS["languages"],
            description=_("Each language both the request and the practitioner chose adds 1."),
        ),
        Factor(
            name=_("Same country"),
            weight=WEIGHTS["country"],
            description=_("Adds 1 when the practitioner helps in the request's country."),
        ),
        Factor(
            name=_("Helps with data sets"),
            weight=WEIGHTS["data"],
            description=_(
                "Adds 2 on a “make sense of this data set” request when the practitioner offers "
                "to help with data."
            ),
        ),
    ),
    human_oversight=_(
        "The suggestions only inform: the organisation chooses whom to contact, and the "
        "practitioner accepts or declines each contact request. Nobody can pay to be suggested."
    ),
    limits=_(
        "It counts what people chose in lists, not what they really know: a practitioner who "
        "ticked many topics is suggested more often. A practitioner who shares only a language "
        "or a country is not suggested. At most five people are suggested, among the 500 most "
        "recently updated profiles that share a topic or a tool, or that help with data."
    ),
    contact=_("Ask the platform administrators through the contact details on the home page."),
    changelog=(
        Change(
            version="1.0",
            day=FIRST_DAY,
            note=_("First version: shared topics, tools, languages, country and data help."),
        ),
    ),
    kind="recommends",
    summary=_(
        "Suggests up to five practitioners for a help request, by what they share with it: "
        "topics, tools, languages, country and help with data. Each suggestion says why."
    ),
    owner=_("The Pnyx platform administrators, who maintain the network."),
    decision_type=ADVISORY,
    deployed_on=FIRST_DAY,
    data_sources=(
        _("What the organisation wrote in its help request."),
        _(
            "What each practitioner published in their profile: topics, tools, languages, "
            "countries and data help. Never their e-mail address."
        ),
    ),
    data_retention=_(
        "The suggestions are not stored: they are computed each time the page is shown, from "
        "profiles kept while the practitioners keep them."
    ),
    impact_assessment=_(
        "Low: suggestions save a search in the directory. Being suggested or not says nothing "
        "about a practitioner's skill, and nobody is contacted without a request they may decline."
    ),
    risks=(
        Risk(
            _("A practitioner ticks every topic to be suggested everywhere."),
            _(
                "Only five people are suggested, each with the reasons shown, so organisations "
                "see a thin match; the directory shows everyone."
            ),
        ),
        Risk(
            _("Practitioners who write in fewer languages are suggested less."),
            _("A shared language only adds 1, less than a shared topic or tool."),
        ),
    ),
    alternatives=_(
        "Ranking by past help or by ratings was rejected: it would favour the first people who "
        "joined and turn help into a contest. Matching words in the texts was rejected because "
        "its reasons are harder to show."
    ),
    appeal=_(
        "Each suggestion lists its reasons. If a suggestion seems wrong, or you are suggested "
        "where you should not be, change your practitioner profile or write to the platform "
        "administrators."
    ),
    source="pnyx/network/matching.py",
)


def register_algorithm() -> None:
    """Add the card to the register (called from `NetworkConfig.ready`)."""
    register(MATCHING_CARD)
