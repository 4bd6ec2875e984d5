"""The recommender's card in the register of algorithms (`pnyx.core.algorithms`)."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from pnyx.core.algorithms import ADVISORY, AlgorithmCard, Change, Factor, Risk
from pnyx.toolbox.recommender import DEFAULT_WEIGHTS, FACTOR_DESCRIPTIONS, FACTOR_LABELS, FACTORS

RECOMMENDER_ID = "toolbox.recommender"
FIRST_DAY = date(2026, 11, 27)

RECOMMENDER_CARD = AlgorithmCard(
    id=RECOMMENDER_ID,
    version="1.0",
    name=_("Tools and practices for you"),
    purpose=_(
        "Suggests tools and practices that may suit a person or an organisation, from what they "
        "share with them: topics, countries, kind of organisation, languages, and the tools used "
        "by organisations like theirs. It hides nothing: every tool and practice stays in the "
        "catalog, in its own order."
    ),
    used_in=(
        _("The “For you” page of the toolbox"),
        _("The recommendations of the API"),
        _("The open-data export, for every organisation that declared a usage"),
    ),
    inputs=(
        _("The topics, country and kind of your organisation, or your own topics and languages"),
        _("The tools your organisation declared it uses"),
        _("The topics, countries, languages and date added of each tool and practice"),
        _("Which organisations declared they use each tool, and their kinds and countries"),
        _("The weights you chose, if you changed them"),
    ),
    factors=tuple(
        Factor(
            name=FACTOR_LABELS[name],
            weight=DEFAULT_WEIGHTS[name],
            description=FACTOR_DESCRIPTIONS[name],
        )
        for name in FACTORS
    ),
    human_oversight=_(
        "Nobody places a tool or a practice by hand and nobody can pay to be recommended. You "
        "can change the weight of every factor or turn personal recommendations off; toolbox "
        "editors review every tool and practice before it is listed, and organisations declare "
        "their own usages."
    ),
    limits=_(
        "It only knows what organisations declared: a tool used widely but never declared looks "
        "unpopular. Topics are matched by name, not by meaning. New organisations without "
        "declared tools get no collaborative suggestions. Popularity favours tools that are "
        "already well known; lower its weight to discover others."
    ),
    contact=_("Ask the platform administrators through the contact details on the home page."),
    changelog=(
        Change(
            version="1.0",
            day=FIRST_DAY,
            note=_("First version: eight factors added up with weights you can change."),
        ),
    ),
    kind="recommends",
    summary=_(
        "Adds up eight simple factors, each shown with its part, to suggest tools and practices. "
        "You can change every weight or turn personal suggestions off."
    ),
    owner=_("The Pnyx platform administrators, who maintain the toolbox."),
    decision_type=ADVISORY,
    deployed_on=FIRST_DAY,
    data_sources=(
        _(
            "What organisations wrote about themselves (kind, country, topics) and the tools "
            "they declared they use: public."
        ),
        _("The catalog of tools and practices, written and reviewed on the site: public."),
        _(
            "For a person: the topics and languages of their profile, their organisations, and "
            "their weights; used for their own page only."
        ),
    ),
    data_retention=_(
        "Recommendations are not stored: they are computed for each page. Your weights are kept "
        "until you change them or delete your account."
    ),
    impact_assessment=_(
        "Low: it suggests, it decides nothing. Every tool and practice can still be found in the "
        "catalog and its search."
    ),
    risks=(
        Risk(
            _("Well-known tools get recommended more and become even better known."),
            _(
                "Popularity is on a logarithmic scale and weighs little by default; you can set "
                "its weight to 0."
            ),
        ),
        Risk(
            _("Organisations declaring usages they do not have, to push a tool."),
            _(
                "Only an organisation's administrators declare its usages, each usage is public "
                "on both pages, and it counts once per organisation."
            ),
        ),
    ),
    alternatives=_(
        "A learned model was set aside: its reasons could not be shown factor by factor, nor "
        "recomputed by anyone from the open data."
    ),
    appeal=_(
        "Each suggestion shows what every factor added. If one seems wrong, change the weights, "
        "write to the platform administrators or say so in the debate attached to this card."
    ),
    source="pnyx/toolbox/recommender.py",
)
