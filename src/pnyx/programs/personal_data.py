"""What the programs app holds about a person: the documents they started, the versions they
published and their endorsements."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.programs.models import Document, Endorsement, Version


def export_editing(person: Any) -> list[dict[str, Any]]:
    """The documents the person started and the versions they published, oldest first."""
    started = Document.objects.filter(created_by=person).order_by("created_at", "pk")
    published = (
        Version.objects.filter(published_by=person)
        .select_related("document")
        .order_by("published_at", "pk")
    )
    rows = [
        {
            "event": "programs.document_started",
            "title": document.title,
            "url": document.get_absolute_url(),
            "created_at": document.created_at.isoformat(),
        }
        for document in started
    ]
    rows += [
        {
            "event": "programs.version_published",
            "title": f"{version.document.title} {version.number}",
            "url": version.get_absolute_url(),
            "created_at": version.published_at.isoformat(),
        }
        for version in published
    ]
    return sorted(rows, key=lambda row: row["created_at"])


def anonymise_editing(person: Any) -> None:
    """Forget who started a document or published a version; the documents and versions stay,
    as public records (the audit log keeps the name it recorded, like every official act)."""
    with transaction.atomic():
        Document.objects.filter(created_by=person).update(created_by=None)
        Version.objects.filter(published_by=person).update(published_by=None)


def export_endorsements(person: Any) -> list[dict[str, Any]]:
    """The versions the person endorsed themselves, oldest first, withdrawn ones included."""
    rows = (
        Endorsement.objects.filter(person=person)
        .select_related("version__document")
        .order_by("created_at", "pk")
    )
    return [
        {
            "document": endorsement.version.document.title,
            "version": endorsement.version.number,
            "url": endorsement.version.get_absolute_url(),
            "created_at": endorsement.created_at.isoformat(),
            "withdrawn_at": (
                endorsement.withdrawn_at.isoformat() if endorsement.withdrawn_at else None
            ),
        }
        for endorsement in rows
    ]


def anonymise_endorsements(person: Any) -> None:
    """Delete the person's own endorsements; those they made for an organisation stay, as the
    organisation's, without saying who made them."""
    with transaction.atomic():
        Endorsement.objects.filter(person=person).delete()
        Endorsement.objects.filter(endorsed_by=person).update(endorsed_by=None)


def register_sources() -> None:
    """Declare the sources in the core registry (called from `ProgramsConfig.ready`)."""
    personal_data.register(
        personal_data.PersonalDataSource(
            key="programs.editing",
            label=_("Programs and charters you edited"),
            description=_("The programs and charters you started and the versions you published."),
            export=export_editing,
            anonymise=anonymise_editing,
            purpose=_("To show who published each version of a program or charter."),
            visibility=personal_data.Visibility.PARTLY_PUBLIC,
            seen_by=_(
                "Everyone sees in the public audit log who published a version. Who started a "
                "document is seen only by you."
            ),
        )
    )
    personal_data.register(
        personal_data.PersonalDataSource(
            key="programs.endorsements",
            label=_("Your endorsements of programs and charters"),
            description=_(
                "The versions of programs and charters you endorsed, and when you withdrew an "
                "endorsement."
            ),
            export=export_endorsements,
            anonymise=anonymise_endorsements,
            purpose=_("To show publicly who supports each version of a program or charter."),
            visibility=personal_data.Visibility.PUBLIC,
            seen_by=_(
                "Everyone sees your public name in the list of endorsers of a version until you "
                "withdraw your endorsement."
            ),
        )
    )
