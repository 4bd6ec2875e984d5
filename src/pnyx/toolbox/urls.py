"""Pages of the toolbox: tools under /tools/, practices under /practices/, reviews of proposed
content under /toolbox/."""

from django.urls import path  # noqa: F401 - each area adds its paths below

app_name = "toolbox"
urlpatterns: list = []
