import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnyx.core.models import SearchEntry
from pnyx.participation.models import (
    Participant,
    PhaseKind,
    Proposition,
    PropositionStatus,
    PropositionVersion,
    Vote,
)
from pnyx.participation.selectors.processes import process_vote_count
from pnyx.participation.selectors.propositions import counter_drift
from pnyx.participation.services import propositions as services
from pnyx.participation.services import votes
from tests.participation.factories import ProcessFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db


def propose(process=None, author=None, question=None, **fields):
    process = process or ProcessFactory()
    question = question or QuestionFactory(process=process)
    return services.proposition_create(
        actor=author or UserFactory(),
        process=process,
        question=question,
        title=fields.get("title", "Publish every budget line online"),
        body=fields.get("body", "In open formats, every month."),
    )


def test_a_proposition_is_published_indexed_and_counted():
    process = ProcessFactory()
    question = QuestionFactory(process=process)
    author = UserFactory()

    proposition = propose(process, author, question)

    process.refresh_from_db()
    question.refresh_from_db()
    assert proposition.status == PropositionStatus.PUBLISHED
    assert (process.proposition_count, question.proposition_count) == (1, 1)
    assert process.participant_count == 1
    assert Participant.objects.get(process=process, user=author).proposition_count == 1
    assert SearchEntry.objects.filter(kind="participation.proposition").count() == 1
    assert counter_drift(process) == []


def test_a_question_of_another_process_is_refused_and_nothing_is_stored():
    process = ProcessFactory()

    with pytest.raises(ValidationError) as error:
        propose(process, question=QuestionFactory())

    assert error.value.message_dict == {
        "question": ["Choose one of the questions of this consultation."]
    }
    assert Proposition.objects.count() == 0
    assert Participant.objects.count() == 0


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("", "Text", {"title": ["Give your proposition a title."]}),
        (
            "Tiny",
            "Text",
            {"title": ["Make the title at least 5 characters long (it has 4)."]},
        ),
        ("x" * 201, "Text", {"title": ["Keep the title under 200 characters (it has 201)."]}),
        ("A good title", "   ", {"body": ["Explain your proposition in a few sentences."]}),
    ],
)
def test_bad_titles_and_texts_get_specific_messages(title, body, expected):
    with pytest.raises(ValidationError) as error:
        propose(title=title, body=body)

    assert error.value.message_dict == expected
    assert Proposition.objects.count() == 0


def test_nobody_proposes_outside_the_proposing_phase():
    process = ProcessFactory(phase=PhaseKind.VOTING)

    with pytest.raises(PermissionDenied):
        propose(process)

    assert Proposition.objects.count() == 0
    process.refresh_from_db()
    assert process.proposition_count == 0


def test_an_edit_before_any_reaction_replaces_the_text_without_history():
    proposition = propose()

    services.proposition_update(
        actor=proposition.author, proposition=proposition, title="A better title", body="New."
    )

    proposition.refresh_from_db()
    assert (proposition.title, proposition.body, proposition.version_count) == (
        "A better title",
        "New.",
        1,
    )
    assert PropositionVersion.objects.count() == 0


def test_an_edit_after_a_vote_keeps_the_previous_wording_as_a_version():
    proposition = propose(title="Open the budget data")
    votes.vote_cast(person=UserFactory(), proposition=proposition, value="support")

    services.proposition_update(
        actor=proposition.author, proposition=proposition, title="Open all budget data", body="B"
    )

    proposition.refresh_from_db()
    version = PropositionVersion.objects.get()
    assert (version.number, version.title) == (1, "Open the budget data")
    assert (proposition.title, proposition.version_count) == ("Open all budget data", 2)


def test_only_the_author_edits():
    proposition = propose(title="Open the budget data")

    with pytest.raises(PermissionDenied):
        services.proposition_update(
            actor=UserFactory(), proposition=proposition, title="Hijacked title", body="B"
        )

    proposition.refresh_from_db()
    assert proposition.title == "Open the budget data"


def test_withdrawing_keeps_the_votes_and_adjusts_the_proposition_counters():
    proposition = propose()
    voter = UserFactory()
    votes.vote_cast(person=voter, proposition=proposition, value="support")

    services.proposition_withdraw(actor=proposition.author, proposition=proposition)

    proposition.refresh_from_db()
    process = proposition.process
    process.refresh_from_db()
    assert proposition.status == PropositionStatus.WITHDRAWN
    assert (process.proposition_count, process_vote_count(process=process)) == (0, 1)
    assert Vote.objects.filter(proposition=proposition).count() == 1
    assert counter_drift(process) == []
    with pytest.raises(PermissionDenied):
        votes.vote_cast(person=UserFactory(), proposition=proposition, value="support")


def test_someone_else_cannot_withdraw():
    proposition = propose()

    with pytest.raises(PermissionDenied):
        services.proposition_withdraw(actor=UserFactory(), proposition=proposition)

    proposition.refresh_from_db()
    assert proposition.status == PropositionStatus.PUBLISHED
