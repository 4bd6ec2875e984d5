"""The toolbox API, one router per area, mounted at /api/v1/."""

from ninja import Router

router = Router()
