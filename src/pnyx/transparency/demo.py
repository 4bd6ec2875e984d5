"""The demo debate for `pnyx demo`: the consultation attached to the random order, with a first
proposition in it. The other algorithms' debates open when someone first asks for them, so that
the consultations list is not filled with empty debates.

Everything goes through the services, as the demo administrator and a demo member; loading again
adds nothing (the debate exists, the proposition is found by its title).
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError

from pnyx.accounts.models import User
from pnyx.core import algorithms
from pnyx.participation.services.propositions import proposition_create
from pnyx.transparency import services

logger = logging.getLogger(__name__)

ADMIN = "admin@pnyx.example"
LUCAS = "lucas@pnyx.example"
RANDOM_ORDER = "participation.random"
PROPOSITION_TITLE = "Let me keep my random order when I come back the next day"
PROPOSITION_BODY = (
    "When I close the browser, the random order starts again and I lose my place. Could the "
    "order stay the same for a week, for example, so that I can finish reading?"
)


def load() -> None:
    """Open the debate on the random order and make its first proposition."""
    people = {user.email: user for user in User.objects.filter(email__in=[ADMIN, LUCAS])}
    admin, author = people.get(ADMIN), people.get(LUCAS)
    if admin is None or author is None:
        logger.warning("Demo debate skipped: %s or %s is missing.", ADMIN, LUCAS)
        return
    process = services.algorithm_debate_open(actor=admin, card=algorithms.get(RANDOM_ORDER))
    question = process.questions.order_by("position").first()
    if question is None or process.propositions.filter(title=PROPOSITION_TITLE).exists():
        return
    try:
        proposition_create(
            actor=author,
            process=process,
            question=question,
            title=PROPOSITION_TITLE,
            body=PROPOSITION_BODY,
        )
    except (PermissionDenied, ValidationError) as error:
        logger.warning("Demo proposition on the random order skipped: %s", error)
