"""Usages and reviews: an organisation says it uses a tool, and rates the tools it uses.

Declaring, changing and removing a usage needs `toolbox.declare_usage` on the organisation;
writing and removing a review needs `toolbox.write_review` on it, and a review needs a declared
usage of the tool. Every act keeps `Tool.usage_count`, `rating_count` and `rating_total` exact
with F() updates in the same transaction, and is written to the audit log.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.orgs.models import Organisation
from pnyx.toolbox.models import Review, Tool, Usage
from pnyx.toolbox.selectors.recommendations import data_changed

PURPOSE_MAX = 300
REVIEW_MAX = 5000
RATING_MIN = 1
RATING_MAX = 5
COUNTRY_CODES = frozenset(code for code, _name in countries)


def _purpose(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValidationError({"purpose": _("Say what you use the tool for.")}, code="required")
    if len(cleaned) > PURPOSE_MAX:
        message = _("Say what you use it for in %(count)s characters at most.")
        raise ValidationError({"purpose": message % {"count": PURPOSE_MAX}}, code="long")
    return cleaned


def _country(code: str) -> str:
    if code and code not in COUNTRY_CODES:
        raise ValidationError({"country": _("Choose a country from the list.")}, code="country")
    return code


def _since(since: date | None) -> date | None:
    if since is not None and since > timezone.localdate():
        raise ValidationError({"since": _("The date cannot be in the future.")}, code="future")
    return since


def usage_declare(
    *,
    actor: Any,
    organisation: Organisation,
    tool: Tool,
    purpose: str,
    country: str = "",
    since: date | None = None,
) -> Usage:
    """Record that the organisation uses the tool, and count it on the tool.

    Needs `toolbox.declare_usage` on the organisation; a second declaration of the same tool is a
    ValidationError (code "duplicate"). Recorded in the audit log as `toolbox.usage_declared`.
    """
    require(actor, "toolbox.declare_usage", organisation)
    values = {"purpose": _purpose(purpose), "country": _country(country), "since": _since(since)}
    duplicate = ValidationError(
        _("%(organisation)s already declared it uses this tool.")
        % {"organisation": organisation.name},
        code="duplicate",
    )
    if Usage.objects.filter(organisation=organisation, tool=tool).exists():
        raise duplicate
    try:
        with transaction.atomic():
            usage = Usage.objects.create(
                organisation=organisation, tool=tool, declared_by=actor, **values
            )
            Tool.objects.filter(pk=tool.pk).update(usage_count=F("usage_count") + 1)
            transaction.on_commit(data_changed)
            audit.record(
                action="toolbox.usage_declared",
                actor=actor,
                target=usage,
                data={"organisation": organisation.pk, "tool": tool.pk},
            )
    except IntegrityError:
        raise duplicate from None
    return usage


def usage_update(
    *, actor: Any, usage: Usage, purpose: str, country: str = "", since: date | None = None
) -> Usage:
    """Change what a usage says; needs `toolbox.declare_usage` on its organisation. Recorded as
    `toolbox.usage_changed`."""
    require(actor, "toolbox.declare_usage", usage.organisation)
    usage.purpose, usage.country, usage.since = _purpose(purpose), _country(country), _since(since)
    with transaction.atomic():
        usage.save(update_fields=["purpose", "country", "since", "updated_at"])
        audit.record(action="toolbox.usage_changed", actor=actor, target=usage)
        transaction.on_commit(data_changed)
    return usage


def usage_remove(*, actor: Any, usage: Usage) -> None:
    """Remove a usage, and the organisation's review of the tool with it (a review needs a
    usage); the counters follow. Needs `toolbox.declare_usage` on the organisation. Recorded as
    `toolbox.usage_removed`."""
    require(actor, "toolbox.declare_usage", usage.organisation)
    with transaction.atomic():
        deleted, _rows = Usage.objects.filter(pk=usage.pk).delete()
        if not deleted:
            return
        Tool.objects.filter(pk=usage.tool_id).update(usage_count=F("usage_count") - 1)
        reviews = Review.objects.select_for_update().filter(
            tool_id=usage.tool_id, organisation_id=usage.organisation_id
        )
        for rating in list(reviews.values_list("rating", flat=True)):
            _uncount(usage.tool_id, rating)
        reviews.delete()
        transaction.on_commit(data_changed)
        audit.record(
            action="toolbox.usage_removed",
            actor=actor,
            target=usage.organisation,
            data={"tool": usage.tool_id},
        )


def _rating(rating: int) -> int:
    if not RATING_MIN <= rating <= RATING_MAX:
        message = _("Give a rating from %(low)s to %(high)s.")
        raise ValidationError(
            {"rating": message % {"low": RATING_MIN, "high": RATING_MAX}}, code="range"
        )
    return rating


def _review_text(text: str) -> str:
    cleaned = text.strip()
    if len(cleaned) > REVIEW_MAX:
        message = _("Write the review in %(count)s characters at most.")
        raise ValidationError({"text": message % {"count": REVIEW_MAX}}, code="long")
    return cleaned


def _uncount(tool_id: int, rating: int) -> None:
    Tool.objects.filter(pk=tool_id).update(
        rating_count=F("rating_count") - 1, rating_total=F("rating_total") - rating
    )


def review_write(
    *, actor: Any, organisation: Organisation, tool: Tool, rating: int, text: str = ""
) -> Review:
    """Write the organisation's review of the tool, or replace the one it wrote, and update the
    tool's rating counters.

    Needs `toolbox.write_review` on the organisation and a declared usage of the tool
    (ValidationError, code "no_usage", otherwise). Recorded as `toolbox.review_written`.
    """
    require(actor, "toolbox.write_review", organisation)
    rating, text = _rating(rating), _review_text(text)
    if not Usage.objects.filter(organisation=organisation, tool=tool).exists():
        raise ValidationError(
            _("Declare that your organisation uses this tool before reviewing it."),
            code="no_usage",
        )
    with transaction.atomic():
        review = (
            Review.objects.select_for_update().filter(organisation=organisation, tool=tool).first()
        )
        if review is None:
            review = Review.objects.create(
                organisation=organisation, tool=tool, rating=rating, text=text, author=actor
            )
            Tool.objects.filter(pk=tool.pk).update(
                rating_count=F("rating_count") + 1, rating_total=F("rating_total") + rating
            )
        else:
            change = rating - review.rating
            review.rating, review.text, review.author = rating, text, actor
            review.save(update_fields=["rating", "text", "author", "updated_at"])
            Tool.objects.filter(pk=tool.pk).update(rating_total=F("rating_total") + change)
        audit.record(
            action="toolbox.review_written",
            actor=actor,
            target=review,
            data={"organisation": organisation.pk, "tool": tool.pk, "rating": rating},
        )
    return review


def review_remove(*, actor: Any, review: Review) -> None:
    """Remove a review and take it out of the tool's rating; needs `toolbox.write_review` on the
    organisation that wrote it. Recorded as `toolbox.review_removed`."""
    require(actor, "toolbox.write_review", review.organisation)
    with transaction.atomic():
        locked = Review.objects.select_for_update().filter(pk=review.pk)
        rating = locked.values_list("rating", flat=True).first()
        if rating is None:
            return
        _uncount(review.tool_id, rating)
        locked.delete()
        audit.record(
            action="toolbox.review_removed",
            actor=actor,
            target=review.organisation,
            data={"tool": review.tool_id},
        )


def register_usage_actions() -> None:
    """Name the acts of this module in the audit log (called from `ToolboxConfig.ready`)."""
    audit.register_action("toolbox.usage_declared", gettext_lazy("Tool usage declared"))
    audit.register_action("toolbox.usage_changed", gettext_lazy("Tool usage changed"))
    audit.register_action("toolbox.usage_removed", gettext_lazy("Tool usage removed"))
    audit.register_action("toolbox.review_written", gettext_lazy("Tool review written"))
    audit.register_action("toolbox.review_removed", gettext_lazy("Tool review removed"))
