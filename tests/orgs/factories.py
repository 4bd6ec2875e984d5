"""Factories for organisations, memberships and invitations; people come from tests.accounts."""

import factory
from django.utils import timezone

from pnyx.orgs.algorithms import name_sort_key
from pnyx.orgs.models import (
    INVITATION_LIFETIME,
    Invitation,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Role,
)
from pnyx.orgs.services import hash_invitation_token
from tests.accounts.factories import AdminFactory, ApiTokenFactory, UserFactory

__all__ = [
    "AdminFactory",
    "ApiTokenFactory",
    "InvitationFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "UserFactory",
]


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A bare organisation row (not indexed for search: use the service for that)."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n:04d}")
    slug = factory.Sequence(lambda n: f"organisation-{n:04d}")
    sort_name = factory.LazyAttribute(lambda org: name_sort_key(org.name))
    kind = OrganisationKind.NGO
    country = "FR"
    description = "We open public data."


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active plain membership (pass `status`/`role` for others)."""

    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.MEMBER
    status = MembershipStatus.ACTIVE


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation; its raw token is kept on the instance as `raw`."""

    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.MEMBER
    raw = factory.Sequence(lambda n: f"test-token-{n:06d}")
    token_hash = factory.LazyAttribute(lambda inv: hash_invitation_token(inv.raw))
    expires_at = factory.LazyFunction(lambda: timezone.now() + INVITATION_LIFETIME)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        raw = kwargs.pop("raw")
        invitation = super()._create(model_class, *args, **kwargs)
        invitation.raw = raw
        return invitation
