"""URL map: each app owns its pages under its own prefix; the API lives under /api/v1/."""

from django.contrib import admin
from django.urls import include, path

from pnyx.api.api import api

urlpatterns = [
    path("", include("pnyx.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("pnyx.accounts.urls")),
    path("organisations/", include("pnyx.orgs.urls")),
    path("", include("pnyx.participation.urls")),
    path("programs/", include("pnyx.programs.urls")),
    path("", include("pnyx.toolbox.urls")),
    path("", include("pnyx.network.urls")),
    path("", include("pnyx.learning.urls")),
    path("", include("pnyx.transparency.urls")),
    path("", include("pnyx.privacy.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "pnyx.core.views.bad_request"
handler403 = "pnyx.core.views.permission_denied"
handler404 = "pnyx.core.views.page_not_found"
handler500 = "pnyx.core.views.server_error"
# allauth answers rate-limited requests through this handler; it also logs the refusal.
handler429 = "pnyx.accounts.views.rate_limited"
