"""The texts of the network demo, written for Pnyx (see `pnyx.network.demo`). Fictional.

Practitioners are generated participants of the demo consultation (by number) or demo people who
log in (by e-mail address); organisations are those of `pnyx.orgs.demo` and
`pnyx.toolbox.demo_content.organisations`; tools are named as in `pnyx.toolbox.demo_content`.
Data-set addresses point to example.org.
"""

from dataclasses import dataclass

AMINA = "amina@pnyx.example"
LUCAS = "lucas@pnyx.example"
SOFIA = "sofia@pnyx.example"
NOOR = "noor@pnyx.example"


@dataclass(frozen=True)
class DemoPractitioner:
    #: A participant's number (see `participant_email`) or a demo person's e-mail address.
    who: int | str
    headline: str
    topics: str
    tools: tuple[str, ...]
    languages: str
    countries: str
    hours: int
    data_expert: bool = False


@dataclass(frozen=True)
class DemoHelpRequest:
    organisation: str
    title: str
    body: str
    topics: str
    tools: tuple[str, ...] = ()
    languages: str = "en"
    #: For a "make sense of this data set" request: the path of its data set on example.org.
    dataset: str = ""
    #: Answers by practitioners: (who, text); the first is marked useful.
    answers: tuple[tuple[int | str, str], ...] = ()


@dataclass(frozen=True)
class DemoNews:
    organisation: str
    title: str
    body: str
    topics: str


D = DemoPractitioner
PRACTITIONERS = [
    D(
        AMINA,
        "I can help you start a neighbourhood budget assembly, from the first meeting to "
        "the questions you send the town hall.",
        "fiscal-openness public-participation",
        ("Budget Literacy Cards", "Cost Card Kit"),
        "fr en",
        "SN",
        6,
    ),
    D(
        LUCAS,
        "Procurement data: finding it, cleaning it and spotting what deserves a closer look.",
        "open-contracting anti-corruption open-data",
        ("Tender Lens", "Red Flag Rules", "Table Cleaner"),
        "fr nl en",
        "BE FR",
        4,
        True,
    ),
    D(
        112,
        "Set-up and hosting of participatory budgeting platforms for small towns.",
        "public-participation fiscal-openness",
        ("Common Purse", "Project Tracker for Voted Works"),
        "pt es en",
        "PT BR",
        8,
    ),
    D(
        113,
        "Statistician: I explain what a public data set can and cannot tell you.",
        "open-data education",
        ("Statistics Explorer", "Table Cleaner"),
        "en fr",
        "KE TZ UG",
        5,
        True,
    ),
    D(
        114,
        "Facilitation of citizens' juries and assemblies, including drawing members by lot.",
        "public-participation",
        ("Sortition Draw", "Citizens' Jury Handbook"),
        "en de",
        "DE NL",
        6,
    ),
    D(
        115,
        "Writing information requests and appeals that get answered.",
        "access-to-information justice",
        ("Ask the State", "Appeal Writer"),
        "es en",
        "MX GT PE",
        3,
    ),
    D(
        116,
        "Budget analyst: reading execution reports and comparing them with the budget.",
        "fiscal-openness",
        ("Budget vs Actual", "Where Taxes Go"),
        "en",
        "GH NG",
        4,
        True,
    ),
    D(
        117,
        "Accessibility reviews of public websites and forms.",
        "gender-inclusion digital-governance",
        ("Accessible Forms Checker", "Easy Read Writer"),
        "en fr",
        "CA IE",
        3,
    ),
    D(
        118,
        "SMS and voice surveys in local languages, from questionnaire to results.",
        "public-services public-participation",
        ("TextPoll", "VoiceBox IVR"),
        "en sw",
        "KE UG TZ",
        5,
    ),
    D(
        119,
        "Setting up an open-data portal and the routine that keeps it alive.",
        "open-data digital-governance",
        ("Data Shelf", "Dataset Health Check", "Schema Forge"),
        "en fr",
        "FR BE SN",
        4,
    ),
    D(
        120,
        "Gender budgeting: tagging programmes and writing the statement.",
        "gender-inclusion fiscal-openness",
        ("Gender Budget Lens",),
        "en es",
        "CL AR PH",
        3,
    ),
    D(
        121,
        "Air and water sensors with volunteers, and how to publish their readings honestly.",
        "environment open-data",
        ("Air Sensor Network", "River Watch"),
        "en es",
        "ES GT",
        4,
        True,
    ),
    D(
        122,
        "Algorithm audits: testing a scoring model for unequal treatment.",
        "algorithms",
        ("Bias Audit Notebook", "Impact Assessment Form"),
        "en nl",
        "NL EE FI",
        2,
        True,
    ),
    D(
        123,
        "Company ownership data: tracing who really owns a supplier.",
        "beneficial-ownership anti-corruption",
        ("Owner Graph", "Shell Spotter"),
        "en uk",
        "UA GE",
        3,
        True,
    ),
    D(
        124,
        "Lesson plans on civics and data for secondary schools.",
        "education",
        ("Civics Quest", "Data Detectives", "Mock Parliament Kit"),
        "es en",
        "CO MX",
        4,
    ),
    D(
        125,
        "Legal empowerment: training community paralegals.",
        "justice civic-space",
        ("Legal Aid Finder", "Civic Space Monitor"),
        "fr ar en",
        "MA TN",
        3,
    ),
    D(
        126,
        "Monitoring public tenders on the ground, and writing the report.",
        "open-contracting civic-space",
        ("Bid Monitor Kit", "Works Progress Photos"),
        "en",
        "KE UG",
        5,
        True,
    ),
    D(
        127,
        "Digital safety for activists and small associations.",
        "civic-space",
        ("Safe Meeting Guide",),
        "en ru",
        "GE UA MN",
        2,
    ),
    D(
        128,
        "Plain-language writing for public letters and forms.",
        "public-services gender-inclusion",
        ("Easy Read Writer", "Plain Forms"),
        "en",
        "NZ IE",
        3,
    ),
    D(
        129,
        "Lobbying registers: rules, data and analysis.",
        "lobbying anti-corruption",
        ("Lobby Register", "Meeting Diary"),
        "de en",
        "DE",
        2,
    ),
    D(
        130,
        "Parliament monitoring: bills, votes and members' records.",
        "access-to-information",
        ("Bill Watch", "Member Record"),
        "en hi",
        "IN NP",
        3,
    ),
    D(
        131,
        "Extractives revenue data and reconciliation reports.",
        "fiscal-openness beneficial-ownership",
        ("Extractives Revenue Tracker",),
        "fr en",
        "BF CI",
        4,
        True,
    ),
    D(
        132,
        "Climate budget tagging and emissions inventories for cities.",
        "environment fiscal-openness",
        ("Climate Budget Tagger", "Emissions Tracker"),
        "en fr",
        "FR IT",
        3,
        True,
    ),
    D(
        133,
        "Running hack nights and building small civic tools with volunteers.",
        "open-data civic-space",
        ("Data Shelf", "Fix My Street Lamp"),
        "en",
        "IE GB",
        4,
    ),
    D(
        134,
        "Youth participation and school budgets.",
        "education public-participation",
        ("Youth Budget Box", "Ballot Garden"),
        "fi en",
        "FI EE",
        3,
    ),
    D(
        135,
        "Court data: publishing decisions and measuring delays.",
        "justice open-data",
        ("Judgment Library", "Case Backlog Monitor"),
        "it en",
        "IT",
        2,
        True,
    ),
    D(
        136,
        "Open-government action plans: writing commitments that can be checked.",
        "public-participation digital-governance",
        ("Commitment Tracker",),
        "en es",
        "PH ID CL",
        3,
    ),
    D(
        137,
        "Geographic data: maps of districts, services and public land.",
        "open-data",
        ("Geo Share", "Public Land Register"),
        "es pt en",
        "AR BR",
        4,
        True,
    ),
    D(
        138,
        "Consultation design: questions, phases and answering every proposal.",
        "public-participation",
        ("Roundtable", "Consult Lite", "Opinion Map"),
        "fr es ca",
        "ES FR",
        5,
    ),
    D(
        139,
        "Reading election results and observers' data.",
        "open-data access-to-information",
        ("Election Results Feed",),
        "id en",
        "ID PH",
        2,
        True,
    ),
    D(
        140,
        "Data protection requests and data-sharing registers.",
        "algorithms access-to-information",
        ("My Data Request", "Data Sharing Register"),
        "de fr en",
        "DE BE",
        2,
    ),
    D(
        141,
        "Community score cards for clinics and schools.",
        "public-services",
        ("Service Score Cards", "Clinic Feedback Line"),
        "en fr",
        "GH NG CI",
        4,
    ),
]

H = DemoHelpRequest
HELP_REQUESTS = [
    H(
        "Kisumu Budget Watch",
        "What do the county's health spending figures really say?",
        "The county published its health spending for five years. Totals go up, but we cannot "
        "tell whether clinics got more or whether salaries did. Can someone help us read the "
        "table before the budget hearing next month?",
        "fiscal-openness open-data",
        ("Budget vs Actual",),
        "en sw",
        "data/kisumu-health-spending-2019-2024.csv",
        (
            (
                116,
                "The 'recurrent' column mixes salaries and supplies. Split it with the line codes "
                "starting 21 (staff) and 22 (goods): supplies fell by a fifth since 2021.",
            ),
            (
                113,
                "Divide by population too: the county grew about 3% a year, so per person the "
                "rise is much smaller than the totals suggest.",
            ),
        ),
    ),
    H(
        "Gulu Budget Watch",
        "Help translate our SMS vote into Acholi and Lango",
        "Our participatory budget votes by text message. We need two volunteers to check the "
        "translations of twelve short messages before the vote opens.",
        "public-participation gender-inclusion",
        ("Pocket Budget",),
        "en",
    ),
    H(
        "Ukrainian Open Data Network",
        "Are these reconstruction prices unusual?",
        "We have unit prices for windows and roofing from 900 reconstruction contracts. Some "
        "look high. How should we compare them fairly across regions and dates?",
        "open-contracting anti-corruption",
        ("Tender Lens", "Red Flag Rules"),
        "uk en",
        "data/reconstruction-unit-prices.csv",
        (
            (
                LUCAS,
                "Compare within the same quarter and region first, then look at the top 5% "
                "in each group. Prices changed a lot in 2022, so a national median will mislead.",
            ),
        ),
    ),
    H(
        "Arusha Civic Hackers",
        "Which water points should volunteers visit first?",
        "We have 1,400 water points and 30 volunteers. The district's list has the last "
        "inspection date and the number of households served. How should we rank visits?",
        "public-services open-data",
        ("Water Point Check",),
        "en sw",
        "data/arusha-water-points.csv",
    ),
    H(
        "Quetzaltenango Environment Agency",
        "Our resident sensors read higher than our station",
        "Twelve low-cost air sensors show particle levels about 30% above the official station. "
        "Is this a calibration problem, or real differences between streets?",
        "environment open-data",
        ("Air Sensor Network",),
        "es en",
        "data/xela-air-sensors-2023.csv",
        (
            (
                121,
                "Put one sensor next to the station for two weeks and fit a correction for "
                "humidity: these sensors over-read in humid air. What remains is likely real.",
            ),
        ),
    ),
    H(
        "Oaxaca Citizenship School",
        "A teacher to co-design a data lesson",
        "We want a two-hour lesson where students read the city's school budget. Looking for a "
        "practitioner who can spend an afternoon with our teachers.",
        "education fiscal-openness",
        ("Data Detectives",),
        "es",
    ),
    H(
        "City of Coimbra — Participation Office",
        "Who did not vote in our participatory budget?",
        "We have anonymous counts of votes by parish and age band for four years. We would like "
        "to understand which groups we do not reach.",
        "public-participation gender-inclusion",
        ("Participation Ledger",),
        "pt en",
        "data/coimbra-pb-turnout.csv",
    ),
    H(
        "Ghanaian Information Commission",
        "Review our appeal decisions template",
        "We are rewriting the template for our decisions on information appeals so that "
        "requesters understand them. We would welcome a plain-language reviewer.",
        "access-to-information justice",
        ("Easy Read Writer",),
        "en",
    ),
    H(
        "Peruvian Integrity Forum",
        "Matching names between declarations and contracts",
        "We match officials' declared interests with supplier names, and get many false matches "
        "on common surnames. How can we reduce them without missing real conflicts?",
        "anti-corruption open-contracting",
        ("Conflict of Interest Check",),
        "es en",
        "data/pe-declarations-suppliers-sample.csv",
    ),
    H(
        "Estonian Digital Government Office",
        "An outside look at our algorithm register form",
        "Before we make the register form mandatory, we want practitioners from other countries "
        "to fill it in for one algorithm they know and tell us what is unclear.",
        "algorithms digital-governance",
        ("Algorithm Register", "Impact Assessment Form"),
        "en",
    ),
    H(
        "Recife Budget Watch",
        "Are these works really late?",
        "We compared planned and actual end dates for 240 public works. Some contracts were "
        "amended to extend the deadline. Should we count the original date or the amended one?",
        "open-contracting fiscal-openness",
        ("Works Progress Photos",),
        "pt en",
        "data/recife-works-dates.csv",
        (
            (
                126,
                "Report both: the original date shows planning quality, the amended one shows "
                "delivery. Flag works amended more than twice.",
            ),
        ),
    ),
    H(
        "Women in Public Life — Tucson",
        "Childcare providers for evening meetings",
        "We are looking for someone who has organised childcare at public meetings to share "
        "their checklist and insurance questions.",
        "gender-inclusion public-participation",
        ("Childcare at Meetings Planner",),
        "en es",
    ),
    H(
        "Burkinabè Open Data Network",
        "Gaps in the mining payments reconciliation",
        "The latest reconciliation shows a gap of 2% for one company. We need help checking "
        "whether it comes from exchange rates or from missing payments.",
        "fiscal-openness beneficial-ownership",
        ("Extractives Revenue Tracker",),
        "fr en",
        "data/bf-mining-payments-2023.csv",
        (
            (
                131,
                "Convert each payment at the rate of its own date, not the yearly average; that "
                "closes most of the gap. The rest is one royalty paid in January of the next year.",
            ),
        ),
    ),
    H(
        "Galway Civic Hackers",
        "Mentor for a first open-source release",
        "Two of our volunteers built a bin collection calendar and want to publish it properly: "
        "licence, documentation, issues. Looking for a mentor for a few evenings.",
        "open-data civic-space",
        (),
        "en",
    ),
    H(
        "Pune Budget Watch",
        "Which wards get their suggestions funded?",
        "We have five years of ward suggestions and whether each was funded. We suspect richer "
        "wards do better and want to test this properly.",
        "public-participation fiscal-openness",
        ("Common Purse",),
        "en hi",
        "data/pune-ward-suggestions.csv",
    ),
    H(
        "Open Budget Lab",
        "Radio partner to read budget news in Wolof",
        "We write a short monthly budget bulletin. We are looking for a community radio or a "
        "volunteer who can read it in Wolof.",
        "fiscal-openness education",
        ("Rights Radio Scripts",),
        "fr",
    ),
    H(
        "Brussels Region Open Data Office",
        "What does our housing waiting list data show?",
        "We publish monthly counts of households waiting for social housing. Journalists read "
        "them very differently. Could an expert write a short note on how to read them?",
        "open-data public-services",
        ("Statistics Explorer",),
        "fr nl en",
        "data/brussels-housing-waiting-list.csv",
    ),
]

N = DemoNews
NEWS = [
    N(
        "Kisumu Budget Watch",
        "Our questions are on the hearing agenda",
        "The county finance committee will answer the 42 questions residents wrote at our last "
        "three budget evenings. The hearing is public; come early, the room is small.",
        "fiscal-openness public-participation",
    ),
    N(
        "Ukrainian Open Data Network",
        "900 reconstruction purchases flagged, a fifth corrected",
        "Monitors have now looked at every flagged reconstruction purchase. About one in five "
        "was corrected or cancelled by the buyer. The full list is on our dashboard.",
        "open-contracting anti-corruption",
    ),
    N(
        "City of Coimbra — Participation Office",
        "Proposals open for next year's budget",
        "From today, anyone over 14 may propose a project for the participatory budget, online "
        "or at a parish office. Rejected proposals last year all received a written reason; "
        "read them before you write yours.",
        "public-participation fiscal-openness",
    ),
    N(
        "Estonian Digital Government Office",
        "The algorithm register form is final",
        "Thank you to the practitioners who tested the form. We shortened it and added a field "
        "for the person to contact. It becomes mandatory for ministries next quarter.",
        "algorithms digital-governance",
    ),
    N(
        "Oaxaca Citizenship School",
        "Students present their reports to the council",
        "Five classes followed a council decision this year. They present their findings at the "
        "council's open session on Thursday; families are welcome.",
        "education public-participation",
    ),
    N(
        "Open Budget Lab",
        "Democracy Night: the program is out",
        "The program drawn from Democracy Night is published, with the propositions each "
        "measure comes from. Tell us what we missed in the consultation on it.",
        "public-participation fiscal-openness",
    ),
    N(
        "Quetzaltenango Environment Agency",
        "Sensor readings now corrected for humidity",
        "Thanks to advice from a practitioner on this platform, our resident sensors are now "
        "corrected for humidity. Past readings have been recalculated.",
        "environment open-data",
    ),
    N(
        "Brussels Region Open Data Office",
        "Five new datasets, all requested by you",
        "This month we published five datasets people asked for on our request board, including "
        "the list of public defibrillators and the cycle counters.",
        "open-data",
    ),
    N(
        "Women in Public Life — Valparaíso",
        "Mentoring for the next local elections",
        "We are looking for former councillors who will mentor a first-time candidate for a "
        "year. Write to us through this page.",
        "gender-inclusion civic-space",
    ),
]

#: What the demo people who log in follow: (e-mail, kind, target). Kinds are "organisation"
#: (by name), "topic" (by slug), "tool" (by name) and "person" (by e-mail).
FOLLOWS = [
    (AMINA, "organisation", "Kisumu Budget Watch"),
    (AMINA, "organisation", "Gulu Budget Watch"),
    (AMINA, "topic", "fiscal-openness"),
    (AMINA, "tool", "Pocket Budget"),
    (AMINA, "person", LUCAS),
    (LUCAS, "organisation", "Ukrainian Open Data Network"),
    (LUCAS, "organisation", "Brussels Region Open Data Office"),
    (LUCAS, "topic", "open-contracting"),
    (LUCAS, "tool", "Tender Lens"),
    (SOFIA, "organisation", "Oaxaca Citizenship School"),
    (SOFIA, "topic", "education"),
    (SOFIA, "tool", "Civics Quest"),
    (SOFIA, "person", AMINA),
    (NOOR, "topic", "open-data"),
    (NOOR, "topic", "algorithms"),
    (NOOR, "organisation", "Estonian Digital Government Office"),
]

#: A contact request waiting for Lucas's answer: (sender's participant number, message).
CONTACT_FOR_LUCAS = (
    126,
    "Hello Lucas, our monitors in Kenya found contracts split just under the tender threshold. "
    "Could we talk for half an hour about how you would present that in a report?",
)
