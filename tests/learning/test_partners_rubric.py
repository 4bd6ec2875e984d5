"""A partner's rubric: the chair or an organisation administrator adds, edits, reorders and
removes criteria; a criterion already used in a review cannot be removed nor rescored."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pnyx.core.models import AuditEntry
from pnyx.learning.models import ApplicationReview, CriterionScore, RubricCriterion
from pnyx.learning.services import partners_committee as services
from tests.learning.factories import (
    CommitteeMemberFactory,
    GrantedCreditApplicationFactory,
    OrganisationFactory,
    PartnerFactory,
    RubricCriterionFactory,
    UserFactory,
    add_org_admin,
)

pytestmark = pytest.mark.django_db

RUBRIC_URL = reverse("learning:rubric-edit", kwargs={"slug": "lune"})


@pytest.fixture
def partner():
    organisation = OrganisationFactory(name="Université de Lune", slug="lune", kind="university")
    return PartnerFactory(organisation=organisation)


@pytest.fixture
def chair(partner):
    return CommitteeMemberFactory(partner=partner, role="chair").person


def _names(partner):
    return list(RubricCriterion.objects.filter(partner=partner).values_list("name", flat=True))


def _score(criterion, score=3):
    application = GrantedCreditApplicationFactory(partner=criterion.partner)
    review = ApplicationReview.objects.create(application=application, reviewer=UserFactory())
    return CriterionScore.objects.create(review=review, criterion=criterion, score=score)


def test_the_chair_adds_criteria_at_the_end(client, partner, chair):
    client.force_login(chair)
    for name in ("Reflection", "Evidence"):
        response = client.post(
            RUBRIC_URL, {"name": name, "description": "What we look for.", "max_score": 5}
        )
        assert response.status_code == 302
    assert _names(partner) == ["Reflection", "Evidence"]
    assert AuditEntry.objects.filter(action="learning.rubric_changed").count() == 2
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "Reflection" in page


def test_the_highest_score_goes_from_1_to_10(client, partner, chair):
    client.force_login(chair)
    for value in (0, 11, "four"):
        response = client.post(
            RUBRIC_URL, {"name": "Reflection", "description": "d", "max_score": value}
        )
        assert response.status_code == 400
    with pytest.raises(ValidationError) as refused:
        services.rubric_criterion_add(
            actor=chair, partner=partner, name="Reflection", description="d", max_score=11
        )
    assert refused.value.message_dict == {"max_score": ["Give a highest score from 1 to 10."]}
    assert _names(partner) == []


def test_an_organisation_administrator_edits_and_reorders(client, partner):
    admin = add_org_admin(partner.organisation)
    first = RubricCriterionFactory(partner=partner, name="Reflection", position=0)
    second = RubricCriterionFactory(partner=partner, name="Evidence", position=1)
    client.force_login(admin)
    url = reverse("learning:rubric-criterion", kwargs={"slug": "lune", "pk": first.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Reflection in depth", "description": "d", "max_score": 6})
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.name, first.max_score) == ("Reflection in depth", 6)
    move = reverse("learning:rubric-move", kwargs={"slug": "lune", "pk": second.pk})
    client.post(move, {"direction": "up"})
    assert _names(partner) == ["Evidence", "Reflection in depth"]
    client.post(move, {"direction": "up"})  # already first: nothing changes
    assert _names(partner) == ["Evidence", "Reflection in depth"]
    assert client.post(move, {"direction": "sideways"}).status_code == 400


def test_a_criterion_used_in_a_review_cannot_be_removed(client, partner, chair):
    criterion = RubricCriterionFactory(partner=partner, name="Reflection")
    _score(criterion)
    client.force_login(chair)
    url = reverse("learning:rubric-remove", kwargs={"slug": "lune", "pk": criterion.pk})
    response = client.post(url)
    assert response.status_code == 400
    assert (
        "“Reflection” was already used to score an application, so it cannot be removed: the "
        "reviews refer to it." in response.content.decode()
    )
    assert _names(partner) == ["Reflection"]
    assert not AuditEntry.objects.exists()


def test_a_used_criterion_keeps_its_highest_score_but_can_be_renamed(partner, chair):
    criterion = RubricCriterionFactory(partner=partner, name="Reflection", max_score=4)
    _score(criterion)
    with pytest.raises(ValidationError) as refused:
        services.rubric_criterion_change(
            actor=chair, criterion=criterion, name="Reflection", description="d", max_score=2
        )
    assert "cannot change" in refused.value.message_dict["max_score"][0]
    services.rubric_criterion_change(
        actor=chair, criterion=criterion, name="Reflecting", description="d", max_score=4
    )
    criterion.refresh_from_db()
    assert (criterion.name, criterion.max_score) == ("Reflecting", 4)


def test_an_unused_criterion_is_removed(client, partner, chair):
    criterion = RubricCriterionFactory(partner=partner, name="Reflection")
    client.force_login(chair)
    url = reverse("learning:rubric-remove", kwargs={"slug": "lune", "pk": criterion.pk})
    assert client.post(url).status_code == 302
    assert _names(partner) == []
    [entry] = AuditEntry.objects.filter(action="learning.rubric_changed")
    assert entry.data == {"change": "removed", "criterion": "Reflection", "max_score": 4}


def test_committee_members_and_strangers_may_not_edit_the_rubric(client, partner):
    criterion = RubricCriterionFactory(partner=partner)
    member = CommitteeMemberFactory(partner=partner, role="secretary").person
    for person in (member, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.rubric_criterion_remove(actor=person, criterion=criterion)
        client.force_login(person)
        assert client.get(RUBRIC_URL).status_code == 403
        remove = reverse("learning:rubric-remove", kwargs={"slug": "lune", "pk": criterion.pk})
        assert client.post(remove).status_code == 403
    assert RubricCriterion.objects.filter(pk=criterion.pk).exists()
