"""The network API, one router per area, mounted at /api/v1/."""

from ninja import Router

from pnyx.network.api import feed, practitioners

router = Router()
router.add_router("", feed.router)
router.add_router("", practitioners.router)
