"""XSS payloads in every text a person can write in the learning app, rendered on each page that
shows it: the learner's, the committee's and the public ones."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pnyx.learning.models import ApplicationReview
from pnyx.learning.services.credentials import application_credential_issue
from tests.learning.factories import (
    CommitteeVisitFactory,
    CourseFactory,
    CreditApplicationFactory,
    EngagementEntryFactory,
    EnrolmentFactory,
    ExerciseFactory,
    GrantedCreditApplicationFactory,
    LessonFactory,
    ModuleFactory,
    PartnerFactory,
    StudyGroupFactory,
    StudyGroupMemberFactory,
    StudyGroupPostFactory,
    UserFactory,
    add_committee_member,
    add_rubric,
)
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db


def main(response):
    assert response.status_code == 200, response.request["PATH_INFO"]
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _partner(text):
    partner = PartnerFactory(organisation__name=text[:200], statement=text)
    chair = add_committee_member(partner, role="chair")
    for criterion in add_rubric(partner, 4):
        criterion.name, criterion.description = text[:200], text
        criterion.save()
    today = timezone.localdate()
    CommitteeVisitFactory(
        partner=partner, starts_on=today, place=text[:300], agenda=text, report=text
    )
    return partner, chair


def _course(partner, learner, text):
    course = CourseFactory(partner=partner, title=text[:200], summary=text[:500], description=text)
    lesson = LessonFactory(module=ModuleFactory(course=course, title=text[:200]), title=text[:200])
    lesson.body = text
    lesson.save()
    ExerciseFactory(lesson=lesson, prompt=text, choices=[text[:200], "Revenue"], explanation=text)
    EnrolmentFactory(course=course, learner=learner)
    group = StudyGroupFactory(course=course, name=text[:200], description=text, notes=text)
    StudyGroupMemberFactory(group=group, person=learner, organiser=True)
    StudyGroupPostFactory(group=group, author=learner, body=text)
    return course, lesson, group


def _world(text):
    partner, chair = _partner(text)
    learner = UserFactory()
    course, lesson, group = _course(partner, learner, text)
    entry = EngagementEntryFactory(
        learner=learner,
        activity=text[:200],
        organisation_name=text[:200],
        description=text,
        referee_name=text[:200],
        shared=True,
    )
    waiting = CreditApplicationFactory(
        learner=learner, partner=partner, statement=text, entries=[entry]
    )
    ApplicationReview.objects.create(application=waiting, reviewer=chair, comment=text)
    granted = GrantedCreditApplicationFactory(
        learner=learner, partner=partner, statement=text, entries=[entry], decision_reasons=text
    )
    credential = application_credential_issue(application=granted)
    return locals()


def _pages(client, world):
    slug = world["partner"].organisation.slug
    course = world["course"]
    learner_pages = [
        reverse("learning:partner-list"),
        world["partner"].get_absolute_url(),
        reverse("learning:course-list"),
        course.get_absolute_url(),
        reverse("learning:lesson-detail", kwargs={"slug": course.slug, "pk": world["lesson"].pk}),
        reverse("learning:group-list"),
        reverse("learning:group-detail", kwargs={"pk": world["group"].pk}),
        reverse("learning:engagement-list"),
        reverse("learning:engagement-public", kwargs={"pk": world["learner"].pk}),
        reverse("learning:application-list"),
        reverse("learning:application-detail", kwargs={"pk": world["granted"].pk}),
        reverse("learning:credential-list"),
        world["credential"].get_absolute_url(),
    ]
    committee_pages = [
        reverse("learning:partner-credit-applications", kwargs={"slug": slug}),
        reverse("learning:application-detail", kwargs={"pk": world["waiting"].pk}),
        reverse("learning:partner-credentials", kwargs={"slug": slug}),
        reverse("learning:rubric-edit", kwargs={"slug": slug}),
    ]
    client.force_login(world["learner"])
    found = [dangerous_fragments(main(client.get(url))) for url in learner_pages]
    client.force_login(world["chair"])
    return found + [dangerous_fragments(main(client.get(url))) for url in committee_pages]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_escaped_on_every_learning_page(client, payload):
    baseline = _pages(client, _world("Harmless text"))

    found = _pages(client, _world(payload))

    assert found == baseline
