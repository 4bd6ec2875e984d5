"""Pages of the privacy app: a person's data, consents, export and account deletion."""

from django.urls import path

from pnyx.privacy.views import consents, dashboard, deletion, exports

app_name = "privacy"

urlpatterns = [
    path("privacy/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("privacy/policy/", dashboard.PolicyView.as_view(), name="policy"),
    path("privacy/data/<str:key>/", dashboard.SourceDataView.as_view(), name="source-detail"),
    path("privacy/access/", dashboard.AccessLogView.as_view(), name="access-list"),
    path("privacy/consents/", consents.ConsentView.as_view(), name="consents"),
    path("privacy/export/", exports.ExportView.as_view(), name="export"),
    path(
        "privacy/export/<int:pk>/download/",
        exports.ExportDownloadView.as_view(),
        name="export-download",
    ),
    path("privacy/delete/", deletion.DeletionView.as_view(), name="deletion"),
    path(
        "privacy/delete/confirm/<str:token>/",
        deletion.DeletionConfirmView.as_view(),
        name="deletion-confirm",
    ),
    path("privacy/delete/cancel/", deletion.DeletionCancelView.as_view(), name="deletion-cancel"),
]
