"""Joining, approving, changing roles, removing and leaving."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnyx.accounts.models import User
from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.orgs import selectors
from pnyx.orgs.models import Membership, MembershipStatus, Organisation, Role


def _locked(membership: Membership) -> Membership:
    """The membership re-read under a row lock, so two admins deciding at once cannot both win."""
    found = Membership.objects.select_for_update().filter(pk=membership.pk).first()
    if found is None:
        raise ValidationError(_("This membership no longer exists."), code="gone")
    return found


def _check_not_last_admin(membership: Membership, message: str) -> None:
    """Refuse to take away the organisation's last administrator role (admins locked first)."""
    if not membership.is_admin:
        return
    admins = list(
        Membership.objects.admins()
        .select_for_update()
        .filter(organisation_id=membership.organisation_id)
        .values_list("pk", flat=True)
    )
    if admins == [membership.pk]:
        raise ValidationError(message, code="last_admin")


def membership_request(*, actor: User, organisation: Organisation) -> Membership:
    """Ask to join an organisation; the request waits for one of its administrators.

    Requires `orgs.request_membership` (an active person with a confirmed e-mail address). Raises
    ValidationError when the person is already a member or already asked.
    """
    require(actor, "orgs.request_membership", organisation)
    existing = selectors.membership_of(user=actor, organisation=organisation)
    if existing is not None and existing.is_active:
        raise ValidationError(
            _("You are already a member of %(name)s.") % {"name": organisation.name},
            code="already_member",
        )
    already_asked = _("Your request to join %(name)s is already waiting for an administrator.") % {
        "name": organisation.name
    }
    if existing is not None:
        raise ValidationError(already_asked, code="already_requested")
    try:
        with transaction.atomic():
            return Membership.objects.create(organisation=organisation, user=actor)
    except IntegrityError as error:  # a second click that raced the first one
        raise ValidationError(already_asked, code="already_requested") from error


def membership_decide(*, actor: User, membership: Membership, approve: bool) -> Membership | None:
    """Approve a join request (the person becomes a member) or decline it (the request is deleted,
    so the person may ask again later). Returns the membership, or None when declined.

    Requires `orgs.decide_membership` on the organisation. Raises ValidationError when the request
    was already decided.
    """
    require(actor, "orgs.decide_membership", membership.organisation)
    with transaction.atomic():
        current = _locked(membership)
        if current.status != MembershipStatus.REQUESTED:
            raise ValidationError(_("This request was already decided."), code="decided")
        if not approve:
            current.delete()
            return None
        current.status = MembershipStatus.ACTIVE
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.save(update_fields=["status", "decided_by", "decided_at"])
    return current


def membership_change_role(*, actor: User, membership: Membership, role: str) -> Membership:
    """Make an active member an administrator, or an administrator a plain member.

    Requires `orgs.change_membership` on the organisation. Refuses (ValidationError) to demote the
    last administrator, an unknown role, or a membership that is still a request. Records
    `orgs.admin_role_granted` or `orgs.admin_role_removed`.
    """
    require(actor, "orgs.change_membership", membership.organisation)
    if role not in Role.values:
        raise ValidationError(_("Choose a role from the list."), code="invalid_role")
    with transaction.atomic():
        current = _locked(membership)
        if not current.is_active:
            raise ValidationError(
                _("Approve this request before changing the role."), code="not_active"
            )
        if current.role == role:
            return current
        if role == Role.MEMBER:
            _check_not_last_admin(
                current,
                _("%(person)s is the last administrator. Make someone else an administrator first.")
                % {"person": current.user.public_name},
            )
        current.role = role
        current.save(update_fields=["role"])
        action = "orgs.admin_role_granted" if role == Role.ADMIN else "orgs.admin_role_removed"
        audit.record(
            action=action,
            actor=actor,
            target=current.organisation,
            data={"person": current.user_id},
        )
    return current


def membership_remove(*, actor: User, membership: Membership) -> None:
    """Remove an active member from the organisation.

    Requires `orgs.change_membership` on the organisation. Refuses (ValidationError) to remove the
    last administrator or a pending request (decline it instead). Records `orgs.member_removed`.
    """
    require(actor, "orgs.change_membership", membership.organisation)
    with transaction.atomic():
        current = _locked(membership)
        if not current.is_active:
            raise ValidationError(_("Decline this request instead."), code="not_active")
        _check_not_last_admin(
            current,
            _("%(person)s is the last administrator and cannot be removed.")
            % {"person": current.user.public_name},
        )
        audit.record(
            action="orgs.member_removed",
            actor=actor,
            target=current.organisation,
            data={"person": current.user_id, "role": current.role},
        )
        current.delete()


def membership_leave(*, actor: User, organisation: Organisation) -> None:
    """Leave an organisation, or withdraw one's own pending join request.

    Requires `orgs.leave_organisation` (having a membership or a request). The last administrator
    cannot leave (ValidationError). An administrator leaving records `orgs.admin_role_removed`.
    """
    require(actor, "orgs.leave_organisation", organisation)
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .filter(user=actor, organisation=organisation)
            .first()
        )
        if membership is None:
            return
        _check_not_last_admin(
            membership,
            _(
                "You are the last administrator of %(name)s. Make someone else an administrator "
                "before you leave."
            )
            % {"name": organisation.name},
        )
        if membership.is_admin:
            audit.record(
                action="orgs.admin_role_removed",
                actor=actor,
                target=organisation,
                data={"person": actor.pk, "left": True},
            )
        membership.delete()
