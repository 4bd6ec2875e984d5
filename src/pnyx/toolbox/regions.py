"""World regions for the recommender's "same region" factor: each ISO 3166-1 country code in one
region, by continent (the Americas split at Panama and Colombia, the Caribbean with the north).

Written as data so the region of a country never depends on a network service, and anyone
holding the open-data export computes the same regions.
"""

from django.utils.translation import gettext_lazy as _

AFRICA = "africa"
ASIA = "asia"
EUROPE = "europe"
NORTH_AMERICA = "north_america"
SOUTH_AMERICA = "south_america"
OCEANIA = "oceania"
ANTARCTICA = "antarctica"

REGION_NAMES = {
    AFRICA: _("Africa"),
    ASIA: _("Asia"),
    EUROPE: _("Europe"),
    NORTH_AMERICA: _("North and Central America and the Caribbean"),
    SOUTH_AMERICA: _("South America"),
    OCEANIA: _("Oceania"),
    ANTARCTICA: _("Antarctica"),
}

_COUNTRIES = {
    AFRICA: (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA "
        "MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW"
    ),
    ASIA: (
        "AE AF AM AZ BD BH BN BT CC CN CX CY GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ LA "
        "LB LK MM MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE"
    ),
    EUROPE: (
        "AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI "
        "LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK"
    ),
    NORTH_AMERICA: (
        "AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX "
        "NI PA PM PR SV SX TC TT US VC VG VI"
    ),
    SOUTH_AMERICA: "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
    OCEANIA: ("AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS"),
    ANTARCTICA: "AQ BV GS HM TF",
}

#: Country code → region.
REGION_OF: dict[str, str] = {
    code: region for region, codes in _COUNTRIES.items() for code in codes.split()
}


def region_of(country: str) -> str:
    """The region of a country code; "" for an empty or unknown code."""
    return REGION_OF.get(country.upper(), "") if country else ""
