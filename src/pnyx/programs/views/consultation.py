"""The consultation on a draft: the public page where people annotate paragraphs, propose
amendments and support them, and where the editors open and close the period and decide.

Every form posts to its own address and works without script. A refused form renders the page
again with status 400, the form open where it was, and what the person typed kept.
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
from pnyx.programs import selectors, services
from pnyx.programs.forms import (
    AmendmentForm,
    AnnotationForm,
    ConsultationOpenForm,
    DecisionForm,
    SupportForm,
    add_service_errors,
    contribution_rate_exceeded,
)
from pnyx.programs.models import Document


def consulted_document(request: HttpRequest, slug: str) -> Document:
    """The document, once a consultation on it has opened (or for its editors); else 404."""
    document = selectors.document_get_visible(slug=slug, user=request.user)
    if not request.user.has_perm("programs.view_consultation", document):
        raise Http404("No consultation on this document.")
    return document


def _page(
    request: HttpRequest, document: Document, status: int = 200, **failed: Any
) -> HttpResponse:
    """The consultation page; `failed` names the refused form (`form`, and `measure`,
    `paragraph_key` or `amendment` to say where it belongs)."""
    user = request.user
    context = {
        "document": document,
        "consultation": selectors.consultation(document=document, user=user),
        "is_open": selectors.consultation_is_open(document=document),
        "can_take_part": user.has_perm("programs.take_part", document),
        "can_decide": user.has_perm("programs.decide_amendment", document),
        "can_manage": user.has_perm("programs.manage_consultation", document),
        "open_form": failed.get("open_form") or ConsultationOpenForm(),
        "failed": failed,
    }
    return render(request, "programs/consultation.html", context, status=status)


def _done(request: HttpRequest, document: Document, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(f"{document.get_absolute_url()}consultation/#{anchor}")


def _too_fast(request: HttpRequest) -> HttpResponse:
    return render(request, "programs/consultation_too_fast.html", status=429)


class ConsultationView(View):
    """The draft under consultation, paragraph by paragraph, with every amendment."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return _page(request, consulted_document(request, slug))


class ConsultationOpenView(LoginRequiredMixin, View):
    """The editors open (or extend) the consultation period."""

    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        document = selectors.document_get_visible(slug=slug, user=request.user)
        if not request.user.has_perm("programs.view_draft", document):
            raise Http404("No such draft.")
        form = ConsultationOpenForm(request.POST)
        if form.is_valid():
            try:
                services.consultation_open(
                    actor=request.user, document=document, closes_at=form.cleaned_data["closes_at"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _done(request, document, _("The consultation is open."), "consultation")
        return _page(request, document, status=400, open_form=form)


class ConsultationCloseView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        document = consulted_document(request, slug)
        try:
            services.consultation_close(actor=request.user, document=document)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _page(request, document, status=400)
        return _done(request, document, _("The consultation is closed."), "consultation")


def _annotation_target(document: Document, form: AnnotationForm) -> dict[str, Any]:
    """The `measure=` or `section=` argument the comment form names; Http404 when unknown."""
    pk = form.cleaned_data["target_id"]
    if form.cleaned_data["target"] == "measure":
        return {"measure": selectors.measure_get(document=document, pk=pk)}
    return {"section": selectors.section_get(document=document, pk=pk)}


class AnnotationAddView(LoginRequiredMixin, View):
    """Comment on one paragraph of a measure or of a section's introduction."""

    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        document = consulted_document(request, slug)
        if contribution_rate_exceeded(request):
            return _too_fast(request)
        form = AnnotationForm(request.POST)
        key = selectors.paragraph_key(
            request.POST.get("target", ""),
            request.POST.get("target_id", ""),
            request.POST.get("paragraph", ""),
        )
        if form.is_valid():
            try:
                annotation = services.annotation_add(
                    actor=request.user,
                    document=document,
                    body=form.cleaned_data["body"],
                    paragraph=form.cleaned_data["paragraph"],
                    **_annotation_target(document, form),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                message = _("Your comment is published.")
                return _done(request, document, message, f"annotation-{annotation.pk}")
        misplaced = [
            message
            for name in ("target", "target_id", "paragraph")
            for message in form.errors.get(name, [])
        ]
        if misplaced:  # the paragraph is gone (or never was): show the error and the text above
            body = request.POST.get("body", "")[:2000]
            return _page(request, document, status=400, stray_errors=misplaced, stray_text=body)
        return _page(request, document, status=400, form=form, paragraph_key=key)


class AnnotationRemoveView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = consulted_document(request, slug)
        annotation = selectors.annotation_get(document=document, pk=pk)
        try:
            services.annotation_remove(actor=request.user, annotation=annotation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _page(request, document, status=400)
        return _done(request, document, _("The comment was removed."), f"annotation-{pk}")


class AmendmentProposeView(LoginRequiredMixin, View):
    """Propose a replacement text for a measure."""

    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = consulted_document(request, slug)
        measure = selectors.measure_get(document=document, pk=pk)
        if contribution_rate_exceeded(request):
            return _too_fast(request)
        form = AmendmentForm(request.POST)
        if form.is_valid():
            try:
                amendment = services.amendment_propose(
                    actor=request.user, measure=measure, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                message = _("Your amendment is published. Others can now support it.")
                return _done(request, document, message, f"amendment-{amendment.pk}")
        return _page(request, document, status=400, form=form, measure=measure.pk)


class AmendmentSupportView(LoginRequiredMixin, View):
    """Support an amendment, or take the support back (`supported` unchecked)."""

    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = consulted_document(request, slug)
        amendment = selectors.amendment_get(document=document, pk=pk)
        form = SupportForm(request.POST)
        supported = form.is_valid() and form.cleaned_data["supported"]
        try:
            services.amendment_support(actor=request.user, amendment=amendment, supported=supported)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _page(request, document, status=400)
        message = _("You support this amendment.") if supported else _("Your support is withdrawn.")
        return _done(request, document, message, f"amendment-{pk}")


class AmendmentWithdrawView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = consulted_document(request, slug)
        amendment = selectors.amendment_get(document=document, pk=pk)
        try:
            services.amendment_withdraw(actor=request.user, amendment=amendment)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _page(request, document, status=400)
        return _done(request, document, _("Your amendment is withdrawn."), f"amendment-{pk}")


class AmendmentDecideView(LoginRequiredMixin, View):
    """The editors accept an amendment (the draft changes) or reject it with a reason."""

    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        document = consulted_document(request, slug)
        amendment = selectors.amendment_get(document=document, pk=pk)
        form = DecisionForm(request.POST)
        if form.is_valid():
            decide = (
                services.amendment_accept
                if form.cleaned_data["decision"] == "accept"
                else services.amendment_reject
            )
            try:
                decide(actor=request.user, amendment=amendment, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                message = (
                    _("The amendment is accepted: the draft now reads as it proposed.")
                    if form.cleaned_data["decision"] == "accept"
                    else _("The amendment is rejected.")
                )
                return _done(request, document, message, f"amendment-{pk}")
        return _page(request, document, status=400, form=form, amendment=amendment.pk)
