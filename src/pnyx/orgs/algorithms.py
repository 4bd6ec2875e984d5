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

from pnyx.core.algorithms import AlgorithmCard, Change, Factor

DIRECTORY_ID = "orgs.directory"
SORT_NAME_LENGTH = 200

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
            day=date(2026, 11, 27),
            note=_("First version: alphabetical order, search relevance first when searching."),
        ),
    ),
    kind="ranks",
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
