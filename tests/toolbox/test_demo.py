"""The toolbox demo: 150+ tools, 80+ practices, 100+ organisations in 30+ countries, their
usages and reviews, the wiki's history and review queue, and a second load that adds nothing.

The whole demo is loaded once for the module, in a transaction rolled back at the end; each test
runs in its own savepoint inside it.
"""

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.db.models import Count, Sum
from django.test import override_settings
from django.utils import timezone

from pnyx.accounts import demo as accounts_demo
from pnyx.core.models import AuditEntry
from pnyx.orgs import demo as orgs_demo
from pnyx.orgs.models import Organisation
from pnyx.participation import demo as participation_demo
from pnyx.toolbox import demo
from pnyx.toolbox.demo_content import PRACTICES, TOOLS
from pnyx.toolbox.demo_content.organisations import ORGANISATIONS
from pnyx.toolbox.models import Practice, Review, Revision, RevisionState, Tool, Usage
from pnyx.toolbox.rules import EDITORS_GROUP

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEMO_SITES = {"example.org", "example.net"}


def load_demo() -> None:
    """The demo of the toolbox and of the apps it builds on (the programs are not needed)."""
    for module in (accounts_demo, orgs_demo, participation_demo, demo):
        module.load()


@pytest.fixture(scope="module", autouse=True)
def _demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        load_demo()
        yield
        transaction.set_rollback(True)


def test_the_demo_has_150_tools_each_with_a_summary_and_a_topic():
    tools = Tool.objects.annotate(topic_count=Count("topics"))

    assert tools.count() >= 150
    assert not tools.filter(summary="").exists()
    assert not tools.filter(topic_count=0).exists()
    assert Tool.objects.filter(open_source=True).exists()
    assert Tool.objects.filter(open_source=False).exists()
    assert Tool.alternatives.through.objects.exists()


def test_the_demo_has_80_practices_from_many_countries_most_by_an_organisation():
    practices = Practice.objects.annotate(topic_count=Count("topics"), tool_count=Count("tools"))

    assert practices.count() >= 80
    assert not practices.filter(topic_count=0).exists()
    assert practices.filter(tool_count__gt=0).count() >= 70
    assert practices.exclude(organisation=None).count() >= 70
    assert practices.values("country").distinct().count() >= 30
    assert practices.exclude(ended_on=None).exclude(started_on=None).exists()


def test_the_demo_has_100_organisations_in_30_countries_each_with_an_administrator():
    names = [spec.name for spec in ORGANISATIONS]
    organisations = Organisation.objects.filter(name__in=names)

    assert Organisation.objects.count() >= 100
    assert Organisation.objects.values("country").distinct().count() >= 30
    assert organisations.count() == len(names)
    assert not organisations.exclude(memberships__role="admin").exists()
    assert organisations.values("kind").distinct().count() >= 6


def test_each_organisation_uses_a_few_tools_and_the_counters_follow():
    names = [spec.name for spec in ORGANISATIONS]
    counts = Organisation.objects.filter(name__in=names).annotate(used=Count("tool_usages"))

    assert Usage.objects.count() >= 2 * len(names)
    assert {organisation.used for organisation in counts} <= {2, 3}
    assert not Usage.objects.filter(purpose="").exists()
    assert not Usage.objects.filter(since=None).exists()
    totals = Tool.objects.aggregate(usages=Sum("usage_count"), ratings=Sum("rating_count"))
    assert totals == {"usages": Usage.objects.count(), "ratings": Review.objects.count()}
    assert Review.objects.count() >= 50
    assert set(Review.objects.values_list("rating", flat=True)) <= {2, 3, 4, 5}


def test_a_usage_is_declared_for_a_tool_sharing_a_topic_with_the_organisation():
    usage = Usage.objects.select_related("organisation", "tool").order_by("pk").first()

    organisation_topics = set(usage.organisation.topics.values_list("slug", flat=True))
    assert organisation_topics & set(usage.tool.topics.values_list("slug", flat=True))
    assert usage.country == usage.organisation.country
    assert usage.declared_by is not None


def test_the_editor_approved_an_edit_and_two_proposals_wait_for_review():
    tender_lens = Tool.objects.get(name="Tender Lens")
    history = tender_lens.revisions.filter(state=RevisionState.APPROVED)
    editor = history.first().reviewed_by

    assert history.count() == 2
    assert "check every case" in tender_lens.description
    assert editor.email == demo.EDITOR
    assert editor.groups.filter(name=EDITORS_GROUP).exists()
    waiting = Revision.objects.filter(state=RevisionState.PENDING)
    assert sorted(revision.author.email for revision in waiting) == [demo.AMINA, demo.SOFIA]


def test_demo_addresses_are_fictional():
    addresses = [tool.website for tool in TOOLS] + [tool.repository for tool in TOOLS]
    addresses += [url for url in Organisation.objects.values_list("website", flat=True)]
    hosts = {urlsplit(address).hostname for address in addresses if address}
    hosts -= {host for host in hosts if host.endswith(".example")}

    assert hosts <= DEMO_SITES
    for practice in PRACTICES:
        links = [word for word in practice.resources.split() if "://" in word]
        assert {urlsplit(link).hostname for link in links} <= DEMO_SITES


def test_alternatives_and_tools_used_name_demo_tools():
    names: set[str] = set()
    for tool in TOOLS:
        assert set(tool.alternatives) <= names, tool.name
        names.add(tool.name)
    for practice in PRACTICES:
        assert set(practice.tools) <= names, practice.title


def test_loading_again_adds_nothing():
    models = (Organisation, Tool, Practice, Revision, Usage, Review, AuditEntry)
    before = {model.__name__: model.objects.count() for model in models}

    demo.load()

    assert {model.__name__: model.objects.count() for model in models} == before


def test_usages_are_planned_the_same_way_on_every_run():
    first = [
        (name, tool.name, since, rating) for name, tool, since, rating in demo.planned_usages()
    ]

    assert first == [
        (name, tool.name, since, rating) for name, tool, since, rating in demo.planned_usages()
    ]


def test_the_catalog_grew_over_two_years_and_each_usage_and_review_came_after():
    now = timezone.now()
    ages = [(now - created).days for created in Tool.objects.values_list("created_at", flat=True)]
    ages += [(now - p.created_at).days for p in Practice.objects.all()]
    tender_lens = Tool.objects.get(name="Tender Lens")
    creation, edit = tender_lens.revisions.filter(state=RevisionState.APPROVED).order_by("pk")
    used = {(u.organisation_id, u.tool_id): u for u in Usage.objects.select_related("tool")}

    assert min(ages) >= 45
    assert max(ages) < 730
    assert len(set(ages)) > 150
    assert creation.created_at == creation.reviewed_at == tender_lens.created_at
    assert (now - edit.reviewed_at).days == 0
    assert all(usage.created_at >= usage.tool.created_at for usage in used.values())
    for review in Review.objects.all():
        assert review.created_at >= used[(review.organisation_id, review.tool_id)].created_at
