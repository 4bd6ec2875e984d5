"""A partner's committee: its organisation's administrators and its chair add people by the
e-mail address of their account, change roles and remove people; a committee keeps a chair;
members may leave; every change is audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pnyx.core.models import AuditEntry
from pnyx.learning.models import CommitteeMember, CommitteeRole
from pnyx.learning.services import partners_committee as services
from pnyx.participation.models import Notification
from tests.learning.factories import (
    CommitteeMemberFactory,
    OrganisationFactory,
    PartnerFactory,
    UserFactory,
    add_org_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    organisation = OrganisationFactory(name="Université de Lune", slug="lune", kind="university")
    return PartnerFactory(organisation=organisation)


@pytest.fixture
def chair(partner):
    person = UserFactory(display_name="Zoé Chair")
    CommitteeMemberFactory(partner=partner, person=person, role=CommitteeRole.CHAIR)
    return person


@pytest.fixture
def manage_url():
    return reverse("learning:committee-manage", kwargs={"slug": "lune"})


def _seat(partner, person):
    return CommitteeMember.objects.get(partner=partner, person=person)


def test_an_organisation_administrator_adds_someone_by_e_mail(
    client, partner, chair, manage_url, django_capture_on_commit_callbacks
):
    admin = add_org_admin(partner.organisation)
    newcomer = UserFactory(email="ines@example.org", display_name="Inès")
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url, {"email": "INES@example.org", "role": "secretary"})
    assert response.status_code == 302
    assert _seat(partner, newcomer).role == CommitteeRole.SECRETARY
    [entry] = AuditEntry.objects.filter(action="learning.committee_member_added")
    assert entry.data == {"person": newcomer.pk, "role": "secretary"}
    [notice] = Notification.objects.filter(user=newcomer)
    assert notice.event == "learning.committee_joined"
    page = client.get(manage_url).content.decode()
    assert "Inès" in page


def test_an_unknown_address_or_a_second_seat_is_refused_clearly(client, partner, chair, manage_url):
    client.force_login(chair)
    response = client.post(manage_url, {"email": "nobody@example.org", "role": "member"})
    assert response.status_code == 400
    assert (
        "No account uses this e-mail address: ask the person to sign up first."
        in response.content.decode()
    )
    response = client.post(manage_url, {"email": chair.email, "role": "member"})
    assert response.status_code == 400
    assert "Zoé Chair is already on the committee." in response.content.decode()
    response = client.post(manage_url, {"email": "not an address", "role": "member"})
    assert response.status_code == 400
    assert CommitteeMember.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_plain_members_and_strangers_may_not_manage_the_committee(client, partner, chair):
    member = CommitteeMemberFactory(partner=partner).person
    stranger = UserFactory(email="s@example.org")
    for person in (member, stranger):
        with pytest.raises(PermissionDenied):
            services.committee_member_add(actor=person, partner=partner, email=stranger.email)
        client.force_login(person)
        url = reverse("learning:committee-manage", kwargs={"slug": "lune"})
        assert client.get(url).status_code == 403
        assert client.post(url, {"email": stranger.email, "role": "member"}).status_code == 403
    assert CommitteeMember.objects.count() == 2


def test_the_chair_changes_roles_but_the_committee_keeps_a_chair(client, partner, chair):
    member = CommitteeMemberFactory(partner=partner, role=CommitteeRole.MEMBER)
    client.force_login(chair)
    own = reverse(
        "learning:committee-role", kwargs={"slug": "lune", "pk": _seat(partner, chair).pk}
    )
    response = client.post(own, {"role": "member"})
    assert response.status_code == 400
    assert (
        "The committee needs at least one chair: name another chair first."
        in response.content.decode()
    )
    assert _seat(partner, chair).role == CommitteeRole.CHAIR
    other = reverse("learning:committee-role", kwargs={"slug": "lune", "pk": member.pk})
    assert client.post(other, {"role": "chair"}).status_code == 302
    assert client.post(own, {"role": "member"}).status_code == 302
    member.refresh_from_db()
    assert member.role == CommitteeRole.CHAIR
    assert _seat(partner, chair).role == CommitteeRole.MEMBER
    assert AuditEntry.objects.filter(action="learning.committee_role_changed").count() == 2
    assert client.post(other, {"role": "boss"}).status_code == 403  # no longer the chair


def test_removing_the_last_chair_is_refused_and_others_can_be_removed(client, partner, chair):
    admin = add_org_admin(partner.organisation)
    member = CommitteeMemberFactory(partner=partner)
    client.force_login(admin)
    last_chair = reverse(
        "learning:committee-remove", kwargs={"slug": "lune", "pk": _seat(partner, chair).pk}
    )
    response = client.post(last_chair)
    assert response.status_code == 400
    assert _seat(partner, chair)
    url = reverse("learning:committee-remove", kwargs={"slug": "lune", "pk": member.pk})
    assert client.post(url).status_code == 302
    assert not CommitteeMember.objects.filter(pk=member.pk).exists()
    [entry] = AuditEntry.objects.filter(action="learning.committee_member_removed")
    assert entry.data == {"person": member.person_id, "role": "member"}


def test_a_member_leaves_the_committee_on_their_own(client, partner, chair):
    member = CommitteeMemberFactory(partner=partner)
    client.force_login(member.person)
    url = reverse("learning:committee-remove", kwargs={"slug": "lune", "pk": member.pk})
    response = client.post(url)
    assert response["Location"] == "/learning/partners/lune/"
    assert not CommitteeMember.objects.filter(pk=member.pk).exists()
    other = CommitteeMemberFactory(partner=partner)
    with pytest.raises(PermissionDenied):
        services.committee_member_remove(actor=UserFactory(), member=other)


def test_the_committee_of_another_partner_is_out_of_reach(client, partner, chair):
    elsewhere = CommitteeMemberFactory(role=CommitteeRole.MEMBER)
    client.force_login(chair)
    url = reverse("learning:committee-remove", kwargs={"slug": "lune", "pk": elsewhere.pk})
    assert client.post(url).status_code == 404
    assert CommitteeMember.objects.filter(pk=elsewhere.pk).exists()


def test_an_invalid_role_is_refused(partner, chair):
    with pytest.raises(ValidationError) as refused:
        services.committee_member_add(
            actor=chair, partner=partner, email=UserFactory().email, role="boss"
        )
    assert refused.value.message_dict == {"role": ["Choose a role: chair, secretary or member."]}
