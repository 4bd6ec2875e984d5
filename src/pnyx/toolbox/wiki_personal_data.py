"""What the toolbox wiki holds about a person: the tools, practices and edits they proposed, and
the proposals they reviewed as an editor."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.toolbox.models import Revision


def export_proposals(person: Any) -> list[dict[str, Any]]:
    """Each proposal the person made or reviewed, oldest first, with what became of it."""
    revisions = Revision.objects.filter(Q(author=person) | Q(reviewed_by=person)).order_by(
        "created_at", "pk"
    )
    return [
        {
            "kind": revision.kind,
            "title": str(revision.data.get("name") or revision.data.get("title") or ""),
            "comment": revision.comment,
            "state": revision.state,
            "proposed_by_you": revision.author_id == person.pk,
            "reviewed_by_you": revision.reviewed_by_id == person.pk,
            "created_at": revision.created_at.isoformat(),
        }
        for revision in revisions
    ]


def anonymise_proposals(person: Any) -> None:
    """Forget who proposed or reviewed; the content stays in the public history."""
    with transaction.atomic():
        Revision.objects.filter(author=person).update(author=None)
        Revision.objects.filter(reviewed_by=person).update(reviewed_by=None)


def register_sources() -> None:
    """Declare the source in the core registry (called from `ToolboxConfig.ready`)."""
    personal_data.register(
        personal_data.PersonalDataSource(
            key="toolbox.proposals",
            label=_("Your toolbox proposals"),
            description=_(
                "The tools, practices and edits you proposed, and those you reviewed as an editor."
            ),
            export=export_proposals,
            anonymise=anonymise_proposals,
            purpose=_("To show who wrote each version of a tool or practice, as in any wiki."),
            visibility=personal_data.Visibility.PARTLY_PUBLIC,
            seen_by=_(
                "Everyone sees your public name in the history of the tools and practices you "
                "changed. Your proposals waiting for review are seen by you and the editors."
            ),
        )
    )
