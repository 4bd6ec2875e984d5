"""What the organisations app holds about a person, and how it is exported or anonymised."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.orgs.models import Invitation, Membership, Organisation


def export_memberships(person: Any) -> list[dict[str, Any]]:
    """The person's memberships and join requests, and the organisations they registered."""
    memberships = Membership.objects.filter(user=person).select_related("organisation")
    registered = set(Organisation.objects.filter(created_by=person).values_list("pk", flat=True))
    return [
        {
            "organisation": membership.organisation.name,
            "organisation_slug": membership.organisation.slug,
            "role": membership.role,
            "status": membership.status,
            "requested_at": membership.created_at.isoformat(),
            "decided_at": membership.decided_at.isoformat() if membership.decided_at else None,
            "registered_by_you": membership.organisation_id in registered,
        }
        for membership in memberships.order_by("created_at", "pk")
    ]


def anonymise_memberships(person: Any) -> None:
    """Delete the person's memberships and requests; keep the organisations they registered.

    The organisations stay because they are public records that other members, other apps and
    the audit log refer to; only the link to the person goes (`created_by` and `decided_by` are
    cleared). When the person was an organisation's last administrator, the organisation is kept
    as it is, without an administrator, rather than deleted or handed to someone automatically:
    deleting it would erase what its other members built, and promoting someone would give power
    that nobody chose to give. Platform administrators can manage such an organisation and
    appoint a new administrator from its members.
    """
    with transaction.atomic():
        Membership.objects.filter(user=person).delete()
        Membership.objects.filter(decided_by=person).update(decided_by=None)
        Organisation.objects.filter(created_by=person).update(created_by=None)


def export_invitations(person: Any) -> list[dict[str, Any]]:
    """The invitations the person sent (without the invited addresses, which are not theirs)."""
    invitations = Invitation.objects.filter(created_by=person).select_related("organisation")
    return [
        {
            "organisation": invitation.organisation.name,
            "role": invitation.role,
            "sent_at": invitation.created_at.isoformat(),
            "expires_at": invitation.expires_at.isoformat(),
            "accepted_at": invitation.accepted_at.isoformat() if invitation.accepted_at else None,
            "revoked_at": invitation.revoked_at.isoformat() if invitation.revoked_at else None,
        }
        for invitation in invitations.order_by("created_at", "pk")
    ]


def anonymise_invitations(person: Any) -> None:
    """Forget who sent invitations, and delete the invitations sent to the person's addresses.

    Invitations are addressed to an e-mail address, not an account, so this reads the person's
    addresses; it must run before another source rewrites them (pending invitations also expire
    on their own after 7 days).
    """
    addresses = {person.email.lower()} if getattr(person, "email", "") else set()
    addresses.update(
        email.lower() for email in person.emailaddress_set.values_list("email", flat=True)
    )
    with transaction.atomic():
        Invitation.objects.filter(created_by=person).update(created_by=None)
        for address in addresses:
            Invitation.objects.filter(email__iexact=address).delete()


def register_sources() -> None:
    """Declare both sources in the core registry (called from `OrgsConfig.ready`)."""
    personal_data.register(
        personal_data.PersonalDataSource(
            key="orgs.memberships",
            label=_("Organisation memberships"),
            description=_(
                "The organisations you belong to or asked to join, your role in each, and the "
                "organisations you registered."
            ),
            export=export_memberships,
            anonymise=anonymise_memberships,
            purpose=_(
                "To let you act for your organisations, and their consultations reach their "
                "members."
            ),
            visibility=personal_data.Visibility.PARTLY_PUBLIC,
            seen_by=_(
                "Everyone sees the members of an organisation and their roles. A request to join "
                "is seen by the organisation's administrators."
            ),
        )
    )
    personal_data.register(
        personal_data.PersonalDataSource(
            key="orgs.invitations",
            label=_("Invitations you sent"),
            description=_(
                "The invitations to join an organisation that you sent, with their dates. The "
                "addresses you invited are not included: they belong to the people invited."
            ),
            export=export_invitations,
            anonymise=anonymise_invitations,
            purpose=_("To let the people you invite join your organisation, once, within 7 days."),
            seen_by=_("The administrators of the organisation."),
        )
    )
