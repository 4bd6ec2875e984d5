"""The catalog pages: tools and practices with search, facets and pages; the whole catalog as
JSON or CSV; and the editors' import page."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from pnyx.core import algorithms, ratelimit
from pnyx.core.pagination import paginate
from pnyx.toolbox.catalog_order import CATALOG_CARD
from pnyx.toolbox.forms.catalog import CatalogImportForm
from pnyx.toolbox.selectors import catalog
from pnyx.toolbox.selectors.catalog_export import catalog_csv, catalog_json
from pnyx.toolbox.services import catalog_import

IMPORT_RATE = ratelimit.Rate(per_person=20, per_address=40, window_seconds=3600)


def why_url_parts(filters: catalog.CatalogFilters) -> tuple[str, str] | None:
    """The "why here?" URL of an item with these filters, as the parts before and after the
    item's id (reversed once per page); None when the order has no explainer."""
    if algorithms.explainer(CATALOG_CARD.id) is None:
        return None
    marker = 987654321987654321
    kwargs = {"slug": CATALOG_CARD.slug, "item": marker}
    prefix, _marker, suffix = reverse("transparency:algorithm-why", kwargs=kwargs).partition(
        str(marker)
    )
    params = filters.as_params()
    if filters.kind == "practice":
        params["catalog"] = "practices"
    return prefix, f"{suffix}?{urlencode(params)}" if params else suffix


class LazyFacets:
    """The facets of a catalog page, counted only when the template needs them: the filter form
    is cached as HTML for as long as the counts are (`catalog.FACET_CACHE_SECONDS`), so most
    views neither count nor render its hundred options."""

    def __init__(self, filters: catalog.CatalogFilters) -> None:
        self.filters = filters

    @cached_property
    def all(self) -> list[catalog.Facet]:
        if self.filters.kind == "tool":
            return catalog.tool_facets(self.filters)
        return catalog.practice_facets(self.filters)

    def selects(self) -> list[catalog.Facet]:
        return [facet for facet in self.all if facet.name != "open_source"]

    def open_source(self) -> catalog.Facet | None:
        return next((facet for facet in self.all if facet.name == "open_source"), None)


def _render_list(request: HttpRequest, *, kind: str) -> HttpResponse:
    filters, problems = catalog.catalog_filters(request.GET, kind=kind)
    items: QuerySet[Any]
    items = catalog.tool_list(filters) if kind == "tool" else catalog.practice_list(filters)
    labels = {**catalog.FACET_LABELS, "order": _("Order"), "open_source": _("Open source only")}
    context = {
        "filters": filters,
        "facets": LazyFacets(filters),
        "facets_seconds": catalog.FACET_CACHE_SECONDS,
        "orders": catalog.order_choices(kind),
        "problems": [
            _("%(filter)s: %(message)s") % {"filter": labels.get(name, name), "message": message}
            for name, message in problems.items()
        ],
        "page_obj": paginate(request, items),
        "ordering": CATALOG_CARD.output(),
        "why_url": why_url_parts(filters),
    }
    template = "toolbox/tool_list.html" if kind == "tool" else "toolbox/practice_list.html"
    return render(request, template, context, status=400 if problems else 200)


class ToolListView(View):
    """Tools with search, facets and their counts, in the `toolbox.catalog` order; a filter
    value that is not understood answers 400 with the page saying which."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return _render_list(request, kind="tool")


class PracticeListView(View):
    """Practices with search, facets and their counts, as the tools list."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return _render_list(request, kind="practice")


def _download(content: bytes, *, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class CatalogExportView(View):
    """The whole catalog of tools or practices, in the format the import reads."""

    kind = "tools"
    file_format = "json"

    def get(self, request: HttpRequest) -> HttpResponse:
        name = f"pnyx-{self.kind}.{self.file_format}"
        if self.file_format == "json":
            content = catalog_json(self.kind)
            return _download(content, name=name, content_type="application/json")
        return _download(catalog_csv(self.kind), name=name, content_type="text/csv; charset=utf-8")


class CatalogImportView(LoginRequiredMixin, View):
    """Toolbox editors upload a JSON or CSV file of tools or practices; the page reports each
    bad row, and a file with any bad row imports nothing."""

    def _allowed(self, request: HttpRequest) -> None:
        if not request.user.has_perm("toolbox.review"):
            raise PermissionDenied(_("Only toolbox editors may import tools and practices."))

    def _render(self, request: HttpRequest, form: Any, status: int, **extra: Any) -> HttpResponse:
        context = {"form": form, **extra}
        return render(request, "toolbox/catalog_import.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        self._allowed(request)
        return self._render(request, CatalogImportForm(), 200)

    def post(self, request: HttpRequest) -> HttpResponse:
        self._allowed(request)
        exceeded = ratelimit.exceeded(
            action="toolbox.import",
            rate=ratelimit.rate_for("toolbox.import", IMPORT_RATE),
            person=request.user,
            address=request.META.get("REMOTE_ADDR", ""),
        )
        form = CatalogImportForm(request.POST, request.FILES)
        if exceeded:
            form.is_valid()
            error = _("Too many imports in a short time; wait an hour and try again.")
            return self._render(request, form, 429, error=error)
        if not form.is_valid():
            return self._render(request, form, 400)
        upload = form.cleaned_data["file"]
        try:
            result = catalog_import.catalog_import(
                actor=request.user,  # type: ignore[arg-type]
                content=upload.read(),
                file_name=upload.name or "",
                kind=form.cleaned_data["kind"],
            )
        except catalog_import.UnreadableFile as error:
            return self._render(request, form, 400, error=str(error))
        except catalog_import.ImportRefused as refused:
            return self._render(request, form, 400, refused=refused.rows)
        count = len(result.slugs)
        if result.kind == catalog_import.TOOLS:
            text = ngettext("%(count)s tool imported.", "%(count)s tools imported.", count)
            target = "toolbox:tool-list"
        else:
            text = ngettext("%(count)s practice imported.", "%(count)s practices imported.", count)
            target = "toolbox:practice-list"
        messages.success(request, text % {"count": count})
        return redirect(f"{reverse(target)}?order=new")
