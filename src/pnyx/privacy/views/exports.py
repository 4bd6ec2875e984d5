"""Asking for a download of one's data, following its preparation, and downloading it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django_htmx.middleware import HtmxDetails

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.permissions import require
from pnyx.privacy import selectors
from pnyx.privacy.models import DataExport
from pnyx.privacy.services.exports import ExportInProgress, export_request, export_storage


class HtmxAuthenticatedRequest(AuthenticatedRequest):
    htmx: HtmxDetails


def _state(export: DataExport | None) -> str:
    """ "none", "preparing", "ready", "expired" or "failed", as the page shows it."""
    if export is None:
        return "none"
    if selectors.export_is_abandoned(export):
        return "failed"
    if export.status == "ready" and export.expires_at and export.expires_at <= timezone.now():
        return "expired"
    return str(export.status)


@method_decorator(never_cache, name="dispatch")
class ExportView(LoginRequiredMixin, View):
    """The person's latest download and a button for a new one; htmx polls it while preparing."""

    def _render(self, request: HtmxAuthenticatedRequest, status: int = 200) -> HttpResponse:
        export = selectors.export_latest(person=request.user)
        template = "privacy/export.html"
        if request.htmx:
            template += "#export-status"
        context = {"export": export, "state": _state(export)}
        return render(request, template, context, status=status)

    def get(self, request: HtmxAuthenticatedRequest) -> HttpResponse:
        require(request.user, "privacy.export_data", request.user)
        return self._render(request)

    def post(self, request: HtmxAuthenticatedRequest) -> HttpResponse:
        try:
            export_request(actor=request.user, person=request.user)
        except ExportInProgress as refusal:
            messages.error(request, refusal.messages[0])
            return self._render(request, status=429)
        messages.success(
            request, _("Your download is being prepared. This page shows its progress.")
        )
        return redirect("privacy:export")


class ExportDownloadView(LoginRequiredMixin, View):
    """The ZIP file of one of the person's ready downloads (404 for anyone else's)."""

    def get(self, request: AuthenticatedRequest, pk: int) -> FileResponse:
        export = selectors.export_get(person=request.user, pk=pk)
        if export is None or _state(export) != "ready":
            raise Http404
        require(request.user, "privacy.download_export", export)
        storage = export_storage()
        if not storage.exists(export.file_name):
            raise Http404
        day = export.created_at.date().isoformat()
        response = FileResponse(
            storage.open(export.file_name, "rb"),
            as_attachment=True,
            filename=f"pnyx-my-data-{day}.zip",
            content_type="application/zip",
        )
        response["Cache-Control"] = "private, no-store"
        return response
