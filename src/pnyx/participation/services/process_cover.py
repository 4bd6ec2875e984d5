"""A consultation's cover image, for the services that create and edit consultations.

The image is checked and cleaned (`pnyx.core.images`) before anything is written. Its file goes
to storage only inside the save that names it and is deleted again when that save fails; the
file it replaces, or the one removed, is deleted once the change is committed, so that neither
a refused change nor a rolled-back one leaves a page pointing at a missing file.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from pnyx.core.images import CleanImage, clean_image
from pnyx.participation.models import Process


@dataclass(frozen=True)
class CoverChange:
    """What happens to the cover image: a new image to store, its removal, or nothing."""

    new: CleanImage | None = None
    remove: bool = False


def cover_change_check(
    *, process: Process, upload: File | None, alt: str, remove: bool
) -> tuple[CoverChange, dict[str, list[str]]]:
    """The change asked for on the process as stored, and the problems found, by field.

    A new image replaces the current one whether or not `remove` is also asked. An image, new or
    kept, needs its description (`alt`) for people who cannot see it.
    """
    errors: dict[str, list[str]] = {}
    new = None
    if upload is not None:
        try:
            new = clean_image(upload)
        except ValidationError as error:
            errors["cover_image"] = error.messages
    keeps_current = bool(process.cover_image) and not remove
    if (upload is not None or keeps_current) and not alt.strip():
        errors["cover_image_alt"] = [
            _("Describe the image in a few words for people who cannot see it.")
        ]
    return CoverChange(new=new, remove=remove and upload is None), errors


@contextmanager
def cover_applied(process: Process, change: CoverChange) -> Iterator[None]:
    """Put the change on the unsaved process for the save made inside the `with` block.

    Use it inside the transaction: the new file is written first and deleted if the block
    raises; the file that is no longer used is deleted after the transaction commits. Without an
    image, the description is emptied too.
    """
    storage = process.cover_image.storage
    old_name = process.cover_image.name or ""
    if change.new is not None:
        name = f"cover.{change.new.extension}"
        process.cover_image.save(name, ContentFile(change.new.content), save=False)
        process.cover_image_width = change.new.width
        process.cover_image_height = change.new.height
    elif change.remove:
        process.cover_image = None
        process.cover_image_width = process.cover_image_height = None
    if not process.cover_image:
        process.cover_image_alt = ""
    new_name = process.cover_image.name if change.new is not None else ""
    try:
        yield
    except BaseException:
        if new_name:
            storage.delete(new_name)
        raise
    if old_name and old_name != (process.cover_image.name or ""):
        transaction.on_commit(partial(storage.delete, old_name))
