"""Small images made with Pillow for upload tests, and files that only pretend to be images."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

CAMERA = "PnyxTestCamera"
GPS_LATITUDE = (48.0, 51.0, 24.0)


def image_bytes(image_format="PNG", size=(40, 20), color="teal", mode="RGB", exif=None):
    output = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new(mode, size, color).save(output, format=image_format, **options)
    return output.getvalue()


def upload(name="cover.png", content=None, content_type="image/png"):
    """An uploaded file as a browser sends it: a name and a type that nobody checked."""
    return SimpleUploadedFile(name, image_bytes() if content is None else content, content_type)


def camera_exif(orientation=1):
    """EXIF as a phone writes it: camera name, orientation and where the photo was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: GPS_LATITUDE,
    }
    return exif


def png_claiming(width, height):
    """A tiny PNG whose header announces width × height pixels: a decompression bomb's shape."""
    data = bytearray(image_bytes("PNG", size=(1, 1)))
    # The IHDR chunk follows the 8-byte signature: length, type, then width and height.
    struct.pack_into(">II", data, 16, width, height)
    struct.pack_into(">I", data, 29, zlib.crc32(bytes(data[12:29])))
    return bytes(data)
