"""Pnyx's URL map with the bare comparison page in front of it."""

from django.urls import include, path

from bench import views
from pnyx import urls as pnyx_urls

urlpatterns = [
    path("bench/bare/", views.bare, name="bench-bare"),
    path("", include("pnyx.urls")),
]

# Django looks the error handlers up on the root URL module only.
handler400 = pnyx_urls.handler400
handler403 = pnyx_urls.handler403
handler404 = pnyx_urls.handler404
handler500 = pnyx_urls.handler500
