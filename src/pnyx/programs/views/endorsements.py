"""Endorsing the latest version of a published document, as oneself or on behalf of an
organisation one administers, and withdrawing the endorsement; the endorsements part of the
version page.

The forms are plain POST forms that work without JavaScript: each answers with a redirect back to
the version page and a message. A draft is a 404, an unknown organisation a 400, a refused
permission a 403.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.orgs.models import Organisation
from pnyx.programs import selectors
from pnyx.programs.models import Document, Version
from pnyx.programs.services import endorsement_add, endorsement_withdraw

#: As long as an organisation's address name may be.
SLUG_MAX_LENGTH = 220


def endorsement_context(
    request: HttpRequest, document: Document, version: Version
) -> dict[str, Any]:
    """What the version page shows of endorsements: who endorses this version and, on the latest
    version, who has not confirmed yet and the forms for the viewer."""
    is_latest = version.pk == document.latest_version_id
    context: dict[str, Any] = {
        "endorsements": selectors.version_endorsements(version=version),
        "awaiting_confirmation": [],
        "endorser_choices": [],
        "may_endorse": False,
    }
    if is_latest:
        context["awaiting_confirmation"] = selectors.endorsements_awaiting_confirmation(
            version=version
        )
        context["may_endorse"] = request.user.has_perm("programs.endorse", document)
        if context["may_endorse"]:
            context["endorser_choices"] = selectors.endorser_choices(
                user=request.user, document=document
            )
    return context


class _BadOrganisation(Exception):
    pass


def _published_document(request: HttpRequest, slug: str) -> Document:
    """A document with a published version; a draft is a 404 here, also for its editors."""
    document = selectors.document_get_visible(slug=slug, user=request.user)
    if document.latest_version is None:
        raise Http404("No published version.")
    return document


def _organisation(request: HttpRequest) -> Organisation | None:
    """The organisation named by the `organisation` field, None when the field is empty."""
    slug = request.POST.get("organisation", "").strip()
    if not slug:
        return None
    organisation = selectors.organisation_by_slug(slug=slug[:SLUG_MAX_LENGTH])
    if organisation is None:
        raise _BadOrganisation(slug)
    return organisation


def _bad_request(request: HttpRequest, document: Document, message: str) -> HttpResponse:
    context = {"document": document, "version": document.latest_version, "error": message}
    return render(request, "programs/endorsement_error.html", context, status=400)


def _back(document: Document) -> HttpResponse:
    """The latest version's page (the document's own address), at its endorsements."""
    return redirect(f"{document.get_absolute_url()}#endorsements")


def _unknown_organisation(request: HttpRequest, document: Document) -> HttpResponse:
    return _bad_request(request, document, _("No organisation has this address name."))


class EndorsementAddView(LoginRequiredMixin, View):
    """Endorse the latest version, as oneself or for the organisation named in `organisation`."""

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        document = _published_document(request, slug)
        try:
            organisation = _organisation(request)
        except _BadOrganisation:
            return _unknown_organisation(request, document)
        try:
            endorsement = endorsement_add(
                actor=request.user, document=document, organisation=organisation
            )
        except ValidationError as error:
            if "already_endorsed" not in _codes(error):
                return _bad_request(request, document, " ".join(error.messages))
            messages.info(request, " ".join(error.messages))
            return _back(document)
        number = endorsement.version.number
        if organisation is None:
            message = _("You endorse version %(number)s.") % {"number": number}
        else:
            message = _("%(name)s endorses version %(number)s.") % {
                "name": organisation.name,
                "number": number,
            }
        messages.success(request, message)
        return _back(document)


def _codes(error: ValidationError) -> set[str]:
    return {
        str(item.code)
        for items in getattr(error, "error_dict", {}).values()
        for item in items
        if item.code
    }


class EndorsementWithdrawView(LoginRequiredMixin, View):
    """Withdraw one's endorsement, or that of the organisation named in `organisation`."""

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        document = _published_document(request, slug)
        try:
            organisation = _organisation(request)
        except _BadOrganisation:
            return _unknown_organisation(request, document)
        count = endorsement_withdraw(
            actor=request.user, document=document, organisation=organisation
        )
        if not count:
            messages.info(request, _("There was no endorsement to withdraw."))
        elif organisation is None:
            messages.success(request, _("Your endorsement was withdrawn."))
        else:
            message = _("The endorsement of %(name)s was withdrawn.")
            messages.success(request, message % {"name": organisation.name})
        return _back(document)
