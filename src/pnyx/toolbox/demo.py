"""The toolbox demo for `pnyx demo`: 100+ organisations in 30+ countries, 150+ tools, 80+
practices, the tools each organisation uses, and some of their reviews.

The texts are in `pnyx.toolbox.demo_content` (fictional, written for Pnyx). Everything goes
through the services, so it is checked, audited and searchable:

- the organisations are registered through the orgs services, each by a generated participant
  of the demo consultation (`pnyx.participation.demo`, which runs before), who becomes its
  administrator; the organisations of `pnyx.orgs.demo` are used as they are;
- Noor Haddad (a demo log-in) is made a toolbox editor; she imports the tools and the practices
  with the catalog import (one file each, all checked before anything is written, each item
  with an approved revision), then approves Lucas's edit of a tool, so that tool's history has
  two versions; a new tool proposed by Sofía and an edit of a practice proposed by Amina wait in
  her review queue;
- each organisation declares two or three tools that share a topic with it, through its
  administrator, and reviews about a third of them;
- what was written is then dated over the past two years (`_spread_in_time`), so that the
  newest-first orders and the feed do not show everything as added today.

Choices are drawn from `random.Random(2016)` in a fixed order, so every run plans the same data.
Loading again adds nothing: organisations are found by name, tools and practices by address
name, usages and reviews by organisation and tool, the wiki proposals by their author. A missing
prerequisite (the editor, the participants) is logged as a warning and its part skipped.
"""

import json
import logging
import random
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from pnyx.accounts.models import User
from pnyx.core.models import Topic
from pnyx.orgs import demo as orgs_demo
from pnyx.orgs import services as org_services
from pnyx.orgs.models import Membership, MembershipStatus, Organisation, Role
from pnyx.participation.demo import participant_email
from pnyx.toolbox import demo_content
from pnyx.toolbox.demo_content import DemoPractice, DemoTool
from pnyx.toolbox.demo_content import organisations as organisation_content
from pnyx.toolbox.models import (
    Practice,
    Review,
    Revision,
    RevisionKind,
    RevisionState,
    Tool,
    Usage,
)
from pnyx.toolbox.rules import EDITORS_GROUP
from pnyx.toolbox.selectors.wiki import content_of
from pnyx.toolbox.services import catalog_import, usages, wiki

logger = logging.getLogger(__name__)

ADMIN = "admin@pnyx.example"
AMINA = "amina@pnyx.example"
LUCAS = "lucas@pnyx.example"
SOFIA = "sofia@pnyx.example"
EDITOR = "noor@pnyx.example"
SEED = 2016
#: How many tools each organisation uses, at least and at most.
USAGES_PER_ORGANISATION = (2, 3)
#: The share of usages that come with a review, and how ratings are spread.
REVIEW_SHARE = 0.35
RATINGS = (5, 4, 3, 2)
RATING_WEIGHTS = (40, 35, 17, 8)
#: The tools and practices are dated between these many days ago (`_spread_in_time`).
CATALOG_AGE = (timedelta(days=45), timedelta(days=730))

#: Lucas's approved edit: (tool, sentence added to its description, what changed).
APPROVED_EDIT = (
    "Tender Lens",
    "Each red flag links to the contracts behind it, so a journalist can check every case "
    "before writing about it.",
    "Say that each red flag links to its contracts.",
)
#: Sofía's proposal, waiting for an editor.
PROPOSED_TOOL = {
    "name": "Class Council Timer",
    "summary": "A projector-friendly timer and speaking list for student council meetings.",
    "description": (
        "Shows who speaks next and how long they have, so that the quiet students get their "
        "turn too. The teacher can print the speaking list at the end for the minutes."
    ),
    "website": "https://example.org/tools/class-council-timer",
    "licence": "MIT",
    "cost_model": "free",
    "languages": ["es", "en"],
    "topics": ["education", "public-participation"],
    "maturity": "prototype",
}
#: Amina's edit of a practice, waiting for an editor: (practice, sentence added to the
#: outcomes, what changed).
PROPOSED_EDIT = (
    "Grand-Yoff budget circle",
    "Since this year the district's answers are read out on the local radio as well.",
    "Add the radio reading of the answers.",
)


def _people() -> dict[str, User]:
    emails = [ADMIN, AMINA, LUCAS, SOFIA, EDITOR]
    return {user.email: user for user in User.objects.filter(email__in=emails)}


def _editor(people: dict[str, User]) -> User | None:
    """Noor, in the toolbox editors' group; the platform administrator if she is missing."""
    editor = people.get(EDITOR)
    if editor is not None:
        group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
        editor.groups.add(group)
        return editor
    logger.warning("Demo toolbox editor %s is missing; the administrator reviews instead.", EDITOR)
    return people.get(ADMIN)


# --- organisations -----------------------------------------------------------------------------


def _register(spec: organisation_content.DemoOrganisation, founder: User) -> None:
    topics = Topic.objects.filter(slug__in=spec.topics)
    website = f"https://example.org/orgs/{slugify(spec.name)}" if len(spec.name) % 2 else ""
    try:
        org_services.organisation_register(
            actor=founder,
            name=spec.name,
            kind=spec.kind,
            country=spec.country,
            website=website,
            description=spec.description,
            topics=topics,
        )
    except (PermissionDenied, ValidationError) as error:
        logger.warning("Demo organisation %r skipped: %s", spec.name, error)


def _organisations() -> dict[str, Organisation]:
    """Register the missing demo organisations; every organisation by name."""
    specs = organisation_content.ORGANISATIONS
    emails = [participant_email(number) for number in range(1, len(specs) + 1)]
    founders = {user.email: user for user in User.objects.filter(email__in=emails)}
    existing = set(
        Organisation.objects.filter(name__in=[spec.name for spec in specs]).values_list(
            "name", flat=True
        )
    )
    missing = [email for email in emails if email not in founders]
    if missing:
        logger.warning(
            "%s demo organisations skipped: their founders, participants of the demo "
            "consultation, are missing.",
            len(missing),
        )
    for spec, email in zip(specs, emails, strict=True):
        if spec.name not in existing and email in founders:
            _register(spec, founders[email])
    return {organisation.name: organisation for organisation in Organisation.objects.all()}


# --- tools and practices -----------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def _tool_row(tool: DemoTool) -> dict[str, Any]:
    return {
        "slug": tool.slug,
        "name": tool.name,
        "summary": tool.summary,
        "description": tool.description,
        "website": tool.website,
        "repository": tool.repository,
        "licence": tool.licence,
        "cost_model": tool.cost,
        "languages": _words(tool.languages),
        "topics": _words(tool.topics),
        "maturity": tool.maturity,
        "alternatives": [slugify(name) for name in tool.alternatives],
    }


def practice_slug(practice: DemoPractice) -> str:
    return slugify(practice.title)


def _practice_row(
    index: int, practice: DemoPractice, organisation_slugs: dict[str, str]
) -> dict[str, Any]:
    """The import row of a practice; it starts in the first half of its first year and ends in
    the second half of its last one."""
    started = date(practice.started, 1 + index % 6, 1)
    ended = date(practice.ended, 7 + index % 6, 28) if practice.ended else None
    return {
        "slug": practice_slug(practice),
        "title": practice.title,
        "summary": practice.summary,
        "description": practice.description,
        "country": practice.country,
        "level": practice.level,
        "organisation": organisation_slugs.get(practice.organisation or "", ""),
        "actors": practice.actors,
        "started_on": started.isoformat(),
        "ended_on": ended.isoformat() if ended else "",
        "outcomes": practice.outcomes,
        "resources": practice.resources,
        "lessons": practice.lessons,
        "topics": _words(practice.topics),
        "tools": [slugify(name) for name in practice.tools],
    }


def _import(editor: User, rows: list[dict[str, Any]], kind: str) -> None:
    if not rows:
        return
    content = json.dumps(rows).encode()
    try:
        catalog_import.catalog_import(
            actor=editor, content=content, file_name=f"demo-{kind}.json", kind=kind
        )
    except catalog_import.ImportRefused as refused:
        logger.warning("Demo %s not imported: %s", kind, refused.rows)
    except PermissionDenied as error:
        logger.warning("Demo %s not imported: %s", kind, error)


def _catalog(editor: User, organisations: dict[str, Organisation]) -> None:
    """Import the tools, then the practices (which name tools), that are not there yet."""
    tools = demo_content.TOOLS
    have = set(Tool.objects.filter(slug__in=[t.slug for t in tools]).values_list("slug", flat=True))
    _import(editor, [_tool_row(tool) for tool in tools if tool.slug not in have], "tools")
    practices = demo_content.PRACTICES
    slugs = [practice_slug(practice) for practice in practices]
    have = set(Practice.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    organisation_slugs = {name: organisation.slug for name, organisation in organisations.items()}
    rows = [
        _practice_row(index, practice, organisation_slugs)
        for index, practice in enumerate(practices)
        if practice_slug(practice) not in have
    ]
    _import(editor, rows, "practices")


# --- the wiki's history and review queue -------------------------------------------------------


def _appended(text: str, sentence: str) -> str:
    return f"{text} {sentence}".strip()


def _wiki(people: dict[str, User], editor: User) -> None:
    """Lucas's approved edit, Sofía's waiting proposal and Amina's waiting edit, once each."""
    lucas, sofia, amina = people.get(LUCAS), people.get(SOFIA), people.get(AMINA)
    name, sentence, comment = APPROVED_EDIT
    tool = Tool.objects.filter(slug=slugify(name)).first()
    if lucas and tool and not Revision.objects.filter(tool=tool, author=lucas).exists():
        data = content_of(tool, RevisionKind.TOOL)
        data["description"] = _appended(data["description"], sentence)
        revision = wiki.tool_propose(actor=lucas, data=data, comment=comment, tool=tool)
        wiki.revision_approve(actor=editor, revision=revision)
    if sofia and not Revision.objects.filter(author=sofia, kind=RevisionKind.TOOL).exists():
        wiki.tool_propose(actor=sofia, data=PROPOSED_TOOL)
    title, sentence, comment = PROPOSED_EDIT
    practice = Practice.objects.filter(slug=slugify(title)).first()
    if amina and practice and not Revision.objects.filter(practice=practice, author=amina).exists():
        data = content_of(practice, RevisionKind.PRACTICE)
        data["outcomes"] = _appended(data["outcomes"], sentence)
        wiki.practice_propose(actor=amina, data=data, comment=comment, practice=practice)


# --- usages and reviews ------------------------------------------------------------------------


def _organisation_topics() -> list[tuple[str, set[str]]]:
    """(name, topic slugs) of every demo organisation, in a fixed order."""
    return [
        *((spec.name, set(spec.topics)) for spec in organisation_content.ORGANISATIONS),
        *((spec.name, set(spec.topics)) for spec in orgs_demo.ORGANISATIONS),
    ]


def planned_usages() -> list[tuple[str, DemoTool, date, int | None]]:
    """(organisation, tool, since, rating or None) for every usage the demo declares: tools
    that share a topic with the organisation, drawn the same way on every run."""
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not a secret
    tools = demo_content.TOOLS
    plan = []
    for name, topics in _organisation_topics():
        candidates = [tool for tool in tools if topics & set(_words(tool.topics))]
        count = min(rng.randint(*USAGES_PER_ORGANISATION), len(candidates))
        for tool in rng.sample(candidates, count):
            since = date(rng.randint(2016, 2025), rng.randint(1, 12), 1)
            reviewed = rng.random() < REVIEW_SHARE
            rating = rng.choices(RATINGS, RATING_WEIGHTS)[0]
            plan.append((name, tool, since, rating if reviewed else None))
    return plan


def _admins(organisations: Iterable[Organisation]) -> dict[int, User]:
    """The first active administrator of each organisation."""
    memberships = Membership.objects.filter(
        organisation__in=list(organisations), role=Role.ADMIN, status=MembershipStatus.ACTIVE
    ).select_related("user")
    admins: dict[int, User] = {}
    for membership in memberships.order_by("pk"):
        admins.setdefault(membership.organisation_id, membership.user)
    return admins


def _usages(organisations: dict[str, Organisation]) -> None:
    plan = planned_usages()
    tools = {
        tool.slug: tool for tool in Tool.objects.filter(slug__in={t.slug for _o, t, *_r in plan})
    }
    admins = _admins(organisations.values())
    used = set(Usage.objects.values_list("organisation_id", "tool_id"))
    reviewed = set(Review.objects.values_list("organisation_id", "tool_id"))
    for number, (name, spec, since, rating) in enumerate(plan):
        organisation, tool = organisations.get(name), tools.get(spec.slug)
        if organisation is None or tool is None or organisation.pk not in admins:
            continue
        admin = admins[organisation.pk]
        try:
            if (organisation.pk, tool.pk) not in used:
                usages.usage_declare(
                    actor=admin,
                    organisation=organisation,
                    tool=tool,
                    purpose=spec.use,
                    country=str(organisation.country),
                    since=since,
                )
            if rating is not None and (organisation.pk, tool.pk) not in reviewed:
                texts = organisation_content.REVIEWS[rating]
                text = texts[number % len(texts)]
                usages.review_write(
                    actor=admin, organisation=organisation, tool=tool, rating=rating, text=text
                )
        except (PermissionDenied, ValidationError) as error:
            logger.warning("Demo usage of %r by %r skipped: %s", tool.name, name, error)


def _redate(rows: QuerySet[Any], moment: Callable[[Any], datetime]) -> list[Any]:
    """Give each row `created_at` and `updated_at` = `moment(row)`, in the order of their ids."""
    changed = list(rows.order_by("pk"))
    for row in changed:
        row.created_at = row.updated_at = moment(row)
    rows.model.objects.bulk_update(changed, ["created_at", "updated_at"])
    return changed


def _spread_in_time(since: datetime) -> None:
    """Date what this load wrote over the past two years, so that "newest" orders and the feed
    read like a catalog that grew: each tool and practice (with the revision that created it)
    on a day of `CATALOG_AGE`, each usage after its tool, each review after its usage. The
    wiki's recent edits and proposals keep today's date."""
    chance = random.Random(SEED)  # noqa: S311 - reproducible demo data, not a secret
    now = timezone.now()
    oldest, newest = now - CATALOG_AGE[1], now - CATALOG_AGE[0]

    def between(start: datetime, end: datetime) -> datetime:
        return start + (end - start) * chance.random()

    dated: dict[tuple[str, int], datetime] = {}
    for model in (Tool, Practice):
        for row in _redate(
            model.objects.filter(created_at__gte=since), lambda _r: between(oldest, newest)
        ):
            dated[(model._meta.model_name or "", row.pk)] = row.created_at
    creations: dict[tuple[str, int], Revision] = {}
    approved = Revision.objects.filter(created_at__gte=since, state=RevisionState.APPROVED)
    for revision in approved.order_by("pk"):
        key = ("tool", revision.tool_id) if revision.tool_id else ("practice", revision.practice_id)
        if key in dated and key not in creations:
            revision.created_at = revision.reviewed_at = dated[key]
            creations[key] = revision
    Revision.objects.bulk_update(list(creations.values()), ["created_at", "reviewed_at"])
    used = _redate(
        Usage.objects.filter(created_at__gte=since).select_related("tool"),
        lambda usage: between(usage.tool.created_at, now),
    )
    declared = {(usage.organisation_id, usage.tool_id): usage.created_at for usage in used}
    _redate(
        Review.objects.filter(created_at__gte=since),
        lambda review: between(declared.get((review.organisation_id, review.tool_id), now), now),
    )


def load() -> None:
    """Create what is missing of the toolbox demo (see the module's docstring)."""
    people = _people()
    editor = _editor(people)
    if editor is None:
        logger.warning("Demo toolbox skipped: neither %s nor %s exists.", EDITOR, ADMIN)
        return
    since = timezone.now()
    with transaction.atomic():
        organisations = _organisations()
        _catalog(editor, organisations)
        _wiki(people, editor)
        _usages(organisations)
        _spread_in_time(since)
