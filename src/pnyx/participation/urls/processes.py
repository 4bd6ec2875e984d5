"""Consultation pages of area A: listing, creating, managing and joining by invitation."""

from django.urls import path

from pnyx.participation.views import processes as views

urlpatterns = [
    path("processes/", views.ProcessListView.as_view(), name="process-list"),
    path("processes/new/", views.ProcessCreateView.as_view(), name="process-create"),
    path(
        "processes/<slug:slug>/manage/",
        views.ProcessManageView.as_view(),
        name="process-manage",
    ),
    path(
        "processes/<slug:slug>/manage/invitation/",
        views.ProcessInvitationView.as_view(),
        name="process-invitation",
    ),
    path(
        "processes/<slug:slug>/manage/<slug:action>/",
        views.ProcessManageActionView.as_view(),
        name="process-manage-action",
    ),
    path(
        "processes/<slug:slug>/manage/<slug:action>/<int:pk>/",
        views.ProcessManageActionView.as_view(),
        name="process-manage-item",
    ),
    path(
        "processes/<slug:slug>/join/<str:token>/",
        views.ProcessJoinView.as_view(),
        name="process-join",
    ),
]
