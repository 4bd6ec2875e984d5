"""Pages of the transparency app: the algorithm register, explanations and open data."""

from django.urls import URLPattern, URLResolver

app_name = "transparency"

urlpatterns: list[URLPattern | URLResolver] = []
