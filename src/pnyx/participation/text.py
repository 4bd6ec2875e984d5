"""Markdown rendered once per text, not once per page view.

`core.text.render_markdown` parses the Markdown and sanitises the HTML on every call: about
50 µs for a short comment, a millisecond for a page of them. Its output depends on the source
only, so the rendered HTML of recent texts is kept in memory, keyed by the source itself (an
edited text is a new key; the old one falls out of the cache).
"""

from functools import lru_cache

from django.utils.safestring import SafeString

from pnyx.core.text import render_markdown

#: At most this many texts per process: comments are limited to 5,000 characters, propositions
#: to 10,000, so the cache stays within a few megabytes even when full of the longest ones.
CACHED_TEXTS = 512


@lru_cache(maxsize=CACHED_TEXTS)
def markdown_html(source: str) -> SafeString:
    """`render_markdown(source)`, from memory when the same text was rendered recently."""
    return render_markdown(source)
