"""Evidence files of engagement entries: recognised from their bytes, kept under random names.

An upload is trusted for nothing, not its name nor its declared type. A PDF must start and end
as one and carry no script, launch action or embedded file; an image must decode as JPEG, PNG or
WebP and is encoded again from its pixels (`pnyx.core.images.clean_image`), which leaves its
metadata (camera, GPS position) behind. Files are stored without an extension under a random
name: the public media route serves only names with an image extension, so evidence is reached
only through the page that checks who asks.
"""

import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import Storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from pnyx.core import images

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
#: Content types of evidence files, by the kind recognised from their first bytes.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)(?![A-Za-z])")


@dataclass(frozen=True)
class CleanEvidence:
    """An evidence file ready to store: its bytes and its kind (pdf, jpg, png or webp)."""

    content: bytes
    kind: str


def _not_accepted() -> ValidationError:
    return ValidationError(
        _("This file is not a PDF, PNG, JPEG or WebP file, or it is damaged. Choose another one."),
        code="not_accepted",
    )


def _clean_pdf(content: bytes) -> CleanEvidence:
    if len(content) > MAX_EVIDENCE_BYTES or b"%%EOF" not in content[-2048:]:
        raise _not_accepted()
    if _PDF_ACTIVE.search(content):
        raise ValidationError(
            _(
                "This PDF holds a script, an action or an attached file, which cannot be kept. "
                "Print it again as a plain PDF."
            ),
            code="active_pdf",
        )
    return CleanEvidence(content=content, kind="pdf")


def clean_evidence(upload: File) -> CleanEvidence:
    """Check an uploaded evidence file; returns what to store.

    Raises ValidationError (code `too_large`, `not_accepted`, `active_pdf`, or one of
    `clean_image`'s) with a message for the person."""
    size = upload.size or 0
    if size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("This file is %(size)s; choose a file of at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_EVIDENCE_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    if head.startswith(b"%PDF-"):
        upload.seek(0)
        return _clean_pdf(upload.read(MAX_EVIDENCE_BYTES + 1))
    try:
        image = images.clean_image(upload)
    except ValidationError as error:
        if error.code == "not_an_image":
            raise _not_accepted() from error
        raise
    return CleanEvidence(content=image.content, kind=image.extension)


def evidence_file_name() -> str:
    """A new random name, without an extension (see the module's note)."""
    return secrets.token_hex(20)


def evidence_kind(storage: Storage, name: str) -> str:
    """The kind of a stored evidence file (pdf, jpg, png, webp), from its first bytes."""
    with storage.open(name, "rb") as stored:
        head = stored.read(16)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return "jpg"
