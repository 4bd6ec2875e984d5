from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pnyx.api"
    label = "api"
    verbose_name = "API"
