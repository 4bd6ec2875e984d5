"""Organisation pages, under /organisations/."""

from django.urls import path

from pnyx.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation-list"),
    path("new/", views.OrganisationCreateView.as_view(), name="organisation-create"),
    path("mine/", views.OrganisationMineView.as_view(), name="organisation-mine"),
    path(
        "invitations/<str:token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path("<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("<slug:slug>/edit/", views.OrganisationEditView.as_view(), name="organisation-edit"),
    path("<slug:slug>/join/", views.MembershipRequestView.as_view(), name="membership-request"),
    path("<slug:slug>/leave/", views.MembershipLeaveView.as_view(), name="membership-leave"),
    path(
        "<slug:slug>/members/<int:pk>/decide/",
        views.MembershipDecideView.as_view(),
        name="membership-decide",
    ),
    path(
        "<slug:slug>/members/<int:pk>/role/",
        views.MembershipRoleView.as_view(),
        name="membership-role",
    ),
    path(
        "<slug:slug>/members/<int:pk>/remove/",
        views.MembershipRemoveView.as_view(),
        name="membership-remove",
    ),
    path(
        "<slug:slug>/invitations/", views.InvitationCreateView.as_view(), name="invitation-create"
    ),
    path(
        "<slug:slug>/invitations/<int:pk>/revoke/",
        views.InvitationRevokeView.as_view(),
        name="invitation-revoke",
    ),
]
