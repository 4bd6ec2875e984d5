from django.urls import path

from pnyx.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("algorithms/", views.algorithm_list, name="algorithm-list"),
    path("algorithms/<slug:slug>/", views.algorithm_detail, name="algorithm-detail"),
    path("audit/", views.audit_list, name="audit-list"),
    path("audit/<int:seq>/", views.audit_detail, name="audit-detail"),
]
