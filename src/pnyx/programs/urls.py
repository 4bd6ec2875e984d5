"""Pages of programs and charters, under /programs/."""

from django.urls import path

from pnyx.programs.views import documents, drafts, versions

app_name = "programs"
urlpatterns = [
    path("", documents.DocumentListView.as_view(), name="document-list"),
    path("new/", documents.DocumentCreateView.as_view(), name="document-create"),
    path("<slug:slug>/", documents.DocumentDetailView.as_view(), name="document-detail"),
    path(
        "<slug:slug>/v/<str:number>/", documents.VersionDetailView.as_view(), name="version-detail"
    ),
    path(
        "<slug:slug>/v/<str:number>.md",
        documents.VersionMarkdownView.as_view(),
        name="version-markdown",
    ),
    path(
        "<slug:slug>/v/<str:number>.json",
        documents.VersionJsonView.as_view(),
        name="version-json",
    ),
    path("<slug:slug>/compare/", versions.VersionCompareView.as_view(), name="version-compare"),
    path("<slug:slug>/publish/", versions.VersionPublishView.as_view(), name="version-publish"),
    path(
        "<slug:slug>/coverage/<slug:process_slug>/",
        versions.CoverageView.as_view(),
        name="coverage",
    ),
    path("<slug:slug>/draft/", drafts.DraftView.as_view(), name="draft"),
    path("<slug:slug>/draft/sections/", drafts.SectionAddView.as_view(), name="section-add"),
    path(
        "<slug:slug>/draft/sections/<int:pk>/",
        drafts.SectionEditView.as_view(),
        name="section-edit",
    ),
    path(
        "<slug:slug>/draft/sections/<int:pk>/delete/",
        drafts.SectionDeleteView.as_view(),
        name="section-delete",
    ),
    path(
        "<slug:slug>/draft/sections/<int:pk>/move/",
        drafts.SectionMoveView.as_view(),
        name="section-move",
    ),
    path(
        "<slug:slug>/draft/sections/<int:pk>/measures/",
        drafts.MeasureAddView.as_view(),
        name="measure-add",
    ),
    path(
        "<slug:slug>/draft/measures/<int:pk>/",
        drafts.MeasureEditView.as_view(),
        name="measure-edit",
    ),
    path(
        "<slug:slug>/draft/measures/<int:pk>/delete/",
        drafts.MeasureDeleteView.as_view(),
        name="measure-delete",
    ),
    path(
        "<slug:slug>/draft/measures/<int:pk>/move/",
        drafts.MeasureMoveView.as_view(),
        name="measure-move",
    ),
]
