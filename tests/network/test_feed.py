"""The personal feed: what each kind of follow brings, the order, the pages, the bound on queries,
the empty feed, and the topic page built on the same reads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pnyx.core.models import Topic
from pnyx.network.models import NewsPost
from pnyx.network.selectors.feed import MAX_PAGES, feed_for_user, page_number
from pnyx.network.services.follows import follow_add
from pnyx.participation.models import ProcessStatus
from pnyx.toolbox.models import Review, Revision, RevisionState, Usage
from tests.orgs.factories import OrganisationFactory, UserFactory
from tests.participation.factories import ProcessFactory
from tests.toolbox.factories import PracticeFactory, ToolFactory

pytestmark = pytest.mark.django_db


def _topic(slug="open-data"):
    return Topic.objects.get_or_create(slug=slug)[0]


def _at(row, minutes_ago, field="created_at"):
    """Date a row in the past, so that the order is known."""
    when = timezone.now() - timedelta(minutes=minutes_ago)
    type(row).objects.filter(pk=row.pk).update(**{field: when})
    return when


def _news(organisation, title, author=None, topics=(), minutes_ago=0):
    post = NewsPost.objects.create(
        organisation=organisation, author=author, title=title, body="Some *text*."
    )
    post.topics.set(topics)
    _at(post, minutes_ago)
    return post


def _titles(person, **kwargs):
    return [(item.kind, item.title) for item in feed_for_user(user=person, **kwargs).items]


def test_a_followed_organisation_brings_its_news_practices_consultations_usages_reviews():
    person = UserFactory()
    organisation = OrganisationFactory(name="Open Cities")
    tool = ToolFactory(name="Agora Commons")
    follow_add(actor=person, target=organisation)
    _news(organisation, "Budget data is out", minutes_ago=1)
    _at(PracticeFactory(title="Open budget", organisation=organisation), 2)
    _at(ProcessFactory(title="Parks plan", organisation=organisation), 3, "published_at")
    _at(Usage.objects.create(organisation=organisation, tool=tool, purpose="Votes"), 4)
    _at(Review.objects.create(organisation=organisation, tool=tool, rating=4, text="Good"), 5)
    _news(OrganisationFactory(), "Someone else's news")

    assert _titles(person) == [
        ("news", "Budget data is out"),
        ("practice", "Open budget"),
        ("consultation", "Parks plan"),
        ("usage", "Open Cities uses Agora Commons"),
        ("review", "Open Cities rates Agora Commons 4 out of 5"),
    ]


def test_a_followed_topic_brings_new_tools_practices_consultations_and_news():
    person = UserFactory()
    topic, other = _topic(), _topic("justice")
    follow_add(actor=person, target=topic)
    tool = ToolFactory(name="Open data portal")
    tool.topics.set([topic])
    _at(tool, 1)
    practice = PracticeFactory(title="Data literacy")
    practice.topics.set([topic])
    _at(practice, 2)
    process = ProcessFactory(title="Open data plan")
    process.topics.set([topic])
    _at(process, 3, "published_at")
    _news(OrganisationFactory(), "Portal relaunch", topics=[topic], minutes_ago=4)
    off_topic = ToolFactory(name="Court tracker")
    off_topic.topics.set([other])

    assert _titles(person) == [
        ("tool", "Open data portal"),
        ("practice", "Data literacy"),
        ("consultation", "Open data plan"),
        ("news", "Portal relaunch"),
    ]


def test_a_followed_tool_brings_its_edits_usages_reviews_and_practices():
    person = UserFactory()
    tool = ToolFactory(name="Agora Commons")
    _at(tool, 60)
    follow_add(actor=person, target=tool)
    creation = Revision.objects.create(
        kind="tool", tool=tool, data={}, state=RevisionState.APPROVED, reviewed_at=timezone.now()
    )
    _at(creation, 61)
    edit = Revision.objects.create(
        kind="tool",
        tool=tool,
        data={},
        comment="New licence",
        state=RevisionState.APPROVED,
        reviewed_at=timezone.now() - timedelta(minutes=1),
    )
    _at(edit, 2)
    Revision.objects.create(kind="tool", tool=tool, data={}, comment="Pending")
    _at(Usage.objects.create(organisation=OrganisationFactory(name="Ville"), tool=tool), 3)
    practice = PracticeFactory(title="Participatory budget")
    practice.tools.set([tool])
    _at(practice, 4)

    assert _titles(person) == [
        ("tool_edit", "Agora Commons"),
        ("usage", "Ville uses Agora Commons"),
        ("practice", "Participatory budget"),
    ]


def test_a_followed_person_brings_the_news_they_write():
    person, writer = UserFactory(), UserFactory()
    follow_add(actor=person, target=writer)
    _news(OrganisationFactory(), "Written by them", author=writer)
    _news(OrganisationFactory(), "Written by another", author=UserFactory())

    assert _titles(person) == [("news", "Written by them")]


def test_drafts_never_appear():
    person, organisation = UserFactory(), OrganisationFactory()
    follow_add(actor=person, target=organisation)
    ProcessFactory(organisation=organisation, status=ProcessStatus.DRAFT, published_at=None)

    assert _titles(person) == []


def test_an_item_matching_two_follows_appears_once():
    person, organisation, topic = UserFactory(), OrganisationFactory(), _topic()
    follow_add(actor=person, target=organisation)
    follow_add(actor=person, target=topic)
    _news(organisation, "Twice followed", topics=[topic, _topic("justice")])

    assert _titles(person) == [("news", "Twice followed")]


def test_equal_dates_keep_a_stable_order():
    person, organisation = UserFactory(), OrganisationFactory()
    follow_add(actor=person, target=organisation)
    when = timezone.now() - timedelta(hours=1)
    posts = [_news(organisation, f"Post {n}") for n in range(3)]
    NewsPost.objects.update(created_at=when)

    first = _titles(person)

    assert first == _titles(person)
    assert first == [("news", post.title) for post in reversed(posts)]


def test_pages_cut_the_merge_without_gaps_or_repeats():
    person, organisation, topic = UserFactory(), OrganisationFactory(), _topic()
    follow_add(actor=person, target=organisation)
    follow_add(actor=person, target=topic)
    for number in range(7):
        _news(organisation, f"News {number}", minutes_ago=2 * number)
        tool = ToolFactory(name=f"Tool {number}")
        tool.topics.set([topic])
        _at(tool, 2 * number + 1)

    pages = [feed_for_user(user=person, page=n, page_size=5) for n in (1, 2, 3)]

    seen = [item.title for page in pages for item in page.items]
    assert seen == [f"{kind} {n}" for n in range(7) for kind in ("News", "Tool")]
    assert [page.has_next for page in pages] == [True, True, False]


def test_page_numbers_are_bounded():
    assert page_number("3") == 3
    assert page_number("0") == 1
    assert page_number("-2") == 1
    assert page_number("abc") == 1
    assert page_number("9" * 30) == 1
    assert page_number("999") == MAX_PAGES


def test_the_feed_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    person = UserFactory()
    topics = [_topic(slug) for slug in ("open-data", "justice", "civic-space")]
    for topic in topics:
        follow_add(actor=person, target=topic)
    for number in range(12):
        organisation = OrganisationFactory()
        tool = ToolFactory()
        tool.topics.set(topics)
        follow_add(actor=person, target=organisation)
        follow_add(actor=person, target=tool)
        follow_add(actor=person, target=UserFactory())
        _news(organisation, f"News {number}", topics=topics)
        Usage.objects.create(organisation=organisation, tool=tool, purpose="Votes")
        Review.objects.create(organisation=organisation, tool=tool, rating=5)
        practice = PracticeFactory(organisation=organisation)
        practice.topics.set(topics)
        process = ProcessFactory(organisation=organisation)
        process.topics.set(topics)

    with django_assert_max_num_queries(13):
        page = feed_for_user(user=person)

    assert len(page.items) == 20


def test_the_page_shows_items_and_the_atom_address(client):
    person, organisation = UserFactory(), OrganisationFactory()
    follow_add(actor=person, target=organisation)
    _news(organisation, "Budget data is out")
    client.force_login(person)

    text = client.get("/feed/").content.decode()

    assert "Budget data is out" in text
    assert f"/feed/{person.pk}-" in text


def test_an_empty_feed_says_what_to_follow(client):
    client.force_login(UserFactory())

    text = client.get("/feed/").content.decode()

    assert "you follow nothing yet" in text
    assert 'href="/organisations/"' in text
    assert 'href="/tools/"' in text


def test_the_feed_needs_an_account(client):
    response = client.get("/feed/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_feed_page_has_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    person = UserFactory()
    for _index in range(10):
        organisation = OrganisationFactory()
        follow_add(actor=person, target=organisation)
        _news(organisation, "News", topics=[_topic()])
        PracticeFactory(organisation=organisation).topics.set([_topic("justice")])
    client.force_login(person)

    with django_assert_max_num_queries(20):
        response = client.get("/feed/?page=abc")

    assert response.status_code == 200


def test_the_main_navigation_links_the_feed_for_people_signed_in(client):
    client.force_login(UserFactory())

    assert 'href="/feed/"' in client.get("/news/").content.decode()


def test_the_topic_page_lists_what_is_new_on_it(client):
    topic = _topic()
    tool = ToolFactory(name="Open data portal")
    tool.topics.set([topic])
    ToolFactory(name="Unrelated tool")

    response = client.get("/topics/open-data/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Open data portal" in text
    assert "Unrelated tool" not in text
    assert client.get("/topics/astrology/").status_code == 404
    assert "Open data" in client.get("/topics/").content.decode()
