"""Pages of the core: home, health, the algorithm register and the audit log, error pages."""

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from pnyx.core import algorithms, audit, selectors
from pnyx.core.pagination import paginate


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Report whether the database answers, and the running version; 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    status = 200 if database == "ok" else 503
    body = {
        "status": "ok" if status == 200 else "degraded",
        "database": database,
        "database_vendor": connection.vendor,
        "version": settings.VERSION,
    }
    return JsonResponse(body, status=status)


def algorithm_list(request: HttpRequest) -> HttpResponse:
    return render(request, "core/algorithm_list.html", {"cards": list(algorithms.all_cards())})


def algorithm_detail(request: HttpRequest, slug: str) -> HttpResponse:
    card = algorithms.get_by_slug(slug)
    if card is None:
        raise Http404
    return render(request, "core/algorithm_detail.html", {"card": card})


def audit_list(request: HttpRequest) -> HttpResponse:
    actions = selectors.audit_actions()
    action = request.GET.get("action", "")
    if action not in actions:
        action = ""
    page_obj = paginate(request, selectors.audit_entry_list(action=action), per_page=50)
    for entry in page_obj:
        entry.action_label = audit.action_label(entry.action)
    context = {
        "page_obj": page_obj,
        "actions": [(name, audit.action_label(name)) for name in actions],
        "action": action,
        "head": audit.head_hash(),
    }
    return render(request, "core/audit_list.html", context)


def audit_detail(request: HttpRequest, seq: int) -> HttpResponse:
    entry = selectors.audit_entry_get(seq=seq)
    if entry is None:
        raise Http404
    context = {
        "entry": entry,
        "action_label": audit.action_label(entry.action),
        "canonical": audit.canonical_content(entry),
        "hash_matches": audit.compute_hash(entry) == entry.hash,
    }
    return render(request, "core/audit_detail.html", context)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
