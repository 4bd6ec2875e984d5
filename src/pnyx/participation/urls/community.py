"""Pages of comments, moderation and official answers (area "community")."""

from django.urls import path

from pnyx.participation.views import answers, comments, moderation

urlpatterns = [
    path(
        "propositions/<int:pk>/comments/",
        comments.CommentCreateView.as_view(),
        name="comment-create",
    ),
    path(
        "propositions/comments/<int:pk>/edit/",
        comments.CommentEditView.as_view(),
        name="comment-edit",
    ),
    path(
        "propositions/comments/<int:pk>/history/",
        comments.CommentHistoryView.as_view(),
        name="comment-history",
    ),
    path(
        "propositions/comments/<int:pk>/delete/",
        comments.CommentDeleteView.as_view(),
        name="comment-delete",
    ),
    path("propositions/report/", moderation.ReportCreateView.as_view(), name="report-create"),
    path(
        "propositions/<int:pk>/answer/",
        answers.PropositionAnswerView.as_view(),
        name="proposition-answer",
    ),
    path(
        "processes/<slug:slug>/moderation/",
        moderation.ModerationQueueView.as_view(),
        name="moderation-queue",
    ),
    path(
        "processes/<slug:slug>/moderation/hide/",
        moderation.ContentHideView.as_view(),
        name="content-hide",
    ),
    path(
        "processes/<slug:slug>/moderation/unhide/",
        moderation.ContentUnhideView.as_view(),
        name="content-unhide",
    ),
    path(
        "processes/<slug:slug>/moderation/dismiss/",
        moderation.ReportsDismissView.as_view(),
        name="reports-dismiss",
    ),
    path(
        "processes/<slug:slug>/moderation/summary/",
        moderation.ModerationSummaryView.as_view(),
        name="moderation-summary",
    ),
]
