"""Services of area A: creating, editing, publishing, archiving; phases, questions, invitations."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pnyx.core import audit
from pnyx.core.models import AuditEntry, SearchEntry, Topic
from pnyx.participation.models import (
    Audience,
    Phase,
    PhaseKind,
    Process,
    ProcessAccess,
    ProcessStatus,
    Question,
    VoteMode,
)
from pnyx.participation.services import processes as services
from pnyx.participation.services.processes import PhaseDetails, ProcessDetails
from tests.orgs.factories import AdminFactory, MembershipFactory
from tests.participation.factories import (
    OrganisationFactory,
    PhaseFactory,
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
    add_organiser,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Open Data Friends")


@pytest.fixture
def organiser(organisation):
    return MembershipFactory(organisation=organisation, role="admin").user


def details(**overrides):
    values = {"title": "Democracy Night", "summary": "Three questions for everyone."}
    values.update(overrides)
    return ProcessDetails(**values)


def draft(organiser, organisation, **overrides):
    return services.process_create(
        actor=organiser, organisation=organisation, details=details(**overrides)
    )


def test_an_organisation_admin_creates_a_draft_with_every_detail(organiser, organisation):
    moderator = UserFactory(email="Mo@Example.org")
    partner = OrganisationFactory()
    open_data = Topic.objects.get(slug="open-data")

    process = draft(
        organiser,
        organisation,
        body="We ask **you**.",
        topics=[open_data],
        languages=["en", "fr"],
        vote_mode=VoteMode.AGREE_DISAGREE,
        vote_limit=5,
        support_threshold=100,
        vote_audience=Audience.MEMBERS,
        member_organisations=[partner],
        moderator_emails=["MO@example.org"],
    )

    process.refresh_from_db()
    assert process.status == ProcessStatus.DRAFT
    assert process.slug == "democracy-night"
    assert process.created_by == organiser
    assert (process.vote_mode, process.vote_limit, process.support_threshold) == (
        "agree_disagree",
        5,
        100,
    )
    assert process.languages == ["en", "fr"]
    assert list(process.topics.all()) == [open_data]
    assert list(process.member_organisations.all()) == [partner]
    assert list(process.moderators.all()) == [moderator]
    entry = SearchEntry.objects.get(kind="participation.process", object_id=str(process.pk))
    assert entry.title == "Democracy Night"
    assert "Open Data Friends" in entry.body
    assert "We ask you." in entry.body


def test_slugs_are_unique_and_never_a_reserved_word(organiser, organisation):
    first = draft(organiser, organisation)
    second = draft(organiser, organisation)
    reserved = draft(organiser, organisation, title="New")

    assert (first.slug, second.slug, reserved.slug) == (
        "democracy-night",
        "democracy-night-2",
        "new-2",
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "This field cannot be blank."),
        ({"languages": ["en", "de"]}, "languages", "Unknown language code: de."),
        (
            {"vote_limit": 0},
            "vote_limit",
            "Enter a number of at least 1, or leave the field empty.",
        ),
        ({"vote_mode": "stars"}, "vote_mode", "Value 'stars' is not a valid choice."),
        (
            {"propose_audience": Audience.MEMBERS},
            "member_organisations",
            "Name at least one organisation whose members take part.",
        ),
        (
            {"moderator_emails": ["nobody@example.org"]},
            "moderator_emails",
            "Nobody on Pnyx uses these addresses: nobody@example.org.",
        ),
        (
            {"body": "x" * 20001},
            "body",
            "Keep the description under 20000 characters (it has 20001).",
        ),
    ],
)
def test_invalid_details_are_refused_with_a_message_and_nothing_saved(
    organiser, organisation, overrides, field, message
):
    with pytest.raises(ValidationError) as raised:
        draft(organiser, organisation, **overrides)

    assert message in raised.value.message_dict[field]
    assert Process.objects.count() == 0
    assert SearchEntry.objects.filter(kind="participation.process").count() == 0


@pytest.mark.parametrize("role", ["member", "stranger"])
def test_only_admins_of_the_organisation_create(organisation, role):
    person = UserFactory()
    if role == "member":
        MembershipFactory(organisation=organisation, user=person, role="member")

    with pytest.raises(PermissionDenied):
        draft(person, organisation)

    assert Process.objects.count() == 0


def test_a_platform_admin_creates_for_any_organisation(organisation):
    process = draft(AdminFactory(), organisation)

    assert process.organisation == organisation


def test_update_changes_the_details_and_the_index_but_not_the_slug(organiser, organisation):
    process = draft(organiser, organisation)

    services.process_update(
        actor=organiser, process=process, details=details(title="Budget night", summary="New.")
    )

    process.refresh_from_db()
    assert (process.title, process.summary, process.slug) == (
        "Budget night",
        "New.",
        "democracy-night",
    )
    entry = SearchEntry.objects.get(kind="participation.process", object_id=str(process.pk))
    assert entry.title == "Budget night"


def test_a_refused_update_changes_nothing(organiser, organisation):
    process = draft(organiser, organisation)

    with pytest.raises(ValidationError):
        services.process_update(actor=organiser, process=process, details=details(title=""))
    with pytest.raises(PermissionDenied):
        services.process_update(actor=UserFactory(), process=process, details=details(title="X"))

    process.refresh_from_db()
    assert process.title == "Democracy Night"


def test_publishing_needs_a_question_and_a_phase(organiser, organisation):
    process = draft(organiser, organisation)

    with pytest.raises(ValidationError) as raised:
        services.process_publish(actor=organiser, process=process)

    assert raised.value.messages == [
        "Add at least one question before publishing.",
        "Add at least one phase before publishing.",
    ]
    process.refresh_from_db()
    assert (process.status, process.published_at) == (ProcessStatus.DRAFT, None)
    assert AuditEntry.objects.count() == 0


def test_publishing_a_complete_draft_sets_the_date_and_writes_the_audit_log(
    organiser, organisation
):
    process = draft(organiser, organisation)
    QuestionFactory(process=process)
    PhaseFactory(process=process)

    services.process_publish(actor=organiser, process=process)

    process.refresh_from_db()
    assert process.status == ProcessStatus.PUBLISHED
    assert process.published_at is not None
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_id) == ("participation.process_published", str(process.pk))
    with pytest.raises(ValidationError, match="Only a draft can be published."):
        services.process_publish(actor=organiser, process=process)


def test_archiving_a_published_process_is_audited_and_happens_once():
    process = ProcessFactory()
    organiser = add_organiser(process)

    services.process_archive(actor=organiser, process=process)

    process.refresh_from_db()
    assert process.status == ProcessStatus.ARCHIVED
    assert AuditEntry.objects.get().action == "participation.process_archived"
    with pytest.raises(ValidationError, match="Only a published consultation can be archived."):
        services.process_archive(actor=organiser, process=process)
    assert AuditEntry.objects.count() == 1


def test_strangers_may_not_publish_or_archive():
    process = ProcessFactory(status=ProcessStatus.DRAFT)

    with pytest.raises(PermissionDenied):
        services.process_publish(actor=UserFactory(), process=process)
    process.refresh_from_db()
    assert process.status == ProcessStatus.DRAFT


_clock = {"now": timezone.now()}


@pytest.fixture(autouse=True)
def _one_now_per_test():
    """`at` counts from one moment per test, so two calls a second apart name the same time."""
    _clock["now"] = timezone.now().replace(microsecond=0)


def at(days, hours=0):
    return _clock["now"] + timedelta(days=days, hours=hours)


def test_phases_are_kept_in_calendar_order():
    process = ProcessFactory(phase=False)
    organiser = add_organiser(process)

    voting = services.phase_add(
        actor=organiser, process=process, details=PhaseDetails("voting", at(10), at(20))
    )
    proposing = services.phase_add(
        actor=organiser, process=process, details=PhaseDetails("proposing", at(0), at(10))
    )

    assert list(Phase.objects.filter(process=process).values_list("pk", "position")) == [
        (proposing.pk, 0),
        (voting.pk, 1),
    ]


def test_a_phase_must_end_after_it_starts():
    process = ProcessFactory(phase=False)
    organiser = add_organiser(process)

    with pytest.raises(ValidationError) as raised:
        services.phase_add(
            actor=organiser, process=process, details=PhaseDetails("voting", at(5), at(5))
        )

    assert raised.value.message_dict == {"ends_at": ["The phase must end after it starts."]}
    assert Phase.objects.count() == 0


def test_two_phases_of_the_same_kind_may_not_overlap_but_different_kinds_may():
    process = ProcessFactory(phase=False)
    organiser = add_organiser(process)
    services.phase_add(
        actor=organiser, process=process, details=PhaseDetails("voting", at(0), at(10))
    )

    services.phase_add(
        actor=organiser, process=process, details=PhaseDetails("information", at(0), at(10))
    )
    with pytest.raises(ValidationError) as raised:
        services.phase_add(
            actor=organiser, process=process, details=PhaseDetails("voting", at(9), at(12))
        )

    message = raised.value.message_dict["starts_at"][0]
    assert message.startswith("This phase overlaps the Voting phase from ")
    assert "Two phases of the same kind cannot overlap" in message
    assert Phase.objects.filter(process=process).count() == 2


def test_a_phase_is_edited_without_clashing_with_itself():
    process = ProcessFactory(phase=False)
    organiser = add_organiser(process)
    phase = services.phase_add(
        actor=organiser, process=process, details=PhaseDetails("voting", at(0), at(10))
    )

    services.phase_update(
        actor=organiser, phase=phase, details=PhaseDetails("voting", at(1), at(11), "Vote!")
    )

    phase.refresh_from_db()
    assert (phase.title, phase.starts_at) == ("Vote!", at(1))


def test_the_last_phase_of_a_published_process_stays():
    process = ProcessFactory()
    organiser = add_organiser(process)
    phase = process.phases.get()

    with pytest.raises(ValidationError, match="keeps at least one phase"):
        services.phase_delete(actor=organiser, phase=phase)

    assert process.phases.count() == 1
    PhaseFactory(process=process, kind=PhaseKind.RESULTS)
    services.phase_delete(actor=organiser, phase=phase)
    assert list(process.phases.values_list("kind", flat=True)) == ["results"]


def test_questions_are_added_in_order_and_moved():
    process = ProcessFactory()
    organiser = add_organiser(process)
    first = services.question_add(actor=organiser, process=process, title="First?")
    second = services.question_add(actor=organiser, process=process, title="Second?")

    services.question_move(actor=organiser, question=second, direction="up")
    services.question_move(actor=organiser, question=second, direction="up")

    titles = list(Question.objects.filter(process=process).values_list("title", flat=True))
    assert titles == ["Second?", "First?"]
    assert first.position == 0


def test_a_question_with_propositions_cannot_be_deleted():
    proposition = PropositionFactory()
    question = proposition.question
    QuestionFactory(process=question.process)
    organiser = add_organiser(question.process)

    with pytest.raises(ValidationError, match="already has propositions"):
        services.question_delete(actor=organiser, question=question)

    assert Question.objects.filter(pk=question.pk).exists()


def test_a_question_is_updated_and_a_blank_one_refused():
    question = QuestionFactory()
    organiser = add_organiser(question.process)

    services.question_update(actor=organiser, question=question, title="Why?", description="")
    with pytest.raises(ValidationError):
        services.question_add(actor=organiser, process=question.process, title=" ")

    question.refresh_from_db()
    assert question.title == "Why?"
    assert Question.objects.count() == 1


def token_of(link):
    return link.rstrip("/").rsplit("/", 1)[1]


def test_the_invitation_link_stores_only_a_hash_and_a_new_link_kills_the_old():
    process = ProcessFactory(comment_audience=Audience.INVITED)
    organiser = add_organiser(process)
    guest = UserFactory()

    old = services.process_invitation_link(
        actor=organiser, process=process, site_url="https://pnyx.example/"
    )
    new = services.process_invitation_link(actor=organiser, process=process)

    assert old.startswith(f"https://pnyx.example/processes/{process.slug}/join/")
    process.refresh_from_db()
    assert process.invitation_token_hash == services.hash_access_token(token_of(new))
    assert token_of(new) not in process.invitation_token_hash
    with pytest.raises(ValidationError, match="not valid any more"):
        services.process_access_grant(actor=guest, process=process, token=token_of(old))
    assert ProcessAccess.objects.count() == 0
    services.process_access_grant(actor=guest, process=process, token=token_of(new))
    services.process_access_grant(actor=guest, process=process, token=token_of(new))
    assert list(ProcessAccess.objects.values_list("user", flat=True)) == [guest.pk]


def test_without_a_link_no_token_is_accepted():
    process = ProcessFactory()

    with pytest.raises(ValidationError):
        services.process_access_grant(actor=UserFactory(), process=process, token="")
    assert ProcessAccess.objects.count() == 0


def test_only_organisers_create_invitation_links():
    process = ProcessFactory()

    with pytest.raises(PermissionDenied):
        services.process_invitation_link(actor=UserFactory(), process=process)
    process.refresh_from_db()
    assert process.invitation_token_hash == ""


def test_the_audit_actions_get_their_labels():
    services.register_audit_actions()

    assert audit.action_label("participation.process_published") == "Consultation published"
    assert audit.action_label("participation.process_archived") == "Consultation archived"
