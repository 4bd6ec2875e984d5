"""Reads behind usages and reviews: what an organisation's administrators see on a tool page,
and the tools an organisation uses on its own page."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from pnyx.orgs.models import MembershipStatus, Organisation, Role
from pnyx.toolbox.models import Review, Tool, Usage

#: The most organisations a person's panel on a tool page lists.
PANEL_LIMIT = 20
#: The most tools an organisation page lists.
ORGANISATION_TOOLS_SHOWN = 50


@dataclass(frozen=True)
class OrganisationPanel:
    """One organisation the viewer administers, with its usage and review of one tool."""

    organisation: Organisation
    usage: Usage | None
    review: Review | None


def organisations_administered(*, user: Any) -> list[Organisation]:
    """The organisations the person is an active administrator of, by name (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(
            memberships__user=user,
            memberships__status=MembershipStatus.ACTIVE,
            memberships__role=Role.ADMIN,
        ).order_by("sort_name", "pk")[:PANEL_LIMIT]
    )


def usage_panels(*, user: Any, tool: Tool) -> list[OrganisationPanel]:
    """For each organisation the person administers: its usage and review of the tool, if any
    (three queries, none for an anonymous visitor)."""
    organisations = organisations_administered(user=user)
    if not organisations:
        return []
    mine = {"tool": tool, "organisation__in": organisations}
    usages = {usage.organisation_id: usage for usage in Usage.objects.filter(**mine)}
    reviews = {review.organisation_id: review for review in Review.objects.filter(**mine)}
    return [
        OrganisationPanel(org, usages.get(org.pk), reviews.get(org.pk)) for org in organisations
    ]


def usage_get(*, tool: Tool, pk: int) -> Usage:
    """One usage of the tool with its organisation; Http404 otherwise."""
    found = Usage.objects.select_related("organisation", "tool").filter(tool=tool, pk=pk).first()
    if found is None:
        raise Http404
    return found


def review_get(*, tool: Tool, pk: int) -> Review:
    """One review of the tool with its organisation; Http404 otherwise."""
    found = Review.objects.select_related("organisation", "tool").filter(tool=tool, pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class UsedTool:
    """A tool an organisation uses, with its own review of it."""

    usage: Usage
    review: Review | None


def organisation_tools(*, organisation: Organisation) -> list[UsedTool]:
    """The tools the organisation declared it uses, newest first, with its reviews (two
    queries); public."""
    usages = list(
        Usage.objects.filter(organisation=organisation).select_related("tool")[
            :ORGANISATION_TOOLS_SHOWN
        ]
    )
    reviews = {
        review.tool_id: review
        for review in Review.objects.filter(
            organisation=organisation, tool_id__in=[usage.tool_id for usage in usages]
        )
    }
    return [UsedTool(usage, reviews.get(usage.tool_id)) for usage in usages]


def tool_by_slug(*, slug: str) -> Tool:
    """A tool by its address name, without its relations; Http404 when unknown."""
    found = Tool.objects.filter(slug=slug).first()
    if found is None:
        raise Http404
    return found
