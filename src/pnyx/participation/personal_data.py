"""What the consultations hold about a person, and how it is exported or anonymised.

Contributions (propositions, comments, votes) stay when a person leaves, detached from them, so
the published totals and the anonymised vote export keep adding up. What only serves the person
(follows, notifications, settings) is deleted.
"""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from pnyx.core.personal_data import (
    KEPT_ANONYMISED,
    AccessReason,
    PersonalDataSource,
    Retention,
    Visibility,
    register,
    register_access_reason,
)
from pnyx.participation.models import (
    Comment,
    Follow,
    Notification,
    NotificationSettings,
    OpinionGroupsRun,
    Participant,
    ProcessAccess,
    Proposition,
    Report,
    Vote,
)
from pnyx.participation.selectors.opinion_groups import group_name


def _moment(value: Any) -> str | None:
    return value.isoformat() if value else None


def export_propositions(person: Any) -> list[dict[str, Any]]:
    """The person's propositions: title, text, process, question, dates, state and link."""
    propositions = Proposition.objects.filter(author=person).select_related("process", "question")
    return [
        {
            "id": proposition.pk,
            "title": proposition.title,
            "body": proposition.body,
            "process": proposition.process.title,
            "question": proposition.question.title,
            "status": proposition.status,
            "created_at": _moment(proposition.created_at),
            "url": proposition.get_absolute_url(),
        }
        for proposition in propositions.order_by("created_at", "pk")
    ]


def anonymise_propositions(person: Any) -> None:
    """Keep the propositions (others voted and commented on them) without their author."""
    Proposition.objects.filter(author=person).update(author=None)


def export_votes(person: Any) -> list[dict[str, Any]]:
    """The person's votes: proposition, value and date."""
    votes = Vote.objects.filter(user=person).order_by("created_at", "pk")
    return [
        {
            "proposition_id": vote.proposition_id,
            "value": vote.value,
            "created_at": _moment(vote.created_at),
            "updated_at": _moment(vote.updated_at),
        }
        for vote in votes
    ]


def anonymise_votes(person: Any) -> None:
    """Keep the votes so public results stay the same; forget who cast them."""
    Vote.objects.filter(user=person).update(user=None)


def export_comments(person: Any) -> list[dict[str, Any]]:
    """The person's comments, with the proposition each answers."""
    comments = Comment.objects.filter(author=person).order_by("created_at", "pk")
    return [
        {
            "id": comment.pk,
            "proposition_id": comment.proposition_id,
            "reply_to": comment.parent_id,
            "body": comment.body,
            "stance": comment.stance,
            "created_at": _moment(comment.created_at),
            "edited_at": _moment(comment.edited_at),
            "deleted_at": _moment(comment.deleted_at),
        }
        for comment in comments
    ]


def anonymise_comments(person: Any) -> None:
    """Keep the comments (the replies to them would lose their context) without their author."""
    Comment.objects.filter(author=person).update(author=None)


def export_follows(person: Any) -> list[dict[str, Any]]:
    """The processes and propositions the person follows."""
    follows = Follow.objects.filter(user=person).select_related("process", "proposition")
    return [
        {
            "process": follow.process.title if follow.process else None,
            "proposition": follow.proposition.title if follow.proposition else None,
            "since": _moment(follow.created_at),
        }
        for follow in follows.order_by("created_at", "pk")
    ]


@transaction.atomic
def anonymise_follows(person: Any) -> None:
    """Delete the follows, keeping each proposition's follower count exact."""
    for proposition_id in Follow.objects.filter(user=person, proposition__isnull=False).values_list(
        "proposition_id", flat=True
    ):
        Proposition.objects.filter(pk=proposition_id, follower_count__gt=0).update(
            follower_count=F("follower_count") - 1
        )
    Follow.objects.filter(user=person).delete()


def export_notifications(person: Any) -> list[dict[str, Any]]:
    """The person's notifications: event, what it was about, when, read and e-mailed."""
    notifications = Notification.objects.filter(user=person).order_by("created_at", "pk")
    return [
        {
            "event": notification.event,
            "process_id": notification.process_id,
            "proposition_id": notification.proposition_id,
            "data": notification.data,
            "created_at": _moment(notification.created_at),
            "read_at": _moment(notification.read_at),
            "emailed_at": _moment(notification.emailed_at),
        }
        for notification in notifications
    ]


def anonymise_notifications(person: Any) -> None:
    Notification.objects.filter(user=person).delete()


#: Notifications are news: a year on, they have served their purpose.
NOTIFICATION_RETENTION = Retention(period=timedelta(days=365))


def purge_notifications(before: datetime) -> int:
    deleted, _by_model = Notification.objects.filter(created_at__lt=before).delete()
    return deleted


def export_settings(person: Any) -> dict[str, Any] | None:
    found = NotificationSettings.objects.filter(user=person).first()
    if found is None:
        return None
    return {
        "in_app": found.in_app,
        "digest": found.digest,
        "last_digest_at": _moment(found.last_digest_at),
    }


def anonymise_settings(person: Any) -> None:
    NotificationSettings.objects.filter(user=person).delete()


def export_reports(person: Any) -> list[dict[str, Any]]:
    """The reports the person sent to moderators: what, why, when, and whether it was handled."""
    return [
        {
            "process": report.process.title,
            "proposition_id": report.proposition_id,
            "comment_id": report.comment_id,
            "reason": report.reason,
            "details": report.details,
            "created_at": _moment(report.created_at),
            "resolved_at": _moment(report.resolved_at),
        }
        for report in Report.objects.filter(reporter=person).select_related("process")
    ]


def anonymise_reports(person: Any) -> None:
    # Moderation counts stay right; only the link to the reporter goes.
    Report.objects.filter(reporter=person).update(reporter=None)


def export_participations(person: Any) -> list[dict[str, Any]]:
    """The consultations the person took part in or joined through an invitation link."""
    taken_part = [
        {
            "process": participant.process.title,
            "since": _moment(participant.created_at),
            "propositions": participant.proposition_count,
            "votes": participant.vote_count,
            "comments": participant.comment_count,
        }
        for participant in Participant.objects.filter(user=person).select_related("process")
    ]
    invited = [
        {"process": access.process.title, "since": _moment(access.created_at)}
        for access in ProcessAccess.objects.filter(user=person).select_related("process")
    ]
    return [{"took_part_in": taken_part, "joined_by_invitation": invited}]


def participation_rows(person: Any) -> list[dict[str, Any]]:
    """The same as one table: a row per consultation taken part in or joined by invitation."""
    [exported] = export_participations(person)
    invited = [{**row, "joined_by_invitation": True} for row in exported["joined_by_invitation"]]
    return [{**row, "joined_by_invitation": False} for row in exported["took_part_in"]] + invited


def anonymise_participations(person: Any) -> None:
    # Participant rows keep the consultation's participant count exact; they name a deactivated
    # account only, and no longer count its votes and contributions, which are detached from it
    # (so the drift check finds the counts right). Invitation accesses serve the person alone.
    Participant.objects.filter(user=person).update(
        vote_count=0, proposition_count=0, comment_count=0
    )
    ProcessAccess.objects.filter(user=person).delete()


def export_opinion_groups(person: Any) -> list[dict[str, Any]]:
    """Where the person sits on the opinion-group map of each consultation, in the latest run
    that kept the positions, and the group they were placed in."""
    from pnyx.participation.opinion_groups import unpack_positions  # NumPy loads only when needed

    participants = {
        participant.process_id: participant
        for participant in Participant.objects.filter(user=person).select_related("process")
    }
    # The latest run with positions of each of those consultations, in one query.
    runs = (
        OpinionGroupsRun.objects.filter(process__in=list(participants))
        .exclude(positions=b"")
        .order_by("process_id", "-computed_at", "-id")
    )
    latest: dict[int, OpinionGroupsRun] = {}
    for run in runs.only("process_id", "computed_at", "positions"):
        latest.setdefault(run.process_id, run)
    rows = []
    for process_id, run in latest.items():
        participant = participants[process_id]
        found = unpack_positions(bytes(run.positions)).find(participant.pk)
        if found is None:
            continue
        (x, y), label = found
        rows.append(
            {
                "process": participant.process.title,
                "computed_at": _moment(run.computed_at),
                "group": group_name(label) if label >= 0 else None,
                "x": round(x, 4),
                "y": round(y, 4),
            }
        )
    return rows


def anonymise_opinion_groups(person: Any) -> None:
    # The map keeps the point, so that the groups' sizes and shape stay what was published; it is
    # tied to the participant row only, which names an account whose identity is erased with it.
    return None


SOURCE_PROPOSITIONS = "participation.propositions"
SOURCE_COMMENTS = "participation.comments"

SOURCES = [
    PersonalDataSource(
        key=SOURCE_PROPOSITIONS,
        label=_("Propositions"),
        description=_(
            "The propositions you made in consultations. If you delete your account they stay, "
            "without your name, because others voted and commented on them."
        ),
        export=export_propositions,
        anonymise=anonymise_propositions,
        purpose=_("To publish your propositions in the consultation, with your name."),
        visibility=Visibility.PUBLIC,
        seen_by=_("Everyone who can see the consultation."),
        retention=KEPT_ANONYMISED,
    ),
    PersonalDataSource(
        key="participation.votes",
        label=_("Votes"),
        description=_(
            "Your votes on propositions. If you delete your account they stay, without your "
            "name, so the published results still add up."
        ),
        export=export_votes,
        anonymise=anonymise_votes,
        purpose=_(
            "To count your vote once, let you change it, and apply the consultation's vote limits."
        ),
        seen_by=_(
            "Only you. Everyone sees the totals, and the published vote export lists votes "
            "without names."
        ),
        retention=KEPT_ANONYMISED,
    ),
    PersonalDataSource(
        key=SOURCE_COMMENTS,
        label=_("Comments"),
        description=_(
            "Your comments and replies. If you delete your account they stay, without your name, "
            "so the discussions keep their sense."
        ),
        export=export_comments,
        anonymise=anonymise_comments,
        purpose=_("To publish your comments under the propositions, with your name."),
        visibility=Visibility.PUBLIC,
        seen_by=_(
            "Everyone who can see the consultation. A comment hidden by the moderators is seen "
            "only by them (each view is logged)."
        ),
        retention=KEPT_ANONYMISED,
    ),
    PersonalDataSource(
        key="participation.follows",
        label=_("Follows"),
        description=_("The consultations and propositions you follow. Deleted with your account."),
        export=export_follows,
        anonymise=anonymise_follows,
        purpose=_("To tell you what happens to what you follow."),
        seen_by=_("Only you. Everyone sees how many people follow a proposition."),
    ),
    PersonalDataSource(
        key="participation.notifications",
        label=_("Notifications"),
        description=_(
            "What you were told about the things you follow, and when you read it or got it by "
            "e-mail. Deleted with your account."
        ),
        export=export_notifications,
        anonymise=anonymise_notifications,
        purpose=_("To tell you, on Pnyx and in the e-mail digest, what happened."),
        seen_by=_("Only you."),
        retention=NOTIFICATION_RETENTION,
        purge=purge_notifications,
    ),
    PersonalDataSource(
        key="participation.notification_settings",
        label=_("Notification settings"),
        description=_("Whether you see notifications on Pnyx and how often you get the digest."),
        export=export_settings,
        anonymise=anonymise_settings,
        purpose=_("To notify you the way you chose."),
        seen_by=_("Only you."),
    ),
    PersonalDataSource(
        key="participation.reports",
        label=_("Reports to moderators"),
        description=_(
            "The content you reported and why. If you delete your account the reports stay, "
            "without your name, so moderation statistics stay right."
        ),
        export=export_reports,
        anonymise=anonymise_reports,
        purpose=_(
            "To let the moderators handle what you reported, and to stop one person reporting "
            "the same thing twice."
        ),
        seen_by=_(
            "The moderators of the consultation, without your name. Everyone sees how many "
            "reports there were."
        ),
        retention=KEPT_ANONYMISED,
    ),
    PersonalDataSource(
        key="participation.participations",
        label=_("Consultations you took part in"),
        description=_(
            "The consultations you took part in, with how many propositions, votes and comments, "
            "and those you joined through an invitation link."
        ),
        export=export_participations,
        anonymise=anonymise_participations,
        purpose=_(
            "To count the participants of each consultation and let you into those you were "
            "invited to."
        ),
        seen_by=_("Only you. Everyone sees how many people took part."),
        rows=participation_rows,
    ),
    PersonalDataSource(
        key="participation.opinion_groups",
        label=_("Your place in opinion groups"),
        description=_(
            "Where your votes put you on the opinion-group map of a consultation, and the group "
            "you were placed in."
        ),
        export=export_opinion_groups,
        anonymise=anonymise_opinion_groups,
        purpose=_(
            "To show which groups of opinion a consultation has, and to let you see why you are "
            "in yours."
        ),
        seen_by=_(
            "Only you, with your name. Everyone sees the map's points and the groups' sizes, "
            "without names."
        ),
        retention=KEPT_ANONYMISED,
    ),
]

for _source in SOURCES:
    register(_source)

#: Where moderators and managers are shown people's non-public data (see `record_access`).
MODERATION = register_access_reason(
    AccessReason(
        key="participation.moderation",
        label=_("Moderating a consultation: content hidden from the public"),
        role=_("Moderator of the consultation"),
    )
)
CONSULTATION_SETTINGS = register_access_reason(
    AccessReason(
        key="participation.consultation_settings",
        label=_("Managing a consultation: the e-mail addresses of its moderators"),
        role=_("Manager of the consultation"),
    )
)
