"""Who may view, edit and publish a document, over role × state."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pnyx.programs import services
from tests.orgs.factories import OrganisationFactory
from tests.programs.factories import (
    DocumentFactory,
    MeasureFactory,
    UserFactory,
    add_admin,
    add_member,
)

pytestmark = pytest.mark.django_db


def _document(published: bool):
    document = DocumentFactory()
    MeasureFactory(section__document=document)
    if published:
        services.version_publish(
            actor=add_admin(document.organisation), document=document, changelog="First"
        )
    return document


def _person(role: str, document):
    if role == "visitor":
        return AnonymousUser()
    if role == "member":
        return add_member(document.organisation)
    if role == "admin":
        return add_admin(document.organisation)
    if role == "other_admin":
        return add_admin(OrganisationFactory())
    return UserFactory(is_staff=True)


@pytest.mark.parametrize(
    ("role", "published", "can_view", "can_edit"),
    [
        ("visitor", False, False, False),
        ("visitor", True, True, False),
        ("member", False, False, False),
        ("member", True, True, False),
        ("other_admin", False, False, False),
        ("other_admin", True, True, False),
        ("admin", False, True, True),
        ("admin", True, True, True),
        ("staff", False, True, True),
    ],
)
def test_permission_matrix(role, published, can_view, can_edit):
    document = _document(published)
    person = _person(role, document)

    assert person.has_perm("programs.view_document", document) is can_view
    assert person.has_perm("programs.view_draft", document) is can_edit
    assert person.has_perm("programs.change_document", document) is can_edit
    assert person.has_perm("programs.publish_document", document) is can_edit


@pytest.mark.parametrize(("role", "allowed"), [("member", False), ("admin", True)])
def test_only_administrators_start_a_document(role, allowed):
    organisation = OrganisationFactory()
    person = add_admin(organisation) if role == "admin" else add_member(organisation)

    assert person.has_perm("programs.add_document", organisation) is allowed


@pytest.mark.parametrize("role", ["visitor", "member", "other_admin"])
@pytest.mark.parametrize("published", [False, True])
def test_the_draft_editor_is_a_404_for_non_editors(client, role, published):
    document = _document(published)
    measure = document.sections.get().measures.get()
    person = _person(role, document)
    if role != "visitor":
        client.force_login(person)
    slug = document.slug

    pages = [f"/programs/{slug}/draft/", f"/programs/{slug}/publish/"]
    posts = {
        f"/programs/{slug}/draft/": {"kind": "program", "title": "Taken", "summary": ""},
        f"/programs/{slug}/publish/": {"changelog": "Mine"},
        f"/programs/{slug}/draft/sections/": {"title": "Mine"},
        f"/programs/{slug}/draft/measures/{measure.pk}/delete/": {},
    }

    # A visitor is sent to sign in; anyone else signed in learns nothing (404).
    expected = 302 if role == "visitor" else 404
    for url in pages:
        assert client.get(url).status_code == expected
    for url, data in posts.items():
        assert client.post(url, data).status_code == expected
    document.refresh_from_db()
    assert document.title != "Taken"
    assert document.versions.count() == (1 if published else 0)
    assert document.sections.count() == 1
    assert document.sections.get().measures.count() == 1


@pytest.mark.parametrize("role", ["visitor", "member", "other_admin"])
def test_an_unpublished_document_is_a_404_for_non_editors(client, role):
    document = _document(published=False)
    person = _person(role, document)
    if role != "visitor":
        client.force_login(person)

    assert client.get(f"/programs/{document.slug}/").status_code == 404
    assert client.get(f"/programs/{document.slug}/compare/?from=1.1&to=1.1").status_code == 404


def test_a_published_document_is_readable_by_anyone(client):
    document = _document(published=True)

    assert client.get(f"/programs/{document.slug}/").status_code == 200
    assert client.get(f"/programs/{document.slug}/v/1.1/").status_code == 200
