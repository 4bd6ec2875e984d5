"""Opening the debate on an algorithm: the consultation, attached to the card, where people
comment on the algorithm and propose changes to it.

The consultation is an ordinary one of the participation app, run by the platform organisation
(`PNYX_PLATFORM_ORGANISATION`, or an organisation named "Pnyx" made for it), so that its
administrators (the platform administrators) moderate it and answer each proposition officially
with the usual tools. It opens for proposing, voting and commenting at once and stays open
DEBATE_YEARS; they can close it as any other.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.accounts.models import User
from pnyx.core import audit, search
from pnyx.core.algorithms import AlgorithmCard
from pnyx.core.permissions import require
from pnyx.orgs.algorithms import name_sort_key
from pnyx.orgs.models import Organisation, OrganisationKind
from pnyx.participation.models import (
    Audience,
    Phase,
    PhaseKind,
    Process,
    ProcessStatus,
    Question,
    VoteMode,
)
from pnyx.transparency import selectors
from pnyx.transparency.models import AlgorithmDebate

DEBATE_YEARS = 10
#: Any constant shared by every debate opening (see `_serialise_openings`).
OPENING_LOCK_KEY = 7_316_402_982
PLATFORM_NAME = "Pnyx"
SUMMARY_LENGTH = 500


def register_audit_actions() -> None:
    """Give this app's audit actions their labels; called once from the app's `ready`."""
    audit.register_action(
        "transparency.algorithm_debate_opened", gettext_lazy("Debate on an algorithm opened")
    )


def _free_slug(model: type[Organisation] | type[Process], base: str) -> str:
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _platform_organisation() -> Organisation:
    """The organisation that runs the debates: the configured one (made with that slug if it does
    not exist yet), else the one already running earlier debates, else a new one named "Pnyx".

    A registered organisation that merely happens to be called "Pnyx" is never taken over: the new
    one gets another slug.
    """
    configured = settings.PNYX_PLATFORM_ORGANISATION
    if configured:
        found = Organisation.objects.filter(slug=configured).first()
        if found is not None:
            return found
    else:
        earlier = selectors.debate_organisation()
        if earlier is not None:
            return earlier
    organisation = Organisation(
        name=PLATFORM_NAME,
        slug=configured or _free_slug(Organisation, slugify(PLATFORM_NAME)),
        sort_name=name_sort_key(PLATFORM_NAME),
        kind=OrganisationKind.INFORMAL_GROUP,
        description=_(
            "The team that runs this Pnyx platform. It answers the debates on the algorithms of "
            "the register."
        ),
    )
    organisation.save(force_insert=True)
    search.index_object(organisation, title=organisation.name, body=organisation.description)
    return organisation


def _debate_body(card: AlgorithmCard, organisation: Organisation) -> str:
    card_url = reverse("transparency:algorithm-detail", kwargs={"slug": card.slug})
    return _(
        "This consultation is attached to the algorithm “%(name)s” (`%(id)s`, version "
        "%(version)s). Read [its card](%(url)s) first: what it is for, what it looks at and how "
        "much each factor weighs.\n\nThen say what should change, or ask what is unclear. "
        "%(organisation)s answers every proposition publicly, and the changes it makes appear in "
        "the card's version history."
    ) % {
        "name": card.name,
        "id": card.id,
        "version": card.version,
        "url": card_url,
        "organisation": organisation.name,
    }


def _create_debate(card: AlgorithmCard) -> Process:
    organisation = _platform_organisation()
    now = timezone.now()
    title = _("Debate: %(name)s") % {"name": card.name}
    process = Process.objects.create(
        organisation=organisation,
        title=title[:200],
        slug=_free_slug(Process, f"algorithm-{slugify(card.slug)}"[:200]),
        summary=str(card.summary or card.purpose)[:SUMMARY_LENGTH],
        body=_debate_body(card, organisation),
        status=ProcessStatus.PUBLISHED,
        published_at=now,
        vote_mode=VoteMode.SUPPORT,
        propose_audience=Audience.CONFIRMED,
        vote_audience=Audience.CONFIRMED,
        comment_audience=Audience.CONFIRMED,
    )
    Question.objects.create(
        process=process,
        title=_("What should change in this algorithm?"),
        description=_("Propose one change per proposition, and say why."),
        position=0,
    )
    Question.objects.create(
        process=process,
        title=_("What is unclear, or what worries you about it?"),
        description=_("Questions and remarks are welcome here too; they are answered publicly."),
        position=1,
    )
    Phase.objects.create(
        process=process,
        kind=PhaseKind.PROPOSING,
        title=_("Open debate"),
        starts_at=now,
        ends_at=now + timedelta(days=365 * DEBATE_YEARS),
        position=0,
    )
    body = " ".join([process.summary, process.body, organisation.name])
    search.index_object(process, title=process.title, body=body)
    return process


def algorithm_debate_open(*, actor: User, card: AlgorithmCard) -> Process:
    """The consultation attached to the algorithm, created on first use.

    Requires `transparency.open_algorithm_debate` (signed in, with a confirmed e-mail address).
    The first time, creates the platform organisation if needed and a published consultation
    with two questions (what should change; what is unclear) and an open proposing phase, in the
    site's default language, and records `transparency.algorithm_debate_opened`. Later calls,
    and calls racing each other, return the existing one: openings are serialised, so there is
    never a second debate for an algorithm nor a second platform organisation.
    """
    require(actor, "transparency.open_algorithm_debate")
    existing = selectors.debate_get(algorithm_id=card.id)
    if existing is not None:
        return existing.process
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        _serialise_openings()
        existing = selectors.debate_get(algorithm_id=card.id)
        if existing is not None:
            return existing.process
        process = _create_debate(card)
        AlgorithmDebate.objects.create(algorithm_id=card.id, process=process)
        audit.record(
            action="transparency.algorithm_debate_opened",
            actor=actor,
            target=process,
            data={"algorithm": card.id, "version": card.version},
        )
    return process


def _serialise_openings() -> None:
    """Make concurrent openings wait for each other, until the caller's transaction ends: on
    PostgreSQL with an advisory lock; on SQLite, IMMEDIATE transactions already hold the write
    lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [OPENING_LOCK_KEY])
