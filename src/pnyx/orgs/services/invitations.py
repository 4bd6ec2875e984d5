"""Inviting people by e-mail, withdrawing invitations, and accepting them."""

import hashlib
import secrets
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pnyx.accounts.models import User
from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.orgs.models import Invitation, Membership, MembershipStatus, Organisation, Role
from pnyx.orgs.services import notifications

#: Invitations one organisation may send per day: enough for a real team, too few to spam with.
DAILY_INVITATION_LIMIT = 50


def hash_invitation_token(raw: str) -> str:
    """The stored form of an invitation token (its SHA-256)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def _check_daily_limit(organisation: Organisation) -> None:
    since = timezone.now() - timedelta(days=1)
    sent = Invitation.objects.filter(organisation=organisation, created_at__gte=since).count()
    if sent >= DAILY_INVITATION_LIMIT:
        message = _(
            "%(name)s already sent %(count)s invitations in the last 24 hours. Try again tomorrow."
        ) % {"name": organisation.name, "count": sent}
        raise ValidationError(message, code="too_many")


def membership_invite(
    *, actor: User, organisation: Organisation, email: str, role: str, site_url: str
) -> Invitation:
    """Invite someone by e-mail; the link, valid for 7 days and usable once, is sent after commit.

    Requires `orgs.invite_member` on the organisation. `site_url` is the site's address
    (e.g. "https://pnyx.example") used to build the link. Only the token's hash is stored. An
    earlier pending invitation of the same address to the same organisation is revoked, so only
    the newest link works. Raises ValidationError for a malformed address, an unknown role, or
    past `DAILY_INVITATION_LIMIT` invitations from the organisation in 24 hours.
    """
    require(actor, "orgs.invite_member", organisation)
    email = email.strip()
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid e-mail address.")]
    if role not in Role.values:
        errors["role"] = [_("Choose a role from the list.")]
    if errors:
        raise ValidationError(errors)
    _check_daily_limit(organisation)
    raw_token = secrets.token_urlsafe(32)
    with transaction.atomic():
        Invitation.objects.pending().filter(organisation=organisation, email__iexact=email).update(
            revoked_at=timezone.now()
        )
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=hash_invitation_token(raw_token),
            created_by=actor,
        )
        transaction.on_commit(
            partial(
                notifications.invitation_send,
                invitation_pk=invitation.pk,
                raw_token=raw_token,
                site_url=site_url,
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
        )
    return invitation


def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation so its link no longer works.

    Requires `orgs.invite_member` on the organisation. Raises ValidationError when the invitation
    was already used, withdrawn or has expired.
    """
    require(actor, "orgs.invite_member", invitation.organisation)
    with transaction.atomic():
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not current.is_pending:
            raise ValidationError(_("This invitation can no longer be used."), code="not_pending")
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
    return current


def invitation_accept(*, actor: User, invitation: Invitation) -> Membership:
    """Join an organisation through an invitation, with the role it offers; the link is used up.

    Raises ValidationError when the invitation was used, withdrawn or expired. Requires
    `orgs.accept_invitation`: the person must have confirmed the address it was sent to. A pending
    join request becomes an active membership; an existing member keeps the higher of the two
    roles. Records `orgs.admin_role_granted` when the person becomes an administrator.
    """
    with transaction.atomic():
        current = (
            Invitation.objects.select_for_update()
            .select_related("organisation")
            .get(pk=invitation.pk)
        )
        problem = current.problem()
        if problem:
            raise ValidationError(problem, code="unusable")
        require(actor, "orgs.accept_invitation", current)
        organisation = current.organisation
        membership, _created = Membership.objects.select_for_update().get_or_create(
            organisation=organisation, user=actor
        )
        was_admin = membership.is_admin
        if not membership.is_active:
            membership.status = MembershipStatus.ACTIVE
            membership.role = current.role
            membership.decided_by_id = current.created_by_id
            membership.decided_at = timezone.now()
        elif current.role == Role.ADMIN:
            membership.role = Role.ADMIN
        membership.save()
        current.accepted_at = timezone.now()
        current.save(update_fields=["accepted_at"])
        if membership.is_admin and not was_admin:
            audit.record(
                action="orgs.admin_role_granted",
                actor=actor,
                target=organisation,
                data={"person": actor.pk, "invitation": current.pk},
            )
    return membership
