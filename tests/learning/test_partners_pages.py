"""The partner directory (search, filters, pagination) and a partner's page: statement,
committee with roles, published courses, study groups, visits, credits granted and rubric."""

import datetime
import decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from pnyx.learning.models import CommitteeRole, CourseStatus, PartnerStatus
from pnyx.orgs.models import OrganisationKind
from tests.learning.factories import (
    CommitteeMemberFactory,
    CommitteeVisitFactory,
    CourseFactory,
    GrantedCreditApplicationFactory,
    OrganisationFactory,
    PartnerFactory,
    RubricCriterionFactory,
    StudyGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("learning:partner-list")


def _partner(name, slug, kind=OrganisationKind.UNIVERSITY, country="FR", **kwargs):
    organisation = OrganisationFactory(name=name, slug=slug, kind=kind, country=country)
    return PartnerFactory(organisation=organisation, **kwargs)


def test_the_directory_lists_approved_partners_with_search_and_filters(client):
    _partner("Université de Lune", "lune", country="FR")
    _partner("Escuela Sol", "sol", kind=OrganisationKind.SCHOOL, country="ES")
    _partner("Pending College", "pending", status=PartnerStatus.PENDING)
    page = client.get(LIST_URL).content.decode()
    assert "Université de Lune" in page
    assert "Escuela Sol" in page
    assert "Pending College" not in page

    def names(**query):
        found = client.get(LIST_URL, query).context["page"].object_list
        return [partner.organisation.name for partner in found]

    assert names(q="universite") == ["Université de Lune"]
    assert names(q="SOL") == ["Escuela Sol"]
    assert names(country="es") == ["Escuela Sol"]
    assert names(kind="school") == ["Escuela Sol"]
    assert names(kind="ngo") == ["Escuela Sol", "Université de Lune"]  # unknown kind ignored
    assert names(q="nothing like it") == []


def test_the_directory_is_paginated_in_a_bounded_number_of_queries(
    client, settings, django_assert_max_num_queries
):
    settings.PNYX_PAGE_SIZE = 5
    for number in range(12):
        partner = _partner(f"University {number:02d}", f"university-{number:02d}")
        CourseFactory(partner=partner)
    with django_assert_max_num_queries(6):
        response = client.get(LIST_URL, {"page": 2})
    assert [p.organisation.name for p in response.context["page"]] == [
        f"University {number:02d}" for number in range(5, 10)
    ]
    assert "1 course" in response.content.decode()
    assert client.get(LIST_URL, {"page": "x<script>"}).status_code == 200


def test_a_partner_page_shows_everything_a_visitor_needs(client):
    partner = _partner("Université de Lune", "lune", credit_unit="ECTS")
    CommitteeMemberFactory(
        partner=partner, person=UserFactory(display_name="Zoé Chair"), role=CommitteeRole.CHAIR
    )
    CommitteeMemberFactory(
        partner=partner,
        person=UserFactory(display_name="Ana Secretary"),
        role=CommitteeRole.SECRETARY,
    )
    course = CourseFactory(partner=partner, title="Reading a budget", slug="reading-a-budget")
    CourseFactory(partner=partner, title="Draft course", status=CourseStatus.DRAFT)
    StudyGroupFactory(course=course, name="Budget readers")
    StudyGroupFactory(course=None, partner=partner, name="Lune data club")
    CommitteeVisitFactory(partner=partner, place="North campus")
    CommitteeVisitFactory(
        partner=partner,
        starts_on=timezone.localdate() - datetime.timedelta(days=40),
        place="South campus",
        report="All went well.",
    )
    GrantedCreditApplicationFactory(partner=partner, credits_granted=decimal.Decimal("3"))
    GrantedCreditApplicationFactory(partner=partner, credits_granted=decimal.Decimal("1.5"))
    GrantedCreditApplicationFactory(partner=partner, status="refused", credits_granted=None)
    RubricCriterionFactory(partner=partner, name="Reflection", max_score=5)
    response = client.get(reverse("learning:partner-detail", kwargs={"slug": "lune"}))
    page = response.content.decode()
    assert "We teach open data to first-year students." in page
    assert page.index("Zoé Chair") < page.index("Ana Secretary")
    assert "Secretary" in page
    assert 'href="/learning/courses/reading-a-budget/"' in page
    assert "Draft course" not in page
    assert "Budget readers" in page
    assert "Lune data club" in page
    assert "North campus" in page
    assert "South campus" in page
    assert "report available" in page
    assert "2 credit applications granted, 4.5 ECTS in all." in page
    assert "Reflection" in page
    overview = response.context["overview"]
    assert [c.max_score for c in overview.rubric] == [5]
    assert [v.place for v in overview.upcoming_visits] == ["North campus"]
    assert [v.place for v in overview.past_visits] == ["South campus"]


def test_the_partner_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    partner = _partner("Université de Lune", "lune")
    for _ in range(5):
        CommitteeMemberFactory(partner=partner)
        course = CourseFactory(partner=partner)
        StudyGroupFactory(course=course)
        CommitteeVisitFactory(partner=partner)
        RubricCriterionFactory(partner=partner)
    with django_assert_max_num_queries(14):
        assert client.get("/learning/partners/lune/").status_code == 200


def test_management_links_show_only_to_those_who_may_manage(client):
    partner = _partner("Université de Lune", "lune")
    chair = CommitteeMemberFactory(partner=partner, role=CommitteeRole.CHAIR).person
    page = client.get("/learning/partners/lune/").content.decode()
    assert "Manage the committee" not in page
    assert "Edit the rubric" not in page
    assert "Plan a visit" not in page
    client.force_login(chair)
    page = client.get("/learning/partners/lune/").content.decode()
    assert "Manage the committee" in page
    assert "Edit the rubric" in page
    assert "Plan a visit" in page
    assert "Leave the committee" in page


def test_an_unknown_partner_is_404(client):
    assert client.get("/learning/partners/nobody/").status_code == 404
