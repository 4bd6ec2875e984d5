from django.urls import path

from pnyx.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("algorithms/", views.home, name="algorithm-list"),
    path("audit/", views.home, name="audit-list"),
]
