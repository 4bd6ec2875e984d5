"""The network demo: 30+ practitioners, 15+ help requests (some to make sense of a data set,
with answers), news, follows, a waiting contact request, and a second load that adds nothing.

The whole demo is loaded once for the module, in a transaction rolled back at the end; each test
runs in its own savepoint inside it.
"""

import pytest
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from pnyx.accounts import demo as accounts_demo
from pnyx.accounts.models import User
from pnyx.network import demo
from pnyx.network.models import (
    ContactRequest,
    ContactState,
    ExpertAnswer,
    Follow,
    HelpKind,
    HelpRequest,
    NewsPost,
    Practitioner,
)
from pnyx.orgs import demo as orgs_demo
from pnyx.participation import demo as participation_demo
from pnyx.toolbox import demo as toolbox_demo

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
#: The demo of the network and of the apps it builds on (the programs are not needed).
DEMOS = (accounts_demo, orgs_demo, participation_demo, toolbox_demo, demo)


@pytest.fixture(scope="module", autouse=True)
def _demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        for module in DEMOS:
            module.load()
        yield
        transaction.set_rollback(True)


def test_the_demo_has_30_practitioners_with_skills_languages_and_countries():
    practitioners = Practitioner.objects.annotate(
        topic_count=Count("topics", distinct=True), tool_count=Count("tools", distinct=True)
    )

    assert practitioners.count() >= 30
    assert not practitioners.filter(topic_count=0).exists()
    assert not practitioners.filter(tool_count=0).exists()
    assert not practitioners.filter(languages=[]).exists()
    assert not practitioners.filter(countries=[]).exists()
    assert practitioners.filter(data_expert=True).count() >= 5
    assert practitioners.filter(user__email=demo.content.LUCAS).exists()


def test_the_demo_has_15_help_requests_some_about_a_data_set_on_example_org():
    requests = HelpRequest.objects.all()
    data = requests.filter(kind=HelpKind.DATA)

    assert requests.count() >= 15
    assert data.count() >= 5
    assert all(
        url.startswith("https://example.org/data/")
        for url in data.values_list("dataset_url", flat=True)
    )
    assert not requests.filter(kind=HelpKind.HELP).exclude(dataset_url="").exists()
    for request in requests.select_related("organisation", "author"):
        assert request.author.has_perm("network.ask_help", request.organisation)


def test_experts_answered_data_requests_and_the_first_answer_is_useful():
    answered = HelpRequest.objects.filter(answers__isnull=False).distinct()

    assert answered.count() >= 4
    for request in answered:
        answers = list(request.answers.order_by("created_at", "pk"))
        assert answers[0].useful
        assert all(answer.author.practitioner.data_expert for answer in answers)
    assert ExpertAnswer.objects.filter(useful=False).exists()


def test_organisations_posted_news_and_demo_people_follow_them():
    amina = User.objects.get(email=demo.content.AMINA)
    followed = Follow.objects.filter(user=amina)

    assert NewsPost.objects.count() >= 8
    assert followed.exclude(organisation=None).count() >= 2
    assert {"organisation", "topic", "tool", "person"} == {
        kind
        for follow in followed
        for kind in ("organisation", "topic", "tool", "person")
        if getattr(follow, f"{kind}_id")
    }
    followed_organisations = followed.values_list("organisation", flat=True)
    assert NewsPost.objects.filter(organisation__in=followed_organisations).exists()


def test_lucas_has_a_contact_request_waiting():
    contact = ContactRequest.objects.get(recipient__email=demo.content.LUCAS)

    assert contact.state == ContactState.PENDING
    assert contact.sender.practitioner.available


def test_loading_again_adds_nothing():
    models = (Practitioner, HelpRequest, ExpertAnswer, NewsPost, Follow, ContactRequest)
    before = {model.__name__: model.objects.count() for model in models}

    demo.load()

    assert {model.__name__: model.objects.count() for model in models} == before


def test_news_and_help_requests_span_months_and_answers_come_after_their_request():
    now = timezone.now()
    ages = {(now - post.created_at).days for post in NewsPost.objects.all()}
    ages |= {(now - request.created_at).days for request in HelpRequest.objects.all()}

    assert max(ages) >= 100
    assert min(ages) <= 10
    for answer in ExpertAnswer.objects.select_related("help_request"):
        assert answer.help_request.created_at < answer.created_at < now
