"""Programs and charters in the API, one router per area, mounted at /api/v1/."""

from ninja import Router

from pnyx.programs.api import amendments, documents, endorsements

router = Router()
router.add_router("", documents.router)
router.add_router("", endorsements.router)
router.add_router("", amendments.router)
