"""Demo course: reading public data critically (data literacy, in English, by the Civic Data
Lab)."""

from pnyx.learning.demo_content.specs import (
    ABURRA,
    DemoCourse,
    DemoExercise,
    DemoLesson,
    DemoModule,
)

_PROVENANCE = DemoLesson(
    title="Checking where a dataset comes from",
    body="""Before you use a dataset, find out who made it, how and why. Five questions cover
most of it.

## Five questions to ask

1. **Who published it?** A statistics office, a ministry, a city, a company, a volunteer group?
   Look for a name and a way to contact them, not only a logo.
2. **How was it collected?** A census counts everyone; a survey asks a sample; administrative
   data is a by-product of a service (school enrolments, building permits, complaints). Each
   has its own blind spots: a survey misses people who never answer, complaints data only
   shows people who complain.
3. **When?** Note the period the data covers *and* the day it was published. A table published
   last month may describe the situation of three years ago.
4. **What changed along the way?** Careful publishers keep a change log: columns renamed,
   definitions revised, errors corrected.
5. **Under which licence?** An open licence tells you that you may reuse the data and how to
   credit it.

## Where the answers are

Most answers are on the page around the file, in a methodology note, or in the *data
dictionary* (next lesson). When you cannot find them, write to the publisher: asking is
normal, and the answer often makes a useful sentence in your article or class project.

> A dataset without a publisher, a date or a method is a rumour in a table. Use it to ask
> better questions, not to answer them.

To practise, open any dataset on your city's open-data portal and answer the five questions
in a note of five lines.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt=(
                "A table of school drop-out rates circulates without a date, a method or the "
                "name of its publisher. What do you do first?"
            ),
            choices=(
                "Use it: numbers are numbers.",
                "Look for its publisher and method, and write to ask if you cannot find them.",
                "Round the figures so that small errors do not matter.",
                "Check whether many people shared it.",
            ),
            correct=(1,),
            explanation=(
                "Without a publisher and a method you cannot tell what the rates measure. "
                "Being widely shared says nothing about where a table comes from."
            ),
        ),
        DemoExercise(
            kind="short",
            prompt=(
                "What is the document called that explains each column of a dataset — its "
                "meaning, its unit and its possible values? (two words)"
            ),
            accepted=("data dictionary", "codebook", "code book"),
            wrong="metadata file",
            explanation="A data dictionary, sometimes called a codebook.",
        ),
    ),
)

_DICTIONARY = DemoLesson(
    title="Reading a data dictionary",
    body="""A data dictionary tells you what each column means. Read it *before* you compute
anything: most mistakes with public data come from a column that does not mean what its name
suggests.

## An example

| Column | Meaning | Unit | Notes |
| --- | --- | --- | --- |
| `district` | District code | — | 16 districts; see the list of codes |
| `households` | Households counted | number | From the household register of 1 January |
| `income_median` | Median household income | pesos a month | `-99`: under 30 answers |
| `schools` | Public schools | number | Private schools are not counted |

## What to look for

- **Units.** Pesos a month or a year? Thousands or units? Percent or per thousand?
- **Codes for missing values.** `-99`, `0` or an empty cell may mean "not asked", "not
  known" or "too few answers to publish". Never average them as if they were numbers.
- **What is counted, and what is not.** Here, private schools are left out: a district with
  few public schools may still have many schools.
- **The reference date.** A register of 1 January does not count people who moved in during
  the year.

If the dictionary is missing, say so when you use the data, and keep your claims modest.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt=(
                "In the example, district 7 has `-99` in the column `income_median`. What does "
                "that tell you?"
            ),
            choices=(
                "Households in district 7 earn nothing.",
                "Too few households answered for the median to be published.",
                "District 7 has a negative median income.",
                "The data is wrong and the district should be deleted.",
            ),
            correct=(1,),
            explanation=(
                "`-99` is a code for a missing value, explained in the notes. Leave the "
                "district out of averages and say why."
            ),
        ),
    ),
)

_RATES = DemoLesson(
    title="Totals, rates and medians",
    body="""A big district has more of everything: more schools, more burglaries, more
complaints. To compare places fairly, divide by the right population.

## From counts to rates

District A recorded 40 burglaries for 8,000 households; district B, 90 burglaries for 30,000
households. B has more burglaries, but per 1,000 households:

- A: 40 ÷ 8,000 × 1,000 = **5**
- B: 90 ÷ 30,000 × 1,000 = **3**

Choose the denominator that matches the question: households for burglaries, pupils for
teachers, residents for clinics, kilometres for roads.

## Average or median?

The **average** (mean) adds everything up and divides; a few very high values pull it up. The
**median** is the middle value once everything is sorted: half are below, half above. For
incomes, house prices or waiting times, the median usually says more about a typical person.

## Small numbers jump

In a village of 300 people, two more cases of an illness can double a rate. Look at several
years, or group small places together, before you call a change a trend.""",
    exercises=(
        DemoExercise(
            kind="short",
            prompt=(
                "District C recorded 36 burglaries for 12,000 households. How many burglaries "
                "is that per 1,000 households? (a number)"
            ),
            accepted=("3", "3.0", "three"),
            wrong="36",
            explanation="36 ÷ 12,000 × 1,000 = 3.",
        ),
        DemoExercise(
            kind="choice",
            prompt=(
                "In a street, nine households earn 900 a month and one earns 20,000. Which "
                "figure describes a typical household best?"
            ),
            choices=("The mean: 2,810", "The median: 900", "The total: 28,100"),
            correct=(1,),
            explanation="One very high income pulls the mean far above what most households earn.",
        ),
    ),
)

_CHARTS = DemoLesson(
    title="Charts that mislead",
    body="""A chart can be correct in every number and still give the wrong impression. Four
tricks come back again and again.

1. **A cut axis.** A bar chart whose vertical axis starts at 95 instead of 0 turns a change
   from 96 % to 98 % into a tower twice as high.
2. **A chosen period.** Start the line in the worst year and any later year looks like
   progress. Ask what the chart looks like over ten years.
3. **Running totals.** A cumulative line always goes up, even when each month is worse than
   the one before.
4. **Maps of people.** Large, empty districts catch the eye on a map; small, crowded ones
   disappear. Map rates, not counts, and show the counts beside them.

When you make a chart, write its title as the sentence you want readers to remember, give the
source under it, and start bars at zero.

A recorded talk on the same subject is linked below; it shows each trick with a municipal
example.""",
    video_url="https://video.example.org/pnyx/charts-that-mislead",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt="Which of these can make a correct chart mislead? Choose all that apply.",
            choices=(
                "A vertical axis that does not start at zero, on a bar chart",
                "The source written under the chart",
                "A running total instead of the monthly figures",
                "A map of counts where districts differ a lot in size",
            ),
            correct=(0, 2, 3),
            explanation="Naming the source never misleads: it lets readers check.",
        ),
    ),
)

_LIMITS = DemoLesson(
    title="Saying what the data cannot tell",
    body="""The last step of working with public data is the one most often skipped: saying
what your numbers do **not** show.

## Three sentences to write every time

- **What was measured.** "Reported burglaries" is not "burglaries": many are never reported.
- **What was left out.** Private schools, informal jobs, people without an address.
- **What would change your conclusion.** "If the 2021 register under-counted new arrivals,
  the rate in district B is lower than shown."

## Link to your sources

Give the address of each dataset you used, the day you downloaded it, and the steps you took
(filters, sums, rates). Someone who follows them should get your numbers. That is what makes
your work checkable — and what a committee looks for when it reviews a learner's record.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt=(
                'Your chart uses "complaints about street lighting" from the city\'s service '
                "desk. Which caveat matters most?"
            ),
            choices=(
                "Complaints show where people complain, not only where lamps are broken.",
                "The chart has too many colours.",
                "Street lighting is paid from the capital budget.",
            ),
            correct=(0,),
            explanation=(
                "Administrative data reflects who uses the service: some neighbourhoods report "
                "more than others."
            ),
        ),
    ),
)

COURSE = DemoCourse(
    slug="reading-public-data-critically",
    partner=ABURRA,
    title="Reading public data critically",
    summary=(
        "Check where a dataset comes from, read its dictionary, compare places fairly and spot "
        "charts that mislead."
    ),
    description="""Public data is only as good as the questions you ask of it. In this course
you learn to check where a dataset comes from, to read its documentation, to turn counts into
fair comparisons and to recognise charts that mislead — with examples from municipal
statistics.

- three short modules, about eight hours in all
- every lesson ends with an exercise, checked at once
- nothing to install: a spreadsheet is enough

Made by the Civic Data Lab for the secondary schools of the Aburrá valley, and open to
everyone.""",
    language="en",
    level="beginner",
    hours=8,
    credits="1",
    topics=("open-data", "education"),
    tools=("dataset-health-check", "table-cleaner", "statistics-explorer", "data-detectives"),
    modules=(
        DemoModule(title="Where a dataset comes from", lessons=(_PROVENANCE, _DICTIONARY)),
        DemoModule(title="From numbers to claims", lessons=(_RATES, _CHARTS)),
        DemoModule(title="Writing it up", lessons=(_LIMITS,)),
    ),
)
