"""Pages of the core: home, health, the audit log, uploaded images, error pages. (The register
of algorithms is in `pnyx.transparency`; the core keeps the registry.)"""

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from pnyx.core import audit, images, selectors
from pnyx.core.pagination import paginate

#: How long browsers and caches keep an uploaded image. Stored names are random and never reused,
#: so a URL never shows other content; a removed image may live on in a cache this long.
MEDIA_MAX_AGE = 24 * 60 * 60


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


@require_safe
def media_file(request: HttpRequest, path: str) -> HttpResponseBase:
    """An uploaded image from MEDIA_ROOT, where no web server in front serves them (see
    PNYX_SERVE_MEDIA). The URL pattern admits only plain names with an image extension and
    Django's `serve` keeps the path inside MEDIA_ROOT; the content type follows the extension
    and browsers are told not to guess another one."""
    if not settings.PNYX_SERVE_MEDIA:
        raise Http404
    response = static.serve(request, path, document_root=str(settings.MEDIA_ROOT))
    if response.status_code == 200:
        response["Content-Type"] = images.CONTENT_TYPES[path.rsplit(".", 1)[1]]
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=MEDIA_MAX_AGE)
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
