"""Uploaded images served by Pnyx itself (`/media/`): only image files inside MEDIA_ROOT, with
their own content type, `nosniff` and cache headers; nothing outside, whatever the spelling."""

import pytest

from tests.core.image_files import image_bytes

pytestmark = pytest.mark.django_db

NAME = "process-covers/Zx1_-random0123456789abcdefghijk.png"


@pytest.fixture
def media_root(settings, tmp_path):
    """MEDIA_ROOT holding one image, beside a secret file and a page one level up."""
    root = tmp_path / "media"
    (root / "process-covers").mkdir(parents=True)
    (root / NAME).write_bytes(image_bytes("PNG"))
    (root / "process-covers" / "page.html").write_text("<script>alert(1)</script>")
    (root / "process-covers" / "page.png.html").write_text("<script>alert(1)</script>")
    (tmp_path / "settings.py").write_text("SECRET_KEY = 'do-not-serve'")
    (tmp_path / "outside.png").write_bytes(image_bytes("PNG"))
    settings.MEDIA_ROOT = root
    return root


def test_an_image_is_served_with_its_type_nosniff_and_cache_headers(client, media_root):
    response = client.get(f"/media/{NAME}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (media_root / NAME).read_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert "Last-Modified" in response


def test_an_unchanged_image_answers_304(client, media_root):
    first = client.get(f"/media/{NAME}")

    again = client.get(f"/media/{NAME}", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/media/../settings.py",
        "/media/../outside.png",
        "/media/process-covers/../../outside.png",
        "/media/%2e%2e/settings.py",
        "/media/%2e%2e/outside.png",
        "/media/%2E%2E%2Foutside.png",
        "/media/..%2foutside.png",
        "/media/..%5coutside.png",
        "/media/..\\outside.png",
        "/media/%252e%252e/outside.png",
        "/media//etc/passwd",
        "/media/%2fetc%2fpasswd.png",
        "/media/process-covers/%00.png",
        "/media/process-covers/page.html",
        "/media/process-covers/page.png.html",
        "/media/process-covers/",
        "/media/",
        "/media/process-covers/missing.png",
    ],
)
def test_nothing_but_stored_images_is_served(client, media_root, path):
    response = client.get(path)

    assert response.status_code == 404
    assert b"do-not-serve" not in response.content
    assert b"<script>alert(1)</script>" not in response.content


def test_only_get_and_head_are_allowed(client, media_root):
    assert client.head(f"/media/{NAME}").status_code == 200
    assert client.post(f"/media/{NAME}").status_code == 405


def test_nothing_is_served_where_a_web_server_in_front_serves_media(client, media_root, settings):
    settings.PNYX_SERVE_MEDIA = False

    assert client.get(f"/media/{NAME}").status_code == 404


def test_the_csp_allows_images_from_the_site_itself(client):
    policy = client.get("/processes/")["Content-Security-Policy"]

    img_src = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    assert "'self'" in img_src.split()
