"""Account pages, mounted at the site root: /account/… for the person, /people/… for profiles."""

from django.urls import path

from pnyx.accounts import views

app_name = "accounts"
urlpatterns = [
    path("account/", views.AccountView.as_view(), name="account"),
    path("account/profile/", views.ProfileEditView.as_view(), name="profile-edit"),
    path("account/tokens/new/", views.ApiTokenCreateView.as_view(), name="apitoken-create"),
    path(
        "account/tokens/<int:pk>/revoke/",
        views.ApiTokenRevokeView.as_view(),
        name="apitoken-revoke",
    ),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
]
