"""On a proposition's page, the measures of programs and charters that cite it."""

from typing import Any

from django.template import Context

from pnyx.core import page_parts
from pnyx.programs.selectors import citations_of_proposition


def _citations(page: Context, proposition: Any) -> dict[str, Any]:
    return {"citations": citations_of_proposition(proposition_id=proposition.pk)}


def register_page_parts() -> None:
    """Each document's latest version's measures citing the proposition (one query)."""
    page_parts.register(
        "participation.proposition.sections",
        template="programs/includes/citations.html",
        context=_citations,
    )
