"""A consultation's cover image: uploading, refusing bad files, cleaning, replacing, removing,
who may do it, where it shows (page, listing, API) and where a draft's image does not."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from PIL import ExifTags, Image

from pnyx.participation.models import Process, ProcessStatus
from pnyx.participation.services.processes import ProcessDetails, process_update
from tests.core.image_files import (
    CAMERA,
    camera_exif,
    image_bytes,
    png_claiming,
    upload,
)
from tests.participation.factories import ProcessFactory, UserFactory, add_organiser
from tests.participation.test_processes_manage import VALID, manage_url
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db

ALT = "Citizens voting by a show of hands in a town hall"
STORED_NAME = re.compile(r"^process-covers/[A-Za-z0-9_-]{32}\.(jpg|png|webp)$")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root):
    return sorted(
        p.relative_to(media_root).as_posix() for p in media_root.rglob("*") if p.is_file()
    )


@pytest.fixture
def organiser_and_process():
    process = ProcessFactory(title="Open budget")
    return add_organiser(process), process


def save_details(client, process, **changes):
    """Post the management page's details form, as an organiser does, with `changes` on top."""
    data = {f"details-{name}": value for name, value in {**VALID, **changes}.items()}
    return client.post(manage_url(process), data)


def test_an_uploaded_cover_shows_with_its_description_on_the_page_and_in_the_listing(
    client, organiser_and_process, media_root
):
    organiser, process = organiser_and_process
    client.force_login(organiser)

    response = save_details(
        client, process, cover_image=upload("town-hall.png"), cover_image_alt=ALT
    )

    process.refresh_from_db()
    assert response.status_code == 302
    assert STORED_NAME.match(process.cover_image.name)
    assert (process.cover_image_alt, process.cover_image_width, process.cover_image_height) == (
        ALT,
        40,
        20,
    )
    client.logout()
    page = client.get(process.get_absolute_url()).content.decode()
    listing = client.get("/processes/").content.decode()
    url = f"/media/{process.cover_image.name}"
    assert f'src="{url}"' in page
    assert f'alt="{ALT}"' in page
    assert 'width="40" height="20"' in page
    assert 'loading="lazy"' not in page
    card = re.search(rf'<img class="process-cover"\s+src="{url}"[^>]*>', listing)
    assert card is not None
    assert f'alt="{ALT}"' in card.group(0)
    assert 'loading="lazy"' in card.group(0)
    assert stored_files(media_root) == [process.cover_image.name]


def test_a_cover_can_be_given_when_the_consultation_is_created(client, media_root):
    organisation = ProcessFactory().organisation
    organiser = add_organiser(ProcessFactory(organisation=organisation))
    client.force_login(organiser)

    response = client.post(
        "/processes/new/",
        {
            **VALID,
            "organisation": organisation.slug,
            "cover_image": upload("photo.webp", image_bytes("WEBP"), "image/webp"),
            "cover_image_alt": ALT,
        },
    )

    created = Process.objects.get(title=VALID["title"])
    assert response.status_code == 302
    assert STORED_NAME.match(created.cover_image.name)
    assert created.cover_image.name.endswith(".webp")
    assert stored_files(media_root) == [created.cover_image.name]


def test_the_stored_name_is_random_whatever_the_uploaded_name(client, organiser_and_process):
    organiser, process = organiser_and_process
    client.force_login(organiser)
    names = []

    for uploaded_name in ("../../settings.py", "cover.png"):
        save_details(client, process, cover_image=upload(uploaded_name), cover_image_alt=ALT)
        process.refresh_from_db()
        names.append(process.cover_image.name)

    assert all(STORED_NAME.match(name) for name in names)
    assert names[0] != names[1]
    assert not any("settings" in name or "cover" in name.split("/")[-1] for name in names)


@pytest.mark.parametrize(
    ("uploaded", "message"),
    [
        (
            upload("cover.png", b"Just some text, renamed to look like a picture.\n"),
            "This file is not a JPEG, PNG or WebP image, or it is damaged.",
        ),
        (
            upload("cover.png", image_bytes("GIF"), "image/png"),
            "This file is not a JPEG, PNG or WebP image, or it is damaged.",
        ),
        (
            upload("cover.png", image_bytes("PNG")[:60]),
            "This file is not a JPEG, PNG or WebP image, or it is damaged.",
        ),
        (
            upload("cover.jpg", b"\xff\xd8" + b"0" * (6 * 1024 * 1024), "image/jpeg"),
            "This file is 6.0\xa0MB; choose an image of at most 5.0\xa0MB.",
        ),
        (
            upload("cover.png", png_claiming(10_000, 5_000)),
            "This image has too many pixels: choose one of at most 40 million pixels",
        ),
        (
            # Past Pillow's own warning threshold (89 million pixels)...
            upload("cover.png", png_claiming(10_000, 10_000)),
            "This image has too many pixels: choose one of at most 40 million pixels",
        ),
        (
            # ...and past twice that, where Pillow refuses to open it.
            upload("cover.png", png_claiming(20_000, 20_000)),
            "This image has too many pixels: choose one of at most 40 million pixels",
        ),
    ],
    ids=["text-renamed-png", "gif", "truncated", "too-large", "40-mpx", "bomb-warning", "bomb"],
)
def test_a_bad_file_is_refused_with_400_and_its_reason_and_nothing_changes(
    client, organiser_and_process, media_root, uploaded, message
):
    organiser, process = organiser_and_process
    client.force_login(organiser)

    response = save_details(
        client, process, cover_image=uploaded, cover_image_alt=ALT, title="Renamed"
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    process.refresh_from_db()
    assert (process.title, process.cover_image.name) == ("Open budget", "")
    assert stored_files(media_root) == []


def test_an_image_needs_its_description(client, organiser_and_process, media_root):
    organiser, process = organiser_and_process
    client.force_login(organiser)

    response = save_details(client, process, cover_image=upload(), cover_image_alt="  ")

    assert response.status_code == 400
    assert "Describe the image in a few words for people who cannot see it." in (
        response.content.decode()
    )
    assert stored_files(media_root) == []


def test_a_good_image_is_not_stored_when_another_field_is_refused(
    client, organiser_and_process, media_root
):
    organiser, process = organiser_and_process
    client.force_login(organiser)

    response = save_details(client, process, cover_image=upload(), cover_image_alt=ALT, title="")

    assert response.status_code == 400
    assert stored_files(media_root) == []


def test_exif_and_gps_are_removed_and_the_photo_is_turned_upright(
    client, organiser_and_process, media_root
):
    organiser, process = organiser_and_process
    photo = image_bytes("JPEG", size=(40, 20), exif=camera_exif(orientation=6))
    assert CAMERA.encode() in photo
    client.force_login(organiser)

    save_details(
        client,
        process,
        cover_image=upload("IMG_0001.jpg", photo, "image/jpeg"),
        cover_image_alt=ALT,
    )

    process.refresh_from_db()
    stored = (media_root / process.cover_image.name).read_bytes()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert CAMERA.encode() not in stored
    assert b"Exif" not in stored
    # Orientation 6 means "turn 90° clockwise to view": the stored pixels already are.
    assert image.size == (20, 40)
    assert (process.cover_image_width, process.cover_image_height) == (20, 40)


def test_a_large_photo_is_stored_at_most_1600_pixels_a_side(client, organiser_and_process):
    organiser, process = organiser_and_process
    client.force_login(organiser)

    save_details(
        client,
        process,
        cover_image=upload("wide.jpg", image_bytes("JPEG", size=(4000, 1000)), "image/jpeg"),
        cover_image_alt=ALT,
    )

    process.refresh_from_db()
    assert (process.cover_image_width, process.cover_image_height) == (1600, 400)


def test_transparency_survives_in_png(client, organiser_and_process, media_root):
    organiser, process = organiser_and_process
    client.force_login(organiser)
    logo = image_bytes("PNG", mode="RGBA", color=(0, 128, 128, 0))

    save_details(client, process, cover_image=upload("logo.png", logo), cover_image_alt=ALT)

    process.refresh_from_db()
    stored = Image.open(media_root / process.cover_image.name)
    assert (stored.format, stored.mode, stored.getpixel((0, 0))) == (
        "PNG",
        "RGBA",
        (0, 128, 128, 0),
    )


def test_replacing_the_cover_deletes_the_old_file_once_committed(
    client, organiser_and_process, media_root, django_capture_on_commit_callbacks
):
    organiser, process = organiser_and_process
    client.force_login(organiser)
    save_details(client, process, cover_image=upload(), cover_image_alt=ALT)
    process.refresh_from_db()
    old_name = process.cover_image.name

    with django_capture_on_commit_callbacks(execute=True):
        response = save_details(
            client,
            process,
            cover_image=upload("new.jpg", image_bytes("JPEG"), "image/jpeg"),
            cover_image_alt="A new photo",
        )

    process.refresh_from_db()
    assert response.status_code == 302
    assert process.cover_image.name != old_name
    assert process.cover_image_alt == "A new photo"
    assert stored_files(media_root) == [process.cover_image.name]


def test_saving_other_details_keeps_the_cover(
    client, organiser_and_process, media_root, django_capture_on_commit_callbacks
):
    organiser, process = organiser_and_process
    client.force_login(organiser)
    save_details(client, process, cover_image=upload(), cover_image_alt=ALT)
    process.refresh_from_db()
    name = process.cover_image.name

    with django_capture_on_commit_callbacks(execute=True):
        response = save_details(client, process, title="Renamed", cover_image_alt=ALT)

    process.refresh_from_db()
    assert response.status_code == 302
    assert (process.title, process.cover_image.name) == ("Renamed", name)
    assert stored_files(media_root) == [name]


def test_removing_the_cover_deletes_its_file_and_description(
    client, organiser_and_process, media_root, django_capture_on_commit_callbacks
):
    organiser, process = organiser_and_process
    client.force_login(organiser)
    save_details(client, process, cover_image=upload(), cover_image_alt=ALT)
    manage_page = client.get(manage_url(process)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = save_details(client, process, cover_image_remove="on", cover_image_alt=ALT)

    process.refresh_from_db()
    assert 'name="details-cover_image_remove"' in manage_page
    assert response.status_code == 302
    assert (process.cover_image.name, process.cover_image_alt) == ("", "")
    assert process.cover_image_width is None
    assert stored_files(media_root) == []
    assert "process-cover" not in client.get(process.get_absolute_url()).content.decode()


def test_without_a_cover_there_is_no_remove_box(client, organiser_and_process):
    organiser, process = organiser_and_process
    client.force_login(organiser)

    page = client.get(manage_url(process)).content.decode()

    assert 'name="details-cover_image"' in page
    assert 'enctype="multipart/form-data"' in page
    assert "cover_image_remove" not in page


def test_people_who_may_not_edit_cannot_set_or_remove_the_cover(
    client, organiser_and_process, media_root
):
    organiser, process = organiser_and_process
    client.force_login(organiser)
    save_details(client, process, cover_image=upload(), cover_image_alt=ALT)
    process.refresh_from_db()
    name = process.cover_image.name
    draft = ProcessFactory(status=ProcessStatus.DRAFT, published_at=None)
    client.force_login(UserFactory())

    replace = save_details(client, process, cover_image=upload(), cover_image_alt="Mine")
    remove = save_details(client, process, cover_image_remove="on")
    on_draft = save_details(client, draft, cover_image=upload(), cover_image_alt="Mine")
    client.logout()
    anonymous = save_details(client, process, cover_image_remove="on")

    assert (replace.status_code, remove.status_code, on_draft.status_code) == (403, 403, 404)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    process.refresh_from_db()
    assert (process.cover_image.name, process.cover_image_alt) == (name, ALT)
    assert stored_files(media_root) == [name]


def test_the_service_refuses_a_non_editor_before_touching_the_file(
    organiser_and_process, media_root
):
    _organiser, process = organiser_and_process

    with pytest.raises(PermissionDenied):
        process_update(
            actor=UserFactory(),
            process=process,
            details=ProcessDetails(
                title="Taken", summary="s", cover_image=upload(), cover_image_alt="Mine"
            ),
        )

    assert stored_files(media_root) == []


def test_a_failed_save_deletes_the_new_file_and_keeps_the_old_one(
    organiser_and_process, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    organiser, process = organiser_and_process
    details = ProcessDetails(
        title="Open budget", summary="s", cover_image=upload(), cover_image_alt=ALT
    )
    process_update(actor=organiser, process=process, details=details)
    process.refresh_from_db()
    old_name = process.cover_image.name

    def broken_index(*args, **kwargs):
        raise RuntimeError("search index unavailable")

    monkeypatch.setattr("pnyx.core.search.index_object", broken_index)
    details.cover_image = upload("other.png")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        process_update(actor=organiser, process=process, details=details)

    process.refresh_from_db()
    assert process.cover_image.name == old_name
    assert stored_files(media_root) == [old_name]


def test_a_drafts_cover_is_not_shown_to_visitors(client, media_root):
    draft = ProcessFactory(status=ProcessStatus.DRAFT, published_at=None, title="Secret plan")
    organiser = add_organiser(draft)
    client.force_login(organiser)
    save_details(client, draft, title="Secret plan", cover_image=upload(), cover_image_alt=ALT)
    draft.refresh_from_db()
    client.logout()

    listing = client.get("/processes/").content.decode()
    api = client.get("/api/v1/processes").content.decode()

    assert draft.cover_image.name
    assert draft.cover_image.name not in listing
    assert draft.cover_image.name not in api
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_api_gives_the_cover_url_and_description_or_null(client, organiser_and_process):
    organiser, process = organiser_and_process
    bare = ProcessFactory()
    client.force_login(organiser)
    save_details(client, process, cover_image=upload(), cover_image_alt=ALT)
    process.refresh_from_db()
    client.logout()

    detail = client.get(f"/api/v1/processes/{process.pk}").json()
    items = {item["id"]: item for item in client.get("/api/v1/processes").json()["items"]}

    expected_url = f"http://testserver/media/{process.cover_image.name}"
    assert (detail["cover_image_url"], detail["cover_image_alt"]) == (expected_url, ALT)
    assert items[process.pk]["cover_image_url"] == expected_url
    assert (items[bare.pk]["cover_image_url"], items[bare.pk]["cover_image_alt"]) == (None, None)
    assert client.get(detail["cover_image_url"]).status_code == 200


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_the_description_are_escaped(client, payload):
    process = ProcessFactory(
        cover_image="process-covers/abc.png", cover_image_alt="Hands", cover_image_width=4
    )
    client.force_login(add_organiser(process))

    def pages(alt):
        Process.objects.filter(pk=process.pk).update(cover_image_alt=alt)
        return [
            dangerous_fragments(client.get(path).content.decode())
            for path in ("/processes/", process.get_absolute_url(), manage_url(process))
        ]

    assert pages(payload[:250]) == pages("A harmless description")
