"""Pages of programs and charters, under /programs/."""

from django.urls import path

from pnyx.programs.views import consultation, documents, drafts, endorsements, versions

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
    path(
        "<slug:slug>/v/<str:number>.pdf",
        documents.VersionPdfView.as_view(),
        name="version-pdf",
    ),
    path(
        "<slug:slug>/endorse/",
        endorsements.EndorsementAddView.as_view(),
        name="endorsement-add",
    ),
    path(
        "<slug:slug>/endorse/withdraw/",
        endorsements.EndorsementWithdrawView.as_view(),
        name="endorsement-withdraw",
    ),
    path("<slug:slug>/compare/", versions.VersionCompareView.as_view(), name="version-compare"),
    path("<slug:slug>/publish/", versions.VersionPublishView.as_view(), name="version-publish"),
    path(
        "<slug:slug>/coverage/<slug:process_slug>/",
        versions.CoverageView.as_view(),
        name="coverage",
    ),
    path(
        "<slug:slug>/consultation/",
        consultation.ConsultationView.as_view(),
        name="consultation",
    ),
    path(
        "<slug:slug>/consultation/open/",
        consultation.ConsultationOpenView.as_view(),
        name="consultation-open",
    ),
    path(
        "<slug:slug>/consultation/close/",
        consultation.ConsultationCloseView.as_view(),
        name="consultation-close",
    ),
    path(
        "<slug:slug>/consultation/comments/",
        consultation.AnnotationAddView.as_view(),
        name="annotation-add",
    ),
    path(
        "<slug:slug>/consultation/comments/<int:pk>/remove/",
        consultation.AnnotationRemoveView.as_view(),
        name="annotation-remove",
    ),
    path(
        "<slug:slug>/consultation/measures/<int:pk>/amendments/",
        consultation.AmendmentProposeView.as_view(),
        name="amendment-propose",
    ),
    path(
        "<slug:slug>/consultation/amendments/<int:pk>/support/",
        consultation.AmendmentSupportView.as_view(),
        name="amendment-support",
    ),
    path(
        "<slug:slug>/consultation/amendments/<int:pk>/withdraw/",
        consultation.AmendmentWithdrawView.as_view(),
        name="amendment-withdraw",
    ),
    path(
        "<slug:slug>/consultation/amendments/<int:pk>/decide/",
        consultation.AmendmentDecideView.as_view(),
        name="amendment-decide",
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
