"""What the parts of the learning demo share: who is who, and how a part is skipped."""

import logging
from collections.abc import Callable, Mapping
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from pnyx.accounts.models import User
from pnyx.learning import demo_content as content
from pnyx.learning.demo_content.specs import ADMIN, Who
from pnyx.learning.models import Partner
from pnyx.participation.demo import participant_email

logger = logging.getLogger("pnyx.learning.demo")
T = TypeVar("T")
#: Each partner the demo made, with its chair, by organisation name.
Chairs = dict[str, tuple[Partner, User]]


def email(who: Who) -> str:
    """The e-mail address of a demo person or of a generated participant (by number)."""
    return participant_email(who) if isinstance(who, int) else who


def demo_people() -> dict[str, User]:
    """Every person the demo content names, by e-mail address. The objects are fresh: the
    permission checks remember committee roles on them."""
    named: list[Who] = [ADMIN, content.PENDING_PARTNER[1]]
    for partner in content.PARTNERS:
        named += [partner.applicant, *(who for who, _role in partner.committee)]
    named += [item.who for item in (*content.STUDIES, *content.ENTRIES, *content.APPLICATIONS)]
    for application in content.APPLICATIONS:
        named += [who for who, _reason in application.conflicts]
        named += [review.who for review in application.reviews]
    named += [content.GROUP.organiser, *content.GROUP.members]
    emails = {email(who) for who in named}
    return {user.email: user for user in User.objects.filter(email__in=emails)}


def guarded(what: str, work: Callable[[], T]) -> T | None:
    """Run one piece of the demo in its own savepoint and return what it returns; a refusal
    (a demo person without a confirmed address, say) is logged and that piece skipped."""
    try:
        with transaction.atomic():
            return work()
    except (PermissionDenied, ValidationError) as error:
        logger.warning("Learning demo: %s skipped: %s", what, error)
        return None


def missing(what: str, *names: str) -> None:
    """Log that a piece of the demo is skipped for want of the named prerequisites."""
    logger.warning("Learning demo: %s skipped (missing: %s).", what, ", ".join(names))


def missing_of(what: str, needed: Mapping[str, object]) -> None:
    """Log that `what` is skipped for want of those of `needed` (a name, and what it names or
    None when it was not found) that are missing."""
    missing(what, *(name for name, thing in needed.items() if thing is None))
