"""Declaring, changing and removing an organisation's usage of a tool, and its review, from the
tool page. A form with a mistake comes back on its own page with status 400."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import Context
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core import page_parts
from pnyx.orgs.forms import add_service_errors
from pnyx.orgs.models import Organisation
from pnyx.toolbox.forms.usages import ReviewForm, UsageDeclareForm, UsageForm
from pnyx.toolbox.models import Tool
from pnyx.toolbox.selectors import usages as selectors
from pnyx.toolbox.selectors.usages import OrganisationPanel
from pnyx.toolbox.services import usages as services


@dataclass(frozen=True)
class PanelForms:
    """One organisation's part of the tool page for its administrators."""

    panel: OrganisationPanel
    declare_form: UsageDeclareForm | None
    review_form: ReviewForm | None


def usage_panel_context(request: HttpRequest, tool: Tool) -> dict[str, Any]:
    """What the tool page adds for a person who administers organisations: for each, a form to
    declare a usage, or its usage with a review form."""
    panels = selectors.usage_panels(user=request.user, tool=tool)
    organisations = [panel.organisation for panel in panels]
    forms = []
    for panel in panels:
        pk = panel.organisation.pk
        auto_id = f"id_org{pk}_%s"
        if panel.usage is None:
            declare = UsageDeclareForm(
                organisations=organisations, initial={"organisation": pk}, auto_id=auto_id
            )
            forms.append(PanelForms(panel, declare, None))
            continue
        initial: dict[str, Any] = {"organisation": pk}
        if panel.review is not None:
            initial.update(rating=panel.review.rating, text=panel.review.text)
        review = ReviewForm(organisations=organisations, initial=initial, auto_id=auto_id)
        forms.append(PanelForms(panel, None, review))
    return {"usage_panels": forms}


def _invalid(request: HttpRequest, tool: Tool, form: Any, heading: str) -> HttpResponse:
    context = {"tool": tool, "form": form, "heading": heading, "action": request.path}
    return render(request, "toolbox/usage_form.html", context, status=400)


def _back(tool: Tool) -> HttpResponse:
    return redirect(f"{tool.get_absolute_url()}#usages-title")


class UsageDeclareView(LoginRequiredMixin, View):
    """An administrator declares that their organisation uses the tool."""

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        tool = selectors.tool_by_slug(slug=slug)
        organisations = selectors.organisations_administered(user=request.user)
        form = UsageDeclareForm(request.POST, organisations=organisations)
        if form.is_valid():
            try:
                services.usage_declare(actor=request.user, tool=tool, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your organisation's usage was added."))
                return _back(tool)
        return _invalid(request, tool, form, _("Declare a usage"))


class UsageEditView(LoginRequiredMixin, View):
    """Change what an organisation says about its usage of the tool."""

    def _usage(self, request: AuthenticatedRequest, slug: str, pk: int) -> Any:
        usage = selectors.usage_get(tool=selectors.tool_by_slug(slug=slug), pk=pk)
        if not request.user.has_perm("toolbox.declare_usage", usage.organisation):
            raise PermissionDenied("toolbox.declare_usage")
        return usage

    def get(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        usage = self._usage(request, slug, pk)
        form = UsageForm(
            initial={"purpose": usage.purpose, "country": usage.country, "since": usage.since}
        )
        context = {"tool": usage.tool, "form": form, "usage": usage, "action": request.path}
        context["heading"] = _("Change the usage of %(organisation)s") % {
            "organisation": usage.organisation.name
        }
        return render(request, "toolbox/usage_form.html", context)

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        usage = self._usage(request, slug, pk)
        form = UsageForm(request.POST)
        if form.is_valid():
            try:
                services.usage_update(actor=request.user, usage=usage, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The usage was changed."))
                return _back(usage.tool)
        return _invalid(request, usage.tool, form, _("Change the usage"))


class UsageRemoveView(LoginRequiredMixin, View):
    """Remove a usage (and the organisation's review of the tool)."""

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        usage = selectors.usage_get(tool=selectors.tool_by_slug(slug=slug), pk=pk)
        services.usage_remove(actor=request.user, usage=usage)
        messages.success(request, _("The usage was removed."))
        return _back(usage.tool)


class ReviewWriteView(LoginRequiredMixin, View):
    """Write or replace an organisation's review of a tool it uses."""

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        tool = selectors.tool_by_slug(slug=slug)
        organisations = selectors.organisations_administered(user=request.user)
        form = ReviewForm(request.POST, organisations=organisations)
        if form.is_valid():
            try:
                services.review_write(actor=request.user, tool=tool, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your organisation's review was saved."))
                return _back(tool)
        return _invalid(request, tool, form, _("Review this tool"))


class ReviewRemoveView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        review = selectors.review_get(tool=selectors.tool_by_slug(slug=slug), pk=pk)
        services.review_remove(actor=request.user, review=review)
        messages.success(request, _("The review was removed."))
        return _back(review.tool)


def _organisation_tools(page: Context, organisation: Organisation) -> dict[str, Any]:
    return {"used_tools": selectors.organisation_tools(organisation=organisation)}


def register_page_parts() -> None:
    """The tools an organisation uses, with its ratings, on its page (two queries)."""
    page_parts.register(
        "orgs.organisation.sections",
        template="toolbox/includes/organisation_tools.html",
        context=_organisation_tools,
    )
