"""The learning demo for `pnyx demo`: three partner schools and universities in three
countries, four courses in two languages, learners with engagement records, credit
applications at every stage with their credentials, and a study group.

The texts are in `pnyx.learning.demo_content` (fictional, written for Pnyx). It builds on the
organisations of the orgs and toolbox demos, the tools of the toolbox demo and the people and
generated participants of the demo consultation, which all run before. Everything goes through
the learning services (permission checks, audit log, notifications, signed credentials):

- the Civic Data Lab (Colombia), the Groningen Governance Lab (the Netherlands) and the Bouaké
  Citizenship School (Côte d'Ivoire) apply through one of their administrators, who chairs the
  committee, and the platform administrator approves them; each chair names the committee,
  writes the rubric and publishes the partner's courses (three in English, one in French);
- learners enrol, mark lessons done, answer exercises (some wrong first), write texts for the
  peer-reviewed exercise and review each other's; Sofía completes a course and takes its
  credential;
- the learners' records are refreshed from the demo consultation, and each writes a few
  entries, one of them confirmed by its referee through the link e-mailed to them;
- credit applications: two granted (reviewed, then decided by the chair, which issues the
  credential), one refused with reasons, one waiting for review; a conflict of interest is
  declared on one of them;
- a study group of the budget course talks, keeps shared notes and plans a meeting;
- what was written is then dated over the past months (`pnyx.learning.demo.dates`); the
  decisions and the credentials keep today's date, the one signed in each credential.

Log in (password in `pnyx.accounts.demo`) as:

- **admin@pnyx.example** — approved the three partners; the application of Institución
  Educativa La Ladera waits for a decision at /learning/partners/applications/;
- **noor@pnyx.example** — on the Civic Data Lab's committee: a credit application waits for
  her review at /learning/partners/aburra-valley-university-civic-data-lab/applications/;
- **sofia@pnyx.example** — chairs the Civic Data Lab's committee: refused one application,
  decides the waiting one once reviewed, planned the committee's visits (one past, with its
  report; one to come); she completed "Your data, your rights" and holds its credential;
- **lucas@pnyx.example** — holds a credential of 4 ECTS credits from the Groningen Governance
  Lab; in the budget course, other learners' texts wait for his review; member of the study
  group; his workshop entry was confirmed by Amina as referee;
- **amina@pnyx.example** — on the Bouaké school's committee (reviewed the application it
  granted); organiser of the study group "Budget readers' circle", with a meeting planned.

Loading again adds nothing: partners are found by organisation, committee members by person,
visits by agenda, courses by address name, enrolments by learner, written entries by learner
and activity, applications by learner and partner, the group by course and name; rubrics and
answers are only written the first time. A missing prerequisite (an organisation, a person, a
partner) is logged as a warning and its part skipped.
"""

from django.db import transaction

from pnyx.learning.demo.common import demo_people, guarded, missing
from pnyx.learning.demo.courses import load_courses, load_studies
from pnyx.learning.demo.dates import Timeline, Window, spread_in_time
from pnyx.learning.demo.groups import load_group
from pnyx.learning.demo.partners import load_partners, load_pending_partner, load_visits
from pnyx.learning.demo.records import (
    load_applications,
    load_decisions,
    load_engagement,
)
from pnyx.learning.demo_content.specs import ADMIN

#: The days before today over which each part's rows are dated: (oldest, newest).
PARTNERS_WINDOW: Window = (320, 250)
#: The past visit is planned before it took place; its report and the next visit come after.
PAST_VISITS_WINDOW: Window = (170, 160)
VISITS_WINDOW: Window = (100, 20)
COURSES_WINDOW: Window = (240, 200)
STUDIES_WINDOW: Window = (120, 3)
ENGAGEMENT_WINDOW: Window = (32, 18)
APPLICATIONS_WINDOW: Window = (15, 4)
GROUP_WINDOW: Window = (25, 1)
PENDING_WINDOW: Window = (6, 6)


def load() -> None:
    """Create what is missing of the learning demo (see the module's docstring)."""
    people = demo_people()
    if ADMIN not in people:
        missing("the learning demo", ADMIN)
        return
    timeline = Timeline()
    with transaction.atomic():
        timeline.begin(PARTNERS_WINDOW)
        chairs = load_partners(people)
        timeline.begin(PAST_VISITS_WINDOW)
        guarded("the past committee visits", lambda: load_visits(chairs, past=True))
        timeline.begin(VISITS_WINDOW)
        guarded("the committee visits", lambda: load_visits(chairs, past=False))
        timeline.begin(COURSES_WINDOW)
        found = load_courses(chairs)
        timeline.begin(STUDIES_WINDOW)
        load_studies(found, people)
        timeline.begin(ENGAGEMENT_WINDOW)
        load_engagement(people)
        people = demo_people()  # fresh objects: permission checks remember committee roles
        timeline.begin(APPLICATIONS_WINDOW)
        decisions = load_applications(chairs, people)
        timeline.begin(None)  # decisions issue credentials, signed with today's date
        load_decisions(decisions)
        timeline.begin(GROUP_WINDOW)
        guarded("the study group", lambda: load_group(found, people))
        timeline.begin(PENDING_WINDOW)
        guarded("the waiting partner application", lambda: load_pending_partner(people))
        spread_in_time(timeline)
