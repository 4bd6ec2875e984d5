"""A partner's committee and its rubric.

Adding people (by the e-mail address of an existing account), changing roles and removing
people needs `learning.change_committee` on the partner (its organisation's administrators and
the committee chair); anyone may leave their own seat (`learning.leave_committee`). A committee
keeps at least one chair. Editing the rubric needs `learning.change_rubric`; a criterion
already used in a review keeps its highest score and cannot be removed. Every change is
audited.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from pnyx.accounts.selectors import person_get_by_email
from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.learning.models import CommitteeMember, CommitteeRole, Partner, RubricCriterion
from pnyx.learning.selectors import partners as selectors
from pnyx.learning.services.partners import notify_after_commit
from pnyx.learning.services.partners_checks import required_text

NAME_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 2000
#: A rubric longer than this is hard to score with care.
RUBRIC_MAX_CRITERIA = 20


def _role(value: str) -> str:
    if value not in CommitteeRole.values:
        message = _("Choose a role: chair, secretary or member.")
        raise ValidationError({"role": message}, code="role")
    return value


def _lock(partner: Partner) -> Partner:
    """Lock the partner so that concurrent committee changes are checked one after another."""
    locked = Partner.objects.select_for_update(of=("self",)).select_related("organisation")
    return locked.get(pk=partner.pk)


def _keep_a_chair(partner: Partner, leaving: CommitteeMember) -> None:
    others = CommitteeMember.objects.filter(partner=partner, role=CommitteeRole.CHAIR)
    if leaving.role == CommitteeRole.CHAIR and not others.exclude(pk=leaving.pk).exists():
        message = _("The committee needs at least one chair: name another chair first.")
        raise ValidationError(message, code="last_chair")


def _audit_committee(action: str, actor: Any, member: CommitteeMember) -> None:
    audit.record(
        action=action,
        actor=actor,
        target=member.partner,
        data={"person": member.person_id, "role": member.role},
    )


def committee_member_add(
    *, actor: Any, partner: Partner, email: str, role: str = CommitteeRole.MEMBER
) -> CommitteeMember:
    """Put the person with this e-mail address on the committee in the given role; they are
    notified. Needs `learning.change_committee`; audited (`learning.committee_member_added`)."""
    require(actor, "learning.change_committee", partner)
    role = _role(role)
    person = person_get_by_email(email=email or "")
    if person is None or not person.is_active:
        message = _("No account uses this e-mail address: ask the person to sign up first.")
        raise ValidationError({"email": message}, code="unknown")
    already = _("%(name)s is already on the committee.") % {"name": person.public_name}
    try:
        with transaction.atomic():
            locked = _lock(partner)
            if CommitteeMember.objects.filter(partner=locked, person=person).exists():
                raise ValidationError({"email": already}, code="duplicate")
            member = CommitteeMember.objects.create(partner=locked, person=person, role=role)
            _audit_committee("learning.committee_member_added", actor, member)
            notify_after_commit(
                event="learning.committee_joined",
                people=[person.pk],
                actor=actor,
                data={
                    "name": locked.organisation.name,
                    "role": role,
                    "path": locked.get_absolute_url(),
                },
            )
    except IntegrityError:  # added by someone else a moment ago
        raise ValidationError({"email": already}, code="duplicate") from None
    return member


def committee_member_change_role(
    *, actor: Any, member: CommitteeMember, role: str
) -> CommitteeMember:
    """Give a committee member another role, keeping at least one chair. Needs
    `learning.change_committee`; audited (`learning.committee_role_changed`)."""
    require(actor, "learning.change_committee", member.partner)
    role = _role(role)
    with transaction.atomic():
        locked = _lock(member.partner)
        current = CommitteeMember.objects.select_related("person", "partner").get(pk=member.pk)
        if current.role == role:
            return current
        if role != CommitteeRole.CHAIR:
            _keep_a_chair(locked, current)
        current.role = role
        current.save(update_fields=["role", "updated_at"])
        _audit_committee("learning.committee_role_changed", actor, current)
    return current


def committee_member_remove(*, actor: Any, member: CommitteeMember) -> None:
    """Take a person off the committee, keeping at least one chair. Needs
    `learning.change_committee` on the partner, or `learning.leave_committee` for one's own
    seat; audited (`learning.committee_member_removed`)."""
    if not actor.has_perm("learning.leave_committee", member):
        require(actor, "learning.change_committee", member.partner)
    with transaction.atomic():
        locked = _lock(member.partner)
        current = (
            CommitteeMember.objects.select_related("person", "partner")
            .filter(pk=member.pk, partner=locked)
            .first()
        )
        if current is None:
            return
        _keep_a_chair(locked, current)
        _audit_committee("learning.committee_member_removed", actor, current)
        current.delete()


def _score(value: int) -> int:
    if not isinstance(value, int) or not 1 <= value <= 10:
        message = _("Give a highest score from 1 to 10.")
        raise ValidationError({"max_score": message}, code="max_score")
    return value


def _audit_rubric(actor: Any, criterion: RubricCriterion, change: str) -> None:
    audit.record(
        action="learning.rubric_changed",
        actor=actor,
        target=criterion.partner,
        data={"change": change, "criterion": criterion.name, "max_score": criterion.max_score},
    )


def rubric_criterion_add(
    *, actor: Any, partner: Partner, name: str, description: str, max_score: int
) -> RubricCriterion:
    """Add a criterion at the end of the partner's rubric. Needs `learning.change_rubric`;
    audited (`learning.rubric_changed`)."""
    require(actor, "learning.change_rubric", partner)
    fields = {
        "name": required_text("name", name, NAME_MAX_LENGTH),
        "description": required_text("description", description, DESCRIPTION_MAX_LENGTH),
        "max_score": _score(max_score),
    }
    with transaction.atomic():
        locked = _lock(partner)
        criteria = RubricCriterion.objects.filter(partner=locked)
        if criteria.count() >= RUBRIC_MAX_CRITERIA:
            message = _("A rubric has at most %(count)s criteria.")
            raise ValidationError(message % {"count": RUBRIC_MAX_CRITERIA}, code="too_many")
        last = criteria.aggregate(last=Max("position"))["last"]
        criterion = RubricCriterion.objects.create(
            partner=locked, position=0 if last is None else last + 1, **fields
        )
        _audit_rubric(actor, criterion, "added")
    return criterion


def rubric_criterion_change(
    *, actor: Any, criterion: RubricCriterion, name: str, description: str, max_score: int
) -> RubricCriterion:
    """Change a criterion's name, description and highest score; the highest score of a
    criterion already used in a review stays as it is. Needs `learning.change_rubric`;
    audited (`learning.rubric_changed`)."""
    require(actor, "learning.change_rubric", criterion.partner)
    name = required_text("name", name, NAME_MAX_LENGTH)
    description = required_text("description", description, DESCRIPTION_MAX_LENGTH)
    max_score = _score(max_score)
    with transaction.atomic():
        _lock(criterion.partner)
        current = RubricCriterion.objects.select_related("partner").get(pk=criterion.pk)
        if max_score != current.max_score and selectors.criterion_in_use(criterion=current):
            message = _(
                "Reviews already scored this criterion out of %(max)s, so its highest score "
                "cannot change. Add a new criterion instead."
            ) % {"max": current.max_score}
            raise ValidationError({"max_score": message}, code="in_use")
        current.name, current.description, current.max_score = name, description, max_score
        current.save()
        _audit_rubric(actor, current, "changed")
    return current


def rubric_criterion_move(*, actor: Any, criterion: RubricCriterion, up: bool) -> None:
    """Move a criterion one place up or down the rubric (nothing at either end). Needs
    `learning.change_rubric`."""
    require(actor, "learning.change_rubric", criterion.partner)
    with transaction.atomic():
        locked = _lock(criterion.partner)
        ordered = list(RubricCriterion.objects.filter(partner=locked).order_by("position", "pk"))
        index = next((i for i, item in enumerate(ordered) if item.pk == criterion.pk), None)
        other = -1 if index is None else index - 1 if up else index + 1
        if index is None or not 0 <= other < len(ordered):
            return
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered):
            item.position = position
        RubricCriterion.objects.bulk_update(ordered, ["position"])


def rubric_criterion_remove(*, actor: Any, criterion: RubricCriterion) -> None:
    """Remove a criterion no review has used yet. Needs `learning.change_rubric`; audited
    (`learning.rubric_changed`)."""
    require(actor, "learning.change_rubric", criterion.partner)
    in_use = _(
        "“%(name)s” was already used to score an application, so it cannot be removed: the "
        "reviews refer to it. You may rename it or describe it better instead."
    ) % {"name": criterion.name}
    try:
        with transaction.atomic():
            _lock(criterion.partner)
            if selectors.criterion_in_use(criterion=criterion):
                raise ValidationError(in_use, code="in_use")
            _audit_rubric(actor, criterion, "removed")
            criterion.delete()
    except ProtectedError:  # a review scored it a moment ago
        raise ValidationError(in_use, code="in_use") from None
