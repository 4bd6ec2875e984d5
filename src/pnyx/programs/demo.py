"""The demo programs for `pnyx demo`: the Open Budget Lab's program drawn from the Democracy Night
consultation, and a short charter by the Brussels Region Open Data Office.

The program's version 1.1 goes through a consultation round: demo people comment on paragraphs
and propose amendments that others support; the editors accept two, reject one with a reason,
add a measure, and publish version 1.2, which credits the accepted amendments. A second round is
left open with one amendment waiting, so a visitor can take part.

Everything goes through the services (permission checks, audit log entries for each version
and each organisation's endorsement).
A measure cites the propositions of its chapter's question by their rank in that question (most
support first, then oldest), so every run cites the same ones. Demo content is data, in English
only, like the consultation it comes from. Loading again adds nothing: a document is found by
its organisation and title, and an existing one is left as it is. The charter is endorsed by
three organisations (through their administrators) and several demo people, once: a charter that
already has endorsements gets no more.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pnyx.accounts.models import User
from pnyx.orgs.models import Organisation
from pnyx.participation import demo_content
from pnyx.participation.demo import participant_email
from pnyx.participation.models import Process, Proposition, PropositionStatus, Question
from pnyx.programs import selectors, services
from pnyx.programs.models import Amendment, Document, DocumentKind, Measure, Section

logger = logging.getLogger(__name__)

AMINA = "amina@pnyx.example"
LUCAS = "lucas@pnyx.example"
SOFIA = "sofia@pnyx.example"
ORGANISER = "Open Budget Lab"
CHARTER_ORGANISATION = "Brussels Region Open Data Office"

PROGRAM_TITLE = "Democracy Night program"
PROGRAM_SUMMARY = (
    "What the Open Budget Lab commits to after the Democracy Night consultation. Each measure "
    "names the propositions it comes from; the coverage page shows which of the most supported "
    "propositions we have not taken up, and why."
)
CHARTER_TITLE = "Charter of democratic data principles"
CHARTER_SUMMARY = (
    "Four principles the Brussels Region Open Data Office follows when it collects, publishes or "
    "uses data about the people it serves."
)


@dataclass(frozen=True)
class DemoMeasure:
    text: str
    #: Ranks (0 = most supported) of the cited propositions in the chapter's question.
    ranks: tuple[int, ...]


@dataclass(frozen=True)
class DemoChapter:
    title: str
    intro: str
    measures: tuple[DemoMeasure, ...]


CHAPTERS = (
    DemoChapter(
        title="Educate citizens to take part, from an early age",
        intro="Taking part is learnt by doing: at school, on the radio and between generations.",
        measures=(
            DemoMeasure(
                "Give every secondary school a small budget that its student council spends, and "
                "take each class to at least one council meeting a year.",
                (1, 4),
            ),
            DemoMeasure(
                "Make, with community radios, a short series that follows a local rule from the "
                "first idea to the vote, free for anyone to broadcast again.",
                (0,),
            ),
            DemoMeasure(
                "Fund workshops and summer schools where young people and older residents teach "
                "each other how to speak up in public life.",
                (2, 3),
            ),
        ),
    ),
    DemoChapter(
        title="Enlarge who takes part",
        intro="Online tools must not shut out the people who take part in other ways.",
        measures=(
            DemoMeasure(
                "Count what is said in offline workshops and written on paper ballots exactly "
                "like online contributions, and show where each came from.",
                (0, 3),
            ),
            DemoMeasure(
                "After each consultation, meet the participants in person to explain what was "
                "kept, what was set aside and why.",
                (1,),
            ),
            DemoMeasure(
                "Lend local groups a free toolkit to run their own campaigns: templates, a short "
                "guide and someone to call.",
                (2,),
            ),
        ),
    ),
    DemoChapter(
        title="Build trust",
        intro="Trust comes from decisions anyone can check and data nobody keeps for too long.",
        measures=(
            DemoMeasure(
                "Write every official decision into a public log that shows if an entry was "
                "changed afterwards.",
                (0,),
            ),
            DemoMeasure(
                "Collect only the personal data a service needs, and delete it on a schedule "
                "published in advance.",
                (1, 4),
            ),
            DemoMeasure(
                "Check public algorithms for bias before they are used, and have them audited by "
                "an independent body every year.",
                (2, 3),
            ),
        ),
    ),
)

CHANGELOG_FIRST = (
    "First version: nine measures in three chapters, drawn from the most supported propositions "
    "of the Democracy Night."
)


@dataclass(frozen=True)
class DemoAmendment:
    """An amendment of the first consultation round, with how it went."""

    chapter: int
    measure: int
    author: str
    text: str
    justification: str
    supporters: int
    #: The editors' reason to reject it; empty for an accepted amendment.
    rejected_because: str = ""


#: (chapter index, measure) the editors add during the first round, published in version 1.2.
ADDED = (
    0,
    DemoMeasure(
        "Let adults keep a record of their civic engagement that employers and training centres "
        "can recognise.",
        (5,),
    ),
)
#: The first consultation round, on the draft after version 1.1: two amendments accepted (they
#: make version 1.2) and one rejected.
AMENDMENTS = (
    DemoAmendment(
        chapter=0,
        measure=1,
        author=SOFIA,
        text="Make, with community radios, a short series in the main local languages that "
        "follows a local rule from the first idea to the vote, free for anyone to broadcast "
        "again.",
        justification="Half of the people in my neighbourhood listen to the radio in another "
        "language than the official ones.",
        supporters=4,
    ),
    DemoAmendment(
        chapter=1,
        measure=1,
        author=LUCAS,
        text="Within three months of each consultation, meet the participants in person to "
        "explain what was kept, what was set aside and why, and publish the notes of that "
        "meeting.",
        justification="Without a deadline the meeting never happens, and without notes the "
        "people who could not come learn nothing.",
        supporters=3,
    ),
    DemoAmendment(
        chapter=2,
        measure=2,
        author=participant_email(1),
        text="Forbid public bodies to use algorithms for any decision about people.",
        justification="Nobody can really check an algorithm, so it is safer not to use them.",
        supporters=1,
        rejected_because="Some algorithms help people, such as the ones that find who is "
        "entitled to a benefit they never claimed. The measure keeps them under checks and "
        "yearly audits instead.",
    ),
)
#: Comments on paragraphs in the first round: (chapter, measure or None for the chapter's
#: introduction, author, comment).
ANNOTATIONS = (
    (
        0,
        0,
        participant_email(2),
        "Would a small village school get the same budget as a big city school?",
    ),
    (2, None, LUCAS, "Trust also comes from answering on time: could the program say how fast?"),
)
#: The second round, still open in the demo: an amendment to the new measure 1.4 and a comment.
SECOND_ROUND = DemoAmendment(
    chapter=0,
    measure=3,
    author=participant_email(3),
    text="Let adults keep a record of their civic engagement, including volunteering, that "
    "employers, universities and training centres can recognise.",
    justification="Universities already give credits for engagement; they should be named.",
    supporters=2,
)
SECOND_ROUND_COMMENT = (
    0,
    3,
    SOFIA,
    "Who keeps the record: the person, the organisation or the city? It should be the person.",
)
CHANGELOG_SECOND = (
    "After the consultation on version 1.1: measures 1.2 and 2.2 take the wording of two "
    "amendments (a radio series in local languages; a deadline and published notes for the "
    "meetings after a consultation), and measure 1.4 on recognising adults' civic engagement is "
    "new. An amendment banning algorithms was not taken up; the reason is on the consultation "
    "page."
)
#: How long the demo's consultation rounds stay open.
ROUND_DAYS = 21

#: Reasons for two of the most supported propositions that the program does not take up, found
#: by their title in the consultation.
COVERAGE_REASONS = (
    (
        "Consult people where they already are",
        "Where to hold stands is for the organisers of each consultation to decide; the program "
        "makes sure that what they collect on paper is counted.",
    ),
    (
        "Petitions that trigger an official answer",
        "A signature threshold that obliges an authority to answer needs a change in the law, "
        "which an association cannot promise. We will bring it to the elected members we meet.",
    ),
)

CHARTER_SECTION = "Principles"
CHARTER_PRINCIPLES = (
    "We publish the data we hold about public life in open formats, with a description anyone "
    "can read.",
    "We ask for personal data only when a service cannot work without it, and say how long we "
    "keep it.",
    "Every algorithm that helps us decide is described in a public register, with the people "
    "responsible for it.",
    "Anyone may ask us to correct data about them and receives an answer within a month.",
)
CHARTER_CHANGELOG = "First version of the charter, adopted by the office's team."
#: (organisation, the e-mail of the administrator who endorses for it) endorsing the charter.
CHARTER_ORGANISATION_ENDORSERS = (
    ("Open Budget Lab", AMINA),
    ("Public Contracts Newsroom", LUCAS),
    ("Aburrá Valley University — Civic Data Lab", SOFIA),
)
#: The people endorsing the charter themselves: two who log in and five generated participants.
CHARTER_PERSON_ENDORSERS = (AMINA, SOFIA, *(participant_email(number) for number in range(1, 6)))


def _ranked(question: Question) -> list[int]:
    """The ids of the question's visible propositions, most supported first, then oldest."""
    return list(
        Proposition.objects.filter(
            question=question, status=PropositionStatus.PUBLISHED, hidden_at__isnull=True
        )
        .order_by("-support_count", "pk")
        .values_list("pk", flat=True)
    )


def _cited(ranked: list[int], ranks: tuple[int, ...]) -> list[int]:
    return [ranked[rank] for rank in ranks if rank < len(ranked)]


def _program(actor: User, organisation: Organisation, process: Process) -> None:
    questions = list(process.questions.order_by("position"))
    ranked = [_ranked(question) for question in questions]
    document = services.document_create(
        actor=actor,
        organisation=organisation,
        kind=DocumentKind.PROGRAM,
        title=PROGRAM_TITLE,
        summary=PROGRAM_SUMMARY,
    )
    measures: list[list[Measure]] = []
    sections = []
    for chapter, chapter_ranked in zip(CHAPTERS, ranked, strict=True):
        section = services.section_add(
            actor=actor, document=document, title=chapter.title, intro=chapter.intro
        )
        sections.append(section)
        measures.append(
            [
                services.measure_add(
                    actor=actor,
                    section=section,
                    text=measure.text,
                    source_ids=_cited(chapter_ranked, measure.ranks),
                )
                for measure in chapter.measures
            ]
        )
    services.version_publish(actor=actor, document=document, changelog=CHANGELOG_FIRST)
    people = {
        user.email: user
        for user in User.objects.filter(
            email__in=[SOFIA, LUCAS, *(participant_email(number) for number in range(1, 12))]
        )
    }
    _consultation_round(actor, document, measures, sections, people, ranked)
    services.version_publish(actor=actor, document=document, changelog=CHANGELOG_SECOND)
    _second_round(actor, document, measures, people)
    _coverage_reasons(actor, document, process)


def _open_round(actor: User, document: Document) -> None:
    services.consultation_open(
        actor=actor, document=document, closes_at=timezone.now() + timedelta(days=ROUND_DAYS)
    )


def _propose(
    item: DemoAmendment, document: Document, measures: list[list[Measure]], people: dict[str, User]
) -> Amendment | None:
    """Propose a demo amendment and have generated participants support it."""
    author = people.get(item.author)
    if author is None:
        return None
    amendment = services.amendment_propose(
        actor=author,
        measure=measures[item.chapter][item.measure],
        text=item.text,
        justification=item.justification,
    )
    supporters = [
        person for email, person in people.items() if email not in (item.author, SOFIA, LUCAS)
    ]
    for supporter in supporters[: item.supporters]:
        services.amendment_support(actor=supporter, amendment=amendment)
    return amendment


def _annotate(
    document: Document,
    measures: list[list[Measure]],
    sections: list[Section],
    people: dict[str, User],
    note: tuple[int, int | None, str, str],
) -> None:
    chapter, measure, email, body = note
    if email not in people:
        return
    target = (
        {"section": sections[chapter]}
        if measure is None
        else {"measure": measures[chapter][measure]}
    )
    services.annotation_add(
        actor=people[email], document=document, body=body, paragraph=1, **target
    )


def _consultation_round(
    actor: User,
    document: Document,
    measures: list[list[Measure]],
    sections: list[Section],
    people: dict[str, User],
    ranked: list[list[int]],
) -> None:
    """The first round: people comment and amend, the editors decide, add a measure, close."""
    _open_round(actor, document)
    for note in ANNOTATIONS:
        _annotate(document, measures, sections, people, note)
    for item in AMENDMENTS:
        amendment = _propose(item, document, measures, people)
        if amendment is None:
            continue
        if item.rejected_because:
            services.amendment_reject(
                actor=actor, amendment=amendment, reason=item.rejected_because
            )
        else:
            services.amendment_accept(actor=actor, amendment=amendment)
    chapter_index, added = ADDED
    services.measure_add(
        actor=actor,
        section=sections[chapter_index],
        text=added.text,
        source_ids=_cited(ranked[chapter_index], added.ranks),
    )
    services.consultation_close(actor=actor, document=document)


def _second_round(
    actor: User, document: Document, measures: list[list[Measure]], people: dict[str, User]
) -> None:
    """A second round, left open: one amendment to the new measure, waiting for the editors."""
    measures[0] = list(Measure.objects.filter(section=measures[0][0].section_id))
    _open_round(actor, document)
    _propose(SECOND_ROUND, document, measures, people)
    _annotate(document, measures, [], people, SECOND_ROUND_COMMENT)


def _coverage_reasons(actor: User, document: Document, process: Process) -> None:
    top = {
        proposition.title: proposition.pk
        for proposition in selectors.top_propositions(process=process)
    }
    for title, reason in COVERAGE_REASONS:
        if title in top:
            services.coverage_note_set(
                actor=actor, document=document, proposition_id=top[title], reason=reason
            )


def _charter(actor: User, organisation: Organisation) -> None:
    document = services.document_create(
        actor=actor,
        organisation=organisation,
        kind=DocumentKind.CHARTER,
        title=CHARTER_TITLE,
        summary=CHARTER_SUMMARY,
    )
    section = services.section_add(actor=actor, document=document, title=CHARTER_SECTION)
    for text in CHARTER_PRINCIPLES:
        services.measure_add(actor=actor, section=section, text=text, source_ids=[])
    services.version_publish(actor=actor, document=document, changelog=CHARTER_CHANGELOG)


def _endorse(actor: User, document: Document, organisation: Organisation | None) -> None:
    try:
        services.endorsement_add(actor=actor, document=document, organisation=organisation)
    except (PermissionDenied, ValidationError) as error:
        # A demo person without a confirmed address or their administrator role, say.
        logger.warning("Demo endorsement by %s skipped: %s", actor.email, error)


def _charter_endorsements(document: Document) -> None:
    """Endorse the charter by the demo organisations and people, unless it has endorsements."""
    if document.endorsements.exists():
        return
    organisations = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(
            name__in=[name for name, _ in CHARTER_ORGANISATION_ENDORSERS]
        )
    }
    emails = {email for _, email in CHARTER_ORGANISATION_ENDORSERS} | set(CHARTER_PERSON_ENDORSERS)
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    for name, email in CHARTER_ORGANISATION_ENDORSERS:
        if name in organisations and email in people:
            _endorse(people[email], document, organisations[name])
    for email in CHARTER_PERSON_ENDORSERS:
        if email in people:
            _endorse(people[email], document, None)


def load() -> None:
    """Create the demo program and charter, once; later runs leave them as they are."""
    people = {user.email: user for user in User.objects.filter(email__in=[AMINA, LUCAS])}
    organisations = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(name__in=[ORGANISER, CHARTER_ORGANISATION])
    }
    organiser = organisations.get(ORGANISER)
    process = (
        Process.objects.filter(organisation=organiser, title=demo_content.TITLE).first()
        if organiser
        else None
    )
    with transaction.atomic():
        if organiser is None or process is None or AMINA not in people:
            logger.warning("Demo program skipped: the Democracy Night or %s is missing.", AMINA)
        elif not Document.objects.filter(organisation=organiser, title=PROGRAM_TITLE).exists():
            _program(people[AMINA], organiser, process)
        publisher = organisations.get(CHARTER_ORGANISATION)
        if publisher is None or LUCAS not in people:
            logger.warning(
                "Demo charter skipped: %s or %s is missing.", CHARTER_ORGANISATION, LUCAS
            )
        elif not Document.objects.filter(organisation=publisher, title=CHARTER_TITLE).exists():
            _charter(people[LUCAS], publisher)
        charter = Document.objects.filter(organisation=publisher, title=CHARTER_TITLE).first()
        if charter is not None and charter.latest_version_id is not None:
            _charter_endorsements(charter)
