"""The open-data page and its downloads: the whole package as a ZIP, or any one of its files."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from pnyx.core import opendata
from pnyx.transparency.open_data import archive

#: Downloads may be kept by caches for a while: the package changes once per rebuild.
DOWNLOAD_MAX_AGE = 5 * 60


@require_safe
def open_data_page(request: HttpRequest) -> HttpResponse:
    """Every dataset with its fields and licence, the outputs anyone can recompute, and the
    download links of the package on offer (if one is built yet)."""
    package = archive.current()
    sizes = {item.name: item for item in package.files} if package else {}
    tables = [
        {
            "dataset": dataset,
            "csv": sizes.get(f"{dataset.name}.csv"),
            "json": sizes.get(f"{dataset.name}.json"),
        }
        for dataset in opendata.all_tables()
    ]
    context = {
        "package": package,
        "descriptor": sizes.get(opendata.DESCRIPTOR),
        "tables": tables,
        "outputs": list(opendata.outputs()),
        "rebuild_hours": int(archive.REBUILD_EVERY.total_seconds() // 3600),
    }
    return render(request, "transparency/open_data.html", context)


def _download(path: str, filename: str, sha256: str) -> FileResponse:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["X-Content-SHA256"] = sha256
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=DOWNLOAD_MAX_AGE)
    return response


@require_safe
def open_data_archive(request: HttpRequest) -> FileResponse:
    """The whole package as one ZIP; 404 while none is built."""
    package = archive.current()
    if package is None:
        raise Http404
    return _download(str(package.archive), archive.ARCHIVE_NAME, package.archive_sha256)


@require_safe
def open_data_file(request: HttpRequest, name: str) -> FileResponse:
    """One file of the package, by its listed name only (nothing else on disk is reachable)."""
    package = archive.current()
    path = package.file(name) if package else None
    if package is None or path is None:
        raise Http404
    listed = next(item for item in package.files if item.name == name)
    return _download(str(path), name, listed.sha256)
