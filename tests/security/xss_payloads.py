"""Payloads that try to run script or load content; every text field and parameter must defuse them.

Drawn from the classes reported against civic platforms (stored XSS in titles, names and filter
parameters) and the usual filter-evasion shapes. `dangerous_fragments(html)` lists any live tag or
attribute left in rendered output that could run script.
"""

import re
from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object>',
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<form action="https://evil.example"><button>go</button></form>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "{{ 7*7 }}{% debug %}",
    "\u202e<script>alert(1)</script>",
]

_DANGEROUS_TAGS = {
    "script", "iframe", "object", "embed", "svg", "math", "base", "meta", "form", "style", "body",
    "details", "link", "frame", "frameset", "applet",
}  # fmt: skip
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
_BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            cleaned = re.sub(r"\s", "", value or "").lower()
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            elif name in _URL_ATTRIBUTES and cleaned.startswith(_BAD_SCHEMES):
                self.found.append(f"{tag}[{name}={value}]")


def dangerous_fragments(html: str) -> list[str]:
    """The live tags and attributes in rendered HTML that could run script (empty when safe).

    Text that merely looks like markup (escaped as `&lt;script&gt;`) is inert and not reported.
    """
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.found
