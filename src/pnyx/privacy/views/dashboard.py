"""The personal-data dashboard, one source's full data, the access log and the policy page."""

from typing import Any

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core import personal_data
from pnyx.core.pagination import paginate
from pnyx.core.permissions import require
from pnyx.privacy import display, selectors

#: Rows of a list shown on the dashboard; the source's own page shows them all, page by page.
PREVIEW_ROWS = 5
ACCESS_PREVIEW = 5


def _preview(person: Any, source: personal_data.PersonalDataSource) -> dict[str, Any]:
    data = selectors.source_data(person=person, source=source)
    total = len(data) if isinstance(data, list) else int(not display.is_empty(data))
    shown = data[:PREVIEW_ROWS] if isinstance(data, list) else data
    return {"source": source, "data": display.present(shown), "total": total}


class DashboardView(LoginRequiredMixin, View):
    """Everything held about the person, by app; who saw it; consents; download; deletion."""

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        person = request.user
        require(person, "privacy.view_personal_data", person)
        groups = [
            {"group": group, "sources": [_preview(person, source) for source in group.sources]}
            for group in selectors.source_groups()
        ]
        accesses = selectors.access_list_for_person(person=person)
        state = selectors.consent_state(person=person)
        context = {
            "groups": groups,
            "accesses": display.access_rows(accesses[:ACCESS_PREVIEW]),
            "access_total": accesses.count(),
            "consents": [(purpose, state.get(purpose.key)) for purpose in personal_data.purposes()],
            "latest_export": selectors.export_latest(person=person),
            "deletion": selectors.deletion_request_get(person=person),
        }
        return render(request, "privacy/dashboard.html", context)


class SourceDataView(LoginRequiredMixin, View):
    """All of one source's data about the person, page by page."""

    def get(self, request: AuthenticatedRequest, key: str) -> HttpResponse:
        person = request.user
        require(person, "privacy.view_personal_data", person)
        source = personal_data.get(key)
        if source is None:
            raise Http404
        data = selectors.source_data(person=person, source=source)
        rows = data if isinstance(data, list) else [data]
        page_obj = Paginator(rows, 20).get_page(request.GET.get("page"))
        shown = list(page_obj.object_list) if isinstance(data, list) else data
        context = {"source": source, "data": display.present(shown), "page_obj": page_obj}
        return render(request, "privacy/source_detail.html", context)


class AccessLogView(LoginRequiredMixin, View):
    """Every recorded staff view of the person's non-public data, newest first."""

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        person = request.user
        require(person, "privacy.view_personal_data", person)
        page_obj = paginate(request, selectors.access_list_for_person(person=person))
        context = {"page_obj": page_obj, "accesses": display.access_rows(page_obj.object_list)}
        return render(request, "privacy/access_list.html", context)


class PolicyView(View):
    """The public privacy page, written from the registries: no login needed."""

    def get(self, request: HttpRequest) -> HttpResponse:
        context = {
            "groups": selectors.source_groups(),
            "purposes": personal_data.purposes(),
            "reasons": personal_data.access_reasons(),
            "grace_days": settings.PNYX_ACCOUNT_DELETION_GRACE.days,
            "export_days": settings.PNYX_EXPORT_RETENTION.days,
        }
        return render(request, "privacy/policy.html", context)
