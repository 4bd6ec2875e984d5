"""The order of the organisation directory, as a registered algorithm.

The directory is sorted by the database, but the rule lives here as plain functions so that the
page, the API, the published card and anyone holding the open-data export apply the same rule:
`directory_order` names the sort keys the selector uses, and `order_directory` applies the identical
rule to plain records.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from pnyx.core.algorithms import AUTOMATED, AlgorithmCard, Change, Factor, Risk

DIRECTORY_ID = "orgs.directory"
SORT_NAME_LENGTH = 200
FIRST_DAY = date(2026, 11, 27)

DIRECTORY_CARD = AlgorithmCard(
    id=DIRECTORY_ID,
    version="1.0",
    name=_("Organisation directory order"),
    purpose=_(
        "Decides in which order organisations appear in the directory and in the API list. It "
        "does not hide or promote anyone: every organisation that matches the filters is listed, "
        "and the order only depends on the name and, when you search, on how well the text matches."
    ),
    used_in=(_("The directory of organisations"), _("The organisation list of the API")),
    inputs=(
        _("The organisation's name"),
        _("The words you typed in the search box, if any"),
        _("The searchable text of each organisation: name, description, kind and country"),
        _("The order in which organisations registered, to break exact ties"),
    ),
    factors=(
        Factor(
            name=_("Search relevance"),
            weight=1.0,
            description=_(
                "Only when you search. Your words count more when they appear in the name than "
                "in the description or the kind and country. This factor decides first."
            ),
        ),
        Factor(
            name=_("Name, from A to Z"),
            weight=0.0,
            description=_(
                "Without a search, the whole order. With a search, it only separates results that "
                "are equally relevant. Capitals and accents are ignored, so “École” sorts with “E”."
            ),
        ),
        Factor(
            name=_("Registration order"),
            weight=0.0,
            description=_(
                "Only separates organisations whose names are identical: the first registered "
                "comes first."
            ),
        ),
    ),
    human_oversight=_(
        "No person ranks organisations by hand and no organisation can pay or ask to be placed "
        "higher. Platform administrators can correct a misleading name or description; every "
        "registration is recorded in the public audit log."
    ),
    limits=_(
        "Relevance counts matching words, not meaning: a search for “transparency” does not find "
        "an organisation that only writes “openness”. Alphabetical order favours names early in "
        "the alphabet on the first page; use the filters to narrow the list instead of scrolling."
    ),
    contact=_("Ask the platform administrators through the contact details on the home page."),
    changelog=(
        Change(
            version="1.0",
            day=FIRST_DAY,
            note=_("First version: alphabetical order, search relevance first when searching."),
        ),
    ),
    kind="ranks",
    summary=_(
        "Lists organisations from A to Z or, when you search, by how well they match your words. "
        "Nobody can pay or ask to be placed higher."
    ),
    owner=_("The Pnyx platform administrators, who maintain the directory."),
    decision_type=AUTOMATED,
    deployed_on=FIRST_DAY,
    data_sources=(
        _(
            "What each organisation wrote about itself when it registered or since: its name, "
            "description, kind, country and topics. Nothing about its members."
        ),
        _("The words you type in the search box, used for this page only and not stored."),
    ),
    data_retention=_(
        "The order is not stored: it is computed for each page from the organisations' public "
        "details, which are kept while the organisation is registered."
    ),
    impact_assessment=_(
        "Low: every organisation that matches the filters is listed, and the order only decides "
        "which ones appear on the first page. It says nothing about an organisation's size, "
        "quality or trustworthiness."
    ),
    risks=(
        Risk(
            _(
                "Names early in the alphabet get more attention, and an organisation could pick "
                "such a name for that reason."
            ),
            _(
                "Filters by kind, country and topic narrow the list; administrators can correct a "
                "misleading name."
            ),
        ),
        Risk(
            _("A description stuffed with popular words to come first in searches."),
            _(
                "Words in the name count more than words in the description; administrators can "
                "correct a misleading description."
            ),
        ),
    ),
    alternatives=_(
        "Ordering by number of members or by activity was rejected: it would favour the largest "
        "organisations and make the directory look like a ranking of merit. A random order was "
        "rejected because people come to the directory to look an organisation up by name."
    ),
    appeal=_(
        "The “why here?” link beside each organisation shows the values that placed it. If a name "
        "or a description is misleading, or the order seems wrong, write to the platform "
        "administrators or say so in the debate attached to this card."
    ),
    source="pnyx/orgs/algorithms.py",
)


def name_sort_key(name: str) -> str:
    """The name as it sorts: accents removed, case folded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())[:SORT_NAME_LENGTH]


def directory_order(*, searching: bool) -> tuple[str, ...]:
    """The sort keys of the directory query (see the card): relevance first only when searching."""
    if searching:
        return ("search_rank", "sort_name", "pk")
    return ("sort_name", "pk")


@dataclass(frozen=True)
class DirectoryEntry:
    """One organisation as the algorithm sees it; `search_rank` is its position among matches."""

    id: int
    name: str
    search_rank: int | None = None


def order_directory(entries: Iterable[DirectoryEntry], *, searching: bool) -> list[DirectoryEntry]:
    """Apply the directory order to plain records, exactly as the database query does."""

    def key(entry: DirectoryEntry) -> tuple[int, str, int]:
        rank = entry.search_rank if searching and entry.search_rank is not None else 0
        return (rank, name_sort_key(entry.name), entry.id)

    return sorted(entries, key=key)
