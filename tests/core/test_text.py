import pytest
from django.template import Context, Template

from pnyx.core.text import plain_text, render_markdown
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_survives_markdown_rendering(payload):
    html = render_markdown(f"Intro\n\n{payload}\n\n**bold** {payload}")

    assert dangerous_fragments(html) == []


def test_markdown_keeps_ordinary_formatting():
    html = render_markdown(
        "# Title\n\nSome *emphasis*, a [link](https://pnyx.example) and a list:\n\n- one\n- two"
    )

    assert "<h2>Title</h2>" in html
    assert "<em>emphasis</em>" in html
    assert '<a href="https://pnyx.example" rel="nofollow noopener noreferrer ugc">link</a>' in html
    assert "<li>one</li>" in html


def test_raw_html_is_shown_as_text_not_markup():
    html = render_markdown("<b>bold?</b>")

    assert "&lt;b&gt;bold?&lt;/b&gt;" in html


def test_plain_text_strips_markup_and_shortens():
    text = plain_text("**Open** data & *budgets* " + "word " * 100, limit=40)

    assert text.startswith("Open data & budgets word")
    assert len(text) == 40
    assert text.endswith("…")


def test_plain_text_keeps_typed_angle_brackets_as_text_for_templates_to_escape():
    text = plain_text("Say <script>x</script> & go")

    assert text == "Say <script>x</script> & go"
    assert dangerous_fragments(Template("{{ text }}").render(Context({"text": text}))) == []


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<p><img src=x onerror=alert(1)></p>", ["img[onerror]"]),
        ('<a href=" JavaScript:alert(1)">x</a>', ["a[href= JavaScript:alert(1)]"]),
        ("<script>alert(1)</script>", ["<script>"]),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", []),
    ],
)
def test_the_xss_detector_tells_live_markup_from_escaped_text(html, found):
    assert dangerous_fragments(html) == found
