"""Page parts: an app adds its part to a place on another app's page, unknown to that page."""

import pytest
from django.template import Context, Engine
from django.test import RequestFactory

from pnyx.core import page_parts

PLACE = "tests.example.place"


@pytest.fixture
def place():
    yield PLACE
    page_parts._PARTS.pop(PLACE, None)


def render(target, parts=None, **context):
    """The place rendered on a page, by an engine that holds the parts' templates."""
    engine = Engine(
        loaders=[("django.template.loaders.locmem.Loader", parts or {})],
        libraries={"pnyx": "pnyx.core.templatetags.pnyx"},
    )
    page = engine.from_string('{% load pnyx %}[{% page_parts "tests.example.place" target %}]')
    return page.render(Context({"target": target, **context}))


def test_a_place_nobody_registered_for_renders_nothing(place):
    assert render("river") == "[]"


def test_parts_render_in_their_order_each_with_its_own_context(place):
    templates = {
        "first.html": "<b>{{ name }}</b>",
        "second.html": "<i>{{ name }}|{{ csrf_token }}|{{ page_only }}</i>",
    }
    page_parts.register(
        place, template="second.html", context=lambda page, target: {"name": target}, order=200
    )
    page_parts.register(
        place, template="first.html", context=lambda page, target: {"name": target.upper()}
    )

    html = render("<river>", templates, csrf_token="tok", page_only="hidden")

    assert html == "[<b>&lt;RIVER&gt;</b><i>&lt;river&gt;|tok|</i>]"


def test_registering_a_template_again_replaces_it(place):
    page_parts.register(place, template="part.html", context=lambda page, target: {"n": 1})
    page_parts.register(place, template="part.html", context=lambda page, target: {"n": 2})

    assert render(None, {"part.html": "{{ n }}"}) == "[2]"


def test_the_part_sees_the_request_of_the_page(place):
    page_parts.register(
        place,
        template="part.html",
        context=lambda page, target: {"path": page["request"].path},
    )

    request = RequestFactory().get("/somewhere/")
    assert render(None, {"part.html": "{{ path }}"}, request=request) == "[/somewhere/]"
