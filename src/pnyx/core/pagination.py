"""One way to paginate every list page."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, items: QuerySet, per_page: int | None = None) -> Page:
    """The page named by `?page=`; a missing, malformed or out-of-range number gives a near one."""
    paginator = Paginator(items, per_page or settings.PNYX_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))
