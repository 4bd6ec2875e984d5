"""Pages of the privacy app: a person's data, consents, export and account deletion."""

from django.urls import URLPattern, URLResolver

app_name = "privacy"

urlpatterns: list[URLPattern | URLResolver] = []
