"""Pages of the network: the feed, news, practitioners, help requests and conversations."""

from django.urls import path  # noqa: F401 - each area adds its paths below

app_name = "network"
urlpatterns: list = []
