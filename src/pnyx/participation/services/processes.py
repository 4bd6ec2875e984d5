"""Creating, editing, publishing and archiving consultations, with their phases and questions.

Every service checks its permission first (`participation.add_process` on the organisation,
`participation.change_process` on the process), validates everything before the first write and
runs in one transaction, so a refusal leaves nothing behind. Bad input raises ValidationError with
messages meant for the person (keyed by field where there is one); a refused permission raises
PermissionDenied. Publishing and archiving are official acts written to the audit log.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.accounts.models import User
from pnyx.core import audit, search
from pnyx.core.models import Topic
from pnyx.core.permissions import require
from pnyx.core.text import plain_text
from pnyx.orgs.models import Organisation
from pnyx.participation.models import (
    Audience,
    Process,
    ProcessAccess,
    ProcessStatus,
    VoteMode,
)
from pnyx.participation.selectors import processes as selectors
from pnyx.participation.selectors.processes import hash_access_token
from pnyx.participation.services.process_cover import (
    CoverChange,
    cover_applied,
    cover_change_check,
)
from pnyx.participation.services.process_steps import (  # noqa: F401 - one import path for callers
    PhaseDetails,
    phase_add,
    phase_delete,
    phase_update,
    question_add,
    question_delete,
    question_move,
    question_update,
)

BODY_MAX_LENGTH = 20000
SLUG_BASE_LENGTH = 200
# Path segments that the consultation pages use right after /processes/.
RESERVED_SLUGS = frozenset({"new", "mine"})


def register_audit_actions() -> None:
    """Give this area's audit actions their labels; called once from the app's `ready`."""
    audit.register_action("participation.process_published", gettext_lazy("Consultation published"))
    audit.register_action("participation.process_archived", gettext_lazy("Consultation archived"))


@dataclass
class ProcessDetails:
    """Everything an organiser sets on a consultation (the same for creating and editing)."""

    title: str
    summary: str
    body: str = ""
    topics: list[Topic] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    vote_mode: str = VoteMode.SUPPORT
    vote_limit: int | None = None
    support_threshold: int | None = None
    propose_audience: str = Audience.CONFIRMED
    vote_audience: str = Audience.CONFIRMED
    comment_audience: str = Audience.CONFIRMED
    member_organisations: list[Organisation] = field(default_factory=list)
    moderator_emails: list[str] = field(default_factory=list)
    # A new cover image (it replaces the current one), its description, and whether to remove
    # the current image; see `process_cover`.
    cover_image: File | None = None
    cover_image_alt: str = ""
    cover_image_remove: bool = False


def _apply_details(process: Process, details: ProcessDetails) -> dict[str, list[str]]:
    """Copy the details onto the (unsaved) process; return the problems found, by field."""
    for name in ("vote_mode", "vote_limit", "support_threshold"):
        setattr(process, name, getattr(details, name))
    for name in ("propose_audience", "vote_audience", "comment_audience"):
        setattr(process, name, getattr(details, name))
    process.title = details.title.strip()
    process.summary = details.summary.strip()
    process.body = details.body.strip()
    process.languages = list(dict.fromkeys(details.languages))
    process.cover_image_alt = details.cover_image_alt.strip()
    errors: dict[str, list[str]] = {}
    try:
        process.full_clean(
            # The cover image is checked from the upload itself, in `cover_change_check`.
            exclude=["slug", "organisation", "created_by", "invitation_token_hash", "cover_image"],
            validate_unique=False,
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    known = {code for code, _name in settings.LANGUAGES}
    unknown = [code for code in process.languages if code not in known]
    if unknown:
        errors["languages"] = [
            _("Unknown language code: %(codes)s.") % {"codes": ", ".join(map(str, unknown))}
        ]
    if len(process.body) > BODY_MAX_LENGTH:
        errors["body"] = [
            _("Keep the description under %(limit)s characters (it has %(length)s).")
            % {"limit": BODY_MAX_LENGTH, "length": len(process.body)}
        ]
    for name in ("vote_limit", "support_threshold"):
        if getattr(process, name) == 0:
            errors[name] = [_("Enter a number of at least 1, or leave the field empty.")]
    audiences = (process.propose_audience, process.vote_audience, process.comment_audience)
    if Audience.MEMBERS in audiences and not details.member_organisations:
        errors["member_organisations"] = [
            _("Name at least one organisation whose members take part.")
        ]
    return errors


def _moderators(emails: Iterable[str]) -> tuple[list[User], list[str]]:
    """The active people with these addresses, and the addresses that match nobody."""
    wanted = list(dict.fromkeys(email.strip().lower() for email in emails if email.strip()))
    people = User.objects.annotate(address=Lower("email"))
    found = {user.email.lower(): user for user in people.filter(address__in=wanted, is_active=True)}
    return [found[email] for email in wanted if email in found], [
        email for email in wanted if email not in found
    ]


def _check_details(process: Process, details: ProcessDetails) -> tuple[list[User], CoverChange]:
    """Validate the details (nothing written); return the moderators they name and the change
    to the cover image."""
    cover, errors = cover_change_check(
        process=process,
        upload=details.cover_image,
        alt=details.cover_image_alt,
        remove=details.cover_image_remove,
    )
    errors.update(_apply_details(process, details))
    moderators, unknown = _moderators(details.moderator_emails)
    if unknown:
        errors["moderator_emails"] = [
            _("Nobody on Pnyx uses these addresses: %(emails)s.") % {"emails": ", ".join(unknown)}
        ]
    if errors:
        raise ValidationError(errors)
    return moderators, cover


def _unique_slug(title: str) -> str:
    base = slugify(title)[:SLUG_BASE_LENGTH].strip("-") or "consultation"
    taken = set(Process.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _save_relations(process: Process, details: ProcessDetails, moderators: list[User]) -> None:
    process.topics.set(details.topics)
    process.member_organisations.set(details.member_organisations)
    process.moderators.set(moderators)
    body = " ".join(
        [
            process.summary,
            plain_text(process.body, limit=BODY_MAX_LENGTH),
            process.organisation.name,
        ]
    )
    search.index_object(process, title=process.title, body=body)


def process_create(*, actor: User, organisation: Organisation, details: ProcessDetails) -> Process:
    """Create a draft consultation for the organisation, with a unique slug from its title.

    Requires `participation.add_process` on the organisation (its administrators, or a platform
    administrator). Indexes it for search. Raises ValidationError (nothing saved) for invalid
    details, unknown languages, moderator addresses that match nobody, or a cover image that
    `pnyx.core.images.clean_image` refuses or that has no description.
    """
    require(actor, "participation.add_process", organisation)
    process = Process(organisation=organisation, created_by=actor, status=ProcessStatus.DRAFT)
    moderators, cover = _check_details(process, details)
    with transaction.atomic(), cover_applied(process, cover):
        process.slug = _unique_slug(process.title)
        try:
            with transaction.atomic():
                process.save(force_insert=True)
        except IntegrityError:  # another consultation with the same title took the slug just now
            process.slug = f"{process.slug[:SLUG_BASE_LENGTH]}-{secrets.token_hex(3)}"
            process.save(force_insert=True)
        _save_relations(process, details, moderators)
    return process


def process_update(*, actor: User, process: Process, details: ProcessDetails) -> Process:
    """Change a consultation's details and refresh its search entry; the slug never changes.

    Requires `participation.change_process`. Raises ValidationError with the stored consultation
    unchanged for invalid details. A new cover image replaces the current one; the file no longer
    used is deleted once the change is committed.
    """
    require(actor, "participation.change_process", process)
    draft = Process.objects.select_related("organisation").get(pk=process.pk)
    moderators, cover = _check_details(draft, details)
    with transaction.atomic(), cover_applied(draft, cover):
        draft.save()
        _save_relations(draft, details, moderators)
    process.refresh_from_db()
    return process


def _locked(process: Process) -> Process:
    return Process.objects.select_for_update().get(pk=process.pk)


def process_publish(*, actor: User, process: Process) -> Process:
    """Publish a draft: it becomes visible to everyone and its phases open features by date.

    Requires `participation.change_process`. Refuses (ValidationError) a consultation that is not
    a draft or that has no question or no phase yet. Records `participation.process_published`.
    """
    require(actor, "participation.change_process", process)
    with transaction.atomic():
        current = _locked(process)
        if current.status != ProcessStatus.DRAFT:
            raise ValidationError(_("Only a draft can be published."), code="not_draft")
        problems = []
        if not current.questions.exists():
            problems.append(_("Add at least one question before publishing."))
        if not current.phases.exists():
            problems.append(_("Add at least one phase before publishing."))
        if problems:
            raise ValidationError(problems, code="incomplete")
        current.status = ProcessStatus.PUBLISHED
        current.published_at = timezone.now()
        current.save(update_fields=["status", "published_at", "updated_at"])
        audit.record(
            action="participation.process_published",
            actor=actor,
            target=current,
            data={"organisation": current.organisation_id},
        )
    process.refresh_from_db()
    return process


def process_archive(*, actor: User, process: Process) -> Process:
    """Archive a published consultation: it stays readable but nothing can be added to it.

    Requires `participation.change_process`. Refuses (ValidationError) drafts and consultations
    already archived. Records `participation.process_archived`.
    """
    require(actor, "participation.change_process", process)
    with transaction.atomic():
        current = _locked(process)
        if current.status != ProcessStatus.PUBLISHED:
            raise ValidationError(
                _("Only a published consultation can be archived."), code="not_published"
            )
        current.status = ProcessStatus.ARCHIVED
        current.save(update_fields=["status", "updated_at"])
        audit.record(
            action="participation.process_archived",
            actor=actor,
            target=current,
            data={"organisation": current.organisation_id},
        )
    process.refresh_from_db()
    return process


def process_invitation_link(*, actor: User, process: Process, site_url: str = "") -> str:
    """Create a new invitation link for the consultation and return it (shown once).

    Requires `participation.change_process`. Only the token's hash is stored, so the link cannot
    be shown again; creating a new one makes the previous link stop working. `site_url` (e.g.
    "https://pnyx.example") makes the link absolute.
    """
    require(actor, "participation.change_process", process)
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        Process.objects.filter(pk=process.pk).update(invitation_token_hash=hash_access_token(raw))
    process.invitation_token_hash = hash_access_token(raw)
    path = reverse("participation:process-join", kwargs={"slug": process.slug, "token": raw})
    return site_url.rstrip("/") + path


def process_access_grant(*, actor: User, process: Process, token: str) -> ProcessAccess:
    """Let a signed-in person who opened the invitation link take part as an invited person.

    Requires `participation.join_process` (an active person; the consultation not a draft).
    Raises ValidationError when the token is not the current one. Opening the link again is
    harmless: the existing access is returned.
    """
    require(actor, "participation.join_process", process)
    current = Process.objects.filter(pk=process.pk).first()
    if current is None or not selectors.process_invitation_valid(process=current, token=token):
        raise ValidationError(
            _("This invitation link is not valid any more. Ask the organisers for a new one."),
            code="bad_token",
        )
    with transaction.atomic():
        access, _created = ProcessAccess.objects.get_or_create(process=process, user=actor)
    return access
