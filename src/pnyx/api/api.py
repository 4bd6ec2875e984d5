"""The JSON API: one NinjaAPI that mounts each app's router."""

from ninja import NinjaAPI

from pnyx.accounts.api import router as accounts_router
from pnyx.orgs.api import router as orgs_router

api = NinjaAPI(
    title="Pnyx API",
    version="1.0.0",
    urls_namespace="api",
    description="Open API of Pnyx. Lists are paginated; errors are JSON objects with a `detail` message.",
)
api.add_router("/", accounts_router)
api.add_router("/organisations", orgs_router)
