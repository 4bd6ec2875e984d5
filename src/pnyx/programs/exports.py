"""Downloads of a published version: Markdown for reading and reuse, JSON with provenance, PDF to
print or file.

All are built from the frozen snapshot, so a download says exactly what the version says, and
all carry the version's SHA-256 so anyone can check it against the page.
"""

from collections.abc import Callable
from typing import Any, NoReturn

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from pnyx.programs.models import Version
from pnyx.programs.selectors import ShownSection


def version_markdown(*, version: Version, sections: list[ShownSection]) -> str:
    """The version as one Markdown file: title, summary, sections, measures and changelog."""
    content = version.content
    lines = [f"# {content.get('title', version.document.title)}", ""]
    lines += [_("Version %(number)s") % {"number": version.number}, ""]
    if content.get("summary"):
        lines += [content["summary"], ""]
    for index, section in enumerate(sections, start=1):
        lines += [f"## {index}. {section.title}", ""]
        if section.intro:
            lines += [section.intro, ""]
        for measure in section.measures:
            lines += ["### " + _("Measure %(label)s") % {"label": measure.label}, ""]
            lines += [measure.text, ""]
            if measure.sources:
                cited = ", ".join(f"#{source.pk} {source.title}" for source in measure.sources)
                lines += [_("Inspired by:") + " " + cited, ""]
    lines += ["## " + _("What changed in this version"), "", version.changelog, ""]
    lines += [_("Fingerprint of this version (SHA-256):") + f" `{version.content_hash}`", ""]
    return "\n".join(lines)


def version_json(
    *, version: Version, sections: list[ShownSection], absolute: Callable[[str], str]
) -> dict[str, Any]:
    """The version with, for every measure, the ids and addresses of the propositions it cites."""
    content = version.content
    return {
        "document": {
            "id": version.document.pk,
            "slug": version.document.slug,
            "title": version.document.title,
            "url": absolute(version.document.get_absolute_url()),
        },
        "number": version.number,
        "published_at": version.published_at.isoformat(),
        "changelog": version.changelog,
        "content_hash": version.content_hash,
        "url": absolute(version.get_absolute_url()),
        "title": content.get("title", ""),
        "summary": content.get("summary", ""),
        "sections": [
            {
                "title": section.title,
                "intro": section.intro,
                "measures": [
                    {
                        "id": measure.id,
                        "label": measure.label,
                        "text": measure.text,
                        "sources": [
                            {"id": source.pk, "url": absolute(source.get_absolute_url())}
                            for source in measure.sources
                        ],
                    }
                    for measure in section.measures
                ],
            }
            for section in sections
        ],
    }


#: How long a version's PDF stays in the cache. A version never changes, so its PDF is only
#: dropped to make room; the content hash in the key keeps a stale copy from ever being served.
PDF_KEPT_FOR = 30 * 24 * 60 * 60


class AddressRefused(Exception):
    """WeasyPrint asked for an address: a PDF export is built offline, so none is fetched."""


def refuse_address(url: str) -> NoReturn:
    raise AddressRefused(f"A PDF export fetches nothing, not even {url[:200]!r}.")


def offline_url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses every address (images, stylesheets, fonts).

    Markdown is sanitised without images before it gets here; this is the second line of
    defence, so that no text written by a person can make the server open a connection.
    """
    from weasyprint.urls import URLFetcher  # imported here: loading WeasyPrint takes seconds

    class OfflineURLFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> NoReturn:
            refuse_address(url)

    return OfflineURLFetcher()


def html_to_pdf(html: str) -> bytes:
    """Lay out an HTML document with its inline stylesheet as PDF, without touching the network."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, url_fetcher=offline_url_fetcher()).write_pdf()
    return pdf


def version_pdf_cache_key(*, version: Version, language: str) -> str:
    return f"programs:version-pdf:{version.content_hash}:{version.pk}:{language}"


def version_pdf(
    *, version: Version, sections: list[ShownSection], absolute: Callable[[str], str]
) -> bytes:
    """The version as a PDF to print or file, labelled in the active language."""
    context = {
        "document": version.document,
        "version": version,
        "sections": sections,
        "url": absolute(version.get_absolute_url()),
        "origin": absolute("/").removesuffix("/"),
    }
    return html_to_pdf(render_to_string("programs/version_pdf.html", context))
