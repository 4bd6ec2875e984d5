"""Template helpers of the consultation header and listing: `{% load participation_processes %}`."""

from typing import Any

from django import template
from django.utils import timezone

from pnyx.participation.models import PHASE_FEATURES, Feature
from pnyx.participation.selectors import processes as selectors

register = template.Library()


@register.simple_tag
def process_now(process: Any) -> dict[str, Any]:
    """Where the consultation stands now, from its prefetched phases (no query).

    Gives `stage` (draft, archived, upcoming, open, finished), `stage_label`, `running` (the
    phases running now), `next` (the next phase to start) and `open` (labels of what is open).
    """
    moment = timezone.now()
    stage = selectors.process_stage(process, moment)
    running = [phase for phase in process.phases.all() if phase.is_running(moment)]
    features: set[str] = set()
    if stage == "open":
        for phase in running:
            features |= PHASE_FEATURES[phase.kind]
    labels = {
        "draft": process.get_status_display(),
        "archived": process.get_status_display(),
        **selectors.STAGES,
    }
    return {
        "stage": stage,
        "stage_label": labels.get(stage, stage),
        "running": running,
        "running_pks": {phase.pk for phase in running},
        "next": selectors.phase_next(process, moment),
        "open": [feature.label for feature in Feature if feature.value in features],
    }
