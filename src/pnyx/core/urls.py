import re

from django.conf import settings
from django.urls import path, re_path

from pnyx.core import images, views

# Only names made of letters, digits, "-" and "_", in folders of such names, with the extension of
# a stored image: nothing that could climb out of MEDIA_ROOT ("..", "%2e%2e", "\\") gets through.
MEDIA_PATH = r"(?P<path>[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.(?:{extensions}))".format(
    extensions="|".join(images.CONTENT_TYPES)
)

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", views.audit_list, name="audit-list"),
    path("audit/<int:seq>/", views.audit_detail, name="audit-detail"),
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.strip('/'))}/{MEDIA_PATH}$",
        views.media_file,
        name="media",
    ),
]
