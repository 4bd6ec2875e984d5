"""The wiki pages: tool and practice pages, proposing and editing, history and the review queue."""

import pytest
from django.contrib.auth.models import Group

from pnyx.core.models import Topic
from pnyx.toolbox.models import Review, Revision, Tool, Usage
from pnyx.toolbox.rules import EDITORS_GROUP
from pnyx.toolbox.services import wiki
from tests.accounts.factories import AdminFactory
from tests.toolbox.factories import (
    OrganisationFactory,
    PracticeFactory,
    ToolFactory,
    UserFactory,
    make_toolbox_editor,
)

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script>'
FORM = {
    "name": "Agora Commons",
    "summary": "Participatory democracy for cities.",
    "description": "Processes and *votes*.",
    "website": "https://agora.example.org/",
    "repository": "",
    "licence": "AGPL-3.0-or-later",
    "open_source": "",
    "cost_model": "free",
    "maturity": "mature",
    "languages": ["en", "fr"],
    "topics": ["public-participation"],
    "alternatives": "",
    "comment": "",
}


def _content(html):
    return html.content.decode()


def test_a_newcomer_proposes_a_tool_an_editor_approves_it_and_its_history_shows(client):
    author = UserFactory(display_name="Ada")
    client.force_login(author)

    response = client.post("/tools/new/", FORM)

    revision = Revision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/toolbox/review/{revision.pk}/"
    waiting = client.get(response["Location"])
    assert "Your proposal is waiting for review." in _content(waiting)
    assert "Approve and publish" not in _content(waiting)

    client.force_login(make_toolbox_editor())
    queue = client.get("/toolbox/review/")
    assert "New tool: Agora Commons" in _content(queue)
    approved = client.post(f"/toolbox/review/{revision.pk}/approve/")

    assert approved["Location"] == "/tools/agora-commons/"
    page = _content(client.get("/tools/agora-commons/"))
    assert "Participatory democracy for cities." in page
    assert "AGPL-3.0-or-later" in page
    assert "Public participation" in page
    history = _content(client.get("/tools/agora-commons/history/"))
    assert "Ada" in history
    assert "First version." in history


def test_the_edit_form_is_prefilled_and_an_approved_edit_changes_the_page(client):
    tool = ToolFactory(name="Civic Forum", slug="civic-forum", summary="Citizen proposals.")
    tool.topics.add(Topic.objects.get(slug="open-data"))
    ToolFactory(slug="agora-commons")
    client.force_login(UserFactory(display_name="Bea"))

    form = _content(client.get("/tools/civic-forum/edit/"))
    assert 'value="Civic Forum"' in form
    assert "Citizen proposals." in form
    assert 'value="open-data" id="id_topics' in form.replace(" checked", "")
    data = {
        **FORM,
        "name": "Civic Forum Democracy",
        "summary": "Citizen proposals and votes.",
        "alternatives": "agora-commons",
        "comment": "New name since 2023.",
    }
    response = client.post("/tools/civic-forum/edit/", data)

    assert response["Location"] == "/tools/civic-forum/"
    page = _content(client.get("/tools/civic-forum/"))
    assert "Your proposal is waiting for review." in page
    assert "<h1>Civic Forum</h1>" in page
    revision = Revision.objects.get(tool=tool)
    client.force_login(make_toolbox_editor())
    diff = _content(client.get(f"/toolbox/review/{revision.pk}/"))
    assert "<del>Civic Forum</del>" not in diff
    assert "<ins> Democracy</ins>" in diff
    client.post(f"/toolbox/review/{revision.pk}/approve/")
    page = _content(client.get("/tools/civic-forum/"))
    assert "<h1>Civic Forum Democracy</h1>" in page
    assert 'href="/tools/agora-commons/"' in page
    assert "New name since 2023." in _content(client.get("/tools/civic-forum/history/"))


def test_rejecting_needs_a_note_and_the_author_reads_it(client):
    author = UserFactory()
    revision = wiki.tool_propose(actor=author, data=FORM)
    client.force_login(make_toolbox_editor())

    empty = client.post(f"/toolbox/review/{revision.pk}/reject/", {"note": ""})
    done = client.post(f"/toolbox/review/{revision.pk}/reject/", {"note": "Already listed."})

    assert empty.status_code == 400
    assert "This field is required." in _content(empty)
    assert done["Location"] == "/toolbox/review/"
    client.force_login(author)
    page = _content(client.get(f"/toolbox/review/{revision.pk}/"))
    assert "Already listed." in page
    assert "Rejected" in page


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("website", "javascript:alert(1)", "Enter an address starting with https:// or http://."),
        ("licence", "GPL three", "Enter an SPDX identifier such as AGPL-3.0-or-later."),
        ("alternatives", "no-such-tool", "No tool has these address names: no-such-tool."),
        ("name", "", "This field is required."),
    ],
)
def test_a_refused_tool_is_shown_again_with_the_error_and_what_was_typed(
    client, field, typed, message
):
    client.force_login(UserFactory())

    response = client.post("/tools/new/", {**FORM, field: typed, "summary": "Kept summary"})

    assert response.status_code == 400
    page = _content(response)
    assert message in page
    assert "Kept summary" in page
    if typed:
        assert f'value="{typed}"' in page
    assert not Revision.objects.exists()


def test_a_refused_practice_keeps_the_dates_typed(client):
    client.force_login(UserFactory())
    data = {
        "title": "Open budget",
        "summary": "Every line published.",
        "description": "The city published it.",
        "country": "FR",
        "level": "local",
        "started_on": "2020-05-01",
        "ended_on": "2019-01-01",
    }

    response = client.post("/practices/new/", data)

    assert response.status_code == 400
    assert "The end cannot come before the start." in _content(response)
    assert 'value="2019-01-01"' in _content(response)


def test_who_may_see_what(client):
    revision = wiki.tool_propose(actor=UserFactory(), data=FORM)
    tool = ToolFactory(slug="civic-forum")
    anonymous_pages = {
        "/tools/new/": 302,
        "/tools/civic-forum/edit/": 302,
        "/toolbox/review/": 302,
        f"/toolbox/review/{revision.pk}/": 302,
        "/tools/civic-forum/": 200,
        "/tools/civic-forum/history/": 200,
        "/tools/nothing/": 404,
    }
    for path, status in anonymous_pages.items():
        assert client.get(path).status_code == status, path

    client.force_login(UserFactory(confirmed=False))
    assert client.get("/tools/new/").status_code == 403
    assert client.post("/practices/new/", {"title": "x"}).status_code == 403

    client.force_login(UserFactory())
    assert client.get("/tools/new/").status_code == 200
    assert client.get("/toolbox/review/").status_code == 403
    assert client.get(f"/toolbox/review/{revision.pk}/").status_code == 404
    assert client.post(f"/toolbox/review/{revision.pk}/approve/").status_code == 403
    assert client.get(f"/tools/{tool.slug}/screenshot/").status_code == 403

    for editor in (make_toolbox_editor(), AdminFactory()):
        client.force_login(editor)
        assert client.get("/toolbox/review/").status_code == 200
        assert client.get(f"/toolbox/review/{revision.pk}/").status_code == 200
        assert client.get(f"/tools/{tool.slug}/screenshot/").status_code == 200
    revision.refresh_from_db()
    assert revision.state == "pending"
    assert Tool.objects.count() == 1


def test_a_former_editor_loses_the_review_queue(client):
    editor = make_toolbox_editor()
    editor.groups.remove(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)

    assert client.get("/toolbox/review/").status_code == 403


def test_text_typed_by_people_is_escaped_on_every_page(client):
    author = UserFactory(display_name=XSS)
    revision = wiki.tool_propose(
        actor=author, data={**FORM, "name": XSS, "summary": XSS, "description": XSS}
    )
    editor = make_toolbox_editor()
    client.force_login(editor)
    pending = _content(client.get(f"/toolbox/review/{revision.pk}/"))
    queue = _content(client.get("/toolbox/review/"))
    tool = wiki.revision_approve(actor=editor, revision=revision)
    edit = wiki.tool_propose(
        actor=author, data={**FORM, "name": XSS, "summary": "Calm"}, comment=XSS, tool=tool
    )
    pages = [
        pending,
        queue,
        _content(client.get(tool.get_absolute_url())),
        _content(client.get(f"{tool.get_absolute_url()}history/")),
        _content(client.get(f"/toolbox/review/{edit.pk}/")),
    ]

    for page in pages:
        assert XSS not in page
        assert "&lt;script&gt;" in page


def test_the_tool_page_reads_in_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    tool = ToolFactory(slug="agora-commons")
    tool.topics.set(Topic.objects.all())
    for other in ToolFactory.create_batch(12):
        other.topics.set(Topic.objects.all()[:3])
        tool.alternatives.add(other)
    for practice in PracticeFactory.create_batch(10):
        practice.tools.add(tool)
    for number in range(15):
        organisation = OrganisationFactory(name=f"Town {number}")
        Usage.objects.create(organisation=organisation, tool=tool, purpose=f"Budget {number}")
        Review.objects.create(organisation=organisation, tool=tool, rating=4, text="Good.")
    client.force_login(UserFactory())

    with django_assert_max_num_queries(16):
        response = client.get("/tools/agora-commons/")

    page = _content(response)
    assert "Budget 14" in page
    assert "Town 3" in page
    assert "4 out of 5" in page


def test_the_practice_page_shows_its_tools_and_related_practices(
    client, django_assert_max_num_queries
):
    topic = Topic.objects.get(slug="open-data")
    practice = PracticeFactory(slug="open-budget", title="Open budget")
    practice.topics.add(topic)
    practice.tools.add(ToolFactory(name="Budget viewer"))
    for other in PracticeFactory.create_batch(5):
        other.topics.add(topic)

    with django_assert_max_num_queries(10):
        response = client.get("/practices/open-budget/")

    page = _content(response)
    assert "Budget viewer" in page
    assert "Practices on the same topics" in page
    assert "France" in page


def test_an_approved_practice_edit_shows_in_its_history(client):
    practice = PracticeFactory(slug="open-budget", title="Open budget")
    client.force_login(UserFactory(display_name="Chloé"))
    form = _content(client.get("/practices/open-budget/edit/"))
    assert 'value="Open budget"' in form

    response = client.post(
        "/practices/open-budget/edit/",
        {
            "title": "Open budget of Lyon",
            "summary": practice.summary,
            "description": practice.description,
            "country": "FR",
            "level": "local",
            "started_on": "2019-01-15",
            "comment": "Named the city.",
        },
    )
    revision = Revision.objects.get(practice=practice)
    wiki.revision_approve(actor=make_toolbox_editor(), revision=revision)

    assert response["Location"] == "/practices/open-budget/"
    page = _content(client.get("/practices/open-budget/"))
    assert "<h1>Open budget of Lyon</h1>" in page
    assert "Since Jan. 15, 2019" in page
    history = _content(client.get("/practices/open-budget/history/"))
    assert "Named the city." in history
    assert "Chloé" in history


def test_too_many_proposals_answer_429(client, settings):
    settings.PNYX_RATE_LIMITS = {"toolbox.proposal": (1, 10, 60)}
    client.force_login(UserFactory())

    first = client.post("/tools/new/", FORM)
    second = client.post("/tools/new/", {**FORM, "name": "Another"})

    assert first.status_code == 302
    assert second.status_code == 429
    assert Revision.objects.count() == 1


def test_unknown_or_huge_revision_numbers_answer_404(client):
    client.force_login(make_toolbox_editor())

    assert client.get("/toolbox/review/12345/").status_code == 404
    assert client.get("/toolbox/review/99999999999999999999999/").status_code == 404
    assert client.post("/toolbox/review/99999999999999999999999/approve/").status_code == 404
