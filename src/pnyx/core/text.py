"""Rich text: Markdown written by people, rendered to HTML that is safe to show to others.

Every rich-text field goes through `render_markdown`. Raw HTML in the source is escaped by the
Markdown parser, and the output is sanitised again with an allowlist (nh3), so neither a script nor
an event handler nor a `javascript:` link can reach a page.
"""

import html
from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


#: Rendered texts kept in memory per process. Rendering costs about 50 µs for a short comment
#: and a page may show dozens; the output depends on the source alone, and texts are capped at
#: 20,000 characters, so a full cache stays within a few megabytes.
RENDERED_TEXTS_KEPT = 1024


@lru_cache(maxsize=RENDERED_TEXTS_KEPT)
def render_markdown(source: str) -> SafeString:
    """Render Markdown to sanitised HTML; headings start at level 2 so the page keeps its one h1."""
    html = _parser.render(source or "")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 with an allowlist just above


def plain_text(source: str, limit: int = 300) -> str:
    """A short plain-text excerpt of Markdown (not HTML-escaped), for summaries and search."""
    # nh3 returns markup-safe text (`&amp;`); unescape it, as templates escape it again on output.
    text = html.unescape(nh3.clean(_parser.render(source or ""), tags=set()))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
