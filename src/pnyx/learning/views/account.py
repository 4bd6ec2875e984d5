"""The learning section of a person's account page (a page part of the accounts app)."""

from typing import Any

from django.template import Context

from pnyx.core import page_parts


def _nothing_more(page: Context, person: Any) -> dict[str, Any]:
    return {}


def register_page_parts() -> None:
    """Links to the person's courses, engagement record, applications and credentials."""
    page_parts.register(
        "accounts.account.sections",
        template="learning/includes/account_learning.html",
        context=_nothing_more,
    )
