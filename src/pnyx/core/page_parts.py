"""Places on a page where apps higher in the layering add their part, without the page knowing them.

An organisation's page lives in `orgs`, yet the network adds a follow button to it and the toolbox
the tools the organisation uses; `orgs` may not import either. The page names a place with
`{% page_parts "orgs.organisation.sections" organisation %}` (`{% load pnyx %}`), and each app
registers, from its `AppConfig.ready`, a template and a function giving that template's context:

    page_parts.register(
        "orgs.organisation.sections",
        template="toolbox/includes/organisation_tools.html",
        context=lambda page, organisation: {"used_tools": organisation_tools(organisation)},
    )

The function receives the page's template context (for the request) and the object of the
page; the part's template sees what it returns, and the page's CSRF token, as an inclusion tag's
would. Parts render in the order given by `order`, then the order of registration; a place nobody
registered for renders nothing.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.template import Context, Engine
from django.utils.safestring import SafeString, mark_safe

ContextFunction = Callable[[Context, Any], Mapping[str, Any]]


@dataclass(frozen=True)
class PagePart:
    place: str
    template: str
    context: ContextFunction
    order: int


_PARTS: dict[str, list[PagePart]] = {}


def register(place: str, *, template: str, context: ContextFunction, order: int = 100) -> None:
    """Add a part to `place`; registering the same template twice in one place replaces it."""
    parts = [part for part in _PARTS.get(place, []) if part.template != template]
    parts.append(PagePart(place, template, context, order))
    parts.sort(key=lambda part: part.order)
    _PARTS[place] = parts


def render(place: str, page: Context, target: Any) -> SafeString:
    """Every part of `place` for `target`, one after the other, each rendered as an inclusion
    tag renders its template: with its own context, plus the page's CSRF token."""
    engine = page.template.engine if page.template else Engine.get_default()
    csrf_token = page.get("csrf_token")
    html = []
    for part in _PARTS.get(place, []):
        context = page.new(dict(part.context(page, target)))
        if csrf_token is not None:
            context["csrf_token"] = csrf_token
        html.append(engine.get_template(part.template).render(context))
    return mark_safe("".join(html))  # noqa: S308 - each part is an autoescaped template
