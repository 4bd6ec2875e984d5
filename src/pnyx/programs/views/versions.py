"""Publishing a version, comparing two versions and the coverage of a consultation."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.programs import compare, selectors
from pnyx.programs.forms import CoverageNoteForm, PublishForm, add_service_errors
from pnyx.programs.models import Amendment, Document
from pnyx.programs.services import coverage_note_set, version_publish


def editable_document(request: HttpRequest, slug: str) -> Document:
    """The document, for a person who may edit it; Http404 for anyone else (drafts stay secret)."""
    document = selectors.document_get_visible(slug=slug, user=request.user)
    if not request.user.has_perm("programs.view_draft", document):
        raise Http404("No such draft.")
    return document


def _changelog_start(amendments: list[Amendment]) -> str:
    """A first changelog for the editors to complete: one line per amendment it credits."""
    return "\n".join(
        "- "
        + _("Amendment by %(name)s taken up: “%(text)s”")
        % {
            "name": amendment.author.public_name if amendment.author else _("a former member"),
            "text": Truncator(" ".join(amendment.text.split())).chars(120),
        }
        for amendment in amendments
    )


def _publish_page(
    request: AuthenticatedRequest, document: Document, form: PublishForm, status: int = 200
) -> HttpResponse:
    credited = selectors.amendments_to_credit(document=document)
    if not form.is_bound and credited:
        form.initial["changelog"] = _changelog_start(credited)
    context = {"document": document, "form": form, "credited": credited}
    return render(request, "programs/version_publish.html", context, status=status)


class VersionPublishView(LoginRequiredMixin, View):
    """Freeze the draft as a new version, with its changelog."""

    def get(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        return _publish_page(request, editable_document(request, slug), PublishForm())

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        document = editable_document(request, slug)
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                version = version_publish(
                    actor=request.user,
                    document=document,
                    changelog=form.cleaned_data["changelog"],
                    number=form.cleaned_data["number"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                message = _("Version %(number)s is published.")
                messages.success(request, message % {"number": version.number})
                return redirect(version.get_absolute_url())
        return _publish_page(request, document, form, status=400)


class VersionCompareView(View):
    """Two versions side by side (?from=1.1&to=1.2), measure by measure."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        document = selectors.document_get_visible(slug=slug, user=request.user)
        versions = list(selectors.version_list(document=document))
        old_number, new_number = request.GET.get("from", ""), request.GET.get("to", "")
        context = {"document": document, "versions": versions}
        if not old_number or not new_number:
            context["error"] = _("Choose the two versions to compare.")
            return render(request, "programs/version_compare.html", context, status=400)
        old = selectors.version_get(document=document, number=old_number[:20])
        new = selectors.version_get(document=document, number=new_number[:20])
        context.update(old=old, new=new, changes=compare.compare(old.content, new.content))
        return render(request, "programs/version_compare.html", context)


class CoverageView(View):
    """Which of a consultation's top propositions made it into the document, and why not."""

    def _render(
        self, request: HttpRequest, slug: str, process_slug: str, status: int = 200, **extra: object
    ) -> HttpResponse:
        document = selectors.document_get_visible(slug=slug, user=request.user)
        process = selectors.process_get_public(slug=process_slug)
        context = {
            "document": document,
            "process": process,
            "rows": selectors.coverage(document=document, process=process),
            "can_edit": request.user.has_perm("programs.change_document", document),
            **extra,
        }
        return render(request, "programs/coverage.html", context, status=status)

    def get(self, request: HttpRequest, slug: str, process_slug: str) -> HttpResponse:
        return self._render(request, slug, process_slug)

    def post(self, request: HttpRequest, slug: str, process_slug: str) -> HttpResponse:
        document = editable_document(request, slug)
        form = CoverageNoteForm(request.POST)
        if form.is_valid():
            try:
                coverage_note_set(
                    actor=request.user,  # type: ignore[arg-type]
                    document=document,
                    proposition_id=form.cleaned_data["proposition"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The reason was saved."))
                return redirect("programs:coverage", slug=slug, process_slug=process_slug)
        return self._render(request, slug, process_slug, status=400, errors=form.errors)
