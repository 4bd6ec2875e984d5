"""The draft editor: the document's title and summary, its sections and measures, with plain
forms (no script needed)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.programs import selectors, services
from pnyx.programs.forms import (
    DocumentForm,
    MeasureEditForm,
    MeasureForm,
    MoveForm,
    SectionForm,
    add_service_errors,
)
from pnyx.programs.models import Document
from pnyx.programs.views.versions import editable_document


def _draft_page(
    request: AuthenticatedRequest, document: Document, status: int = 200, **forms: Any
) -> HttpResponse:
    context = {
        "document": document,
        "document_form": forms.get("document_form")
        or DocumentForm(
            initial={"kind": document.kind, "title": document.title, "summary": document.summary}
        ),
        "section_form": forms.get("section_form") or SectionForm(),
        "failed_section": forms.get("failed_section"),
        "measure_form": forms.get("measure_form") or MeasureForm(),
        "sections": selectors.draft_sections(document=document),
        "versions": list(selectors.version_list(document=document)[:10]),
        "consultation_open": selectors.consultation_is_open(document=document),
    }
    return render(request, "programs/draft.html", context, status=status)


def _saved(request: AuthenticatedRequest, document: Document, anchor: str = "") -> HttpResponse:
    messages.success(request, _("The draft was saved."))
    return redirect(f"{document.get_absolute_url()}draft/{anchor}")


def _bad_move(request: AuthenticatedRequest, document: Document) -> HttpResponse:
    messages.error(request, _("Move up or down."))
    return _draft_page(request, document, status=400)


class DraftView(LoginRequiredMixin, View):
    """The draft editor; POST changes the kind, title and summary."""

    def get(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        return _draft_page(request, editable_document(request, slug))

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        document = editable_document(request, slug)
        form = DocumentForm(request.POST)
        if form.is_valid():
            try:
                services.document_update(actor=request.user, document=document, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _saved(request, document)
        return _draft_page(request, document, status=400, document_form=form)


class SectionAddView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        document = editable_document(request, slug)
        form = SectionForm(request.POST)
        if form.is_valid():
            try:
                section = services.section_add(
                    actor=request.user, document=document, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _saved(request, document, f"#section-{section.pk}")
        return _draft_page(request, document, status=400, section_form=form)


class SectionEditView(LoginRequiredMixin, View):
    """Change a section's title and introduction on a page of its own."""

    def get(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = editable_document(request, slug)
        section = selectors.section_get(document=document, pk=pk)
        form = SectionForm(initial={"title": section.title, "intro": section.intro})
        context = {"document": document, "section": section, "form": form}
        return render(request, "programs/section_edit.html", context)

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = editable_document(request, slug)
        section = selectors.section_get(document=document, pk=pk)
        form = SectionForm(request.POST)
        if form.is_valid():
            try:
                services.section_update(actor=request.user, section=section, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _saved(request, document, f"#section-{section.pk}")
        context = {"document": document, "section": section, "form": form}
        return render(request, "programs/section_edit.html", context, status=400)


class SectionDeleteView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = editable_document(request, slug)
        services.section_delete(
            actor=request.user, section=selectors.section_get(document=document, pk=pk)
        )
        return _saved(request, document)


class SectionMoveView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = editable_document(request, slug)
        section = selectors.section_get(document=document, pk=pk)
        form = MoveForm(request.POST)
        if not form.is_valid():
            return _bad_move(request, document)
        services.section_move(
            actor=request.user, section=section, direction=form.cleaned_data["direction"]
        )
        return _saved(request, document, f"#section-{section.pk}")


class MeasureAddView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = editable_document(request, slug)
        section = selectors.section_get(document=document, pk=pk)
        form = MeasureForm(request.POST)
        if form.is_valid():
            try:
                measure = services.measure_add(
                    actor=request.user,
                    section=section,
                    text=form.cleaned_data["text"],
                    source_ids=form.source_ids(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _saved(request, document, f"#measure-{measure.pk}")
        return _draft_page(
            request, document, status=400, measure_form=form, failed_section=section.pk
        )


class MeasureEditView(LoginRequiredMixin, View):
    """Reword a measure, change its sources (typed or chosen among a consultation's top
    propositions, `?process=<slug>`) or move it to another section."""

    def _context(self, request: AuthenticatedRequest, slug: str, pk: int) -> dict[str, Any]:
        document = editable_document(request, slug)
        measure = selectors.measure_get(document=document, pk=pk)
        process_slug = request.GET.get("process", "")[:220]
        candidates = []
        if process_slug:
            process = selectors.process_get_public(slug=process_slug)
            candidates = [
                (p.pk, f"#{p.pk} {p.title}") for p in selectors.top_propositions(process=process)
            ]
        sections = selectors.section_choices(document=document)
        return {
            "document": document,
            "measure": measure,
            "candidates": candidates,
            "sections": sections,
            "process_slug": process_slug,
            "processes": selectors.process_list_public()[:200],
        }

    def get(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        context = self._context(request, slug, pk)
        measure = context["measure"]
        initial = {
            "text": measure.text,
            "section": measure.section_id,
            "sources": ", ".join(str(source.pk) for source in measure.sources.all()),
        }
        context["form"] = MeasureEditForm(
            initial=initial, candidates=context["candidates"], sections=context["sections"]
        )
        return render(request, "programs/measure_edit.html", context)

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        context = self._context(request, slug, pk)
        form = MeasureEditForm(
            request.POST, candidates=context["candidates"], sections=context["sections"]
        )
        if form.is_valid():
            document = context["document"]
            try:
                services.measure_update(
                    actor=request.user,
                    measure=context["measure"],
                    text=form.cleaned_data["text"],
                    source_ids=form.source_ids(),
                    section=selectors.section_get(
                        document=document, pk=form.cleaned_data["section"]
                    ),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _saved(request, document, f"#measure-{pk}")
        context["form"] = form
        return render(request, "programs/measure_edit.html", context, status=400)


class MeasureDeleteView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = editable_document(request, slug)
        services.measure_delete(
            actor=request.user, measure=selectors.measure_get(document=document, pk=pk)
        )
        return _saved(request, document)


class MeasureMoveView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = editable_document(request, slug)
        measure = selectors.measure_get(document=document, pk=pk)
        form = MoveForm(request.POST)
        if not form.is_valid():
            return _bad_move(request, document)
        services.measure_move(
            actor=request.user, measure=measure, direction=form.cleaned_data["direction"]
        )
        return _saved(request, document, f"#measure-{measure.pk}")
