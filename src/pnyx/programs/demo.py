"""The demo programs for `pnyx demo`: the Open Budget Lab's program drawn from the Democracy Night
consultation, with two published versions, and a short charter by the Brussels Region Open Data
Office.

Everything goes through the services (permission checks, audit log entries for each version).
A measure cites the propositions of its chapter's question by their rank in that question (most
support first, then oldest), so every run cites the same ones. Demo content is data, in English
only, like the consultation it comes from. Loading again adds nothing: a document is found by
its organisation and title, and an existing one is left as it is.
"""

import logging
from dataclasses import dataclass

from django.db import transaction

from pnyx.accounts.models import User
from pnyx.orgs.models import Organisation
from pnyx.participation import demo_content
from pnyx.participation.models import Process, Proposition, PropositionStatus, Question
from pnyx.programs import selectors, services
from pnyx.programs.models import Document, DocumentKind, Measure

logger = logging.getLogger(__name__)

AMINA = "amina@pnyx.example"
LUCAS = "lucas@pnyx.example"
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
#: (chapter index, measure index, new text, new ranks) of the measures reworded in version 1.2.
REWORDED = (
    (
        0,
        1,
        "Make, with community radios, a short series in the main local languages that follows a "
        "local rule from the first idea to the vote, free for anyone to broadcast again.",
        (0,),
    ),
    (
        1,
        1,
        "Within three months of each consultation, meet the participants in person to explain "
        "what was kept, what was set aside and why, and publish the notes of that meeting.",
        (1, 4),
    ),
)
#: (chapter index, measure) added in version 1.2.
ADDED = (
    0,
    DemoMeasure(
        "Let adults keep a record of their civic engagement that employers and training centres "
        "can recognise.",
        (5,),
    ),
)
CHANGELOG_SECOND = (
    "Following the comments received on version 1.1: measures 1.2 and 2.2 are reworded (radio "
    "series in local languages; a deadline and published notes for the meetings after a "
    "consultation), and measure 1.4 on recognising adults' civic engagement is new."
)

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
    for chapter_index, measure_index, text, ranks in REWORDED:
        measure = measures[chapter_index][measure_index]
        services.measure_update(
            actor=actor,
            measure=measure,
            text=text,
            source_ids=_cited(ranked[chapter_index], ranks),
            section=measure.section,
        )
    chapter_index, added = ADDED
    services.measure_add(
        actor=actor,
        section=sections[chapter_index],
        text=added.text,
        source_ids=_cited(ranked[chapter_index], added.ranks),
    )
    services.version_publish(actor=actor, document=document, changelog=CHANGELOG_SECOND)
    _coverage_reasons(actor, document, process)


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
