"""The shapes of the learning demo's texts (see `pnyx.learning.demo_content`)."""

from dataclasses import dataclass
from typing import Any

#: A demo person's e-mail address, or a generated participant's number.
Who = str | int


@dataclass(frozen=True)
class DemoExercise:
    """`kind` is "choice", "short" or "peer"; only the fields of that kind are used. `wrong` is
    a wrong short answer some learners try first."""

    kind: str
    prompt: str
    choices: tuple[str, ...] = ()
    correct: tuple[int, ...] = ()
    accepted: tuple[str, ...] = ()
    wrong: str = ""
    rubric: tuple[dict[str, Any], ...] = ()
    reviews_required: int = 2
    explanation: str = ""


@dataclass(frozen=True)
class DemoLesson:
    title: str
    body: str
    exercises: tuple[DemoExercise, ...] = ()
    video_url: str = ""


@dataclass(frozen=True)
class DemoModule:
    title: str
    lessons: tuple[DemoLesson, ...]


@dataclass(frozen=True)
class DemoCourse:
    slug: str
    #: The name of the partner's organisation.
    partner: str
    title: str
    summary: str
    description: str
    language: str
    level: str
    hours: int
    credits: str | None
    topics: tuple[str, ...]
    #: Address names (slugs) of toolbox demo tools the course teaches.
    tools: tuple[str, ...]
    modules: tuple[DemoModule, ...]


@dataclass(frozen=True)
class DemoVisit:
    """A committee visit `starts_in` days from the day the demo loads (negative: past)."""

    starts_in: int
    days: int
    place: str
    agenda: str
    report: str = ""


@dataclass(frozen=True)
class DemoPartner:
    organisation: str
    #: Applies for the organisation (one of its administrators) and so chairs the committee.
    applicant: Who
    statement: str
    credit_unit: str
    #: The other committee members and their roles.
    committee: tuple[tuple[Who, str], ...]
    #: (name, what is looked for, highest score), in order.
    rubric: tuple[tuple[str, str, int], ...]
    visits: tuple[DemoVisit, ...] = ()


@dataclass(frozen=True)
class DemoStudy:
    """A learner in a course: the first `lessons` lessons done with their exercises answered
    (the first `slips` of them wrong before right), the text for the peer-reviewed exercise,
    and whether they ask for the course's credential (after completing it)."""

    who: Who
    course: str
    lessons: int
    slips: int = 0
    peer_text: str = ""
    credential: bool = False


@dataclass(frozen=True)
class DemoPeerReview:
    reviewer: Who
    author: Who
    course: str
    #: Score per criterion name of the exercise's rubric.
    scores: dict[str, int]
    comment: str


@dataclass(frozen=True)
class DemoEntry:
    """A written engagement entry, dated in days before the day the demo loads. `organisation`
    names an organisation on Pnyx; `organisation_name` is free text for one that is not."""

    who: Who
    activity: str
    started_ago: int
    ended_ago: int | None
    hours: str | None
    description: str
    organisation: str = ""
    organisation_name: str = ""
    evidence_url: str = ""
    #: (name, e-mail address) of a referee, who confirms with `referee_note`.
    referee: tuple[str, str] | None = None
    referee_note: str = ""
    shared: bool = False


@dataclass(frozen=True)
class DemoReview:
    """A committee member's review: one score per rubric criterion, in the rubric's order."""

    who: Who
    scores: tuple[int, ...]
    comment: str
    credits: str | None


@dataclass(frozen=True)
class DemoDecision:
    """The chair's decision: credits granted (None: refused) and the reasons."""

    credits: str | None
    reasons: str


@dataclass(frozen=True)
class DemoApplication:
    who: Who
    partner: str
    #: The activities of the learner's written entries it rests on (the entries Pnyx keeps
    #: from the consultation are added).
    entries: tuple[str, ...]
    statement: str
    credits: str
    conflicts: tuple[tuple[Who, str], ...] = ()
    reviews: tuple[DemoReview, ...] = ()
    decision: DemoDecision | None = None


@dataclass(frozen=True)
class DemoMeeting:
    """A study-group meeting `in_days` days after the demo loads, at `hour` o'clock UTC."""

    in_days: int
    hour: int
    online_url: str
    place: str
    agenda: str


@dataclass(frozen=True)
class DemoGroup:
    course: str
    name: str
    description: str
    organiser: Who
    members: tuple[Who, ...]
    posts: tuple[tuple[Who, str], ...]
    #: Successive versions of the shared notes, each saved by its editor.
    notes: tuple[tuple[Who, str], ...]
    meeting: DemoMeeting


ADMIN = "admin@pnyx.example"
AMINA = "amina@pnyx.example"
LUCAS = "lucas@pnyx.example"
NOOR = "noor@pnyx.example"
SOFIA = "sofia@pnyx.example"

#: The partners: organisations of the orgs and toolbox demos.
ABURRA = "Aburrá Valley University — Civic Data Lab"
GRONINGEN = "Groningen Institute for Public Affairs — Governance Lab"
BOUAKE = "Bouaké Citizenship School"
#: A school whose application waits for the platform administrators.
LA_LADERA = "Institución Educativa La Ladera"

#: Generated participants of the demo consultation who take a part here (see
#: `participant_email`): the administrators of two toolbox demo organisations, committee
#: members, and students.
KOFI_E = 25  # administrator of the Bouaké Citizenship School
KOFI_F = 55  # administrator of the Groningen Governance Lab
INES = 142
DIEGO = 143
LEA = 144
KOFI_J = 145
AMARA = 146
JONAS = 147
MARTA = 148
PAULO = 149
