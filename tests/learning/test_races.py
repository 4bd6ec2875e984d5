"""SECURITY.md case 1 for the learning app, with real threads each on its own connection: acts
people repeat in parallel (applying for credits, enrolling, deciding) happen once.

Runs on the database of the test run: SQLite serialises the writers with IMMEDIATE transactions,
PostgreSQL relies on the unique constraints and row locks the services take.
"""

import pytest
from django.core.exceptions import ValidationError

from pnyx.accounts.models import User
from pnyx.core.models import AuditEntry
from pnyx.learning.models import (
    ApplicationReview,
    ApplicationStatus,
    Course,
    Credential,
    CreditApplication,
    Enrolment,
    Partner,
)
from pnyx.learning.services import courses_progress, credits_decisions
from pnyx.learning.services.credits import credit_application_submit
from tests.learning.factories import (
    CourseFactory,
    CreditApplicationFactory,
    EngagementEntryFactory,
    PartnerFactory,
    UserFactory,
    add_committee_member,
    add_rubric,
)
from tests.participation.test_votes_concurrency import in_parallel

pytestmark = pytest.mark.django_db(transaction=True)
PARALLEL = 12
STATEMENT = "I repaired bicycles with neighbours every Saturday and learned to run a workshop."


def test_parallel_submissions_leave_one_waiting_application():
    partner = PartnerFactory()
    add_rubric(partner, 4)
    learner = UserFactory()
    entry = EngagementEntryFactory(learner=learner)

    def submit(_index):
        credit_application_submit(
            actor=User.objects.get(pk=learner.pk),
            partner=Partner.objects.get(pk=partner.pk),
            entry_ids=[entry.pk],
            statement=STATEMENT,
            credits_requested="3",
        )

    failures = in_parallel(PARALLEL, submit)

    assert CreditApplication.objects.filter(status=ApplicationStatus.SUBMITTED).count() == 1
    assert len(failures) == PARALLEL - 1
    assert {error.code for error in failures if isinstance(error, ValidationError)} == {"waiting"}


def test_parallel_enrolments_leave_one_enrolment():
    course = CourseFactory()
    learner = UserFactory()

    failures = in_parallel(
        PARALLEL,
        lambda _i: courses_progress.enrolment_create(
            actor=User.objects.get(pk=learner.pk), course=Course.objects.get(pk=course.pk)
        ),
    )

    assert failures == []
    assert Enrolment.objects.filter(course=course, learner=learner).count() == 1


def test_parallel_grants_decide_once_with_one_credential():
    partner = PartnerFactory()
    add_rubric(partner, 4)
    chair = add_committee_member(partner, role="chair")
    application = CreditApplicationFactory(partner=partner)
    ApplicationReview.objects.create(
        application=application, reviewer=chair, credits_recommended="3"
    )

    def grant(_index):
        credits_decisions.credit_application_decide(
            actor=User.objects.get(pk=chair.pk),
            application=CreditApplication.objects.get(pk=application.pk),
            grant=True,
            credits="3",
            reasons="",
        )

    failures = in_parallel(PARALLEL, grant)

    assert len(failures) == PARALLEL - 1
    assert Credential.objects.filter(application=application).count() == 1
    assert AuditEntry.objects.filter(action="learning.credits_granted").count() == 1
