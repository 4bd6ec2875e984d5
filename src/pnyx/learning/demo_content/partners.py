"""The learning demo's partners: what each offers, its committee, its rubric and its visits."""

from pnyx.learning.demo_content.specs import (
    ABURRA,
    AMINA,
    BOUAKE,
    DIEGO,
    GRONINGEN,
    INES,
    JONAS,
    KOFI_E,
    KOFI_F,
    LA_LADERA,
    LEA,
    NOOR,
    SOFIA,
    DemoPartner,
    DemoVisit,
)

_PAST_VISIT = DemoVisit(
    starts_in=-118,
    days=2,
    place="Civic Data Lab, Aburrá Valley University, Medellín",
    agenda=(
        "- **Day 1, morning:** meeting the lab's teachers and the students of the data-literacy "
        "course\n"
        "- **Day 1, afternoon:** visit of two partner schools of the valley\n"
        "- **Day 2, morning:** reading five credit applications together to calibrate our "
        "scores against the rubric\n"
        "- **Day 2, afternoon:** what the committee should change before next term"
    ),
    report=(
        "We met eleven students and four teachers. The course is used in class in both schools "
        "we visited; teachers asked for shorter lessons on a phone screen and for exercises "
        "with local figures, which the lab will add this term.\n\n"
        "Reading applications together showed that our scores differed most on **Verifiable "
        "record**. We agreed that an entry kept by Pnyx from a consultation counts as "
        "verifiable, and that a written entry needs a referee *or* a link to evidence, not "
        "both.\n\n"
        "Decisions:\n\n"
        "1. the rubric's fourth criterion is reworded (done);\n"
        "2. each application is read by at least one member who does not teach the applicant;\n"
        "3. next visit in the spring, to the schools that joined this year."
    ),
)

_PLANNED_VISIT = DemoVisit(
    starts_in=38,
    days=1,
    place="Institución Educativa La Ladera and the Civic Data Lab, Medellín",
    agenda=(
        "- morning at La Ladera: final-year students present the commitment of the national "
        "action plan they followed this year\n"
        "- lunch with the teachers who want to use the courses next year\n"
        "- afternoon at the lab: the committee's open questions, and the applications "
        "waiting for a decision"
    ),
)

PARTNERS = (
    DemoPartner(
        organisation=ABURRA,
        applicant=SOFIA,
        credit_unit="ECTS",
        statement=(
            "The Civic Data Lab teaches data literacy to the schools of the Aburrá valley and to "
            "anyone who follows our online course. Our students volunteer with neighbourhood "
            "boards, school councils and the city's open-data office; we want that work to "
            "count. Our committee recognises civic engagement with up to 6 ECTS credits a year, "
            "against a rubric we publish here."
        ),
        committee=((NOOR, "member"), (DIEGO, "secretary")),
        rubric=(
            (
                "Service to others",
                "The activity served people beyond the learner: residents, a school, an "
                "organisation. We look at who benefited and how.",
                4,
            ),
            (
                "Use of evidence and data",
                "The learner worked with public documents or data and can say where they came "
                "from and what they show — and what they do not.",
                4,
            ),
            (
                "Reflection on learning",
                "The account says what the learner could not do before and can do now, with one "
                "concrete example.",
                4,
            ),
            (
                "Verifiable record",
                "Entries are dated and counted in hours; each written entry has a referee or a "
                "link to evidence. Entries kept by Pnyx count as verifiable.",
                4,
            ),
        ),
        visits=(_PAST_VISIT, _PLANNED_VISIT),
    ),
    DemoPartner(
        organisation=GRONINGEN,
        applicant=KOFI_F,
        credit_unit="ECTS",
        statement=(
            "The Governance Lab is a research and teaching unit of the Groningen Institute for "
            "Public Affairs. We publish two open courses — on municipal budgets and on privacy — "
            "and grant ECTS credits to students and residents whose civic engagement shows "
            "what a course cannot teach: how public institutions work from the inside."
        ),
        committee=((JONAS, "member"), (LEA, "member")),
        rubric=(
            (
                "Contribution to a public process",
                "What the learner did changed or supported a consultation, a council decision, "
                "a published report or a public service.",
                4,
            ),
            (
                "Understanding of the institutions",
                "The account shows how the institution involved works: who decides what, when, "
                "and where the public can act.",
                4,
            ),
            (
                "Quality of the written account",
                "Clear, honest about its limits, in the learner's own words; claims are backed "
                "by the entries.",
                4,
            ),
        ),
    ),
    DemoPartner(
        organisation=BOUAKE,
        applicant=KOFI_E,
        credit_unit="school",
        statement=(
            "Notre lycée fait suivre à chaque classe une décision publique locale, de la "
            "première réunion au vote. Nous reconnaissons l'engagement de nos élèves dans la vie "
            "de l'école et du quartier par des crédits scolaires, après examen par un comité "
            "où siègent des enseignants et une personne extérieure à l'école."
        ),
        committee=((AMINA, "member"), (INES, "secretary")),
        rubric=(
            (
                "Engagement dans l'école ou le quartier",
                "L'activité a été utile à d'autres : la classe, l'école, les habitants. Nous "
                "regardons la régularité et ce qui a changé.",
                4,
            ),
            (
                "Ce que l'élève a appris",
                "Le récit dit, avec ses mots, ce que l'élève sait faire maintenant et qu'il ne "
                "savait pas faire avant.",
                4,
            ),
            (
                "Preuves et témoins",
                "Les activités sont datées, les heures comptées, et un adulte ou une "
                "organisation peut les confirmer.",
                4,
            ),
        ),
    ),
)

#: (organisation, applicant, statement): an application left for the platform administrators.
PENDING_PARTNER = (
    LA_LADERA,
    SOFIA,
    (
        "Our final-year students follow one commitment of the national open-government action "
        "plan each year and publish what they find. We would like to offer them the partners' "
        "courses in class and let a committee recognise their work with school credits."
    ),
)
