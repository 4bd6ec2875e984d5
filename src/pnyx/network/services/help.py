"""Help requests of organisations and the answers of experts.

Posting, closing and reopening a request needs `network.ask_help` on its organisation (a member);
answering needs `network.answer_help` (a confirmed address); marking an answer useful needs
`network.mark_useful` on its request (a member of the organisation).
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from pnyx.core.permissions import require
from pnyx.network.models import ExpertAnswer, HelpKind, HelpRequest, HelpStatus
from pnyx.network.services.practitioners import (
    country_code,
    language_codes,
    tools_from_slugs,
    topics_from_slugs,
)
from pnyx.orgs.models import Organisation
from pnyx.programs.services.text import required_text

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10000
URL_MAX_LENGTH = 500
_web_address = URLValidator(schemes=["http", "https"])


def _dataset_url(kind: str, value: str) -> str:
    url = (value or "").strip()
    if kind != HelpKind.DATA:
        return ""
    if not url:
        message = _("Give the address of the data set to make sense of.")
        raise ValidationError({"dataset_url": message}, code="required")
    if len(url) > URL_MAX_LENGTH:
        message = _("At most %(limit)s characters.") % {"limit": URL_MAX_LENGTH}
        raise ValidationError({"dataset_url": message}, code="too_long")
    try:
        _web_address(url)
    except ValidationError:
        message = _("Give a web address starting with https:// or http://.")
        raise ValidationError({"dataset_url": message}, code="invalid") from None
    return url


def help_request_create(
    *,
    actor: Any,
    organisation: Organisation,
    title: str,
    body: str,
    kind: str = HelpKind.HELP,
    dataset_url: str = "",
    topics: Iterable[str] = (),
    tools: Iterable[str] = (),
    languages: Iterable[str] = (),
    country: str = "",
) -> HelpRequest:
    """Post a help request for the organisation; a "data" request needs the data set's address
    (which is only linked, never fetched). Needs `network.ask_help` on the organisation."""
    require(actor, "network.ask_help", organisation)
    if kind not in HelpKind.values:
        raise ValidationError({"kind": _("Choose help or data.")}, code="kind")
    fields = {
        "title": required_text("title", title, TITLE_MAX_LENGTH),
        "body": required_text("body", body, BODY_MAX_LENGTH),
        "dataset_url": _dataset_url(kind, dataset_url),
        "languages": language_codes(languages),
        "country": country_code(country),
    }
    topic_rows = topics_from_slugs(topics)
    tool_rows = tools_from_slugs(tools)
    with transaction.atomic():
        help_request = HelpRequest.objects.create(
            organisation=organisation, author=actor, kind=kind, **fields
        )
        help_request.topics.set(topic_rows)
        help_request.tools.set(tool_rows)
    return help_request


def help_request_set_status(*, actor: Any, help_request: HelpRequest, status: str) -> HelpRequest:
    """Close or reopen a request; needs `network.ask_help` on its organisation."""
    require(actor, "network.ask_help", help_request.organisation)
    if status not in HelpStatus.values:
        raise ValidationError({"status": _("Choose open or closed.")}, code="status")
    if help_request.status != status:
        help_request.status = status
        help_request.save(update_fields=["status", "updated_at"])
    return help_request


def answer_add(*, actor: Any, help_request: HelpRequest, body: str) -> ExpertAnswer:
    """Answer in the thread of a "make sense of this data set" request; needs
    `network.answer_help`; a closed request takes none."""
    require(actor, "network.answer_help", help_request)
    if help_request.kind != HelpKind.DATA:
        message = _("Only requests to make sense of a data set take answers here.")
        raise ValidationError(message, code="kind")
    if help_request.status != HelpStatus.OPEN:
        raise ValidationError(_("This help request is closed."), code="closed")
    return ExpertAnswer.objects.create(
        help_request=help_request,
        author=actor,
        body=required_text("body", body, BODY_MAX_LENGTH),
    )


def answer_mark_useful(*, actor: Any, answer: ExpertAnswer, useful: bool) -> ExpertAnswer:
    """Mark an answer useful, or undo it; needs `network.mark_useful` on its request."""
    require(actor, "network.mark_useful", answer.help_request)
    if answer.useful != useful:
        answer.useful = useful
        answer.save(update_fields=["useful"])
    return answer
