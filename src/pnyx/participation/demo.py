"""The demo consultation for `pnyx demo`: a "Democracy Night" run by the Open Budget Lab.

The process, its phases and questions go through the process services (audited, searchable);
the crowd (150 generated participants, their propositions, 2,000+ votes and a few hundred
comments) is written in bulk for speed, generated from `random.Random(2016)` so every run gives
the same data, and every counter is then set from a recount of the rows. A few official answers
go through the answer service (audit log, notifications). Loading again adds nothing: the
process is found by its organiser and title, and the follows are idempotent.
"""

import logging
import random
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from pnyx.accounts.models import User
from pnyx.core import search
from pnyx.core.models import Topic
from pnyx.core.text import plain_text
from pnyx.orgs.models import Organisation
from pnyx.participation import demo_content as content
from pnyx.participation.models import (
    Comment,
    Participant,
    PhaseKind,
    Process,
    Proposition,
    Question,
    Stance,
    Vote,
    VoteMode,
    VoteValue,
)
from pnyx.participation.selectors.recount import PROPOSITION_COUNTERS, counters_recount
from pnyx.participation.services import processes as process_services
from pnyx.participation.services.answers import proposition_answer
from pnyx.participation.services.follows import follow_create

logger = logging.getLogger(__name__)

#: Short comments, each with its stance; the demo draws from them.
COMMENTS: list[tuple[str, str]] = [
    ("Yes, and it should start this year.", "for"),
    ("We tried this in our district and it worked well.", "for"),
    ("Good idea, but who pays for it?", "neutral"),
    ("This needs a clear timeline to be credible.", "neutral"),
    ("I am not convinced: it adds work for people already overloaded.", "against"),
    ("Could this work in small villages too?", "neutral"),
    ("Strongly agree, especially for young people.", "for"),
    ("It exists already in some countries; let's learn from them.", "neutral"),
    ("Without training, this will stay on paper.", "against"),
    ("Simple and concrete. I support it.", "for"),
    ("Please think about people with disabilities here.", "neutral"),
    ("The cost is small compared to what we would gain.", "for"),
    ("We should measure the results after one year.", "neutral"),
    ("This risks being captured by the usual voices.", "against"),
    ("Our association would volunteer to help.", "for"),
    ("How would this be different from what exists today?", "neutral"),
    ("Important for trust. Without it, people will not take part.", "for"),
    ("Too vague for now: what exactly would change?", "against"),
    ("Combine it with the proposition on local languages.", "neutral"),
    ("Teachers I know would welcome this.", "for"),
    ("Privacy must be built in from the start.", "neutral"),
    ("A pilot in two cities first, then scale up.", "neutral"),
    ("I changed my mind after reading the comments: I support it.", "for"),
    ("Data alone does not build trust; people do.", "neutral"),
]

#: First names of the generated demo participants (combined with an initial).
FIRST_NAMES = [
    "Awa",
    "Moussa",
    "Fatou",
    "Ibrahima",
    "Claire",
    "Julien",
    "Nadia",
    "Karim",
    "Elena",
    "Mateo",
    "Lucía",
    "Andrés",
    "Sophie",
    "Thomas",
    "Yasmine",
    "Omar",
    "Ana",
    "Pedro",
    "Chloé",
    "Hugo",
    "Mariam",
    "Samuel",
    "Inès",
    "Diego",
    "Léa",
    "Kofi",
    "Amara",
    "Jonas",
    "Marta",
    "Paulo",
]
INITIALS = "ABCDEFGHJKLMNPRSTVW"

ANSWERS = [
    # (question index, proposition index, state, text)
    (
        0,
        5,
        "accepted",
        "We will publish a set of classroom-ready datasets with the city's statistics office this "
        "year.",
    ),
    (
        1,
        1,
        "implemented",
        "Facilitators can now enter paper propositions and votes; they are marked as entered "
        "offline.",
    ),
    (
        1,
        8,
        "rejected",
        "Text-message voting cannot check that one person votes once without collecting phone "
        "numbers, which we do not want to hold. We will add paper ballots at partner centres "
        "instead.",
    ),
    (
        2,
        0,
        "accepted",
        "Every ranking used on this platform is already in the public algorithm register; we will "
        "ask our partner cities to do the same.",
    ),
    (
        2,
        12,
        "evaluating",
        "We are studying how to publish the log in a form that others can check independently.",
    ),
]

ORGANISER = "Open Budget Lab"
AMINA, LUCAS, SOFIA = "amina@pnyx.example", "lucas@pnyx.example", "sofia@pnyx.example"
PARTICIPANTS = 150
SEED = 2016
TOPICS = ("public-participation", "education", "algorithms", "open-data")
#: Propositions written by the demo people who log in: (question, proposition index) -> e-mail.
KNOWN_AUTHORS = {(0, 0): SOFIA, (1, 0): AMINA, (2, 6): LUCAS, (1, 14): LUCAS}


def participant_email(number: int) -> str:
    return f"participant{number:03d}@pnyx.example"


def _participants() -> list[User]:
    """The generated participants: confirmed addresses, no usable password (nobody logs in)."""
    emails = [participant_email(n) for n in range(1, PARTICIPANTS + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    names = FIRST_NAMES
    User.objects.bulk_create(
        [
            User(
                email=participant_email(n),
                display_name=f"{names[n % len(names)]} {INITIALS[(n * 7) % 19]}.",
                password=make_password(None),
            )
            for n in range(1, PARTICIPANTS + 1)
            if participant_email(n) not in existing
        ]
    )
    people = list(User.objects.filter(email__in=emails).order_by("email"))
    confirmed = set(EmailAddress.objects.filter(user__in=people).values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=person, email=person.email, verified=True, primary=True)
            for person in people
            if person.pk not in confirmed
        ]
    )
    return people


def _create_process(organiser: User, organisation: Organisation, now: datetime) -> Process:
    details = process_services.ProcessDetails(
        title=content.TITLE,
        summary=content.SUMMARY,
        body=content.BODY,
        topics=list(Topic.objects.filter(slug__in=TOPICS)),
        languages=["en", "fr", "es"],
        vote_mode=VoteMode.SUPPORT,
    )
    process = process_services.process_create(
        actor=organiser, organisation=organisation, details=details
    )
    phases = [
        (PhaseKind.INFORMATION, now - timedelta(days=14), now - timedelta(days=7)),
        (PhaseKind.PROPOSING, now - timedelta(days=7), now + timedelta(days=7)),
        (PhaseKind.VOTING, now + timedelta(days=7), now + timedelta(days=21)),
    ]
    for kind, starts_at, ends_at in phases:
        process_services.phase_add(
            actor=organiser,
            process=process,
            details=process_services.PhaseDetails(kind=kind, starts_at=starts_at, ends_at=ends_at),
        )
    for title, description in content.QUESTIONS:
        process_services.question_add(
            actor=organiser, process=process, title=title, description=description
        )
    return process_services.process_publish(actor=organiser, process=process)


def _moment(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random()


def _propositions(
    process: Process, rng: random.Random, crowd: list[User], known: dict[str, User], now: datetime
) -> list[Proposition]:
    opened = now - timedelta(days=7)
    questions = list(Question.objects.filter(process=process).order_by("position"))
    planned, moments = [], []
    for q_index, (question, texts) in enumerate(zip(questions, content.PROPOSITIONS, strict=True)):
        for p_index, (title, body) in enumerate(texts):
            email = KNOWN_AUTHORS.get((q_index, p_index))
            author = known.get(email, rng.choice(crowd)) if email else rng.choice(crowd)
            planned.append(
                Proposition(
                    process=process, question=question, author=author, title=title, body=body
                )
            )
            moments.append(_moment(rng, opened, now - timedelta(hours=2)))
    created = Proposition.objects.bulk_create(planned)
    for proposition, moment in zip(created, moments, strict=True):
        # bulk_create stamps "now" on auto_now_add fields; the demo spreads them over the phase.
        proposition.created_at = proposition.updated_at = moment
    Proposition.objects.bulk_update(created, ["created_at", "updated_at"])
    for proposition in created:
        search.index_object(proposition, title=proposition.title, body=plain_text(proposition.body))
    return created


def _votes(
    rng: random.Random, crowd: list[User], propositions: list[Proposition], now: datetime
) -> None:
    appeal = [rng.random() ** 2 + 0.05 for _ in propositions]
    votes = []
    for person in crowd:
        wanted = rng.randint(6, 22)
        chosen: set[int] = set()
        while len(chosen) < wanted:
            chosen.add(rng.choices(range(len(propositions)), weights=appeal)[0])
        for index in sorted(chosen):
            proposition = propositions[index]
            votes.append(
                Vote(
                    proposition=proposition,
                    user=person,
                    value=VoteValue.SUPPORT,
                    created_at=_moment(rng, proposition.created_at, now),
                )
            )
    Vote.objects.bulk_create(votes, batch_size=1000)


def _comments(
    rng: random.Random, crowd: list[User], propositions: list[Proposition], now: datetime
) -> None:
    appeal = [rng.random() + 0.2 for _ in propositions]
    top = []
    for _ in range(230):
        proposition = rng.choices(propositions, weights=appeal)[0]
        body, stance = rng.choice(COMMENTS)
        top.append(
            Comment(
                proposition=proposition,
                author=rng.choice(crowd),
                body=body,
                stance=Stance(stance),
                created_at=_moment(rng, proposition.created_at, now - timedelta(hours=1)),
            )
        )
    parents = Comment.objects.bulk_create(top)
    replies = []
    for parent in rng.sample(parents, 90):
        body, stance = rng.choice(COMMENTS)
        replies.append(
            Comment(
                proposition=parent.proposition,
                parent=parent,
                depth=parent.depth + 1,
                author=rng.choice(crowd),
                body=body,
                stance=Stance(stance),
                created_at=_moment(rng, parent.created_at, now),
            )
        )
    Comment.objects.bulk_create(replies)


def _set_counters(process: Process) -> None:
    """Create the Participant rows, then set every counter from a recount of the rows."""
    people = set(
        Vote.objects.filter(proposition__process=process).values_list("user_id", flat=True)
    )
    people |= set(process.propositions.values_list("author_id", flat=True))
    people |= set(
        Comment.objects.filter(proposition__process=process).values_list("author_id", flat=True)
    )
    people.discard(None)
    Participant.objects.bulk_create(
        [Participant(process=process, user_id=user_id) for user_id in sorted(people)]
    )
    recount = counters_recount(process=process)
    propositions = list(process.propositions.all())
    for proposition in propositions:
        for name, value in recount.propositions[proposition.pk].items():
            setattr(proposition, name, value)
    Proposition.objects.bulk_update(propositions, PROPOSITION_COUNTERS)
    for question_id, count in recount.questions.items():
        Question.objects.filter(pk=question_id).update(proposition_count=count)
    participants = list(process.participants.all())
    for participant in participants:
        for name, value in recount.participants[participant.user_id].items():
            setattr(participant, name, value)
    Participant.objects.bulk_update(
        participants, ["vote_count", "proposition_count", "comment_count"]
    )
    Process.objects.filter(pk=process.pk).update(**recount.process)


def _answers(process: Process, organiser: User) -> None:
    questions = list(process.questions.order_by("position"))
    for q_index, p_index, state, text in ANSWERS:
        title = content.PROPOSITIONS[q_index][p_index][0]
        proposition = Proposition.objects.get(question=questions[q_index], title=title)
        proposition_answer(organiser=organiser, proposition=proposition, state=state, text=text)


def _follows(process: Process, known: dict[str, User]) -> None:
    """Amina and Sofía follow the process; each demo person follows a few propositions."""
    top = list(process.propositions.order_by("-support_count", "pk")[:6])
    wishes: dict[str, list[Process | Proposition]] = {
        AMINA: [process, top[0]],
        LUCAS: [top[1], top[2], top[3]],
        SOFIA: [process, top[0], top[4]],
    }
    for email, targets in wishes.items():
        if email in known:
            for target in targets:
                follow_create(user=known[email], target=target)


def _populate(process: Process, known: dict[str, User], now: datetime) -> None:
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not a secret
    crowd = _participants()
    propositions = _propositions(process, rng, crowd, known, now)
    _votes(rng, crowd, propositions, now)
    _comments(rng, crowd, propositions, now)
    _set_counters(process)


def load() -> None:
    """Create the demo consultation with its crowd, once; later runs only check the follows."""
    organisation = Organisation.objects.filter(name=ORGANISER).first()
    people = {u.email: u for u in User.objects.filter(email__in=[AMINA, LUCAS, SOFIA])}
    organiser = people.get(AMINA)
    if organisation is None or organiser is None:
        logger.warning("Demo consultation skipped: %s or %s is missing.", ORGANISER, AMINA)
        return
    now = timezone.now().replace(microsecond=0)
    with transaction.atomic():
        process = Process.objects.filter(organisation=organisation, title=content.TITLE).first()
        created = process is None
        if process is None:
            process = _create_process(organiser, organisation, now)
            _populate(process, people, now)
        _follows(process, people)
        if created:
            _answers(process, organiser)
