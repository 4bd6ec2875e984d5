"""The "why" page of one recommendation: where a tool or practice stands in the viewer's list
(or their organisation's, with `organisation=<slug>`), and what each factor added.

Registered by the transparency app, which sits above the toolbox. The item is a tool by
default; `kind=practice` in the query names a practice.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pnyx.core.algorithms import Contribution, ExplainContext, Explanation
from pnyx.toolbox.recommender import PRACTICE, TOOL
from pnyx.toolbox.recommender_card import RECOMMENDER_CARD
from pnyx.toolbox.selectors import recommendations as selectors

NOT_PERSONAL_NOTE = _(
    "This is the order everyone sees: only popularity and freshness count, because you are "
    "not signed in or turned personal recommendations off."
)
LEFT_OUT_NOTE = _("Your organisation already uses this tool, so it is not suggested.")
SUM_NOTE = _("Each factor adds its value times its weight; the score is the sum.")


def explain_recommendation(item_id: int, context: ExplainContext) -> Explanation | None:
    """The item's place and factors in the viewer's list; None for an unknown item, or an
    organisation the viewer is not an active member of."""
    kind = PRACTICE if context.params.get("kind") == PRACTICE else TOOL
    viewer = context.viewer
    slug = context.params.get("organisation", "")
    organisation = None
    if slug:
        organisation = next(
            (org for org in selectors.member_organisations(viewer) if org.slug == slug), None
        )
        if organisation is None:
            return None
    found = selectors.settings_for(viewer)
    results = selectors.recommendations_for(
        user=viewer,
        organisation=organisation,
        weights=selectors.saved_weights(found),
        personalised=found.personalised,
    )
    item = next(
        (i for i in results.items if i.candidate.kind == kind and i.candidate.id == item_id), None
    )
    candidate = item.candidate if item else selectors.candidate_get(kind=kind, pk=item_id)
    if candidate is None:
        return None
    notes = [SUM_NOTE]
    if not results.personalised:
        notes.append(NOT_PERSONAL_NOTE)
    if item is None:
        notes.append(LEFT_OUT_NOTE)
    query = {"organisation": organisation.slug} if organisation else {}
    list_url = f"{reverse('toolbox:recommendations')}?{urlencode(query)}".rstrip("?")
    return Explanation(
        card=RECOMMENDER_CARD,
        item_label=candidate.title,
        item_url=reverse(f"toolbox:{kind}-detail", kwargs={"slug": candidate.slug}),
        factors=tuple(
            Contribution(part.label, round(part.value, 6), round(part.contribution, 6))
            for part in (item.factors if item else ())
        ),
        score=item.score if item else None,
        position=item.position if item else None,
        out_of=results.out_of,
        formula=" + ".join(
            f"{part.value:.3g} × {part.weight:g}" for part in (item.factors if item else ())
        ),
        notes=tuple(notes),
        list_url=list_url,
    )
