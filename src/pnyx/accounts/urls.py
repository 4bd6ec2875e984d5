from django.urls import path

from pnyx.accounts import views

app_name = "accounts"
urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/profile/", views.account, name="profile-edit"),
]
