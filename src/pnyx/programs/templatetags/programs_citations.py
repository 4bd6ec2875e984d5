"""`{% load programs_citations %}{% cited_in proposition %}`: the measures citing a proposition."""

from typing import Any

from django import template

from pnyx.programs.selectors import citations_of_proposition

register = template.Library()


@register.inclusion_tag("programs/includes/citations.html")
def cited_in(proposition: Any) -> dict[str, Any]:
    """Measures of each document's latest version that cite the proposition (one query)."""
    return {"citations": citations_of_proposition(proposition_id=proposition.pk)}
