"""The moderated wiki of tools and practices: proposals, edits, the editors' decisions, and the
screenshot of a tool.

Anyone with `toolbox.propose` proposes a new tool or practice, or an edit of one, as a revision
holding the whole proposed content; editors (`toolbox.review`) approve it, which applies the
content (creating the object with a unique slug for a proposal) and indexes it for search, or
reject it with a note. Both decisions are audited and the author is notified.

The content itself is checked in `wiki_data`, which the catalog import uses too.
"""

from collections.abc import Mapping
from datetime import date
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.accounts.models import User
from pnyx.core import audit, search
from pnyx.core.images import CleanImage, clean_image
from pnyx.core.models import Topic
from pnyx.core.permissions import require
from pnyx.orgs.models import Organisation
from pnyx.participation.selectors.notifications import register_message
from pnyx.participation.services.notifications import notify_people
from pnyx.toolbox.models import (
    Practice,
    Revision,
    RevisionKind,
    RevisionState,
    Tool,
)
from pnyx.toolbox.selectors import wiki as selectors
from pnyx.toolbox.services.wiki_data import (
    RESERVED_SLUGS,
    Errors,
    add_error,
    clean_practice_data,
    clean_tool_data,
    raise_errors,
)


def _propose(
    *,
    actor: User,
    kind: str,
    cleaned: dict[str, Any],
    comment: str,
    subject: Tool | Practice | None,
) -> Revision:
    comment = (comment or "").strip()
    if len(comment) > 500:
        raise ValidationError({"comment": _("At most %(limit)s characters.") % {"limit": 500}})
    if subject is not None:
        if not comment:
            raise ValidationError({"comment": _("Say in a few words what you changed.")})
        if cleaned == selectors.content_of(subject, kind):
            raise ValidationError(_("Change something: this is what the page already says."))
    target = {"tool": subject} if kind == RevisionKind.TOOL else {"practice": subject}
    return Revision.objects.create(kind=kind, data=cleaned, comment=comment, author=actor, **target)


def tool_propose(
    *, actor: User, data: Mapping[str, Any], comment: str = "", tool: Tool | None = None
) -> Revision:
    """Propose a new tool, or (with `tool`) an edit of one with a `comment` saying what changed.

    Needs `toolbox.propose`. The revision waits for an editor; raises ValidationError keyed by
    field for invalid content, and refuses an edit that changes nothing.
    """
    require(actor, "toolbox.propose")
    if tool is not None:
        tool = selectors.tool_get(slug=tool.slug)
    cleaned = clean_tool_data(data, own_slug=tool.slug if tool else "")
    return _propose(
        actor=actor, kind=RevisionKind.TOOL, cleaned=cleaned, comment=comment, subject=tool
    )


def practice_propose(
    *,
    actor: User,
    data: Mapping[str, Any],
    comment: str = "",
    practice: Practice | None = None,
) -> Revision:
    """Propose a new practice, or (with `practice`) an edit of one with a `comment`; as
    `tool_propose`."""
    require(actor, "toolbox.propose")
    if practice is not None:
        practice = selectors.practice_get(slug=practice.slug)
    cleaned = clean_practice_data(data)
    return _propose(
        actor=actor,
        kind=RevisionKind.PRACTICE,
        cleaned=cleaned,
        comment=comment,
        subject=practice,
    )


def _unique_slug(model: type[Tool] | type[Practice], text: str, fallback: str) -> str:
    base = slugify(text)[:100].strip("-") or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _tool_apply(tool: Tool, cleaned: dict[str, Any]) -> Tool:
    for name in ("name", "summary", "description", "website", "repository", "licence"):
        setattr(tool, name, cleaned[name])
    tool.open_source, tool.cost_model = cleaned["open_source"], cleaned["cost_model"]
    tool.languages, tool.maturity = cleaned["languages"], cleaned["maturity"]
    if tool.pk is None:
        tool.slug = _unique_slug(Tool, tool.name, "tool")
    tool.save()
    tool.topics.set(Topic.objects.filter(slug__in=cleaned["topics"]))
    tool.alternatives.set(Tool.objects.filter(slug__in=cleaned["alternatives"]))
    search.index_object(tool, title=tool.name, body=f"{tool.summary}\n{tool.description}")
    return tool


def _practice_apply(practice: Practice, cleaned: dict[str, Any]) -> Practice:
    for name in ("title", "summary", "description", "country", "level", "actors"):
        setattr(practice, name, cleaned[name])
    for name in ("outcomes", "resources", "lessons"):
        setattr(practice, name, cleaned[name])
    practice.started_on = (
        date.fromisoformat(cleaned["started_on"]) if cleaned["started_on"] else None
    )
    practice.ended_on = date.fromisoformat(cleaned["ended_on"]) if cleaned["ended_on"] else None
    slug = cleaned["organisation"]
    practice.organisation = Organisation.objects.filter(slug=slug).first() if slug else None
    if practice.pk is None:
        practice.slug = _unique_slug(Practice, practice.title, "practice")
    practice.save()
    practice.topics.set(Topic.objects.filter(slug__in=cleaned["topics"]))
    practice.tools.set(Tool.objects.filter(slug__in=cleaned["tools"]))
    body = "\n".join(
        [
            practice.summary,
            practice.description,
            practice.actors,
            practice.outcomes,
            practice.lessons,
        ]
    )
    search.index_object(practice, title=practice.title, body=body)
    return practice


def _locked_pending(revision: Revision) -> Revision:
    locked = (
        Revision.objects.select_for_update(of=("self",))
        .select_related("tool", "practice")
        .get(pk=revision.pk)
    )
    if locked.state != RevisionState.PENDING:
        message = _("This proposal was already %(state)s.")
        raise ValidationError(message % {"state": locked.get_state_display()}, code="decided")
    return locked


def _notify_author(*, actor: User, revision: Revision, title: str, path: str) -> None:
    if revision.author_id is not None:
        notify_people(
            event=f"toolbox.revision_{revision.state}",
            people=[revision.author_id],
            actor=actor,
            data={"title": title, "path": path},
        )


def _applied(revision: Revision) -> Tool | Practice:
    """Apply the revision's content (checked again: topics or tools may be gone since)."""
    if revision.kind == RevisionKind.TOOL:
        tool = revision.tool or Tool()
        cleaned = clean_tool_data(revision.data, own_slug=tool.slug if tool.pk else "")
        revision.tool = _tool_apply(tool, cleaned)
        return revision.tool
    practice = revision.practice or Practice()
    revision.practice = _practice_apply(practice, clean_practice_data(revision.data))
    return revision.practice


def revision_approve(*, actor: User, revision: Revision) -> Tool | Practice:
    """Approve a waiting revision: its content replaces the tool's or practice's (a proposal
    creates it, with a unique slug), search is refreshed, the act is audited and the author
    notified. Needs `toolbox.review`; ValidationError when already decided or when its content
    no longer holds (a named tool or topic is gone)."""
    require(actor, "toolbox.review")
    with transaction.atomic():
        locked = _locked_pending(revision)
        created = locked.tool_id is None and locked.practice_id is None
        try:
            with transaction.atomic():
                obj = _applied(locked)
        except IntegrityError as error:  # the same slug was taken at the same moment
            raise ValidationError(_("Please try again."), code="conflict") from error
        locked.state, locked.reviewed_by, locked.reviewed_at = (
            RevisionState.APPROVED,
            actor,
            timezone.now(),
        )
        locked.save(update_fields=["state", "reviewed_by", "reviewed_at", "tool", "practice"])
        audit.record(
            action="toolbox.revision_approved",
            actor=actor,
            target=obj,
            data={"revision": locked.pk, "kind": locked.kind, "created": created},
        )
        _notify_author(actor=actor, revision=locked, title=str(obj), path=obj.get_absolute_url())
    return obj


def revision_reject(*, actor: User, revision: Revision, note: str) -> Revision:
    """Reject a waiting revision with a note to its author (required, up to 1,000 characters);
    audited, and the author notified. Needs `toolbox.review`."""
    require(actor, "toolbox.review")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tell the author why, in a few words.")}, "required")
    if len(note) > 1000:
        message = _("At most %(limit)s characters.") % {"limit": 1000}
        raise ValidationError({"note": message}, "too_long")
    with transaction.atomic():
        locked = _locked_pending(revision)
        locked.state, locked.review_note = RevisionState.REJECTED, note
        locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
        locked.save(update_fields=["state", "review_note", "reviewed_by", "reviewed_at"])
        subject = locked.tool or locked.practice
        audit.record(
            action="toolbox.revision_rejected",
            actor=actor,
            target=subject or locked,
            data={"revision": locked.pk, "kind": locked.kind},
        )
        title = (
            str(subject) if subject else str(locked.data.get("name") or locked.data.get("title"))
        )
        path = reverse("toolbox:revision-detail", kwargs={"pk": locked.pk})
        _notify_author(actor=actor, revision=locked, title=title, path=path)
    return locked


def _screenshot_checked(
    tool: Tool, upload: File | None, alt: str, remove: bool
) -> tuple[CleanImage | None, str]:
    """The cleaned upload (if any) and the description, or ValidationError by field."""
    errors: Errors = {}
    new = None
    if upload is not None:
        try:
            new = clean_image(upload)
        except ValidationError as error:
            errors["screenshot"] = error.messages
    elif not remove and not tool.screenshot:
        add_error(errors, "screenshot", _("Choose an image."))
    alt = (alt or "").strip()
    if (upload is not None or (tool.screenshot and not remove)) and not alt:
        message = _("Describe the image in a few words for people who cannot see it.")
        add_error(errors, "screenshot_alt", message)
    if len(alt) > 300:
        add_error(errors, "screenshot_alt", _("At most %(limit)s characters.") % {"limit": 300})
    raise_errors(errors)
    return new, alt


def tool_set_screenshot(
    *, actor: User, tool: Tool, upload: File | None, alt: str, remove: bool = False
) -> Tool:
    """Editors set, replace or remove a tool's screenshot, or change its description.

    The upload goes through `pnyx.core.images.clean_image`; an image needs its description
    (`alt`, up to 300 characters). The file no longer used is deleted once the change is
    committed. Needs `toolbox.review`; audited.
    """
    require(actor, "toolbox.review")
    new, alt = _screenshot_checked(tool, upload, alt, remove)
    locked = Tool.objects.get(pk=tool.pk)
    storage = locked.screenshot.storage
    old_name = locked.screenshot.name or ""
    with transaction.atomic():
        if new is not None:
            locked.screenshot.save(
                f"{locked.slug}.{new.extension}", ContentFile(new.content), save=False
            )
        elif remove:
            locked.screenshot = None
        locked.screenshot_alt = alt if locked.screenshot else ""
        new_name = locked.screenshot.name if new is not None else ""
        try:
            locked.save(update_fields=["screenshot", "screenshot_alt", "updated_at"])
            audit.record(
                action="toolbox.screenshot_changed",
                actor=actor,
                target=locked,
                data={"removed": not locked.screenshot},
            )
        except BaseException:
            if new_name:
                storage.delete(new_name)
            raise
        if old_name and old_name != (locked.screenshot.name or ""):
            transaction.on_commit(partial(storage.delete, old_name))
    return locked


def register_wiki_messages() -> None:
    """Word the notifications authors get and label the audit actions (from `ready`)."""
    register_message(
        "toolbox.revision_approved",
        lambda n: (
            _("The toolbox editors approved your proposal for “%(title)s”.")
            % {"title": n.data.get("title", "")}
        ),
    )
    register_message(
        "toolbox.revision_rejected",
        lambda n: (
            _("The toolbox editors turned down your proposal for “%(title)s”, saying why.")
            % {"title": n.data.get("title", "")}
        ),
    )
    audit.register_action(
        "toolbox.revision_approved", gettext_lazy("Tool or practice change approved")
    )
    audit.register_action(
        "toolbox.revision_rejected", gettext_lazy("Tool or practice change rejected")
    )
    audit.register_action("toolbox.screenshot_changed", gettext_lazy("Tool screenshot changed"))
