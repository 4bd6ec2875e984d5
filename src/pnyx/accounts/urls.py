from django.urls import path

from pnyx.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("profile/", views.account, name="profile-edit"),
]
