"""What the transparency app stores: the consultation attached to each registered algorithm.

The cards themselves live in code (`pnyx.core.algorithms`); only the link from an algorithm's id to
the consultation where people debate it is stored, so that the debate survives new versions of the
card.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pnyx.participation.models import Process


class AlgorithmDebate(models.Model):
    """The consultation in which people comment on an algorithm and propose changes to it."""

    algorithm_id = models.CharField(_("algorithm"), max_length=100, unique=True)
    process = models.OneToOneField(
        Process, on_delete=models.PROTECT, related_name="algorithm_debate"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("algorithm debate")
        verbose_name_plural = _("algorithm debates")

    def __str__(self) -> str:
        return self.algorithm_id
