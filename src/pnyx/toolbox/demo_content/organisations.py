"""Demo organisations, the tools they use and what they say about them. Fictional.

Each country of `COUNTRIES` gets three organisations drawn from `TEMPLATES` (a different three
for neighbouring countries), which gives 100+ organisations of every kind in 30+ countries. The
organisations of `pnyx.orgs.demo` come on top of these.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    #: The adjective, as in "Kenyan Information Commission".
    adjective: str
    city: str


@dataclass(frozen=True)
class Template:
    kind: str
    #: `{city}`, `{country}` and `{adjective}` are filled in.
    name: str
    topics: str
    description: str


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    country: str
    topics: tuple[str, ...]
    description: str


COUNTRIES = [
    Country("KE", "Kenya", "Kenyan", "Kisumu"),
    Country("NG", "Nigeria", "Nigerian", "Ibadan"),
    Country("GH", "Ghana", "Ghanaian", "Kumasi"),
    Country("ZA", "South Africa", "South African", "Durban"),
    Country("TZ", "Tanzania", "Tanzanian", "Arusha"),
    Country("UG", "Uganda", "Ugandan", "Gulu"),
    Country("MA", "Morocco", "Moroccan", "Fès"),
    Country("TN", "Tunisia", "Tunisian", "Sfax"),
    Country("CI", "Côte d'Ivoire", "Ivorian", "Bouaké"),
    Country("BF", "Burkina Faso", "Burkinabè", "Bobo-Dioulasso"),
    Country("BR", "Brazil", "Brazilian", "Recife"),
    Country("AR", "Argentina", "Argentine", "Rosario"),
    Country("CL", "Chile", "Chilean", "Valparaíso"),
    Country("MX", "Mexico", "Mexican", "Oaxaca"),
    Country("PE", "Peru", "Peruvian", "Arequipa"),
    Country("GT", "Guatemala", "Guatemalan", "Quetzaltenango"),
    Country("CA", "Canada", "Canadian", "Halifax"),
    Country("US", "the United States", "US", "Tucson"),
    Country("NL", "the Netherlands", "Dutch", "Groningen"),
    Country("DE", "Germany", "German", "Leipzig"),
    Country("ES", "Spain", "Spanish", "Zaragoza"),
    Country("PT", "Portugal", "Portuguese", "Coimbra"),
    Country("IT", "Italy", "Italian", "Bologna"),
    Country("PL", "Poland", "Polish", "Lublin"),
    Country("UA", "Ukraine", "Ukrainian", "Vinnytsia"),
    Country("GE", "Georgia", "Georgian", "Kutaisi"),
    Country("RO", "Romania", "Romanian", "Iași"),
    Country("EE", "Estonia", "Estonian", "Tartu"),
    Country("FI", "Finland", "Finnish", "Tampere"),
    Country("IE", "Ireland", "Irish", "Galway"),
    Country("IN", "India", "Indian", "Pune"),
    Country("ID", "Indonesia", "Indonesian", "Bandung"),
    Country("PH", "the Philippines", "Philippine", "Iloilo"),
    Country("NP", "Nepal", "Nepali", "Pokhara"),
    Country("MN", "Mongolia", "Mongolian", "Darkhan"),
    Country("JO", "Jordan", "Jordanian", "Irbid"),
    Country("NZ", "New Zealand", "New Zealand", "Dunedin"),
]

TEMPLATES = [
    Template(
        "ngo",
        "{city} Budget Watch",
        "fiscal-openness public-participation open-data",
        "Volunteers who read {city}'s budget every year and explain it to residents in plain "
        "words. We publish a short guide before each council vote and track whether the money "
        "was spent as announced.",
    ),
    Template(
        "public_service",
        "City of {city} — Participation Office",
        "public-participation digital-governance public-services",
        "The team that runs {city}'s consultations, neighbourhood meetings and participatory "
        "budget. We answer every proposal in public and publish the results as open data.",
    ),
    Template(
        "government_body",
        "{adjective} Information Commission",
        "access-to-information justice",
        "The independent body that hears appeals when a public authority in {country} refuses "
        "to release information. Our decisions are published and we train information officers "
        "across the country.",
    ),
    Template(
        "university",
        "{city} Institute for Public Affairs — Governance Lab",
        "education algorithms open-data",
        "A research lab where students and staff study how public institutions use data and "
        "algorithms. We share our courses and datasets and help local authorities test new "
        "tools.",
    ),
    Template(
        "informal_group",
        "{city} Civic Hackers",
        "open-data digital-governance civic-space",
        "Developers, designers and curious residents who meet every second Tuesday to build "
        "small tools with public data. Anyone can come; projects are open source.",
    ),
    Template(
        "ngo",
        "{adjective} Procurement Monitors",
        "open-contracting anti-corruption",
        "A network of civil-society observers who follow public tenders in {country}, from "
        "planning to delivery. We publish a report on every contract we monitor.",
    ),
    Template(
        "company",
        "{city} Civic Studio",
        "digital-governance public-services",
        "A small cooperative that designs online public services with the people who use them. "
        "Everything we build for public clients is released under an open licence.",
    ),
    Template(
        "ngo",
        "Women in Public Life — {city}",
        "gender-inclusion public-participation civic-space",
        "An association that helps women in {city} stand for office, speak at public meetings "
        "and read public budgets through a gender lens.",
    ),
    Template(
        "school",
        "{city} Citizenship School",
        "education public-participation",
        "A secondary school in {city} where every class follows one local public decision a "
        "year, from the first meeting to the vote, and reports on it.",
    ),
    Template(
        "ngo",
        "{adjective} Integrity Forum",
        "anti-corruption lobbying beneficial-ownership",
        "A coalition that campaigns for company ownership registers, lobbying rules and asset "
        "declarations in {country}, and checks how they are applied.",
    ),
    Template(
        "public_service",
        "{city} Environment Agency",
        "environment open-data public-services",
        "The public agency in charge of air, water and green spaces in {city}. We publish our "
        "measurements in real time and ask residents to help us collect them.",
    ),
    Template(
        "ngo",
        "{city} Legal Empowerment Network",
        "justice civic-space access-to-information",
        "Community paralegals who help residents of {city} use the law: information requests, "
        "housing disputes, identity papers and complaints against public services.",
    ),
    Template(
        "government_body",
        "{adjective} Digital Government Office",
        "digital-governance open-data algorithms",
        "The national office that sets the rules for public websites, open data and the use of "
        "algorithms in {country}'s public services, and shares reusable software.",
    ),
    Template(
        "political_party",
        "{city} Citizens' List",
        "public-participation access-to-information",
        "A local list of independent residents in {city}'s council. Our councillors publish "
        "their agenda and every vote, and hold an open assembly before each council meeting.",
    ),
    Template(
        "ngo",
        "{adjective} Open Data Network",
        "open-data access-to-information education",
        "A national network of open-data practitioners in {country}: journalists, civil "
        "servants, researchers and activists. We run trainings and an annual open-data day.",
    ),
]

#: The templates each country uses: three spread over the list, shifting by country.
OFFSETS = (0, 5, 10)


def organisations() -> list[DemoOrganisation]:
    """Three organisations per country, with names and descriptions filled in."""
    result = []
    for index, country in enumerate(COUNTRIES):
        for offset in OFFSETS:
            template = TEMPLATES[(index + offset) % len(TEMPLATES)]
            values = {"city": country.city, "country": country.name}
            values["adjective"] = country.adjective
            result.append(
                DemoOrganisation(
                    name=template.name.format(**values),
                    kind=template.kind,
                    country=country.code,
                    topics=tuple(template.topics.split()),
                    description=template.description.format(**values),
                )
            )
    return result


ORGANISATIONS = organisations()

#: Reviews by rating: what an organisation that uses a tool might say.
REVIEWS = {
    5: (
        "We set it up in a week and our volunteers learnt it without training. It does exactly "
        "what it says.",
        "Reliable since the day we started. The people who maintain it answer questions quickly.",
        "It changed how we work: residents now see the same figures we see.",
        "Simple, well documented and it works on the old phones most of our members have.",
    ),
    4: (
        "Does the job well. Translating it into our language took longer than we expected.",
        "Very useful; the export could be simpler, but the data is all there.",
        "Good tool. We had to write our own guide for first-time users.",
        "Solid and free. Hosting it ourselves needed help from a developer.",
    ),
    3: (
        "Useful, but it assumes a fast internet connection that many of our users do not have.",
        "It works, but the reports are hard to read for people who are not specialists.",
        "Fine for small projects; we struggled once we had more than a few thousand entries.",
    ),
    2: (
        "We stopped using it for most of our work: updates broke our settings twice.",
        "The idea is right, but the interface confused the residents we tried it with.",
    ),
}
