"""The JSON API: one NinjaAPI that mounts each app's router."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from pnyx.accounts.api import router as accounts_router
from pnyx.learning.api import router as learning_router
from pnyx.network.api import router as network_router
from pnyx.orgs.api import router as orgs_router
from pnyx.participation.api import router as participation_router
from pnyx.programs.api import router as programs_router
from pnyx.toolbox.api import router as toolbox_router
from pnyx.transparency.api import router as transparency_router

api = NinjaAPI(
    title="Pnyx API",
    version="1.0.0",
    urls_namespace="api",
    description=(
        "Open API of Pnyx. Lists are paginated; errors are JSON objects with a `detail` message."
    ),
)
api.add_router("/", accounts_router)
api.add_router("/organisations", orgs_router)
api.add_router("/", participation_router)
api.add_router("/algorithms", transparency_router)
api.add_router("/", programs_router)
api.add_router("/", toolbox_router)
api.add_router("/", network_router)
api.add_router("/", learning_router)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """A refused permission answers JSON 403, like every other API error."""
    return api.create_response(
        request, {"detail": _("You are not allowed to do this.")}, status=403
    )
