"""What the organisations app adds to the open-data export: the directory of organisations, and
its order (`orgs.directory`) recomputed from the exported names by `algorithms.order_directory`.

Every organisation is public. Who registered it and who its members are stay out: people are
not listed in bulk.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import Topic
from pnyx.core.opendata import (
    Dataset,
    ExportContext,
    ExportedPackage,
    Field,
    OutputItem,
    OutputRun,
    RecomputableOutput,
    register_dataset,
    register_output,
)
from pnyx.orgs.algorithms import DIRECTORY_CARD, DirectoryEntry, order_directory
from pnyx.orgs.models import Organisation
from pnyx.orgs.selectors import organisation_list

SCOPE = "directory"


def organisation_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    organisations = Organisation.objects.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("slug").only("slug"))
    ).order_by("pk")
    for organisation in organisations.iterator(chunk_size=2000):
        yield {
            "id": organisation.pk,
            "slug": organisation.slug,
            "name": organisation.name,
            "kind": organisation.kind,
            "country": str(organisation.country),
            "website": organisation.website,
            "description": organisation.description,
            "topics": [topic.slug for topic in organisation.topics.all()],
            "created_at": organisation.created_at,
        }


ORGANISATIONS = Dataset(
    name="organisations",
    title=_("Organisations"),
    description=_(
        "Every organisation registered on the site: NGOs, public services, schools, "
        "universities, parties and governments."
    ),
    fields=(
        Field("id", "integer", _("The organisation's id."), required=True),
        Field("slug", "string", _("Its address name: /organisations/<slug>/."), required=True),
        Field("name", "string", _("Its name."), required=True),
        Field("kind", "string", _("What kind of organisation it is.")),
        Field("country", "string", _("Its country code; empty when international.")),
        Field("website", "string", _("Its website.")),
        Field("description", "string", _("Its description, in Markdown.")),
        Field("topics", "array", _("Topic names (slugs).")),
        Field("created_at", "datetime", _("When it registered."), required=True),
    ),
    rows=organisation_rows,
    primary_key=("id",),
)


def directory_runs(context: ExportContext) -> Iterator[OutputRun]:
    """The directory's order without a search, as the database sorts it for the page."""
    ids = organisation_list().values_list("pk", flat=True)
    items = (
        OutputItem(item=str(pk), position=position)
        for position, pk in enumerate(ids.iterator(chunk_size=2000), start=1)
    )
    yield OutputRun(scope=SCOPE, parameters={"searching": False}, items=items)


def directory_recompute(
    package: ExportedPackage, scope: str, parameters: Mapping[str, Any]
) -> list[OutputItem]:
    entries = [
        DirectoryEntry(id=row["id"], name=row["name"]) for row in package.rows(ORGANISATIONS.name)
    ]
    ordered = order_directory(entries, searching=bool(parameters.get("searching")))
    return [
        OutputItem(item=str(entry.id), position=position)
        for position, entry in enumerate(ordered, start=1)
    ]


DIRECTORY = RecomputableOutput(
    name=DIRECTORY_CARD.id,
    card=DIRECTORY_CARD,
    item_kind=_("An organisation id"),
    published=directory_runs,
    recompute=directory_recompute,
    reads=(ORGANISATIONS.name,),
)


def register() -> None:
    register_dataset(ORGANISATIONS)
    register_output(DIRECTORY)
