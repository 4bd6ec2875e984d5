"""Demo course: following the money in a municipal budget (open government, in English, by the
Groningen Governance Lab), with the demo's peer-reviewed exercise."""

from pnyx.learning.demo_content.specs import (
    GRONINGEN,
    DemoCourse,
    DemoExercise,
    DemoLesson,
    DemoModule,
)

#: The criteria learners score each other's questions against.
PEER_RUBRIC = (
    {
        "name": "Specific",
        "description": "Each question names a budget line, an amount or a year.",
        "max": 4,
    },
    {
        "name": "Answerable",
        "description": "The council or its services can answer with facts or documents.",
        "max": 4,
    },
    {
        "name": "Grounded",
        "description": "The questions come from what the budget document shows, or fails to show.",
        "max": 4,
    },
)

_READING = DemoLesson(
    title="Reading a municipal budget",
    body="""A municipal budget is a plan: what the council expects to collect and what it
allows itself to spend, for one year. It is a law for the town, voted in public, and you have
the right to read it.

## Two halves

- **Revenue**: local taxes, fees for services, transfers from the national government, loans.
- **Spending**, usually shown twice: by *function* (education, roads, social care, culture)
  and by *economic nature* (salaries, purchases, grants, interest, investment).

## Two budgets in one

The **operating** (or current) budget pays for what comes back every year: staff, energy,
cleaning, grants to associations. The **capital** (or investment) budget pays for what lasts:
a new school roof, a bridge, buses. Many towns must balance the operating budget and may only
borrow to invest.

## How to start

1. Find the summary table, often near the start: totals by function.
2. Pick one function you care about and look for its detail pages.
3. Compare with last year's budget: what grew, what shrank, what disappeared?

Write down the page numbers. You will need them to ask questions.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt="Which of these is usually paid from the capital (investment) budget?",
            choices=(
                "The salaries of the town's librarians",
                "The renovation of a primary school's roof",
                "The electricity bill of the town hall",
                "A yearly grant to the football club",
            ),
            correct=(1,),
            explanation="A new roof lasts for decades: it is an investment.",
        ),
        DemoExercise(
            kind="short",
            prompt=(
                "Spending classified by education, roads, social care or culture is "
                "classified by… (one word)"
            ),
            accepted=("function", "functions", "functional"),
            wrong="department",
            explanation="The functional classification says what the money is for.",
        ),
    ),
)

_EXECUTION = DemoLesson(
    title="Budgeted is not spent: execution reports",
    body="""The budget is what the council *allowed*; the **execution report** (or annual
accounts) says what was really collected and spent. The gap between the two tells a story.

## What to compare

| Line | Budgeted | Spent | Rate |
| --- | --- | --- | --- |
| Road maintenance | 1,200,000 | 1,150,000 | 96 % |
| New cycle lanes | 800,000 | 120,000 | 15 % |
| Youth centres | 300,000 | 310,000 | 103 % |

A rate far below 100 % on an investment often means a project was delayed; ask why, and
whether the money moves to next year. A rate above 100 % means a **supplementary budget**
(an amendment voted during the year) added money: find it and read the reason given.

## When to look

Many towns publish a mid-year report and the accounts a few months after the year ends.
Note the dates: the accounts of last year are the best basis for questions on next year's
budget.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt=(
                "New cycle lanes: 800,000 budgeted, 120,000 spent. Which question follows best "
                "from these figures?"
            ),
            choices=(
                "Why are cycle lanes so expensive?",
                "What delayed the cycle lanes, and is the unspent money carried over to next year?",
                "Who voted for cycle lanes?",
            ),
            correct=(1,),
            explanation=(
                "A low execution rate on an investment points to a delay; the carry-over tells "
                "you whether the project survives."
            ),
        ),
    ),
)

_REVENUE = DemoLesson(
    title="Where the money comes from",
    body="""Who pays for the town's services? The answer shapes what the council can decide
on its own.

- **Local taxes** (on property, on businesses): the council usually sets the rate, so it
  answers to residents for it.
- **Fees** (water, waste, parking, sports halls): paid by those who use the service.
- **Transfers** from the national government: often the largest share in small towns, and
  sometimes tied to a purpose (schools, health) the council cannot change.
- **Loans**: for investment only, repaid from future budgets.

## Compute the shares

A town collects 6 million in local taxes, 2 million in fees and 12 million in transfers: 20
million in all. Transfers are 12 ÷ 20 = **60 %** of its revenue. A town that depends this much
on transfers will cut spending when the national government cuts them — worth knowing before
you ask it to spend more.""",
    exercises=(
        DemoExercise(
            kind="short",
            prompt=(
                "A town collects 5 million in local taxes, 3 million in fees and 2 million in "
                "transfers. What percentage of its revenue comes from local taxes? (a number)"
            ),
            accepted=("50", "50 percent", "fifty"),
            wrong="5",
            explanation="5 ÷ (5 + 3 + 2) = 50 %.",
        ),
    ),
)

_QUESTIONS = DemoLesson(
    title="From a budget line to a question",
    body="""A good question to a council is one it cannot dodge. Compare:

- ✗ "Why does the town waste money on consultants?"
- ✓ "Line 6226 (*fees for external studies*) rose from 40,000 to 210,000 between the two last
  budgets. Which studies does it pay for, and will they be published?"

## Make your question

- **specific**: name the line, the amount, the year, the page;
- **answerable**: ask for facts or documents, not for opinions or intentions;
- **grounded**: start from what the document shows, or from what is missing in it (a line
  that disappeared, a total without detail).

One question per point; three good questions beat ten vague ones. Then send them: by e-mail
to the finance department, at a council meeting, or through an information request (the
course *Demander l'information publique* shows how).

The exercise below is reviewed by two other learners against the same three criteria, and you
review two texts in return. Reviewing teaches as much as writing.""",
    exercises=(
        DemoExercise(
            kind="peer",
            prompt=(
                "Pick one line of your town's budget (or of the example in the lessons). Write "
                "three questions about it for your council, each with the line, the amount and "
                "the page it comes from."
            ),
            rubric=PEER_RUBRIC,
            reviews_required=2,
        ),
    ),
)

_COUNCIL = DemoLesson(
    title="Taking your questions to the council",
    body="""Budgets follow a calendar, and a question asked at the right time weighs more.

1. **Preparation** (months before the vote): services propose, the executive arbitrates. The
   best time to suggest an expense — through a participatory budget, a hearing, or your
   councillors.
2. **Debate and vote**: the draft is public some days before the session. Read the summary,
   send your questions to councillors of every group, attend the session (it is public).
3. **Execution**: follow the mid-year report; ask about delayed projects.
4. **Accounts**: the year's real figures. Compare them with the promises.

Keep a record of every question you send, the date, and the answer. An unanswered question,
dated, is a fact you can publish.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt=(
                "You want the council to fund a repair of your school's playground next year. "
                "When is your proposal most likely to be taken into account?"
            ),
            choices=(
                "During the preparation of the budget, months before the vote",
                "The evening of the vote",
                "When the accounts of the year are published",
            ),
            correct=(0,),
            explanation="Once the draft is public, changes are rare; proposals come earlier.",
        ),
    ),
)

COURSE = DemoCourse(
    slug="following-the-money",
    partner=GRONINGEN,
    title="Following the money: reading a municipal budget",
    summary=(
        "Read your town's budget and accounts, see where the money comes from, and ask "
        "questions the council cannot dodge."
    ),
    description="""Every town publishes a budget, and almost nobody reads it. This course
shows you how, with a real method and a fictional town's figures:

- the anatomy of a budget: revenue and spending, operating and capital;
- budgeted against spent: what execution reports reveal;
- from a budget line to a precise question, and when to ask it.

One exercise is reviewed by other learners: you write three questions about a budget line and
review two other learners' questions. A study group meets online to read budgets together.""",
    language="en",
    level="intermediate",
    hours=10,
    credits="2",
    topics=("fiscal-openness", "public-participation"),
    tools=("where-taxes-go", "budget-vs-actual", "citizens-budget-builder", "local-revenue-map"),
    modules=(
        DemoModule(title="The anatomy of a budget", lessons=(_READING, _EXECUTION)),
        DemoModule(title="Where the money comes from", lessons=(_REVENUE,)),
        DemoModule(title="Asking good questions", lessons=(_QUESTIONS, _COUNCIL)),
    ),
)
