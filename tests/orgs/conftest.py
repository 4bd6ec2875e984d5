"""Fixtures of the organisation tests."""

import pytest

from pnyx.orgs import services
from pnyx.orgs.models import OrganisationKind
from tests.orgs.factories import UserFactory


@pytest.fixture
def admin_user(db):
    return UserFactory(display_name="Amina Admin")


@pytest.fixture
def organisation(admin_user):
    """An organisation registered through the service (indexed, audited), `admin_user` its admin."""
    return services.organisation_register(
        actor=admin_user,
        name="Open Data Friends",
        kind=OrganisationKind.NGO,
        country="FR",
        description="We help cities publish **open data**.",
    )
