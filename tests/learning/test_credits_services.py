"""Credit applications: applying, withdrawing, conflicts of interest, reviews against the rubric,
and the chair's decision (audit log, notification, e-mail, credential on a grant only). Every
refusal leaves nothing stored."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnyx.core.models import AuditEntry
from pnyx.learning.models import (
    ApplicationReview,
    ApplicationStatus,
    ConflictDeclaration,
    Credential,
    CreditApplication,
    EngagementEntry,
    PartnerStatus,
)
from pnyx.learning.services import credits as services
from pnyx.learning.services.credits import ScoreInput
from pnyx.learning.services.credits_decisions import credit_application_decide
from pnyx.participation.models import Notification
from tests.learning.factories import (
    CreditApplicationFactory,
    EngagementEntryFactory,
    PartnerFactory,
    UserFactory,
    add_committee_member,
    add_rubric,
)
from tests.learning.test_engagement_sync import take_part

pytestmark = pytest.mark.django_db

STATEMENT = "I repaired lamps with neighbours every Saturday and learned to run a workshop."


@pytest.fixture
def partner():
    partner = PartnerFactory(organisation__name="Riverton University", credit_unit="ECTS")
    add_rubric(partner, 4, 3)
    return partner


@pytest.fixture
def chair(partner):
    return add_committee_member(partner, role="chair", user=UserFactory(display_name="Chair"))


@pytest.fixture
def member(partner):
    return add_committee_member(partner, user=UserFactory(display_name="Member"))


@pytest.fixture
def application(partner):
    entry = EngagementEntryFactory()
    return CreditApplicationFactory(learner=entry.learner, partner=partner, entries=[entry])


def full_scores(partner, *values):
    criteria = list(partner.rubric.order_by("position"))
    return [ScoreInput(criterion_id=c.pk, score=v) for c, v in zip(criteria, values, strict=True)]


def review(application, reviewer, credits="3"):
    return services.application_review_submit(
        actor=reviewer,
        application=application,
        scores=full_scores(application.partner, 3, 2),
        credits_recommended=credits,
    )


def test_a_learner_applies_with_their_entries_and_the_committee_is_told(partner, chair, member):
    learner = UserFactory()
    entry = EngagementEntryFactory(learner=learner)
    take_part(learner, title="City budget 2025")
    application = services.credit_application_submit(
        actor=learner,
        partner=partner,
        entry_ids=[entry.pk],
        statement=f"  {STATEMENT} ",
        credits_requested="2.5",
    )
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.credits_requested == Decimal("2.50")
    assert application.statement == STATEMENT
    assert list(application.entries.all()) == [entry]
    kept = EngagementEntry.objects.get(learner=learner, source="pnyx")
    assert kept.activity == "City budget 2025"
    told = Notification.objects.filter(event="learning.application_submitted")
    assert sorted(told.values_list("user_id", flat=True)) == sorted([chair.pk, member.pk])


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"entry_ids": []}, {"entries": ["Choose at least one entry of your record."]}),
        ({"statement": "Too short."}, {"statement": ["Write at least 50 characters."]}),
        (
            {"credits_requested": "0"},
            {"credits_requested": ["Give a number of credits above 0 and at most 60."]},
        ),
        (
            {"credits_requested": "60.01"},
            {"credits_requested": ["Give a number of credits above 0 and at most 60."]},
        ),
        (
            {"credits_requested": "1.234"},
            {"credits_requested": ["Give the credits with at most two decimals."]},
        ),
        (
            {"credits_requested": "many"},
            {"credits_requested": ["Give a number of credits above 0 and at most 60."]},
        ),
    ],
    ids=["no-entry", "short-statement", "zero", "over-60", "three-decimals", "not-a-number"],
)
def test_a_bad_application_is_refused_and_nothing_is_stored(partner, changes, errors):
    entry = EngagementEntryFactory()
    values = {
        "entry_ids": [entry.pk],
        "statement": STATEMENT,
        "credits_requested": "3",
        **changes,
    }
    with pytest.raises(ValidationError) as refused:
        services.credit_application_submit(actor=entry.learner, partner=partner, **values)
    assert refused.value.message_dict == errors
    assert not CreditApplication.objects.exists()


def test_someone_elses_entries_cannot_be_attached(partner):
    learner, other = UserFactory(), EngagementEntryFactory()
    take_part(learner)
    with pytest.raises(ValidationError) as refused:
        services.credit_application_submit(
            actor=learner,
            partner=partner,
            entry_ids=[other.pk],
            statement=STATEMENT,
            credits_requested="3",
        )
    assert refused.value.message_dict == {"entries": ["Choose entries of your own record."]}
    assert not CreditApplication.objects.exists()
    # The refresh of the record was part of the refused transaction.
    assert not EngagementEntry.objects.filter(learner=learner).exists()


@pytest.mark.parametrize("case", ["no-rubric", "pending-partner", "unconfirmed-address"])
def test_applying_is_refused_where_the_partner_or_the_learner_is_not_ready(case):
    partner = PartnerFactory(
        status=PartnerStatus.PENDING if case == "pending-partner" else PartnerStatus.APPROVED
    )
    if case != "no-rubric":
        add_rubric(partner)
    entry = EngagementEntryFactory(learner=UserFactory(confirmed=case != "unconfirmed-address"))
    with pytest.raises(PermissionDenied):
        services.credit_application_submit(
            actor=entry.learner,
            partner=partner,
            entry_ids=[entry.pk],
            statement=STATEMENT,
            credits_requested="3",
        )
    assert not CreditApplication.objects.exists()


def test_one_waiting_application_per_partner(partner, application):
    entry = application.entries.get()
    with pytest.raises(ValidationError) as refused:
        services.credit_application_submit(
            actor=application.learner,
            partner=partner,
            entry_ids=[entry.pk],
            statement=STATEMENT,
            credits_requested="3",
        )
    assert refused.value.messages == [
        "Your application to this partner waits for a decision: withdraw it first."
    ]
    assert CreditApplication.objects.count() == 1


def test_the_learner_withdraws_a_waiting_application_and_nobody_else_can(application, member):
    with pytest.raises(PermissionDenied):
        services.credit_application_withdraw(actor=member, application=application)
    services.credit_application_withdraw(actor=application.learner, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    with pytest.raises(PermissionDenied):
        services.credit_application_withdraw(actor=application.learner, application=application)


def test_a_member_reviews_every_criterion_and_may_review_again(application, member):
    first = review(application, member, credits="2")
    second = services.application_review_submit(
        actor=member,
        application=application,
        scores=full_scores(application.partner, 4, 3),
        comment="Strong reflection.",
        credits_recommended=None,
    )
    assert second.pk == first.pk
    assert second.credits_recommended is None
    assert sorted(second.scores.values_list("score", flat=True)) == [3, 4]


@pytest.mark.parametrize(
    ("scores", "errors"),
    [
        (lambda c: [ScoreInput(c[0].pk, 3)], {"score_{1}": ["Score this criterion."]}),
        (
            lambda c: [ScoreInput(c[0].pk, 5), ScoreInput(c[1].pk, 1)],
            {"score_{0}": ["Give a score from 0 to 4."]},
        ),
        (
            lambda c: [ScoreInput(c[0].pk, 1), ScoreInput(c[1].pk, 1), ScoreInput(999999, 1)],
            {"scores": ["Score each criterion of the rubric once."]},
        ),
    ],
    ids=["missing", "above-max", "unknown-criterion"],
)
def test_a_bad_review_is_refused_and_nothing_is_stored(application, member, scores, errors):
    criteria = list(application.partner.rubric.order_by("position"))
    expected = {
        name.format(*[c.pk for c in criteria]): messages for name, messages in errors.items()
    }
    with pytest.raises(ValidationError) as refused:
        services.application_review_submit(
            actor=member, application=application, scores=scores(criteria)
        )
    assert refused.value.message_dict == expected
    assert not ApplicationReview.objects.exists()


def test_a_reviewer_cannot_recommend_more_than_was_asked(application, member):
    with pytest.raises(ValidationError) as refused:
        review(application, member, credits="3.01")
    assert refused.value.message_dict == {
        "credits_recommended": ["Give a number of credits above 0 and at most 3.00."]
    }
    assert not ApplicationReview.objects.exists()


def test_a_reviewer_with_a_declared_conflict_can_neither_review_nor_decide(
    application, chair, member
):
    review(application, chair)
    services.conflict_declare(actor=chair, application=application, reason="My niece.")
    # Declaring withdraws the review the chair had written.
    assert not ApplicationReview.objects.exists()
    with pytest.raises(PermissionDenied):
        review(application, chair)
    review(application, member)
    with pytest.raises(PermissionDenied):
        credit_application_decide(
            actor=chair, application=application, grant=True, credits="3", reasons=""
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert list(ApplicationReview.objects.values_list("reviewer", flat=True)) == [member.pk]
    assert not Credential.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="learning.credits_").exists()
    assert services.refusal_reason(
        actor=chair, application=application, permission="learning.review_credit_application"
    ) == (
        "conflict",
        "You declared a conflict of interest on this application: you neither review nor "
        "decide it.",
    )


def test_a_conflict_is_declared_once_with_a_reason_by_a_member(application, member):
    with pytest.raises(ValidationError) as refused:
        services.conflict_declare(actor=member, application=application, reason="  ")
    assert refused.value.message_dict == {"reason": ["This field is required."]}
    with pytest.raises(PermissionDenied):
        services.conflict_declare(actor=UserFactory(), application=application, reason="Why")
    assert not ConflictDeclaration.objects.exists()
    services.conflict_declare(actor=member, application=application, reason="A colleague.")
    with pytest.raises(PermissionDenied):
        services.conflict_declare(actor=member, application=application, reason="Again.")
    assert ConflictDeclaration.objects.count() == 1


def test_nobody_judges_their_own_application(partner):
    learner = add_committee_member(partner, role="chair")
    application = CreditApplicationFactory(
        learner=learner, partner=partner, entries=[EngagementEntryFactory(learner=learner)]
    )
    with pytest.raises(PermissionDenied):
        review(application, learner)
    assert not ApplicationReview.objects.exists()


def test_the_chair_grants_credits_once_reviewed(
    application, chair, member, mailoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError) as refused:
        credit_application_decide(
            actor=chair, application=application, grant=True, credits="3", reasons=""
        )
    assert refused.value.messages == ["Wait for at least one review before deciding."]
    review(application, member)
    with pytest.raises(PermissionDenied):
        credit_application_decide(
            actor=member, application=application, grant=True, credits="3", reasons=""
        )
    with django_capture_on_commit_callbacks(execute=True):
        decided = credit_application_decide(
            actor=chair, application=application, grant=True, credits="2.5", reasons="Good work."
        )
    assert decided.status == ApplicationStatus.GRANTED
    assert decided.credits_granted == Decimal("2.50")
    assert decided.decided_by == chair
    credential = Credential.objects.get()
    assert credential.application == decided
    assert credential.learner == application.learner
    entry = AuditEntry.objects.get(action="learning.credits_granted")
    assert entry.data == {
        "learner": application.learner_id,
        "partner": application.partner.organisation.slug,
        "credits": "2.5",
        "unit": "ECTS",
    }
    [notification] = Notification.objects.filter(user=application.learner)
    assert notification.event == "learning.credits_granted"
    [mail] = mailoutbox
    assert mail.to == [application.learner.email]
    assert mail.subject == "Riverton University granted you credits"
    assert "2.5 ECTS" in mail.body


def test_a_refused_application_creates_no_credential(
    application, chair, member, mailoutbox, django_capture_on_commit_callbacks
):
    review(application, member, credits=None)
    with pytest.raises(ValidationError) as refused:
        credit_application_decide(
            actor=chair, application=application, grant=False, credits=None, reasons=" "
        )
    assert refused.value.message_dict == {"reasons": ["Give the reasons for the refusal."]}
    with django_capture_on_commit_callbacks(execute=True):
        decided = credit_application_decide(
            actor=chair,
            application=application,
            grant=False,
            credits=None,
            reasons="The entries do not show any learning.",
        )
    assert decided.status == ApplicationStatus.REFUSED
    assert decided.credits_granted is None
    assert not Credential.objects.exists()
    entry = AuditEntry.objects.get(action="learning.credits_refused")
    assert entry.data["credits"] is None
    assert "do not show" not in str(entry.data)
    assert [mail.subject for mail in mailoutbox] == [
        "Riverton University decided on your credit application"
    ]
    assert "The entries do not show any learning." in mailoutbox[0].body


@pytest.mark.parametrize(
    ("grant", "credits", "errors"),
    [
        (True, "3.50", {"credits": ["Give a number of credits above 0 and at most 3.00."]}),
        (True, "", {"credits": ["Give a number of credits above 0 and at most 3.00."]}),
        (False, "2", {"credits": ["Leave the credits empty when refusing."]}),
    ],
    ids=["more-than-asked", "no-credits", "credits-on-refusal"],
)
def test_a_bad_decision_is_refused_and_nothing_changes(
    application, chair, member, grant, credits, errors
):
    review(application, member)
    with pytest.raises(ValidationError) as refused:
        credit_application_decide(
            actor=chair, application=application, grant=grant, credits=credits, reasons="R"
        )
    assert refused.value.message_dict == errors
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not Credential.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="learning.credits_").exists()


def test_a_decided_application_is_decided_once(application, chair, member):
    review(application, member)
    credit_application_decide(
        actor=chair, application=application, grant=False, credits=None, reasons="No."
    )
    application.refresh_from_db()
    with pytest.raises(PermissionDenied):
        credit_application_decide(
            actor=chair, application=application, grant=True, credits="3", reasons=""
        )
    with pytest.raises(PermissionDenied):
        review(application, member)
    assert not Credential.objects.exists()
    assert AuditEntry.objects.filter(action__startswith="learning.credits_").count() == 1
