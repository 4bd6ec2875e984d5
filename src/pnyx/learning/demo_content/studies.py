"""The learning demo's learners in courses: what each studies, their reviews of each other's
texts for the peer-reviewed exercise, and a study group."""

from pnyx.learning.demo_content.specs import (
    AMARA,
    AMINA,
    KOFI_J,
    LUCAS,
    MARTA,
    NOOR,
    PAULO,
    SOFIA,
    DemoGroup,
    DemoMeeting,
    DemoPeerReview,
    DemoStudy,
)

DATA = "reading-public-data-critically"
BUDGET = "following-the-money"
PRIVACY = "privacy-basics"
FOI = "demander-information-publique"

STUDIES = (
    # Sofía completes the privacy course and asks for its credential.
    DemoStudy(SOFIA, PRIVACY, lessons=4, slips=1, credential=True),
    DemoStudy(SOFIA, BUDGET, lessons=2),
    DemoStudy(LUCAS, DATA, lessons=3, slips=1),
    DemoStudy(
        LUCAS,
        BUDGET,
        lessons=4,
        peer_text=(
            "Line 6226, *fees for external studies*, page 41 of the 2025 budget: 210,000, up "
            "from 40,000 in 2024.\n\n"
            "1. Which studies does line 6226 pay for in 2025, and which firms carry them out?\n"
            "2. Will the studies be published once delivered, and where?\n"
            "3. Were the contracts for these studies tendered, and where are the notices?"
        ),
    ),
    DemoStudy(LUCAS, FOI, lessons=2),
    DemoStudy(
        AMINA,
        BUDGET,
        lessons=4,
        peer_text=(
            "Function 2 *Education*, line 2313 *school canteens*, page 18: 95 million CFA francs "
            "budgeted for 2025, the same as in 2024.\n\n"
            "1. How many meals a day does line 2313 pay for, in how many schools?\n"
            "2. The number of pupils rose this year: how is the same amount enough?\n"
            "3. How much of the 2024 amount was really spent, according to the accounts?"
        ),
    ),
    DemoStudy(AMINA, PRIVACY, lessons=1),
    DemoStudy(NOOR, FOI, lessons=1),
    DemoStudy(KOFI_J, DATA, lessons=2),
    DemoStudy(
        KOFI_J,
        BUDGET,
        lessons=1,
        peer_text=(
            "Capital budget, line *street lighting renewal*, page 52: 1.4 million.\n\n"
            "1. Which streets get new lamps this year?\n"
            "2. Is the 2024 programme finished?\n"
            "3. Why is the amount higher than last year?"
        ),
    ),
    DemoStudy(AMARA, FOI, lessons=3, slips=1),
    DemoStudy(
        MARTA,
        BUDGET,
        lessons=3,
        peer_text=(
            "Revenue, *transfers from the national government*, page 7: 61 % of the total.\n\n"
            "1. Which transfers are tied to a purpose the council cannot change, and for how "
            "much?\n"
            "2. What would the council cut first if transfers fell by a tenth?\n"
            "3. Why did the transfer for school maintenance fall between 2024 and 2025?"
        ),
    ),
    DemoStudy(PAULO, DATA, lessons=1),
)

PEER_REVIEWS = (
    DemoPeerReview(
        reviewer=AMINA,
        author=LUCAS,
        course=BUDGET,
        scores={"Specific": 4, "Answerable": 4, "Grounded": 3},
        comment=(
            "Very precise: line, page and both amounts. The third question could say which "
            "register the notices should be in."
        ),
    ),
    DemoPeerReview(
        reviewer=AMINA,
        author=KOFI_J,
        course=BUDGET,
        scores={"Specific": 2, "Answerable": 3, "Grounded": 2},
        comment=(
            "Good start. Give last year's amount so that question 3 rests on the document, "
            "and name the programme in question 2."
        ),
    ),
    DemoPeerReview(
        reviewer=LUCAS,
        author=AMINA,
        course=BUDGET,
        scores={"Specific": 4, "Answerable": 4, "Grounded": 4},
        comment=(
            "Question 2 is the one the council will find hardest to dodge: it puts two facts "
            "side by side. Nothing to change."
        ),
    ),
    DemoPeerReview(
        reviewer=KOFI_J,
        author=LUCAS,
        course=BUDGET,
        scores={"Specific": 4, "Answerable": 3, "Grounded": 4},
        comment="I learnt from this one how to quote a line. Question 2 is a bit vague on when.",
    ),
    DemoPeerReview(
        reviewer=MARTA,
        author=AMINA,
        course=BUDGET,
        scores={"Specific": 4, "Answerable": 3, "Grounded": 4},
        comment="Clear. Question 1 might need two questions: meals and schools.",
    ),
)


GROUP = DemoGroup(
    course=BUDGET,
    name="Budget readers' circle",
    description=(
        "We read our towns' budgets together, one chapter a fortnight, and help each other "
        "with the course's exercises. Everyone is welcome, whatever the town."
    ),
    organiser=AMINA,
    members=(LUCAS, KOFI_J, MARTA),
    posts=(
        (
            AMINA,
            "Welcome! For the first meeting, bring **one line** of your own town's budget that "
            "you do not understand. We will take them one by one.",
        ),
        (
            LUCAS,
            "I put the execution rates of the Brussels region's last accounts in the notes: "
            "look at the cycle lanes, only 15 % spent.",
        ),
        (
            MARTA,
            "Question on the lesson about execution reports: does a supplementary budget "
            "replace the first one, or add to it?",
        ),
        (
            AMINA,
            "@Marta it amends it: the lines it changes get new amounts, the others stay. Our "
            "council voted two this year.",
        ),
    ),
    notes=(
        (
            AMINA,
            "**Words we agreed on**\n\n"
            "- *operating budget*: what comes back every year (staff, energy, grants)\n"
            "- *capital budget*: what lasts (roofs, bridges, buses)\n"
            "- *execution rate*: spent ÷ budgeted",
        ),
        (
            LUCAS,
            "**Words we agreed on**\n\n"
            "- *operating budget*: what comes back every year (staff, energy, grants)\n"
            "- *capital budget*: what lasts (roofs, bridges, buses)\n"
            "- *execution rate*: spent ÷ budgeted\n"
            "- *supplementary budget*: an amendment voted during the year\n\n"
            "**Brussels region, last accounts**: road maintenance 96 %, cycle lanes 15 %, "
            "youth centres 103 %.",
        ),
    ),
    meeting=DemoMeeting(
        in_days=9,
        hour=17,
        online_url="https://meet.example.org/budget-readers-circle",
        place="Open Budget Lab, Dakar (for those nearby)",
        agenda="Everyone's mystery line; then lesson 5, taking questions to the council.",
    ),
)
