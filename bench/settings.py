"""Pnyx's own settings plus the bare comparison page; used only by the benchmark's server."""

from pathlib import Path
from typing import cast

from pnyx.settings import *  # noqa: F403 - the benchmark must run the real configuration
from pnyx.settings import TEMPLATES as PNYX_TEMPLATES

ROOT_URLCONF = "bench.urls"
PNYX_TEMPLATE_DIRS = cast(list[Path], PNYX_TEMPLATES[0]["DIRS"])
TEMPLATES = [
    {**PNYX_TEMPLATES[0], "DIRS": [*PNYX_TEMPLATE_DIRS, Path(__file__).parent / "templates"]}
]
# The vote row sends every vote from one address, far past a real room's rate.
PNYX_RATE_LIMITS = {"vote": (1_000_000, 1_000_000, 60)}
