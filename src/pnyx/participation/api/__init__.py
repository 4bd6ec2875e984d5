"""The consultation API, one router per area, mounted at /api/v1/."""

from ninja import Router

from pnyx.participation.api import community, opinion_groups, processes, propositions, results

router = Router()
router.add_router("", processes.router)
router.add_router("", propositions.router)
router.add_router("", community.router)
router.add_router("", results.router)
router.add_router("", opinion_groups.router)
