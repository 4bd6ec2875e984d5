"""ASGI entry point, kept for a future async live channel; pages are served over WSGI."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnyx.settings")
application = get_asgi_application()
