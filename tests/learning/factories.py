"""Factories for the learning app. Organisations and people come from the orgs tests. Each area's
tests append the factories they need at the end, under a comment naming the area."""

import datetime
import decimal

import factory
from django.utils import timezone

from pnyx.learning.models import (
    CommitteeMember,
    CommitteeRole,
    Course,
    CourseModule,
    CourseStatus,
    Lesson,
    Partner,
    PartnerStatus,
)
from pnyx.orgs.models import OrganisationKind
from tests.orgs.factories import OrganisationFactory, UserFactory

__all__ = [
    "CommitteeMemberFactory",
    "CompletedEnrolmentFactory",
    "CourseFactory",
    "CreditApplicationFactory",
    "EngagementEntryFactory",
    "EvidenceEntryFactory",
    "GrantedCreditApplicationFactory",
    "LessonFactory",
    "ModuleFactory",
    "OrganisationFactory",
    "PartnerFactory",
    "UserFactory",
]


class PartnerFactory(factory.django.DjangoModelFactory):
    """An approved partner: a university."""

    class Meta:
        model = Partner

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.UNIVERSITY)
    status = PartnerStatus.APPROVED
    statement = "We teach open data to first-year students."


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    partner = factory.SubFactory(PartnerFactory)
    person = factory.SubFactory(UserFactory)
    role = CommitteeRole.MEMBER


class CourseFactory(factory.django.DjangoModelFactory):
    """A published course of a partner, without modules (add ModuleFactory and LessonFactory)."""

    class Meta:
        model = Course

    partner = factory.SubFactory(PartnerFactory)
    slug = factory.Sequence(lambda n: f"course-{n:04d}")
    title = factory.Sequence(lambda n: f"Reading a budget {n:04d}")
    summary = "How to read a city budget line by line."
    description = "Four lessons and two exercises."
    language = "en"
    status = CourseStatus.PUBLISHED


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseModule

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    position = factory.Sequence(lambda n: n)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = "A budget has **two sides**."
    position = factory.Sequence(lambda n: n)


# --- credentials ---
class EvidenceEntryFactory(factory.django.DjangoModelFactory):
    """A written engagement entry, for the evidence of a credit application."""

    class Meta:
        model = "learning.EngagementEntry"

    learner = factory.SubFactory(UserFactory)
    activity = factory.Sequence(lambda n: f"Street stand on the city budget {n}")
    organisation_name = "Budget Watchers of Riverton"
    started_on = factory.LazyFunction(lambda: datetime.date(2024, 3, 1))
    ended_on = factory.LazyFunction(lambda: datetime.date(2024, 6, 30))
    hours = decimal.Decimal("40.0")
    description = "Explained the budget to passers-by every Saturday."


class GrantedCreditApplicationFactory(factory.django.DjangoModelFactory):
    """A credit application already granted (as the credit decision leaves it); pass `entries`
    as a list of EvidenceEntryFactory rows to attach them."""

    class Meta:
        model = "learning.CreditApplication"
        skip_postgeneration_save = True

    learner = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    statement = "I learned how a budget is voted and how to explain it."
    credits_requested = decimal.Decimal("3.00")
    status = "granted"
    credits_granted = decimal.Decimal("3.00")
    decided_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def entries(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.entries.set(extracted)


class CompletedEnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment in a partner's course, completed."""

    class Meta:
        model = "learning.Enrolment"

    course = factory.SubFactory(CourseFactory)
    learner = factory.SubFactory(UserFactory)
    completed_at = factory.LazyFunction(timezone.now)


# --- partners ---
def add_org_admin(organisation, user=None):
    """Make a person (a new one by default) an active administrator of the organisation."""
    from tests.orgs.factories import MembershipFactory

    person = user or UserFactory()
    MembershipFactory(organisation=organisation, user=person, role="admin")
    return person


class RubricCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "learning.RubricCriterion"

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    description = "How far the learner reflects on what they did."
    max_score = 4
    position = factory.Sequence(lambda n: n)


class CommitteeVisitFactory(factory.django.DjangoModelFactory):
    """A visit in a month's time, without a report."""

    class Meta:
        model = "learning.CommitteeVisit"

    partner = factory.SubFactory(PartnerFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    place = "Main campus, room 12"
    agenda = "Meet the students who applied for credits."


# --- groups ---
class StudyGroupFactory(factory.django.DjangoModelFactory):
    """A group of a published course (pass `course=None, partner=...` for a partner's)."""

    class Meta:
        model = "learning.StudyGroup"

    course = factory.SubFactory(CourseFactory)
    partner = None
    name = factory.Sequence(lambda n: f"Budget readers {n:04d}")
    description = "We read one budget chapter a week."


class StudyGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "learning.StudyGroupMember"

    group = factory.SubFactory(StudyGroupFactory)
    person = factory.SubFactory(UserFactory)
    organiser = False


class StudyGroupPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "learning.StudyGroupPost"

    group = factory.SubFactory(StudyGroupFactory)
    author = factory.SubFactory(UserFactory)
    body = "Chapter two is about **revenue**."


class StudyGroupMeetingFactory(factory.django.DjangoModelFactory):
    """A meeting next week, online."""

    class Meta:
        model = "learning.StudyGroupMeeting"

    group = factory.SubFactory(StudyGroupFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    online_url = "https://meet.example.org/budget-readers"


# --- courses ---
class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment in a published course, not completed."""

    class Meta:
        model = "learning.Enrolment"

    course = factory.SubFactory(CourseFactory)
    learner = factory.SubFactory(UserFactory)


class ExerciseFactory(factory.django.DjangoModelFactory):
    """A multiple choice whose second choice is right (pass `kind` and its fields for others)."""

    class Meta:
        model = "learning.Exercise"

    lesson = factory.SubFactory(LessonFactory)
    kind = "choice"
    prompt = "Which side of a budget lists taxes?"
    choices = factory.LazyFunction(lambda: ["Spending", "Revenue", "Neither"])
    correct = factory.LazyFunction(lambda: [1])
    explanation = "Taxes are **revenue**."
    position = factory.Sequence(lambda n: n)


class PeerExerciseFactory(ExerciseFactory):
    """A peer-reviewed exercise with two criteria, asking each learner for one review."""

    kind = "peer"
    prompt = "Explain one line of your city's budget."
    choices = factory.LazyFunction(list)
    correct = factory.LazyFunction(list)
    explanation = ""
    rubric = factory.LazyFunction(
        lambda: [
            {"name": "Clarity", "description": "Easy to follow?", "max": 4},
            {"name": "Sources", "description": "Are figures sourced?", "max": 2},
        ]
    )
    reviews_required = 1


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A text sent for peer review (pass `exercise` of the peer kind)."""

    class Meta:
        model = "learning.Submission"

    exercise = factory.SubFactory(PeerExerciseFactory)
    learner = factory.SubFactory(UserFactory)
    answer = "Line 12 pays for the school canteens."
    correct = None


def course_with_lessons(lessons=2, **course_fields):
    """A course (published by default) with one module holding `lessons` lessons, in order;
    returns the course and its lessons."""
    course = CourseFactory(**course_fields)
    module = ModuleFactory(course=course, position=0)
    return course, [LessonFactory(module=module, position=index) for index in range(lessons)]


# --- engagement ---
class EngagementEntryFactory(factory.django.DjangoModelFactory):
    """A written entry of a learner's record, private, without referee or evidence."""

    class Meta:
        model = "learning.EngagementEntry"

    learner = factory.SubFactory(UserFactory)
    activity = factory.Sequence(lambda n: f"Repair café volunteer {n}")
    organisation_name = "Riverton Repair Café"
    started_on = factory.LazyFunction(lambda: datetime.date(2024, 9, 1))
    ended_on = factory.LazyFunction(lambda: datetime.date(2025, 1, 31))
    hours = decimal.Decimal("24.0")
    description = "Fixed lamps and taught visitors to fix their own."


# --- credits ---
def add_committee_member(partner, role="member", user=None):
    """Seat a person (a new one by default) on the partner's committee with this role."""
    person = user or UserFactory()
    CommitteeMember.objects.create(partner=partner, person=person, role=role)
    return person


def add_rubric(partner, *max_scores):
    """Publish criteria on the partner's rubric, one per highest score given (4 by default)."""
    from pnyx.learning.models import RubricCriterion

    return [
        RubricCriterion.objects.create(
            partner=partner,
            name=f"Criterion {position + 1}",
            description="How far the learner reflects on what they did.",
            max_score=max_score,
            position=position,
        )
        for position, max_score in enumerate(max_scores or (4,))
    ]


class CreditApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application of a learner; pass `entries` (rows) to attach them."""

    class Meta:
        model = "learning.CreditApplication"
        skip_postgeneration_save = True

    learner = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    statement = "I repaired things with neighbours and learned how a local association runs."
    credits_requested = decimal.Decimal("3.00")

    @factory.post_generation
    def entries(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.entries.set(extracted)
