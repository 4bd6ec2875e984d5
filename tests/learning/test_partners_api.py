"""The partners API: the paginated directory with search and filters, and one partner with
its committee roles, rubric, visits, courses and credits granted."""

import datetime
import decimal

import pytest
from django.utils import timezone

from pnyx.learning.models import PartnerStatus
from pnyx.orgs.models import OrganisationKind
from tests.learning.factories import (
    CommitteeMemberFactory,
    CommitteeVisitFactory,
    CourseFactory,
    GrantedCreditApplicationFactory,
    OrganisationFactory,
    PartnerFactory,
    RubricCriterionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _partner(name, slug, kind=OrganisationKind.UNIVERSITY, country="FR", **kwargs):
    organisation = OrganisationFactory(name=name, slug=slug, kind=kind, country=country)
    return PartnerFactory(organisation=organisation, **kwargs)


def test_the_list_is_paginated_with_a_count_search_and_filters(client):
    _partner("Université de Lune", "lune")
    _partner("Escuela Sol", "sol", kind=OrganisationKind.SCHOOL, country="ES")
    _partner("Pending College", "pending", status=PartnerStatus.PENDING)
    body = client.get("/api/v1/learning/partners").json()
    assert body["count"] == 2
    assert [item["slug"] for item in body["items"]] == ["sol", "lune"]
    assert body["items"][0] == {
        "slug": "sol",
        "name": "Escuela Sol",
        "kind": "school",
        "country": "ES",
        "credit_unit": "ECTS",
        "course_count": 0,
    }
    for query, expected in (
        ("q=lune", ["lune"]),
        ("country=es", ["sol"]),
        ("kind=school", ["sol"]),
    ):
        body = client.get(f"/api/v1/learning/partners?{query}").json()
        assert [item["slug"] for item in body["items"]] == expected, query


def test_bad_list_parameters_are_422(client):
    for query in ("country=FRA", "kind=ngo", "page=0", "q=" + "x" * 200):
        response = client.get(f"/api/v1/learning/partners?{query}")
        assert response.status_code == 422, query
        assert response.json()["detail"]


def test_the_list_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for number in range(15):
        CourseFactory(partner=_partner(f"University {number}", f"university-{number}"))
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/learning/partners").status_code == 200


def test_one_partner_with_committee_rubric_visits_and_credits(client):
    partner = _partner("Université de Lune", "lune")
    CommitteeMemberFactory(
        partner=partner,
        person=UserFactory(display_name="Zoé", email="zoe@example.org"),
        role="chair",
    )
    RubricCriterionFactory(partner=partner, name="Reflection", max_score=5, position=0)
    CommitteeVisitFactory(partner=partner, place="North campus")
    CommitteeVisitFactory(
        partner=partner,
        starts_on=timezone.localdate() - datetime.timedelta(days=3),
        report="All well.",
    )
    CourseFactory(partner=partner, slug="reading-a-budget", title="Reading a budget")
    GrantedCreditApplicationFactory(partner=partner, credits_granted=decimal.Decimal("2.5"))
    body = client.get("/api/v1/learning/partners/lune").json()
    assert body["name"] == "Université de Lune"
    assert body["statement"] == "We teach open data to first-year students."
    assert body["committee"] == [{"name": "Zoé", "role": "chair"}]
    assert "zoe@example.org" not in str(body)
    [criterion] = body["rubric"]
    assert (criterion["name"], criterion["max_score"]) == ("Reflection", 5)
    assert [visit["place"] for visit in body["upcoming_visits"]] == ["North campus"]
    assert [visit["report"] for visit in body["past_visits"]] == ["All well."]
    assert body["courses"] == [{"slug": "reading-a-budget", "title": "Reading a budget"}]
    assert body["course_count"] == 1
    assert body["credits_granted"] == {"applications": 1, "credits": "2.5"}


def test_an_unknown_or_pending_partner_is_404(client):
    _partner("Pending College", "pending", status=PartnerStatus.PENDING)
    for slug in ("pending", "nobody"):
        response = client.get(f"/api/v1/learning/partners/{slug}")
        assert response.status_code == 404
        assert response.json() == {"detail": f"No learning partner has the address name {slug}."}
