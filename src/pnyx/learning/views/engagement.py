"""Engagement records: the learner's own record (refreshed from their activity each time it is
shown), writing, changing, deleting and sharing entries, evidence downloads, the public page of
shared entries, and the referee's page to confirm or decline."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core import personal_data
from pnyx.core.pagination import paginate
from pnyx.learning.forms.engagement import (
    EngagementEntryForm,
    entry_rate_exceeded,
)
from pnyx.learning.models import EngagementEntry, EngagementSource
from pnyx.learning.selectors import engagement as selectors
from pnyx.learning.services import engagement as services
from pnyx.learning.services.credits_decisions import CREDIT_COMMITTEE
from pnyx.learning.services.engagement_evidence import CONTENT_TYPES, evidence_kind
from pnyx.learning.services.engagement_referees import referee_status
from pnyx.learning.services.engagement_sync import engagement_refresh
from pnyx.learning.views import engagement_referees
from pnyx.orgs.forms import add_service_errors

LIST_URL = "learning:engagement-list"


def present(entry: EngagementEntry, user: Any) -> dict[str, Any]:
    """What the record shows of one entry to its learner: the entry, the referee's answer and
    what they may do with it."""
    return {
        "entry": entry,
        "referee": referee_status(entry),
        "may_change": user.has_perm("learning.change_engagement_entry", entry),
        "may_share": user.has_perm("learning.share_engagement_entry", entry),
        "kept": entry.source == EngagementSource.PNYX,
    }


@method_decorator(never_cache, name="dispatch")
class EngagementRecordView(LoginRequiredMixin, View):
    """The learner's own record, with the entries Pnyx keeps brought up to date first."""

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        engagement_refresh(learner=request.user)
        page = paginate(request, selectors.engagement_entries_for_learner(learner=request.user))
        context = {
            "page": page,
            "items": [present(entry, request.user) for entry in page],
            "may_add": request.user.has_perm("learning.add_engagement_entry"),
        }
        return render(request, "learning/engagement_list.html", context)


def _own_entry(request: AuthenticatedRequest, pk: int) -> EngagementEntry:
    entry = selectors.engagement_entry_get_own(learner=request.user, pk=pk)
    if entry is None:
        raise Http404("No such entry in your record.")
    return entry


def _too_fast(request: HttpRequest) -> HttpResponse:
    errors = [_("You wrote many entries in a short time: wait an hour and try again.")]
    return render(request, "learning/engagement_error.html", {"errors": errors}, status=429)


class EngagementCreateView(LoginRequiredMixin, View):
    template_name = "learning/engagement_form.html"

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        if not request.user.has_perm("learning.add_engagement_entry"):
            raise PermissionDenied("learning.add_engagement_entry")
        return render(request, self.template_name, {"form": EngagementEntryForm()})

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        form = EngagementEntryForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        if entry_rate_exceeded(request):
            return _too_fast(request)
        try:
            services.engagement_entry_create(
                actor=request.user,
                fields_in=form.entry_fields(),
                evidence=form.cleaned_data.get("evidence_file"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return render(request, self.template_name, {"form": form}, status=400)
        messages.success(request, _("The entry is in your record."))
        return redirect(LIST_URL)


class EngagementEditView(LoginRequiredMixin, View):
    template_name = "learning/engagement_form.html"

    def _context(self, entry: EngagementEntry, form: EngagementEntryForm) -> dict[str, Any]:
        return {"form": form, "entry": entry}

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        entry = _own_entry(request, pk)
        if not request.user.has_perm("learning.change_engagement_entry", entry):
            raise PermissionDenied("learning.change_engagement_entry")
        initial = vars(services.EntryFields.of(entry))
        form = EngagementEntryForm(initial=initial, has_evidence=bool(entry.evidence_file))
        return render(request, self.template_name, self._context(entry, form))

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        entry = _own_entry(request, pk)
        has_evidence = bool(entry.evidence_file)
        form = EngagementEntryForm(request.POST, request.FILES, has_evidence=has_evidence)
        if not form.is_valid():
            return render(request, self.template_name, self._context(entry, form), status=400)
        if entry_rate_exceeded(request):
            return _too_fast(request)
        try:
            services.engagement_entry_update(
                actor=request.user,
                entry=entry,
                fields_in=form.entry_fields(),
                evidence=form.cleaned_data.get("evidence_file"),
                remove_evidence=bool(form.cleaned_data.get("remove_evidence")),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return render(request, self.template_name, self._context(entry, form), status=400)
        messages.success(request, _("The entry is saved."))
        return redirect(LIST_URL)


class EngagementDeleteView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        entry = _own_entry(request, pk)
        if not request.user.has_perm("learning.delete_engagement_entry", entry):
            raise PermissionDenied("learning.delete_engagement_entry")
        return render(request, "learning/engagement_confirm_delete.html", {"entry": entry})

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        services.engagement_entry_delete(actor=request.user, entry=_own_entry(request, pk))
        messages.success(request, _("The entry is deleted."))
        return redirect(LIST_URL)


class EngagementShareView(LoginRequiredMixin, View):
    """Share an entry on the public record (`shared` = 1) or stop sharing it (0)."""

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        entry = _own_entry(request, pk)
        value = request.POST.get("shared")
        if value not in ("0", "1"):
            errors = [_("Choose whether to share the entry.")]
            return render(request, "learning/engagement_error.html", {"errors": errors}, status=400)
        services.engagement_entry_set_shared(actor=request.user, entry=entry, shared=value == "1")
        if value == "1":
            messages.success(request, _("The entry is on your public record."))
        else:
            messages.success(request, _("The entry is no longer on your public record."))
        return redirect(f"{reverse(LIST_URL)}#entry-{entry.pk}")


@never_cache
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file, for the learner and the committees the entry was sent to (404 for
    anyone else, so nobody learns that a file exists)."""
    entry = selectors.engagement_entry_get(pk=pk)
    if entry is None or not entry.evidence_file:
        raise Http404("No evidence file.")
    if not request.user.has_perm("learning.view_engagement_evidence", entry):
        raise Http404("No evidence file.")
    personal_data.record_access(
        staff=request.user,
        people=[entry.learner],
        source_keys=["learning.engagement"],
        reason=CREDIT_COMMITTEE.key,
        detail=entry.activity,
    )
    storage, name = entry.evidence_file.storage, entry.evidence_file.name or ""
    kind = evidence_kind(storage, name)
    response = FileResponse(
        storage.open(name, "rb"),
        as_attachment=True,
        filename=f"evidence-{entry.pk}.{kind}",
        content_type=CONTENT_TYPES[kind],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def engagement_public(request: HttpRequest, pk: int) -> HttpResponse:
    """The entries a person chose to share; public."""
    person = selectors.engagement_person_get(pk=pk)
    if person is None:
        raise Http404("No such person.")
    page = paginate(request, selectors.engagement_shared_for_person(person=person))
    context = {
        "person": person,
        "page": page,
        "items": [{"entry": entry, "referee": referee_status(entry)} for entry in page],
        "is_me": request.user.is_authenticated and request.user.pk == person.pk,
    }
    return render(request, "learning/engagement_public.html", context)


urlpatterns = [
    path("learning/engagement/", EngagementRecordView.as_view(), name="engagement-list"),
    path("learning/engagement/new/", EngagementCreateView.as_view(), name="engagement-create"),
    path(
        "learning/engagement/entries/<int:pk>/edit/",
        EngagementEditView.as_view(),
        name="engagement-edit",
    ),
    path(
        "learning/engagement/entries/<int:pk>/delete/",
        EngagementDeleteView.as_view(),
        name="engagement-delete",
    ),
    path(
        "learning/engagement/entries/<int:pk>/share/",
        EngagementShareView.as_view(),
        name="engagement-share",
    ),
    path(
        "learning/engagement/entries/<int:pk>/evidence/",
        evidence_download,
        name="engagement-evidence",
    ),
    path("learning/engagement/<int:pk>/", engagement_public, name="engagement-public"),
    *engagement_referees.urlpatterns,
]
