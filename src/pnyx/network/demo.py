"""The network demo for `pnyx demo`: 30+ practitioners, help requests of organisations (some
asking to make sense of a data set, with experts' answers), news posts, what the demo people
follow, and a contact request waiting for Lucas.

The texts are in `pnyx.network.demo_content` (fictional, written for Pnyx). It builds on the
toolbox demo (tools and 100+ organisations, which runs before) and on the demo consultation's
generated participants, who are the practitioners and the organisations' administrators.
Everything goes through the network services (permission checks, search index, notifications):

- each practitioner saves their own profile;
- each help request is posted by its organisation's first administrator; on a "make sense of
  this data set" request, practitioners who are data experts answer and the organisation marks
  the first answer useful;
- news posts are published by the organisation's first administrator;
- Amina, Lucas, Sofía and Noor follow a few organisations, topics, tools and people (news and
  usages of what they follow fill their feeds);
- a practitioner asks Lucas for help, so his contact requests page has one waiting;
- the news posts and help requests are then dated over the past four months, oldest first.

Loading again adds nothing: a practitioner is found by person, a help request or a news post by
organisation and title, a follow by its target, the contact request by its two people. Parts
whose people or organisations are missing are logged as warnings and skipped.
"""

import logging
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from pnyx.accounts.models import User
from pnyx.core.models import Topic
from pnyx.network import demo_content as content
from pnyx.network.models import (
    ContactRequest,
    ExpertAnswer,
    HelpKind,
    HelpRequest,
    NewsPost,
    Practitioner,
)
from pnyx.network.services import contacts, follows, news, practitioners
from pnyx.network.services import help as help_services
from pnyx.orgs.models import Membership, MembershipStatus, Organisation, Role
from pnyx.participation.demo import participant_email
from pnyx.toolbox.models import Tool

logger = logging.getLogger(__name__)

DATASET_SITE = "https://example.org/"
#: News posts and help requests are dated over this many days up to today (`_spread_in_time`).
RECENT_DAYS = 120


def _email(who: int | str) -> str:
    return participant_email(who) if isinstance(who, int) else who


def _people() -> dict[str, User]:
    """Every person the demo content names, by e-mail address."""
    emails = {_email(spec.who) for spec in content.PRACTITIONERS}
    emails |= {_email(who) for spec in content.HELP_REQUESTS for who, _text in spec.answers}
    emails |= {email for email, _kind, _target in content.FOLLOWS}
    emails |= {target for _email, kind, target in content.FOLLOWS if kind == "person"}
    emails.add(_email(content.CONTACT_FOR_LUCAS[0]))
    return {user.email: user for user in User.objects.filter(email__in=emails)}


def _organisations(names: set[str]) -> tuple[dict[str, Organisation], dict[int, User]]:
    """The named organisations, and the first active administrator of each."""
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    memberships = Membership.objects.filter(
        organisation__in=list(organisations.values()),
        role=Role.ADMIN,
        status=MembershipStatus.ACTIVE,
    ).select_related("user")
    admins: dict[int, User] = {}
    for membership in memberships.order_by("pk"):
        admins.setdefault(membership.organisation_id, membership.user)
    missing = sorted(names - set(organisations))
    if missing:
        logger.warning("Demo organisations missing for the network demo: %s", ", ".join(missing))
    return organisations, admins


def _tool_slugs(names: tuple[str, ...]) -> list[str]:
    return [slugify(name) for name in names]


def _practitioners(people: dict[str, User]) -> None:
    have = set(Practitioner.objects.values_list("user_id", flat=True))
    for spec in content.PRACTITIONERS:
        person = people.get(_email(spec.who))
        if person is None:
            logger.warning("Demo practitioner %s skipped: no such person.", _email(spec.who))
            continue
        if person.pk in have:
            continue
        practitioners.practitioner_save(
            actor=person,
            headline=spec.headline,
            topics=spec.topics.split(),
            tools=_tool_slugs(spec.tools),
            languages=spec.languages.split(),
            countries=spec.countries.split(),
            hours_per_month=spec.hours,
            data_expert=spec.data_expert,
        )


def _answer(request: HelpRequest, spec: content.DemoHelpRequest, people: dict[str, User]) -> None:
    """The experts' answers to a new data request; the asker marks the first one useful."""
    for number, (who, text) in enumerate(spec.answers):
        expert = people.get(_email(who))
        if expert is None:
            continue
        answer = help_services.answer_add(actor=expert, help_request=request, body=text)
        if number == 0 and request.author is not None:
            help_services.answer_mark_useful(actor=request.author, answer=answer, useful=True)


def _help_requests(
    organisations: dict[str, Organisation], admins: dict[int, User], people: dict[str, User]
) -> None:
    have = set(HelpRequest.objects.values_list("organisation__name", "title"))
    for spec in content.HELP_REQUESTS:
        organisation = organisations.get(spec.organisation)
        if organisation is None or organisation.pk not in admins:
            continue
        if (spec.organisation, spec.title) in have:
            continue
        request = help_services.help_request_create(
            actor=admins[organisation.pk],
            organisation=organisation,
            title=spec.title,
            body=spec.body,
            kind=HelpKind.DATA if spec.dataset else HelpKind.HELP,
            dataset_url=f"{DATASET_SITE}{spec.dataset}" if spec.dataset else "",
            topics=spec.topics.split(),
            tools=_tool_slugs(spec.tools),
            languages=spec.languages.split(),
            country=str(organisation.country),
        )
        _answer(request, spec, people)


def _news(organisations: dict[str, Organisation], admins: dict[int, User]) -> None:
    have = set(NewsPost.objects.values_list("organisation__name", "title"))
    for spec in content.NEWS:
        organisation = organisations.get(spec.organisation)
        if organisation is None or organisation.pk not in admins:
            continue
        if (spec.organisation, spec.title) not in have:
            news.news_create(
                actor=admins[organisation.pk],
                organisation=organisation,
                title=spec.title,
                body=spec.body,
                topics=Topic.objects.filter(slug__in=spec.topics.split()),
            )


def _follow_target(
    kind: str, target: str, organisations: dict[str, Organisation], people: dict[str, User]
) -> Any:
    if kind == "organisation":
        return organisations.get(target)
    if kind == "topic":
        return Topic.objects.filter(slug=target).first()
    if kind == "tool":
        return Tool.objects.filter(slug=slugify(target)).first()
    return people.get(target)


def _follows(organisations: dict[str, Organisation], people: dict[str, User]) -> None:
    for email, kind, name in content.FOLLOWS:
        person = people.get(email)
        target = _follow_target(kind, name, organisations, people)
        if person is not None and target is not None:
            follows.follow_add(actor=person, target=target)


def _contact(people: dict[str, User]) -> None:
    number, message = content.CONTACT_FOR_LUCAS
    sender, lucas = people.get(participant_email(number)), people.get(content.LUCAS)
    if sender is None or lucas is None:
        return
    practitioner = Practitioner.objects.filter(user=lucas).first()
    if practitioner is None:
        return
    if not ContactRequest.objects.filter(sender=sender, recipient=lucas).exists():
        contacts.contact_request_send(actor=sender, practitioner=practitioner, message=message)


def _spread_in_time(since: datetime) -> None:
    """Date the news posts and help requests this load wrote over the last `RECENT_DAYS` days,
    in the order they were written, each expert answer after its request."""
    now = timezone.now()
    written: list[QuerySet[Any]] = [
        NewsPost.objects.filter(created_at__gte=since),
        HelpRequest.objects.filter(created_at__gte=since),
    ]
    for queryset in written:
        rows = list(queryset.order_by("pk"))
        for number, row in enumerate(rows):
            age = RECENT_DAYS * (len(rows) - number) / len(rows)
            row.created_at = row.updated_at = now - timedelta(days=age, hours=number % 9)
        queryset.model.objects.bulk_update(rows, ["created_at", "updated_at"])
    answers = list(
        ExpertAnswer.objects.filter(created_at__gte=since)
        .select_related("help_request")
        .order_by("pk")
    )
    for answer in answers:
        asked = answer.help_request.created_at
        answer.created_at = asked + (now - asked) / 3
    ExpertAnswer.objects.bulk_update(answers, ["created_at"])


def load() -> None:
    """Create what is missing of the network demo (see the module's docstring)."""
    since = timezone.now()
    people = _people()
    names = {spec.organisation for spec in content.HELP_REQUESTS}
    names |= {spec.organisation for spec in content.NEWS}
    names |= {target for _email, kind, target in content.FOLLOWS if kind == "organisation"}
    try:
        with transaction.atomic():
            organisations, admins = _organisations(names)
            _practitioners(people)
            _help_requests(organisations, admins, people)
            _news(organisations, admins)
            _follows(organisations, people)
            _contact(people)
            _spread_in_time(since)
    except (PermissionDenied, ValidationError) as error:
        # A demo person without a confirmed address, say: nothing of the network demo is kept.
        logger.warning("Network demo not loaded: %s", error)
