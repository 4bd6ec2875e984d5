"""`pnyx.core.images.clean_image`: what is kept of an upload, format by format."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from pnyx.core.images import MAX_PIXELS, clean_image
from tests.core.image_files import image_bytes, png_claiming, upload


def reopened(clean):
    return Image.open(io.BytesIO(clean.content))


@pytest.mark.parametrize(
    ("image_format", "mode", "color", "kept_mode", "extension"),
    [
        ("JPEG", "CMYK", (0, 255, 255, 0), "RGB", "jpg"),
        ("PNG", "P", 3, "RGB", "png"),
        ("PNG", "LA", (10, 0), "RGBA", "png"),
        ("WEBP", "RGBA", (0, 128, 128, 64), "RGBA", "webp"),
    ],
)
def test_each_format_is_kept_in_a_mode_browsers_show(
    image_format, mode, color, kept_mode, extension
):
    content = image_bytes(image_format, size=(30, 10), mode=mode, color=color)

    clean = clean_image(upload("anything.bin", content, "application/octet-stream"))

    image = reopened(clean)
    assert (image.format, image.mode, image.size) == (image_format, kept_mode, (30, 10))
    assert (clean.extension, clean.width, clean.height) == (extension, 30, 10)


def test_the_pixel_limit_is_checked_before_decoding():
    exactly = 8000 * (MAX_PIXELS // 8000)

    with pytest.raises(ValidationError) as refused:
        clean_image(upload(content=png_claiming(8000, MAX_PIXELS // 8000 + 1)))

    assert refused.value.code == "too_many_pixels"
    assert exactly == MAX_PIXELS


def test_an_empty_upload_is_not_an_image():
    with pytest.raises(ValidationError) as refused:
        clean_image(upload(content=b""))

    assert refused.value.code == "not_an_image"
