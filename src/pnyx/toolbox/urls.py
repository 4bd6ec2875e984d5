"""Pages of the toolbox: tools under /tools/, practices under /practices/, reviews of proposed
content under /toolbox/."""

from django.urls import path

from pnyx.toolbox.views import catalog, pages, recommendations, usages, wiki

app_name = "toolbox"
urlpatterns: list = [
    # The catalog: lists with facets, whole-catalog downloads and the editors' import.
    path("tools/", catalog.ToolListView.as_view(), name="tool-list"),
    path("practices/", catalog.PracticeListView.as_view(), name="practice-list"),
    path("tools/export.json", catalog.CatalogExportView.as_view(), name="tool-export-json"),
    path(
        "tools/export.csv",
        catalog.CatalogExportView.as_view(file_format="csv"),
        name="tool-export-csv",
    ),
    path(
        "practices/export.json",
        catalog.CatalogExportView.as_view(kind="practices"),
        name="practice-export-json",
    ),
    path(
        "practices/export.csv",
        catalog.CatalogExportView.as_view(kind="practices", file_format="csv"),
        name="practice-export-csv",
    ),
    path("toolbox/import/", catalog.CatalogImportView.as_view(), name="catalog-import"),
    # The moderated wiki: proposals, edits, history and review ("new" before the slugs).
    path("tools/new/", wiki.ToolProposeView.as_view(), name="tool-propose"),
    # Recommendations (before the tool slugs: "for-you" is not a tool).
    path(
        "tools/for-you/",
        recommendations.RecommendationsView.as_view(),
        name="recommendations",
    ),
    path(
        "tools/for-you/settings/",
        recommendations.RecommenderSettingsView.as_view(),
        name="recommender-settings",
    ),
    path("tools/<slug:slug>/", pages.ToolDetailView.as_view(), name="tool-detail"),
    # Usages and reviews of a tool by organisations.
    path("tools/<slug:slug>/usages/", usages.UsageDeclareView.as_view(), name="usage-declare"),
    path(
        "tools/<slug:slug>/usages/<int:pk>/edit/",
        usages.UsageEditView.as_view(),
        name="usage-edit",
    ),
    path(
        "tools/<slug:slug>/usages/<int:pk>/remove/",
        usages.UsageRemoveView.as_view(),
        name="usage-remove",
    ),
    path("tools/<slug:slug>/reviews/", usages.ReviewWriteView.as_view(), name="review-write"),
    path(
        "tools/<slug:slug>/reviews/<int:pk>/remove/",
        usages.ReviewRemoveView.as_view(),
        name="review-remove",
    ),
    path("tools/<slug:slug>/edit/", wiki.ToolProposeView.as_view(), name="tool-edit"),
    path("tools/<slug:slug>/history/", pages.ToolHistoryView.as_view(), name="tool-history"),
    path(
        "tools/<slug:slug>/screenshot/",
        wiki.ToolScreenshotView.as_view(),
        name="tool-screenshot",
    ),
    path("practices/new/", wiki.PracticeProposeView.as_view(), name="practice-propose"),
    path("practices/<slug:slug>/", pages.PracticeDetailView.as_view(), name="practice-detail"),
    path("practices/<slug:slug>/edit/", wiki.PracticeProposeView.as_view(), name="practice-edit"),
    path(
        "practices/<slug:slug>/history/",
        pages.PracticeHistoryView.as_view(),
        name="practice-history",
    ),
    path("toolbox/review/", wiki.ReviewQueueView.as_view(), name="review-queue"),
    path("toolbox/review/<int:pk>/", wiki.RevisionDetailView.as_view(), name="revision-detail"),
    path(
        "toolbox/review/<int:pk>/approve/",
        wiki.RevisionApproveView.as_view(),
        name="revision-approve",
    ),
    path(
        "toolbox/review/<int:pk>/reject/",
        wiki.RevisionRejectView.as_view(),
        name="revision-reject",
    ),
]
