"""WSGI entry point: pages and the API are served over WSGI (see PERFORMANCE.md for why)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnyx.settings")
application = get_wsgi_application()
