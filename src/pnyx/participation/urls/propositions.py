"""Routes of the process page and the proposition pages (area B)."""

from django.urls import path

from pnyx.participation.views import propositions as views

urlpatterns = [
    path("processes/<slug:slug>/", views.ProcessDetailView.as_view(), name="process-detail"),
    path(
        "processes/<slug:slug>/propose/",
        views.PropositionCreateView.as_view(),
        name="proposition-create",
    ),
    path(
        "processes/<slug:slug>/similar/",
        views.PropositionSimilarView.as_view(),
        name="proposition-similar",
    ),
    path(
        "propositions/<int:pk>/", views.PropositionDetailView.as_view(), name="proposition-detail"
    ),
    path(
        "propositions/<int:pk>/edit/", views.PropositionEditView.as_view(), name="proposition-edit"
    ),
    path(
        "propositions/<int:pk>/withdraw/",
        views.PropositionWithdrawView.as_view(),
        name="proposition-withdraw",
    ),
    path(
        "propositions/<int:pk>/vote/", views.PropositionVoteView.as_view(), name="proposition-vote"
    ),
]
