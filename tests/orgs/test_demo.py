import pytest
from allauth.account.models import EmailAddress

from pnyx.core.models import AuditEntry, SearchEntry
from pnyx.orgs import demo
from pnyx.orgs.models import Membership, Organisation
from tests.orgs.factories import AdminFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_demo_people():
    AdminFactory(email=demo.ADMIN)
    for email in (demo.AMINA, demo.LUCAS, demo.SOFIA):
        UserFactory(email=email)


def test_demo_creates_organisations_of_many_kinds_through_the_services():
    make_demo_people()

    demo.load()

    organisations = Organisation.objects.all()
    assert organisations.count() == len(demo.ORGANISATIONS)
    assert len({org.kind for org in organisations}) == len(demo.ORGANISATIONS)
    assert SearchEntry.objects.filter(kind="orgs.organisation").count() == organisations.count()
    assert AuditEntry.objects.filter(action="orgs.organisation_registered").count() == 7
    admins = set(
        Membership.objects.filter(role="admin").values_list("user__email", flat=True).distinct()
    )
    assert {demo.AMINA, demo.LUCAS, demo.SOFIA} <= admins
    assert Membership.objects.filter(status="requested").count() == 1


def test_demo_twice_changes_nothing():
    make_demo_people()
    demo.load()
    counts = (Organisation.objects.count(), Membership.objects.count(), AuditEntry.objects.count())

    demo.load()

    assert (
        Organisation.objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    ) == counts


def test_demo_without_people_or_confirmed_addresses_skips_gracefully():
    demo.load()
    assert Organisation.objects.count() == 0

    UserFactory(email=demo.AMINA)
    EmailAddress.objects.update(verified=False)
    demo.load()

    assert Organisation.objects.count() == 0
