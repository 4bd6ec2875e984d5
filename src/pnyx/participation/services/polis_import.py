"""Importing a Pol.is conversation as an archived consultation (`pnyx import polis DIR`).

From what `pnyx.participation.polis.polis_read` read in an export folder, this creates:

- an **archived** agree/disagree/pass consultation whose phases lie in the past (proposing from
  the first comment to the last vote), organised by the chosen organisation or by one kept for
  imports (`IMPORTS_ORGANISATION_SLUG`), with one question and a description that credits the
  source;
- one **proposition per comment**, keeping its comment-id as `external_id`. Comments that
  Pol.is's moderators hid (`moderated` = -1) are imported hidden, with their votes, so that the
  counters and the vote export match the source; hidden propositions are left out of lists,
  rankings and opinion groups, as any hidden proposition;
- one **placeholder account per Pol.is participant** (voters and comment authors), keeping the
  voter-id as the participant's `external_id`. Pol.is exports are anonymous, so these accounts
  hold nothing personal and can never be used: an address in the reserved `.invalid` domain
  (RFC 2606: it can never receive mail; the same convention as deleted accounts), no e-mail
  address record, an unusable password and `is_active` off, so neither a log-in nor a password
  reset can reach them;
- the **latest vote** of each participant on each comment (by timestamp; on a tie, the later
  line), dated as in Pol.is.

Every counter is set from the votes and rows written, so `selectors.recount.counters_drift`
finds nothing to report. Everything is written in one transaction, after the whole folder was
read without error. The import is an operator's act (it needs shell access), so no permission
is checked; it is recorded in the audit log as `participation.process_imported`.
"""

from collections import Counter
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.accounts.models import User
from pnyx.core import audit, search
from pnyx.orgs.algorithms import name_sort_key
from pnyx.orgs.models import Organisation, OrganisationKind
from pnyx.participation.models import (
    Audience,
    Participant,
    Phase,
    PhaseKind,
    Process,
    ProcessStatus,
    Proposition,
    Question,
    Vote,
    VoteMode,
    VoteValue,
)
from pnyx.participation.polis import PolisConversation

IMPORTS_ORGANISATION_SLUG = "imported-consultations"
IMPORTS_ORGANISATION_NAME = "Imported consultations"
TITLE_MAX_LENGTH = 200
SUMMARY_MAX_LENGTH = 500
QUESTION_MAX_LENGTH = 300
BATCH_SIZE = 2000
COUNTER_OF = {
    VoteValue.AGREE.value: "agree_count",
    VoteValue.DISAGREE.value: "disagree_count",
    VoteValue.PASS.value: "pass_count",
}


def register_audit_actions() -> None:
    """Give the import its label in the audit log; called once from the app's `ready`."""
    audit.register_action(
        "participation.process_imported", gettext_lazy("Consultation imported from Pol.is")
    )


def _shortened(text: str, limit: int) -> str:
    """`text` on one line, cut at a word before `limit` characters (with an ellipsis)."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0] or line[: limit - 1]
    return f"{cut}…"


def _organisation(slug: str) -> Organisation:
    if slug:
        found = Organisation.objects.filter(slug=slug).first()
        if found is None:
            raise ValidationError(
                _("No organisation has the address name “%(slug)s”.") % {"slug": slug}
            )
        return found
    organisation, _created = Organisation.objects.get_or_create(
        slug=IMPORTS_ORGANISATION_SLUG,
        defaults={
            "name": IMPORTS_ORGANISATION_NAME,
            "sort_name": name_sort_key(IMPORTS_ORGANISATION_NAME),
            "kind": OrganisationKind.INFORMAL_GROUP,
            "description": _("Consultations imported from other tools by the site's team."),
        },
    )
    return organisation


def _unique_slug(title: str) -> str:
    base = slugify(title)[:TITLE_MAX_LENGTH].strip("-") or "polis"
    taken = set(Process.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _body(conversation: PolisConversation) -> str:
    source = conversation.url or conversation.folder
    parts = [conversation.description] if conversation.description else []
    parts.append(
        _(
            "Imported from the Pol.is conversation %(source)s. Pol.is data is published under "
            "the CC BY 4.0 licence; it was gathered with the Polis software "
            "(https://compdemocracy.org/polis), with attribution to The Computational "
            "Democracy Project. Participants appear under their Pol.is numbers."
        )
        % {"source": source}
    )
    return "\n\n".join(parts)


def _process(conversation: PolisConversation, organisation: Organisation) -> Process:
    moments = [c.created_at for c in conversation.comments] + [
        v.cast_at for v in conversation.votes
    ]
    started, ended = min(moments), max(moments) + timedelta(seconds=1)
    title = _shortened(conversation.topic or conversation.folder, TITLE_MAX_LENGTH)
    summary = conversation.description or _("A conversation imported from Pol.is.")
    process = Process.objects.create(
        organisation=organisation,
        title=title,
        slug=_unique_slug(title),
        summary=_shortened(summary, SUMMARY_MAX_LENGTH),
        body=_body(conversation),
        status=ProcessStatus.ARCHIVED,
        vote_mode=VoteMode.AGREE_DISAGREE,
        propose_audience=Audience.NOBODY,
        vote_audience=Audience.NOBODY,
        comment_audience=Audience.NOBODY,
        published_at=started,
    )
    Phase.objects.create(
        process=process, kind=PhaseKind.PROPOSING, starts_at=started, ends_at=ended
    )
    now = timezone.now()
    if now > ended:
        Phase.objects.create(
            process=process, kind=PhaseKind.RESULTS, starts_at=ended, ends_at=now, position=1
        )
    return process


def _people(process: Process, conversation: PolisConversation) -> dict[str, User]:
    """One placeholder account per Pol.is participant (see the module's docstring)."""
    ids = sorted(
        {vote.voter_id for vote in conversation.votes}
        | {comment.author_id for comment in conversation.comments if comment.author_id},
        key=lambda external_id: (len(external_id), external_id),
    )
    accounts = [
        User(
            email=f"imported-{process.pk}-{external_id}@invalid",
            password=make_password(None),
            is_active=False,
        )
        for external_id in ids
    ]
    # PostgreSQL and SQLite both return the new rows' ids from a bulk insert.
    User.objects.bulk_create(accounts, batch_size=BATCH_SIZE)
    return dict(zip(ids, accounts, strict=True))


def _propositions(
    process: Process,
    question: Question,
    conversation: PolisConversation,
    people: dict[str, User],
) -> dict[str, Proposition]:
    counts: dict[str, Counter[str]] = {c.external_id: Counter() for c in conversation.comments}
    for vote in conversation.votes:
        counts[vote.comment_id][COUNTER_OF[vote.value]] += 1
    now = timezone.now()
    hidden_reason = _("Hidden by the moderators of the Pol.is conversation.")
    rows = [
        Proposition(
            process=process,
            question=question,
            author=people.get(comment.author_id),
            title=_shortened(comment.body, TITLE_MAX_LENGTH),
            body=comment.body,
            external_id=comment.external_id,
            hidden_at=now if comment.hidden else None,
            hidden_reason=hidden_reason if comment.hidden else "",
            **counts[comment.external_id],
        )
        for comment in conversation.comments
    ]
    Proposition.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    created = {row.external_id: row for row in Proposition.objects.filter(process=process)}
    # bulk_create stamps "now" on created_at; the comments keep their Pol.is dates.
    for comment in conversation.comments:
        created[comment.external_id].created_at = comment.created_at
    Proposition.objects.bulk_update(list(created.values()), ["created_at"], batch_size=BATCH_SIZE)
    for proposition in created.values():
        if not proposition.is_hidden:
            search.index_object(proposition, title=proposition.title, body=proposition.body)
    return created


def _participants(
    process: Process, conversation: PolisConversation, people: dict[str, User]
) -> None:
    votes = Counter(vote.voter_id for vote in conversation.votes)
    authored = Counter(c.author_id for c in conversation.comments if c.author_id)
    Participant.objects.bulk_create(
        [
            Participant(
                process=process,
                user=user,
                external_id=external_id,
                vote_count=votes[external_id],
                proposition_count=authored[external_id],
            )
            for external_id, user in people.items()
        ],
        batch_size=BATCH_SIZE,
    )


def _votes(
    conversation: PolisConversation, people: dict[str, User], propositions: dict[str, Proposition]
) -> None:
    Vote.objects.bulk_create(
        (
            Vote(
                proposition=propositions[vote.comment_id],
                user=people[vote.voter_id],
                value=vote.value,
                created_at=vote.cast_at,
            )
            for vote in conversation.votes
        ),
        batch_size=BATCH_SIZE,
    )


def polis_import(*, conversation: PolisConversation, organisation_slug: str = "") -> Process:
    """Create the archived consultation described in the module's docstring, in one transaction.

    `organisation_slug` names the organiser (ValidationError when no organisation has it);
    empty, the organisation kept for imports is used, created on first use. Records
    `participation.process_imported`. Returns the new process.
    """
    with transaction.atomic():
        organisation = _organisation(organisation_slug)
        process = _process(conversation, organisation)
        question = Question.objects.create(
            process=process,
            title=_shortened(conversation.topic or process.title, QUESTION_MAX_LENGTH),
            proposition_count=len(conversation.comments),
        )
        people = _people(process, conversation)
        _participants(process, conversation, people)
        _votes(conversation, people, _propositions(process, question, conversation, people))
        Process.objects.filter(pk=process.pk).update(
            proposition_count=len(conversation.comments), participant_count=len(people)
        )
        search.index_object(process, title=process.title, body=process.summary)
        audit.record(
            action="participation.process_imported",
            target=process,
            data={
                "source": "polis",
                "source_url": conversation.url,
                "organisation": organisation.pk,
                "propositions": len(conversation.comments),
                "votes": len(conversation.votes),
                "participants": len(people),
            },
        )
    process.refresh_from_db()
    return process
