"""Committee visits: the chair, the secretary or an organisation administrator plans and
changes a visit and writes its report once the first day has passed; audited; shown on the
partner's page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from pnyx.core.models import AuditEntry
from pnyx.learning.models import CommitteeVisit
from pnyx.learning.services import partners_visits as services
from pnyx.participation.models import Notification
from tests.learning.factories import (
    CommitteeMemberFactory,
    CommitteeVisitFactory,
    OrganisationFactory,
    PartnerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("learning:visit-create", kwargs={"slug": "lune"})


@pytest.fixture
def partner():
    organisation = OrganisationFactory(name="Université de Lune", slug="lune", kind="university")
    return PartnerFactory(organisation=organisation)


@pytest.fixture
def secretary(partner):
    return CommitteeMemberFactory(partner=partner, role="secretary").person


def _day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def test_the_secretary_plans_a_visit_and_the_committee_hears_of_it(
    client, partner, secretary, django_capture_on_commit_callbacks
):
    member = CommitteeMemberFactory(partner=partner).person
    client.force_login(secretary)
    data = {
        "starts_on": _day(10).isoformat(),
        "ends_on": _day(11).isoformat(),
        "place": "North campus",
        "agenda": "Meet the **students**.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE_URL, data)
    visit = CommitteeVisit.objects.get()
    assert response["Location"] == f"/learning/partners/lune/visits/{visit.pk}/"
    assert (visit.starts_on, visit.ends_on, visit.created_by) == (_day(10), _day(11), secretary)
    [entry] = AuditEntry.objects.filter(action="learning.visit_planned")
    assert entry.data == {"visit": visit.pk, "starts_on": _day(10).isoformat()}
    assert Notification.objects.get(user=member).event == "learning.visit_planned"
    assert not Notification.objects.filter(user=secretary).exists()
    page = client.get(response["Location"]).content.decode()
    assert "<strong>students</strong>" in page
    assert "North campus" in client.get(partner.get_absolute_url()).content.decode()


def test_the_last_day_cannot_come_before_the_first(client, partner, secretary):
    client.force_login(secretary)
    data = {"starts_on": _day(10).isoformat(), "ends_on": _day(9).isoformat(), "agenda": "A"}
    response = client.post(CREATE_URL, data)
    assert response.status_code == 400
    assert "The last day cannot come before the first day." in response.content.decode()
    assert client.post(CREATE_URL, {"starts_on": "tomorrow", "agenda": "A"}).status_code == 400
    assert client.post(CREATE_URL, {"starts_on": _day(3).isoformat()}).status_code == 400
    assert not CommitteeVisit.objects.exists()
    assert not AuditEntry.objects.exists()


def test_members_and_strangers_may_not_plan(client, partner):
    member = CommitteeMemberFactory(partner=partner, role="member").person
    for person in (member, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.visit_plan(actor=person, partner=partner, starts_on=_day(3), agenda="A")
        client.force_login(person)
        assert client.get(CREATE_URL).status_code == 403
    assert not CommitteeVisit.objects.exists()


def test_a_visit_is_changed_and_audited(client, partner, secretary):
    visit = CommitteeVisitFactory(partner=partner)
    client.force_login(secretary)
    url = reverse("learning:visit-edit", kwargs={"slug": "lune", "pk": visit.pk})
    assert client.get(url).status_code == 200
    data = {"starts_on": _day(20).isoformat(), "place": "", "agenda": "A new agenda."}
    assert client.post(url, data).status_code == 302
    visit.refresh_from_db()
    assert (visit.starts_on, visit.place, visit.agenda) == (_day(20), "", "A new agenda.")
    assert AuditEntry.objects.filter(action="learning.visit_changed").count() == 1


def test_the_report_waits_until_the_first_day_has_passed(client, partner, secretary):
    visit = CommitteeVisitFactory(partner=partner, starts_on=timezone.localdate())
    client.force_login(secretary)
    url = reverse("learning:visit-report", kwargs={"slug": "lune", "pk": visit.pk})
    response = client.post(url, {"report": "We met twelve students."})
    assert response.status_code == 400
    assert "once the first day of the visit has passed" in response.content.decode()
    visit.refresh_from_db()
    assert visit.report == ""
    assert visit.reported_at is None
    visit.starts_on = _day(-1)
    visit.save()
    assert client.post(url, {"report": "We met **twelve** students."}).status_code == 302
    visit.refresh_from_db()
    assert visit.report == "We met **twelve** students."
    assert visit.reported_at is not None
    assert AuditEntry.objects.filter(action="learning.visit_reported").count() == 1
    detail = reverse("learning:visit-detail", kwargs={"slug": "lune", "pk": visit.pk})
    assert "<strong>twelve</strong>" in client.get(detail).content.decode()


def test_a_reported_visit_cannot_move_into_the_future(partner, secretary):
    visit = CommitteeVisitFactory(partner=partner, starts_on=_day(-5), report="Done.")
    with pytest.raises(ValidationError) as refused:
        services.visit_change(actor=secretary, visit=visit, starts_on=_day(5), agenda="A")
    assert "starts_on" in refused.value.message_dict
    visit.refresh_from_db()
    assert visit.starts_on == _day(-5)


def test_a_visit_of_another_partner_is_404(client, partner, secretary):
    other = CommitteeVisitFactory()
    client.force_login(secretary)
    url = reverse("learning:visit-edit", kwargs={"slug": "lune", "pk": other.pk})
    assert client.get(url).status_code == 404
    assert client.get(f"/learning/partners/lune/visits/{other.pk}/").status_code == 404
