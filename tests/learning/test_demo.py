"""The learning demo: three partners in three countries, four courses in two languages,
learners' work and records, credit applications at every stage with credentials that verify,
a study group, dates spread over the past months, and a second load that adds nothing.

The demo (and the demos it builds on) is loaded once for the module, in a transaction rolled
back at the end; each test runs in its own savepoint inside it.
"""

import logging

import pytest
from django.apps import apps
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from pnyx.accounts import demo as accounts_demo
from pnyx.accounts.models import User
from pnyx.learning import demo
from pnyx.learning.credentials import Outcome
from pnyx.learning.demo_content.specs import ADMIN, LA_LADERA, LUCAS, NOOR, SOFIA
from pnyx.learning.models import (
    ApplicationStatus,
    CommitteeRole,
    CommitteeVisit,
    Course,
    CourseStatus,
    Credential,
    CredentialKind,
    CreditApplication,
    EngagementEntry,
    EngagementSource,
    Enrolment,
    Exercise,
    ExerciseKind,
    Partner,
    PartnerStatus,
    StudyGroup,
)
from pnyx.learning.selectors.courses_progress import peer_queue
from pnyx.learning.services.credentials_verify import credential_verify
from pnyx.orgs import demo as orgs_demo
from pnyx.orgs.models import Organisation
from pnyx.participation import demo as participation_demo
from pnyx.toolbox import demo as toolbox_demo

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
#: The demo of learning and of the apps it builds on (network and programs are not needed).
DEMOS = (accounts_demo, orgs_demo, participation_demo, toolbox_demo, demo)


@pytest.fixture(scope="module", autouse=True)
def _demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        for module in DEMOS:
            module.load()
        yield
        transaction.set_rollback(True)


def _person(email: str) -> User:
    return User.objects.get(email=email)


def _application(status: str, **filters: object) -> CreditApplication:
    return CreditApplication.objects.select_related("partner").get(status=status, **filters)


def test_three_partners_in_three_countries_with_a_committee_and_a_rubric():
    partners = Partner.objects.filter(status=PartnerStatus.APPROVED).select_related("organisation")

    assert partners.count() == 3
    assert {str(partner.organisation.country) for partner in partners} == {"CO", "NL", "CI"}
    for partner in partners:
        roles = sorted(partner.committee.values_list("role", flat=True))
        assert partner.organisation.kind in {"school", "university"}
        assert partner.decided_by.email == ADMIN
        assert roles.count(CommitteeRole.CHAIR) == 1
        assert 3 <= len(roles) <= 4
        assert 3 <= partner.rubric.count() <= 4
    waiting = Partner.objects.get(status=PartnerStatus.PENDING)
    assert waiting.organisation.name == LA_LADERA


def test_a_partner_has_a_visit_to_come_and_a_past_one_with_its_report():
    today = timezone.localdate()
    visits = CommitteeVisit.objects.filter(partner__committee__person__email=SOFIA)

    past, to_come = visits.get(starts_on__lt=today), visits.get(starts_on__gt=today)
    assert past.report
    assert past.created_at.date() < past.starts_on < past.reported_at.date() <= today
    assert not to_come.report


def test_four_published_courses_in_two_languages_with_exercises_and_tools():
    courses = Course.objects.all()

    assert courses.count() == 4
    assert not courses.exclude(status=CourseStatus.PUBLISHED).exists()
    assert sorted(courses.values_list("language", flat=True)) == ["en", "en", "en", "fr"]
    for course in courses:
        assert 2 <= course.modules.count() <= 3
        assert course.tools.exists()
        assert course.partner.status == PartnerStatus.APPROVED
    kinds = list(Exercise.objects.values_list("kind", flat=True))
    assert kinds.count(ExerciseKind.PEER) == 1
    assert kinds.count(ExerciseKind.CHOICE) >= 10
    assert kinds.count(ExerciseKind.SHORT) >= 4


def test_sofia_completed_a_course_and_its_credential_verifies():
    enrolment = Enrolment.objects.get(learner__email=SOFIA, completed_at__isnull=False)
    credential = Credential.objects.get(kind=CredentialKind.COURSE)

    assert credential.enrolment == enrolment
    assert credential.name == enrolment.course.title
    assert credential_verify(document=credential.document).outcome == Outcome.VALID


def test_two_granted_applications_were_reviewed_then_decided_by_the_chair():
    granted = CreditApplication.objects.filter(status=ApplicationStatus.GRANTED)

    assert granted.count() == 2
    for application in granted.select_related("partner", "decided_by"):
        review = application.reviews.get()
        chair = application.partner.committee.get(role=CommitteeRole.CHAIR).person
        assert review.scores.count() == application.partner.rubric.count()
        assert review.reviewer != chair
        assert application.decided_by == chair
        assert 0 < application.credits_granted <= application.credits_requested
        assert review.created_at < application.decided_at


def test_the_granted_credits_have_credentials_that_verify():
    credentials = Credential.objects.filter(kind=CredentialKind.CREDITS)

    assert credentials.count() == 2
    assert {credential.learner.email for credential in credentials} >= {LUCAS}
    for credential in credentials:
        assert credential.application.status == ApplicationStatus.GRANTED
        assert credential_verify(document=credential.document).outcome == Outcome.VALID


def test_the_refused_application_says_why_and_has_no_credential():
    refused = _application(ApplicationStatus.REFUSED)

    assert refused.decision_reasons.startswith("Attending one hearing")
    assert refused.credits_granted is None
    assert refused.reviews.get().credits_recommended is None
    assert not Credential.objects.filter(application=refused).exists()


def test_an_application_waits_for_noor_to_review_it():
    waiting = _application(ApplicationStatus.SUBMITTED)
    noor = _person(NOOR)

    assert not waiting.reviews.exists()
    assert waiting.partner.committee.filter(person=noor).exists()
    assert noor.has_perm("learning.review_credit_application", waiting)


def test_a_member_declared_a_conflict_and_did_not_review():
    conflicted = CreditApplication.objects.get(conflicts__isnull=False)
    member = conflicted.conflicts.get().member

    assert conflicted.learner.email == LUCAS
    assert conflicted.reviews.exclude(reviewer=member).count() == 1
    assert not conflicted.reviews.filter(reviewer=member).exists()


@pytest.mark.parametrize("learner", [SOFIA, LUCAS])
def test_learners_keep_an_entry_from_the_consultation(learner):
    kept = EngagementEntry.objects.get(learner__email=learner, source=EngagementSource.PNYX)

    assert kept.activity == participation_demo.content.TITLE
    assert kept.organisation.name == participation_demo.ORGANISER


def test_every_learner_wrote_two_or_three_entries_one_confirmed_by_a_referee():
    learners = User.objects.filter(learning_enrolments__isnull=False).distinct()

    assert learners.count() == 8
    for learner in learners:
        written = EngagementEntry.objects.filter(learner=learner, source=EngagementSource.MANUAL)
        assert 2 <= written.count() <= 3
        assert written.filter(referee_confirmed_at__isnull=False).count() == 1
    assert EngagementEntry.objects.filter(shared=True).count() == 3


def test_lucas_gets_other_learners_texts_to_review():
    lucas = _person(LUCAS)
    exercise = Exercise.objects.get(kind=ExerciseKind.PEER)

    assert exercise.submissions.get(learner=lucas).reviews.count() == 2
    assert [s.learner.email for s in peer_queue(user=lucas, exercise=exercise)] != []


def test_the_study_group_talks_keeps_notes_and_meets_soon():
    group = StudyGroup.objects.get()

    assert group.course.slug == "following-the-money"
    assert group.members.count() == 4
    assert group.posts.count() == 4
    assert group.notes_updated_by.email == LUCAS
    assert group.meetings.get().starts_at > timezone.now()


def test_rows_are_dated_over_the_past_months_in_the_order_they_happened():
    now = timezone.now()
    partners = Partner.objects.filter(status=PartnerStatus.APPROVED)
    applications = CreditApplication.objects.all()

    assert all((now - partner.decided_at).days >= 240 for partner in partners)
    assert all((now - course.published_at).days >= 190 for course in Course.objects.all())
    assert max((now - a.created_at).days for a in applications) >= 10
    for application in applications:
        written = application.entries.filter(source=EngagementSource.MANUAL)
        assert all(entry.created_at < application.created_at for entry in written)


def test_loading_again_adds_nothing():
    models = list(apps.get_app_config("learning").get_models())
    before = {model.__name__: model.objects.count() for model in models}

    demo.load()

    assert {model.__name__: model.objects.count() for model in models} == before


def test_a_missing_organisation_is_skipped_with_a_warning(caplog):
    Partner.objects.filter(organisation__name=LA_LADERA).delete()
    Organisation.objects.filter(name=LA_LADERA).update(name="Another school")

    with caplog.at_level(logging.WARNING, logger="pnyx.learning.demo"):
        demo.load()

    assert not Partner.objects.filter(status=PartnerStatus.PENDING).exists()
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("pnyx.learning")]
    assert messages == [
        f"Learning demo: the waiting partner application skipped (missing: {LA_LADERA})."
    ]
