"""The learning API, one router per area, mounted at /api/v1/."""

from ninja import Router

from pnyx.learning.api import courses, credentials, credits, engagement, groups, partners

router = Router()
for area in (partners, courses, groups, engagement, credits, credentials):
    router.add_router("", area.router)
