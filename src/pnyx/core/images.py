"""Uploaded images made safe to keep and show: decoded, checked, resized and encoded again.

An upload is trusted for nothing, not even its name: it is decoded with Pillow, which must
recognise it as JPEG, PNG or WebP from its bytes. Its size in bytes is checked before reading it
and its size in pixels before decoding it, so a small file that unpacks into a huge picture (a
decompression bomb) is refused without using the memory. What is kept is a new encoding of the
pixels only: EXIF (camera, date, GPS position), XMP, ICC profiles and text chunks are all left
behind, after the EXIF orientation has been applied so the picture still stands the right way.
"""

import io
import struct
import warnings
import zlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Pixels an upload may have before decoding (40 million: e.g. 8000 × 5000).
MAX_PIXELS = 40_000_000
#: Kept images fit in a square of this side: sharp on wide and dense screens, light on phones.
MAX_SIDE = 1600
#: Pillow format name → file extension of the stored image.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
#: Content types of the stored images, by file extension.
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
_SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85},
}
# What Pillow raises on a file that is damaged or not what it claims to be.
_UNREADABLE = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error)


@dataclass(frozen=True)
class CleanImage:
    """An image encoded again from its pixels alone, ready to store under a name of our own."""

    content: bytes
    extension: str
    width: int
    height: int


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "This image has too many pixels: choose one of at most %(millions)s million pixels "
            "(for example %(width)s × %(height)s)."
        )
        % {"millions": MAX_PIXELS // 1_000_000, "width": 8000, "height": MAX_PIXELS // 8000},
        code="too_many_pixels",
    )


def _unreadable() -> ValidationError:
    return ValidationError(
        _("This file is not a JPEG, PNG or WebP image, or it is damaged. Choose another one."),
        code="not_an_image",
    )


def _pixels(image: Image.Image) -> Image.Image:
    """The image resized to fit MAX_SIDE, turned upright, as RGB (or RGBA where it has alpha)."""
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in {"RGBA", "LA", "PA"} or "transparency" in upright.info
    pixels = upright.convert("RGBA" if has_alpha and image.format != "JPEG" else "RGB")
    # convert() copies the metadata along, and some encoders would write it back.
    pixels.info = {}
    return pixels


def _decode(upload: File) -> tuple[str, Image.Image]:
    """The upload's format and its pixels (see `_pixels`), or a ValidationError."""
    upload.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that; either way it is refused.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=list(EXTENSIONS))
            if image.width * image.height > MAX_PIXELS:
                raise _too_many_pixels()
            return str(image.format), _pixels(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels() from error
        except _UNREADABLE as error:
            raise _unreadable() from error


def clean_image(upload: File) -> CleanImage:
    """Check an uploaded image and encode it again, in its own format, without any metadata.

    Raises ValidationError (code `too_large`, `not_an_image` or `too_many_pixels`) with a message
    for the person when the file is over MAX_UPLOAD_BYTES, is not a readable JPEG, PNG or WebP
    image, or has more than MAX_PIXELS pixels.
    """
    size = upload.size or 0
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This file is %(size)s; choose an image of at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    image_format, pixels = _decode(upload)
    output = io.BytesIO()
    pixels.save(output, format=image_format, **_SAVE_OPTIONS[image_format])
    return CleanImage(
        content=output.getvalue(),
        extension=EXTENSIONS[image_format],
        width=pixels.width,
        height=pixels.height,
    )
