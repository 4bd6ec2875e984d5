"""Downloads of a published version: Markdown for reading and reuse, JSON with provenance.

Both are built from the frozen snapshot, so a download says exactly what the version says, and
both carry the version's SHA-256 so anyone can check it against the page.
"""

from collections.abc import Callable
from typing import Any

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
