"""The learning demo's engagement records and credit applications, with the committees'
conflicts of interest, reviews and decisions."""

from pnyx.learning.demo_content.specs import (
    ABURRA,
    AMARA,
    AMINA,
    BOUAKE,
    GRONINGEN,
    JONAS,
    KOFI_J,
    LEA,
    LUCAS,
    MARTA,
    NOOR,
    PAULO,
    SOFIA,
    DemoApplication,
    DemoDecision,
    DemoEntry,
    DemoReview,
)

_WORKSHOPS = "Procurement-reading evenings for residents"
_OPEN_DATA_DAY = "Open data day: help desk for first-time users"
_DELEGATE = "Déléguée de classe au conseil des élèves"
_WATER = "Enquête sur les points d'eau du quartier"
_HEARING = "Attended the council's budget hearing"
_SHARED = "Shared the Democracy Night consultation with classmates"
_LAMPS = "Mapping broken street lamps with the neighbourhood board"
_APPOINTMENTS = "Helping older neighbours book appointments online"

ENTRIES = (
    DemoEntry(
        SOFIA,
        "Final-year class follows a commitment of the national action plan",
        started_ago=260,
        ended_ago=40,
        hours="30",
        organisation="Institución Educativa La Ladera",
        description=(
            "I guided 34 students through a year of following the commitment on open "
            "procurement: monthly readings of the progress reports, two letters to the "
            "ministry, and a public presentation of what they found."
        ),
        referee=("Javier Ospina, rector", "j.ospina@example.org"),
        referee_note="Sofía led the project from start to finish; the presentation was excellent.",
        shared=True,
    ),
    DemoEntry(
        SOFIA,
        "Mentor at the valley's school data fair",
        started_ago=75,
        ended_ago=74,
        hours="9",
        organisation="Aburrá Valley University — Civic Data Lab",
        description="Mentored six teams of pupils analysing their town's open data.",
        evidence_url="https://example.org/civic-data-lab/school-data-fair",
    ),
    DemoEntry(
        LUCAS,
        _WORKSHOPS,
        started_ago=170,
        ended_ago=140,
        hours="18",
        organisation="Open Budget Lab",
        description=(
            "Four evenings teaching residents to read public procurement notices: where to "
            "find them, which fields matter, and how to spot a contract split to avoid a "
            "tender."
        ),
        evidence_url="https://example.org/open-budget-lab/workshops/procurement",
        referee=("Amina Diallo", "amina@pnyx.example"),
        referee_note="Lucas led all four evenings; about twenty residents came each time.",
        shared=True,
    ),
    DemoEntry(
        LUCAS,
        _OPEN_DATA_DAY,
        started_ago=210,
        ended_ago=None,
        hours="7",
        organisation="Brussels Region Open Data Office",
        description="Helped visitors find, download and open the region's datasets.",
    ),
    DemoEntry(
        LUCAS,
        "Election-night fact-checking desk",
        started_ago=250,
        ended_ago=None,
        hours="9",
        organisation_name="Radio Quartier Libre",
        description="Checked candidates' claims about the municipal budget live on air.",
    ),
    DemoEntry(
        AMINA,
        "Monthly neighbourhood budget assembly",
        started_ago=420,
        ended_ago=None,
        hours="72",
        organisation="Grand-Yoff Residents' Budget Circle",
        description=(
            "I run the assembly on the first Saturday of each month: we read one chapter of "
            "the district's budget and send our questions to the town hall."
        ),
        referee=("Ousmane Sarr, district councillor", "o.sarr@example.org"),
        referee_note="The assembly's questions are read out at every council meeting.",
        shared=True,
    ),
    DemoEntry(
        AMINA,
        "Budget-reading training for residents",
        started_ago=190,
        ended_ago=185,
        hours="12",
        organisation="Open Budget Lab",
        description="Trained twelve residents of three districts to lead their own assemblies.",
    ),
    DemoEntry(
        AMINA,
        "Radio programme: the district budget in Wolof",
        started_ago=60,
        ended_ago=None,
        hours="3",
        organisation_name="Radio Grand-Yoff FM",
        description="Explained this year's district budget on a call-in programme.",
    ),
    DemoEntry(
        AMARA,
        _DELEGATE,
        started_ago=300,
        ended_ago=30,
        hours="40",
        organisation="Bouaké Citizenship School",
        description=(
            "J'ai représenté ma classe au conseil des élèves toute l'année : préparation des "
            "réunions, compte rendu à la classe, et la demande d'une fontaine à eau votée en "
            "mars."
        ),
        referee=("Yao Konan, professeur principal", "y.konan@example.org"),
        referee_note="Amara a préparé chaque réunion avec sérieux et rendu compte à la classe.",
    ),
    DemoEntry(
        AMARA,
        _WATER,
        started_ago=95,
        ended_ago=62,
        hours="14",
        organisation_name="Club citoyen du lycée",
        description=(
            "Avec le club, nous avons vérifié les neuf points d'eau du quartier et remis nos "
            "résultats à la mairie."
        ),
        evidence_url="https://example.org/bouake/club-citoyen/points-d-eau",
    ),
    DemoEntry(
        PAULO,
        _HEARING,
        started_ago=48,
        ended_ago=None,
        hours="2",
        organisation_name="Municipal council of Bello",
        description="Listened to the hearing on next year's budget.",
        referee=("Marta L.", "marta.l@example.org"),
        referee_note="We went together.",
    ),
    DemoEntry(
        PAULO,
        _SHARED,
        started_ago=35,
        ended_ago=None,
        hours="1",
        description="Posted the link in our class group.",
    ),
    DemoEntry(
        KOFI_J,
        _LAMPS,
        started_ago=130,
        ended_ago=100,
        hours="16",
        organisation_name="Neighbourhood board of Robledo",
        description=(
            "Walked every street of the neighbourhood with two neighbours, mapped 41 broken "
            "lamps and sent the map to the city's service desk; 30 were repaired within two "
            "months."
        ),
        referee=("Luz Marina Gómez, board president", "lm.gomez@example.org"),
        referee_note="Kofi organised the walks and made the map himself.",
    ),
    DemoEntry(
        KOFI_J,
        _APPOINTMENTS,
        started_ago=110,
        ended_ago=45,
        hours="10",
        organisation_name="Neighbourhood board of Robledo",
        description="Weekly help desk in the community hall for the city's online services.",
    ),
    DemoEntry(
        NOOR,
        "Toolbox editor: reviewing proposed tools and practices",
        started_ago=300,
        ended_ago=None,
        hours="40",
        organisation_name="Pnyx toolbox",
        description=(
            "I review the tools and practices people propose for the toolbox, check their "
            "sources and licences, and explain my decisions to their authors."
        ),
        referee=("Pnyx administrators", "admin@pnyx.example"),
        referee_note="Noor reviews every proposal within the week, with a written reason.",
    ),
    DemoEntry(
        NOOR,
        "Data clinic for local journalists",
        started_ago=140,
        ended_ago=None,
        hours="6",
        organisation_name="Amman Data Circle",
        description="A day helping six journalists check the provenance of public datasets.",
    ),
    DemoEntry(
        MARTA,
        "Treasurer of the youth council",
        started_ago=200,
        ended_ago=40,
        hours="25",
        organisation_name="Youth council of Bello",
        description=(
            "Kept the youth council's accounts and presented them at each general meeting, "
            "with every receipt open to members."
        ),
        referee=("Andrés Restrepo, youth council coordinator", "a.restrepo@example.org"),
        referee_note="Marta's accounts were the clearest we have had.",
    ),
    DemoEntry(
        MARTA,
        "Reading the city's budget with a study group",
        started_ago=60,
        ended_ago=None,
        hours="6",
        description="Fortnightly online readings of our towns' budgets with other learners.",
    ),
)

APPLICATIONS = (
    DemoApplication(
        LUCAS,
        GRONINGEN,
        entries=(_WORKSHOPS, _OPEN_DATA_DAY),
        credits="5",
        statement=(
            "For four evenings I taught residents to read procurement notices, and I helped at "
            "the region's open data day. Preparing the workshops made me read the procurement "
            "law properly for the first time: I now know which contracts must be published, "
            "and I can explain it to people who have never opened a notice. Residents' "
            "questions showed me which fields of a notice nobody understands, which I reported "
            "to the open data office. In the consultation I wrote two propositions on "
            "publishing contracts."
        ),
        conflicts=(
            (LEA, "I co-wrote a data story with the applicant last year; I should not judge it."),
        ),
        reviews=(
            DemoReview(
                JONAS,
                scores=(4, 3, 4),
                comment=(
                    "A real contribution: residents now read notices, and the feedback reached "
                    "the open data office. The account of the institutions is good on "
                    "procurement, thinner on how the office decided to act."
                ),
                credits="4",
            ),
        ),
        decision=DemoDecision(
            credits="4",
            reasons=(
                "A well-documented contribution to public procurement literacy, confirmed by "
                "the workshops' organiser. We grant 4 of the 5 credits asked: the open data day "
                "was a single day of help-desk work."
            ),
        ),
    ),
    DemoApplication(
        AMARA,
        BOUAKE,
        entries=(_DELEGATE, _WATER),
        credits="3",
        statement=(
            "Cette année, j'ai été déléguée de ma classe au conseil des élèves et j'ai participé "
            "à l'enquête du club citoyen sur les points d'eau. J'ai appris à préparer une "
            "réunion, à prendre la parole devant les adultes et à rendre compte à la classe. "
            "Avec l'enquête, j'ai compris comment la mairie décide des réparations et à qui il "
            "faut écrire."
        ),
        reviews=(
            DemoReview(
                AMINA,
                scores=(4, 3, 4),
                comment=(
                    "Engagement régulier et confirmé par son professeur ; le récit pourrait "
                    "donner un exemple de ce qu'elle a dit au conseil."
                ),
                credits="2",
            ),
        ),
        decision=DemoDecision(
            credits="2",
            reasons=(
                "Une année d'engagement régulier, confirmée par le professeur principal, et une "
                "enquête utile au quartier. Deux crédits, comme le propose la relectrice."
            ),
        ),
    ),
    DemoApplication(
        PAULO,
        ABURRA,
        entries=(_HEARING, _SHARED),
        credits="3",
        statement=(
            "I went to the budget hearing of my town and I shared the consultation with my "
            "class. I learnt that the budget is voted in public."
        ),
        reviews=(
            DemoReview(
                NOOR,
                scores=(1, 0, 1, 2),
                comment=(
                    "A good first step, but attending and sharing are not yet a contribution, "
                    "and the account says little about what was learnt."
                ),
                credits=None,
            ),
        ),
        decision=DemoDecision(
            credits=None,
            reasons=(
                "Attending one hearing and sharing a link are a start, but our rubric looks for "
                "an activity that served others and for what you learnt from it. Join the "
                "study group of a course or a neighbourhood project for a few months, and "
                "apply again: we would be glad to read it."
            ),
        ),
    ),
    # Waits for the committee of the Civic Data Lab: Noor or Sofía reviews it, Sofía decides.
    DemoApplication(
        KOFI_J,
        ABURRA,
        entries=(_LAMPS, _APPOINTMENTS),
        credits="2",
        statement=(
            "With two neighbours I mapped every broken street lamp in Robledo and sent the map "
            "to the city; most were repaired. Since then I run a weekly help desk where older "
            "neighbours book appointments online. I learnt to turn complaints into data the "
            "city can act on, and that a map with dates is harder to ignore than a letter."
        ),
    ),
)
