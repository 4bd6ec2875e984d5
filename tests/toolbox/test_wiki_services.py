"""The moderated wiki's services: proposals, edits, decisions, validation and screenshots."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pnyx.core import search
from pnyx.core.models import AuditEntry
from pnyx.participation.models import Notification
from pnyx.toolbox.models import Practice, Revision, RevisionState, Tool
from pnyx.toolbox.services import wiki, wiki_data
from tests.toolbox.factories import (
    OrganisationFactory,
    ToolFactory,
    UserFactory,
    make_toolbox_editor,
)

pytestmark = pytest.mark.django_db

TOOL = {
    "name": "Agora Commons",
    "summary": "Participatory democracy for cities.",
    "description": "Processes, **proposals** and votes.",
    "website": "https://agora.example.org/",
    "repository": "https://code.example.org/agora-commons",
    "licence": "AGPL-3.0-or-later",
    "cost_model": "free",
    "maturity": "mature",
    "languages": ["en", "es", "fr"],
    "topics": ["public-participation"],
    "alternatives": [],
}
PRACTICE = {
    "title": "Participatory budget of Paris",
    "summary": "Citizens decide on 5% of the investment budget.",
    "description": "Every year, people propose and vote on projects.",
    "country": "fr",
    "level": "local",
    "started_on": "2014-09-01",
    "ended_on": "",
    "topics": ["fiscal-openness", "public-participation"],
    "tools": [],
}


def _approve(data=TOOL, **kwargs):
    author, editor = UserFactory(), make_toolbox_editor()
    revision = wiki.tool_propose(actor=author, data=data, **kwargs)
    return wiki.revision_approve(actor=editor, revision=revision), revision, author, editor


def test_a_proposal_waits_and_publishes_nothing():
    revision = wiki.tool_propose(actor=UserFactory(), data=TOOL)

    assert revision.state == RevisionState.PENDING
    assert revision.tool is None
    assert not Tool.objects.exists()


def test_approving_a_proposal_creates_the_tool_indexed_with_its_history():
    tool, revision, author, editor = _approve()

    assert (tool.slug, tool.name, tool.open_source, tool.languages) == (
        "agora-commons",
        "Agora Commons",
        True,
        ["en", "es", "fr"],
    )
    assert [topic.slug for topic in tool.topics.all()] == ["public-participation"]
    revision.refresh_from_db()
    assert (revision.state, revision.tool, revision.reviewed_by) == ("approved", tool, editor)
    assert search.filter_queryset(Tool.objects.all(), "proposals").get() == tool
    entry = AuditEntry.objects.get(action="toolbox.revision_approved")
    assert entry.data == {"revision": revision.pk, "kind": "tool", "created": True}


def test_the_author_is_notified_of_the_approval():
    tool, _revision, author, _editor = _approve()

    notification = Notification.objects.get(user=author)
    assert notification.event == "toolbox.revision_approved"
    assert notification.data == {"title": "Agora Commons", "path": "/tools/agora-commons/"}


def test_a_second_tool_with_the_same_name_gets_its_own_slug():
    first, *_ = _approve()
    second, *_ = _approve()

    assert (first.slug, second.slug) == ("agora-commons", "agora-commons-2")


def test_the_reserved_slug_new_is_never_given():
    tool, *_ = _approve({**TOOL, "name": "New"})

    assert tool.slug == "new-2"


def test_an_approved_edit_changes_the_tool_and_its_alternatives_both_ways():
    tool, *_ = _approve()
    other = ToolFactory(slug="civic-forum")
    edit = wiki.tool_propose(
        actor=UserFactory(),
        data={
            **TOOL,
            "summary": "Participation for cities and regions.",
            "alternatives": "civic-forum",
        },
        comment="Regions too; Civic Forum is an alternative.",
        tool=tool,
    )

    wiki.revision_approve(actor=make_toolbox_editor(), revision=edit)

    tool.refresh_from_db()
    assert tool.summary == "Participation for cities and regions."
    assert list(tool.alternatives.all()) == [other]
    assert list(other.alternatives.all()) == [tool]
    assert tool.revisions.filter(state="approved").count() == 2


def test_an_edit_needs_a_comment_and_a_change():
    tool, *_ = _approve()

    with pytest.raises(ValidationError) as no_comment:
        wiki.tool_propose(actor=UserFactory(), data={**TOOL, "summary": "Other."}, tool=tool)
    with pytest.raises(ValidationError) as no_change:
        wiki.tool_propose(actor=UserFactory(), data=TOOL, comment="Nothing.", tool=tool)

    assert no_comment.value.message_dict == {"comment": ["Say in a few words what you changed."]}
    assert no_change.value.messages == ["Change something: this is what the page already says."]
    assert Revision.objects.filter(tool=tool).count() == 1


def test_rejecting_needs_a_note_keeps_the_tool_and_notifies_the_author():
    tool, *_ = _approve()
    author = UserFactory()
    edit = wiki.tool_propose(
        actor=author, data={**TOOL, "name": "Vandalised"}, comment="Better name", tool=tool
    )
    editor = make_toolbox_editor()

    with pytest.raises(ValidationError) as no_note:
        wiki.revision_reject(actor=editor, revision=edit, note="  ")
    wiki.revision_reject(actor=editor, revision=edit, note="The name is right as it is.")

    assert no_note.value.message_dict == {"note": ["Tell the author why, in a few words."]}
    edit.refresh_from_db()
    tool.refresh_from_db()
    assert (edit.state, edit.review_note) == ("rejected", "The name is right as it is.")
    assert tool.name == "Agora Commons"
    notification = Notification.objects.get(user=author)
    assert notification.event == "toolbox.revision_rejected"
    assert notification.data["path"] == f"/toolbox/review/{edit.pk}/"
    assert AuditEntry.objects.filter(action="toolbox.revision_rejected").count() == 1


def test_a_decided_revision_cannot_be_decided_again():
    _tool, revision, _author, editor = _approve()

    with pytest.raises(ValidationError):
        wiki.revision_approve(actor=editor, revision=revision)
    with pytest.raises(ValidationError):
        wiki.revision_reject(actor=editor, revision=revision, note="No.")


def test_approval_checks_the_content_again():
    gone = ToolFactory(slug="gone")
    revision = wiki.tool_propose(actor=UserFactory(), data={**TOOL, "alternatives": ["gone"]})
    gone.delete()

    with pytest.raises(ValidationError) as error:
        wiki.revision_approve(actor=make_toolbox_editor(), revision=revision)

    assert error.value.message_dict == {"alternatives": ["No tool has these address names: gone."]}
    assert not Tool.objects.exists()
    revision.refresh_from_db()
    assert revision.state == "pending"


def test_approving_a_practice_sets_dates_tools_and_organisation():
    ToolFactory(slug="agora-commons")
    OrganisationFactory(slug="ville-de-paris")
    revision = wiki.practice_propose(
        actor=UserFactory(),
        data={**PRACTICE, "tools": "agora-commons", "organisation": "ville-de-paris"},
    )

    practice = wiki.revision_approve(actor=make_toolbox_editor(), revision=revision)

    assert isinstance(practice, Practice)
    assert (practice.slug, practice.country.code, str(practice.started_on)) == (
        "participatory-budget-of-paris",
        "FR",
        "2014-09-01",
    )
    assert [tool.slug for tool in practice.tools.all()] == ["agora-commons"]
    assert practice.organisation.slug == "ville-de-paris"
    assert search.filter_queryset(Practice.objects.all(), "investment").get() == practice


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "x" * 121}, "name", "At most 120 characters."),
        ({"summary": "x" * 301}, "summary", "At most 300 characters."),
        (
            {"website": "javascript:alert(1)"},
            "website",
            "Enter an address starting with https:// or http://.",
        ),
        (
            {"repository": "ftp://example.org/"},
            "repository",
            "Enter an address starting with https:// or http://.",
        ),
        (
            {"licence": "GPL 3 or later"},
            "licence",
            "Enter an SPDX identifier such as AGPL-3.0-or-later.",
        ),
        ({"cost_model": "cheap"}, "cost_model", "Choose one of the options given."),
        ({"maturity": "ancient"}, "maturity", "Choose one of the options given."),
        ({"languages": ["en", "klingon"]}, "languages", "Unknown language codes: klingon."),
        ({"topics": ["open-data", "astrology"]}, "topics", "Unknown topics: astrology."),
        (
            {"alternatives": ["nowhere"]},
            "alternatives",
            "No tool has these address names: nowhere.",
        ),
        ({"open_source": "perhaps"}, "open_source", "Answer yes or no."),
    ],
)
def test_tool_content_is_checked_field_by_field(change, field, message):
    with pytest.raises(ValidationError) as error:
        wiki_data.clean_tool_data({**TOOL, **change})

    assert error.value.message_dict == {field: [message]}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"description": ""}, "description", "This field is required."),
        ({"country": "XX"}, "country", "Choose a country from the list."),
        ({"level": "galactic"}, "level", "Choose one of the options given."),
        ({"started_on": "yesterday"}, "started_on", "Enter a date as YYYY-MM-DD."),
        ({"ended_on": "2014-01-01"}, "ended_on", "The end cannot come before the start."),
        ({"tools": ["nowhere"]}, "tools", "No tool has these address names: nowhere."),
        ({"organisation": "nobody"}, "organisation", "No organisation has this address name."),
        ({"lessons": "x" * 5001}, "lessons", "At most 5000 characters."),
    ],
)
def test_practice_content_is_checked_field_by_field(change, field, message):
    with pytest.raises(ValidationError) as error:
        wiki_data.clean_practice_data({**PRACTICE, **change})

    assert error.value.message_dict == {field: [message]}


def test_open_source_comes_from_the_licence_unless_given():
    assert wiki_data.clean_tool_data({**TOOL, "licence": "MIT"})["open_source"] is True
    assert wiki_data.clean_tool_data({**TOOL, "licence": "LicenseRef-Own"})["open_source"] is False
    assert wiki_data.clean_tool_data({**TOOL, "licence": "", "open_source": "yes"})["open_source"]
    stated = wiki_data.clean_tool_data({**TOOL, "licence": "MIT", "open_source": False})
    assert stated["open_source"] is False


def test_a_tool_cannot_be_its_own_alternative():
    ToolFactory(slug="agora-commons")

    with pytest.raises(ValidationError) as error:
        wiki_data.clean_tool_data(
            {**TOOL, "alternatives": "agora-commons"}, own_slug="agora-commons"
        )

    assert error.value.message_dict == {"alternatives": ["A tool cannot be its own alternative."]}


def test_every_error_is_reported_at_once():
    with pytest.raises(ValidationError) as error:
        wiki_data.clean_tool_data({"name": "", "summary": "", "website": "nope"})

    assert set(error.value.message_dict) == {"name", "summary", "website"}


def test_proposing_needs_a_confirmed_address_and_reviewing_needs_an_editor():
    unconfirmed = UserFactory(confirmed=False)
    with pytest.raises(PermissionDenied):
        wiki.tool_propose(actor=unconfirmed, data=TOOL)
    revision = wiki.tool_propose(actor=UserFactory(), data=TOOL)

    for person in (UserFactory(), revision.author):
        with pytest.raises(PermissionDenied):
            wiki.revision_approve(actor=person, revision=revision)
        with pytest.raises(PermissionDenied):
            wiki.revision_reject(actor=person, revision=revision, note="No.")

    assert not Tool.objects.exists()
    revision.refresh_from_db()
    assert revision.state == "pending"


def _png(size=(40, 30)):
    output = io.BytesIO()
    Image.new("RGB", size, "teal").save(output, format="PNG")
    return SimpleUploadedFile("shot.png", output.getvalue(), content_type="image/png")


def test_an_editor_sets_a_screenshot_with_its_description(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tool = ToolFactory()
    editor = make_toolbox_editor()

    with pytest.raises(ValidationError) as no_alt:
        wiki.tool_set_screenshot(actor=editor, tool=tool, upload=_png(), alt="")
    saved = wiki.tool_set_screenshot(actor=editor, tool=tool, upload=_png(), alt="The home page")

    assert no_alt.value.message_dict == {
        "screenshot_alt": ["Describe the image in a few words for people who cannot see it."]
    }
    assert saved.screenshot.name == f"tools/{tool.slug}.png"
    assert saved.screenshot_alt == "The home page"
    removed = wiki.tool_set_screenshot(actor=editor, tool=saved, upload=None, alt="", remove=True)
    assert not removed.screenshot
    assert removed.screenshot_alt == ""


def test_a_screenshot_that_is_not_an_image_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tool = ToolFactory()
    fake = SimpleUploadedFile("shot.png", b"<svg onload=alert(1)>", content_type="image/png")

    with pytest.raises(ValidationError) as error:
        wiki.tool_set_screenshot(actor=make_toolbox_editor(), tool=tool, upload=fake, alt="Shot")

    assert list(error.value.message_dict) == ["screenshot"]
    with pytest.raises(PermissionDenied):
        wiki.tool_set_screenshot(actor=UserFactory(), tool=tool, upload=_png(), alt="Shot")
