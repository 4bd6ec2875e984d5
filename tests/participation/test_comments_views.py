"""Comment pages and the thread tag: form, threads, tombstones, edit/history/delete, htmx, XSS."""

from datetime import timedelta

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from pnyx.participation.models import Comment, CommentVersion, PhaseKind
from pnyx.participation.selectors.comments import proposition_get
from pnyx.participation.services.comments import comment_create, comment_update
from pnyx.participation.services.moderation import content_hide
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposition():
    return PropositionFactory()


def render_thread(proposition, user, query=None):
    request = RequestFactory().get("/", query or {})
    request.user = user
    template = Template("{% load participation_community %}{% comment_thread proposition %}")
    return template.render(RequestContext(request, {"proposition": proposition}))


def create_url(proposition):
    return reverse("participation:comment-create", kwargs={"pk": proposition.pk})


def test_the_thread_shows_the_form_replies_stance_and_author_link(proposition):
    person = UserFactory(display_name="Nadia")
    first = comment_create(author=person, proposition=proposition, body="Root", stance="for")
    reply = comment_create(author=UserFactory(), proposition=proposition, body="Re", parent=first)
    proposition.refresh_from_db()

    html = render_thread(proposition, person)

    assert 'id="comment-form"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "2 comments" in html
    assert f'<a href="/people/{person.pk}/">Nadia</a>' in html
    assert '<span class="tag stance stance-for">For</span>' in html
    assert html.index(f'id="comment-{first.pk}"') < html.index(f'id="comment-{reply.pk}"')
    assert 'class="comment-list comment-replies"' in html
    assert reverse("participation:comment-edit", kwargs={"pk": first.pk}) in html
    assert reverse("participation:comment-edit", kwargs={"pk": reply.pk}) not in html
    assert f"/propositions/report/?comment={reply.pk}" in html
    assert f"/propositions/report/?comment={first.pk}" not in html


def test_a_visitor_is_asked_to_log_in_and_sees_no_form(proposition):
    from django.contrib.auth.models import AnonymousUser

    html = render_thread(proposition, AnonymousUser())

    assert 'id="comment-form"' not in html
    assert "to comment." in html
    assert "No comments yet." in html


def test_no_form_when_commenting_is_closed():
    proposition = PropositionFactory(
        question=QuestionFactory(process=ProcessFactory(phase=PhaseKind.RESULTS))
    )

    html = render_thread(proposition, UserFactory())

    assert 'id="comment-form"' not in html
    assert "Commenting is not open to you on this proposition now." in html


def test_reply_parameter_fills_the_parent_field(proposition):
    person = UserFactory()
    comment = comment_create(author=UserFactory(), proposition=proposition, body="Hello")

    html = render_thread(proposition, person, {"reply": str(comment.pk)})

    assert f'name="parent" value="{comment.pk}"' in html
    assert "Post the reply" in html


def test_a_hidden_comment_shows_its_tombstone_to_all_and_the_text_to_moderators(proposition):
    moderator = UserFactory()
    proposition.process.moderators.add(moderator)
    comment = comment_create(author=UserFactory(), proposition=proposition, body="Secret spam")
    content_hide(moderator=moderator, target=comment, reason="Advertising")

    public = render_thread(proposition, UserFactory())
    theirs = render_thread(proposition, moderator)

    assert "Hidden by the moderators: Advertising" in public
    assert "Secret spam" not in public
    assert "Hidden by the moderators: Advertising" in theirs
    assert "Secret spam" in theirs


def test_the_thread_query_count_does_not_grow_with_the_comments(
    proposition, django_assert_num_queries
):
    viewer = UserFactory()
    authors = [UserFactory() for _ in range(5)]

    def add(count):
        for index in range(count):
            parent = Comment.objects.filter(proposition=proposition, depth__lt=2).last()
            comment_create(
                author=authors[index % 5],
                proposition=proposition,
                body=f"Comment {index}",
                parent=parent if index % 3 else None,
            )

    add(5)
    loaded = proposition_get(pk=proposition.pk)
    render_thread(loaded, viewer)  # the viewer's confirmed address is read once per request
    with django_assert_num_queries(5):
        few = render_thread(loaded, viewer)
    add(45)
    loaded = proposition_get(pk=proposition.pk)
    with django_assert_num_queries(5):
        many = render_thread(loaded, viewer)

    assert few.count('class="comment comment-depth-') == 5
    assert many.count('class="comment comment-depth-') == 50


def test_posting_a_comment_redirects_to_it(client, proposition):
    person = UserFactory()
    client.force_login(person)

    response = client.post(create_url(proposition), {"body": "Yes!", "stance": "for"})

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/propositions/{proposition.pk}/#comment-{comment.pk}"
    assert (comment.author, comment.body, comment.stance) == (person, "Yes!", "for")


def test_posting_an_empty_comment_answers_400_with_the_message(client, proposition):
    client.force_login(UserFactory())

    response = client.post(create_url(proposition), {"body": "  ", "stance": "for"})

    assert response.status_code == 400
    assert "Write your comment before sending it." in response.content.decode()
    assert Comment.objects.count() == 0


def test_posting_a_reply_to_an_unknown_comment_answers_400(client, proposition):
    client.force_login(UserFactory())

    response = client.post(
        create_url(proposition), {"body": "Hi", "stance": "for", "parent": 99999}
    )

    assert response.status_code == 400
    assert "The comment you reply to no longer exists." in response.content.decode()
    assert Comment.objects.count() == 0


def test_posting_when_closed_is_403_and_unknown_proposition_404(client):
    closed = PropositionFactory(
        question=QuestionFactory(process=ProcessFactory(phase=PhaseKind.RESULTS))
    )
    client.force_login(UserFactory())

    assert client.post(create_url(closed), {"body": "Hi", "stance": "for"}).status_code == 403
    missing = reverse("participation:comment-create", kwargs={"pk": 999999})
    assert client.post(missing, {"body": "Hi", "stance": "for"}).status_code == 404
    assert Comment.objects.count() == 0


def test_a_get_does_not_post_and_a_visitor_is_sent_to_log_in(client, proposition):
    assert client.post(create_url(proposition), {"body": "Hi"}).status_code == 302
    client.force_login(UserFactory())
    assert client.get(create_url(proposition)).status_code == 405
    assert Comment.objects.count() == 0


def test_htmx_posting_returns_only_the_thread(client, proposition):
    client.force_login(UserFactory())

    response = client.post(
        create_url(proposition),
        {"body": "Via htmx", "stance": "neutral"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="comments"')
    assert "Via htmx" in html
    assert "<html" not in html


def test_edit_page_changes_the_text_and_history_shows_the_old_one(client, proposition):
    person = UserFactory()
    comment = comment_create(author=person, proposition=proposition, body="Before", stance="for")
    client.force_login(person)
    edit = reverse("participation:comment-edit", kwargs={"pk": comment.pk})

    assert client.get(edit).status_code == 200
    response = client.post(edit, {"body": "After", "stance": "against"})

    assert response.status_code == 302
    history = client.get(reverse("participation:comment-history", kwargs={"pk": comment.pk}))
    html = history.content.decode()
    assert "After" in html
    assert "Before" in html
    thread = render_thread(proposition, UserFactory())
    assert "edited (see the history)" in thread


def test_edit_after_the_window_is_403(client, proposition):
    person = UserFactory()
    comment = comment_create(author=person, proposition=proposition, body="Old")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=1))
    client.force_login(person)
    edit = reverse("participation:comment-edit", kwargs={"pk": comment.pk})

    assert client.get(edit).status_code == 403
    assert client.post(edit, {"body": "New", "stance": "for"}).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Old"


def test_edit_with_bad_input_is_400(client, proposition):
    person = UserFactory()
    comment = comment_create(author=person, proposition=proposition, body="Old")
    client.force_login(person)

    response = client.post(
        reverse("participation:comment-edit", kwargs={"pk": comment.pk}),
        {"body": "", "stance": "x"},
    )

    assert response.status_code == 400
    assert "Write your comment before sending it." in response.content.decode()


def test_delete_asks_then_keeps_the_thread_with_a_tombstone(client, proposition):
    person = UserFactory()
    comment = comment_create(author=person, proposition=proposition, body="Regret")
    reply = comment_create(
        author=UserFactory(), proposition=proposition, body="Reply", parent=comment
    )
    client.force_login(person)
    url = reverse("participation:comment-delete", kwargs={"pk": comment.pk})

    confirm = client.get(url)
    done = client.post(url)

    assert confirm.status_code == 200
    assert "Delete the comment?" in confirm.content.decode()
    assert done.status_code == 302
    thread = render_thread(proposition, UserFactory())
    assert "This comment was deleted." in thread
    assert "Regret" not in thread
    assert f'id="comment-{reply.pk}"' in thread


def test_delete_by_a_stranger_is_403_and_changes_nothing(client, proposition):
    comment = comment_create(author=UserFactory(), proposition=proposition, body="Stays")
    client.force_login(UserFactory())

    response = client.post(reverse("participation:comment-delete", kwargs={"pk": comment.pk}))

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.deleted_at is None


def test_history_of_a_hidden_comment_shows_only_the_tombstone(client, proposition):
    person, moderator = UserFactory(), UserFactory()
    proposition.process.moderators.add(moderator)
    comment = comment_create(author=person, proposition=proposition, body="First words")
    comment_update(author=person, comment=comment, body="Second words")
    content_hide(moderator=moderator, target=comment, reason="Insults")

    html = client.get(
        reverse("participation:comment-history", kwargs={"pk": comment.pk})
    ).content.decode()

    assert "Hidden by the moderators: Insults" in html
    assert "First words" not in html
    assert CommentVersion.objects.count() == 1


def test_comment_pages_of_unknown_comments_are_404(client):
    client.force_login(UserFactory())
    for name in ["comment-edit", "comment-history", "comment-delete"]:
        assert (
            client.get(reverse(f"participation:{name}", kwargs={"pk": 999999})).status_code == 404
        )


def _thread_with(text):
    proposition = PropositionFactory()
    moderator = UserFactory(display_name=text[:150])
    proposition.process.moderators.add(moderator)
    kept = comment_create(author=moderator, proposition=proposition, body=text)
    comment_update(author=moderator, comment=kept, body=text + " (edited)")
    hidden = comment_create(author=UserFactory(), proposition=proposition, body=text)
    content_hide(moderator=moderator, target=hidden, reason=text[:300])
    return render_thread(proposition, moderator, {"reply": str(kept.pk)})


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_comments_names_and_reasons_are_inert_in_the_thread(payload):
    # The thread's own comment form is the only live form: the baseline holds it.
    baseline = dangerous_fragments(_thread_with("A harmless remark"))

    html = _thread_with(payload)

    assert baseline == ["<form>"]
    assert dangerous_fragments(html) == baseline


def test_the_proposition_page_shows_the_answer_thread_and_report_link(client, proposition):
    comment = comment_create(author=UserFactory(), proposition=proposition, body="On the page")
    client.force_login(UserFactory())

    response = client.get(proposition.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="official-answer"' in html
    assert f'id="comment-{comment.pk}"' in html
    assert f"/propositions/report/?proposition={proposition.pk}" in html


def test_posting_too_fast_answers_429_and_stores_nothing_more(client, proposition, caplog):
    client.force_login(UserFactory())
    for index in range(10):
        client.post(create_url(proposition), {"body": f"Comment {index}", "stance": "for"})

    response = client.post(create_url(proposition), {"body": "One too many", "stance": "for"})

    assert response.status_code == 429
    assert Comment.objects.count() == 10
    assert "rate limit for comment reached" in caplog.text


def test_the_proposition_page_has_unique_ids_for_an_organiser(client, proposition):
    import re

    from tests.participation.factories import add_organiser

    organiser = add_organiser(proposition.process)
    root = comment_create(author=organiser, proposition=proposition, body="Root")
    comment_create(author=UserFactory(), proposition=proposition, body="Re", parent=root)
    client.force_login(organiser)

    html = client.get(proposition.get_absolute_url(), {"reply": root.pk}).content.decode()

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert 'id="answer-text"' in html
    assert 'id="comment-body"' in html
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
