from django.urls import path

from pnyx.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
]
