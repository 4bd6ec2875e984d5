from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def site(request: HttpRequest) -> dict[str, str]:
    """Values the base layout needs on every page."""
    return {
        "pnyx_version": settings.VERSION,
        "algorithms_url": reverse("core:algorithm-list"),
        "audit_url": reverse("core:audit-list"),
    }
