"""The list of programs and charters, starting one, and reading a published version."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.pagination import paginate
from pnyx.participation.selectors.processes import organisation_list_administered
from pnyx.programs import exports, selectors
from pnyx.programs.forms import DocumentCreateForm, add_service_errors
from pnyx.programs.models import Document, Version
from pnyx.programs.services import document_create
from pnyx.programs.views.endorsements import endorsement_context


class DocumentListView(View):
    """Published documents, searchable by title and filtered by organisation; the editors'
    unpublished drafts above them."""

    def get(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.get("q", "").strip()[:200]
        organisation = request.GET.get("organisation", "").strip()[:220]
        documents = selectors.document_list_published(query=query, organisation=organisation)
        context = {
            "page": paginate(request, documents),
            "query": query,
            "organisation": organisation,
            "organisations": selectors.organisation_filter_choices(),
            "drafts": list(selectors.document_list_drafts(user=request.user)[:50]),
            "can_create": organisation_list_administered(user=request.user).exists(),
        }
        return render(request, "programs/document_list.html", context)


class DocumentCreateView(LoginRequiredMixin, View):
    """Start a program or charter for one of the organisations the person administers."""

    def _form(self, request: AuthenticatedRequest) -> DocumentCreateForm:
        organisations = organisation_list_administered(user=request.user)
        if not organisations:
            raise PermissionDenied("programs.add_document")
        choices = [(org.slug, org.name) for org in organisations]
        return DocumentCreateForm(request.POST or None, organisations=choices)

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        return render(request, "programs/document_create.html", {"form": self._form(request)})

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        form = self._form(request)
        if form.is_valid():
            organisation = organisation_list_administered(user=request.user).get(
                slug=form.cleaned_data["organisation"]
            )
            try:
                document = document_create(
                    actor=request.user,
                    organisation=organisation,
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    summary=form.cleaned_data["summary"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The draft was created. Add its sections and measures.")
                )
                return redirect("programs:draft", slug=document.slug)
        return render(request, "programs/document_create.html", {"form": form}, status=400)


def render_version(request: HttpRequest, document: Document, version: Version) -> HttpResponse:
    """A published version with its measures, sources and the list of every version."""
    sections = selectors.version_sections(version=version)
    cited = {
        source.process.pk: source.process
        for section in sections
        for measure in section.measures
        for source in measure.sources
    }
    context = {
        "document": document,
        "version": version,
        "sections": sections,
        "cited_processes": sorted(cited.values(), key=lambda process: process.title),
        "versions": list(selectors.version_list(document=document)),
        "is_latest": version.pk == document.latest_version_id,
        "can_edit": request.user.has_perm("programs.change_document", document),
        "credited": selectors.amendments_credited(version=version),
        "consultation_open": selectors.consultation_is_open(document=document),
    }
    context.update(endorsement_context(request, document, version))
    return render(request, "programs/version_detail.html", context)


class DocumentDetailView(View):
    """The document's latest version; a never-published document leads its editors to the draft
    and everyone else to the consultation on it."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        document = selectors.document_get_visible(slug=slug, user=request.user)
        if document.latest_version is None:
            if request.user.has_perm("programs.view_draft", document):
                return redirect("programs:draft", slug=document.slug)
            return redirect("programs:consultation", slug=document.slug)
        return render_version(request, document, document.latest_version)


class VersionDetailView(View):
    """One published version at its own address."""

    def get(self, request: HttpRequest, slug: str, number: str) -> HttpResponse:
        document = selectors.document_get_visible(slug=slug, user=request.user)
        version = selectors.version_get(document=document, number=number)
        return render_version(request, document, version)


def _published_version(request: HttpRequest, slug: str, number: str) -> Version:
    """A published version of a visible document; a draft has none, so it is a 404 too."""
    document = selectors.document_get_visible(slug=slug, user=request.user)
    return selectors.version_get(document=document, number=number)


def _attachment(response: HttpResponse, version: Version, extension: str) -> HttpResponse:
    filename = f"{version.document.slug}-{version.number}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class VersionMarkdownView(View):
    """A published version as a Markdown download."""

    def get(self, request: HttpRequest, slug: str, number: str) -> HttpResponse:
        version = _published_version(request, slug, number)
        sections = selectors.version_sections(version=version)
        text = exports.version_markdown(version=version, sections=sections)
        response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
        return _attachment(response, version, "md")


class VersionJsonView(View):
    """A published version as a JSON download with the provenance of every measure."""

    def get(self, request: HttpRequest, slug: str, number: str) -> HttpResponse:
        version = _published_version(request, slug, number)
        sections = selectors.version_sections(version=version)
        data = exports.version_json(
            version=version, sections=sections, absolute=request.build_absolute_uri
        )
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        return _attachment(response, version, "json")


#: How long a browser keeps a downloaded PDF. Private: the labels follow the person's language,
#: which a shared cache cannot tell from the address.
PDF_BROWSER_MAX_AGE = 24 * 60 * 60


class VersionPdfView(View):
    """A published version as a PDF download, laid out once per language and then cached."""

    def get(self, request: HttpRequest, slug: str, number: str) -> HttpResponse:
        version = _published_version(request, slug, number)
        key = exports.version_pdf_cache_key(version=version, language=get_language())
        pdf = cache.get(key)
        if pdf is None:
            sections = selectors.version_sections(version=version)
            pdf = exports.version_pdf(
                version=version, sections=sections, absolute=request.build_absolute_uri
            )
            cache.set(key, pdf, exports.PDF_KEPT_FOR)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["X-Content-Type-Options"] = "nosniff"
        patch_cache_control(response, private=True, max_age=PDF_BROWSER_MAX_AGE)
        return _attachment(response, version, "pdf")
