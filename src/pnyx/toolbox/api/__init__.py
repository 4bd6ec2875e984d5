"""The toolbox API, one router per area, mounted at /api/v1/."""

from ninja import Router

router = Router()

from pnyx.toolbox.api import catalog, contributions, recommendations  # noqa: E402 - mounted on the router above

router.add_router("", catalog.router)
router.add_router("", recommendations.router)
router.add_router("", contributions.router)
