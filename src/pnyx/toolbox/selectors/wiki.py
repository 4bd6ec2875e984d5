"""Reads behind the moderated wiki of tools and practices: their content as a revision would hold
it, the pages of one tool or practice with their related items, the history, the review queue
and the difference a revision makes.

Every read here runs a fixed number of queries, whatever the number of topics, alternatives,
usages or revisions.
"""

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Model, Q, QuerySet
from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from pnyx.toolbox.models import (
    Practice,
    Review,
    Revision,
    RevisionKind,
    RevisionState,
    Tool,
    Usage,
)

#: The fields of a tool revision's `data`, in the order pages show them.
TOOL_FIELDS = (
    "name",
    "summary",
    "description",
    "website",
    "repository",
    "licence",
    "open_source",
    "cost_model",
    "languages",
    "topics",
    "maturity",
    "alternatives",
)
#: The fields of a practice revision's `data`, in the order pages show them.
PRACTICE_FIELDS = (
    "title",
    "summary",
    "description",
    "country",
    "level",
    "organisation",
    "actors",
    "started_on",
    "ended_on",
    "outcomes",
    "resources",
    "lessons",
    "topics",
    "tools",
)
#: Fields holding a list of codes or slugs; the diff shows what was added and removed.
LIST_FIELDS = frozenset({"languages", "topics", "alternatives", "tools"})
#: How many related items of each kind a page shows.
RELATED_SHOWN = 8
#: How many usages and reviews a tool page shows (newest first).
USAGES_SHOWN = 50
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def tool_content(tool: Tool) -> dict[str, Any]:
    """The tool as a revision's `data` would hold it (slugs for topics and alternatives)."""
    return {
        "name": tool.name,
        "summary": tool.summary,
        "description": tool.description,
        "website": tool.website,
        "repository": tool.repository,
        "licence": tool.licence,
        "open_source": tool.open_source,
        "cost_model": tool.cost_model,
        "languages": list(tool.languages),
        "topics": sorted(topic.slug for topic in tool.topics.all()),
        "maturity": tool.maturity,
        "alternatives": sorted(other.slug for other in tool.alternatives.all()),
    }


def practice_content(practice: Practice) -> dict[str, Any]:
    """The practice as a revision's `data` would hold it (ISO dates, slugs for relations)."""
    return {
        "title": practice.title,
        "summary": practice.summary,
        "description": practice.description,
        "country": str(practice.country or ""),
        "level": practice.level,
        "organisation": practice.organisation.slug if practice.organisation else "",
        "actors": practice.actors,
        "started_on": practice.started_on.isoformat() if practice.started_on else "",
        "ended_on": practice.ended_on.isoformat() if practice.ended_on else "",
        "outcomes": practice.outcomes,
        "resources": practice.resources,
        "lessons": practice.lessons,
        "topics": sorted(topic.slug for topic in practice.topics.all()),
        "tools": sorted(tool.slug for tool in practice.tools.all()),
    }


def tool_get(*, slug: str) -> Tool:
    """A published tool with its topics and alternatives loaded; Http404 when unknown."""
    tool = Tool.objects.prefetch_related("topics", "alternatives").filter(slug=slug).first()
    if tool is None:
        raise Http404("No such tool.")
    return tool


def practice_get(*, slug: str) -> Practice:
    """A published practice with its organisation, topics and tools; Http404 when unknown."""
    practice = (
        Practice.objects.select_related("organisation")
        .prefetch_related("topics", "tools")
        .filter(slug=slug)
        .first()
    )
    if practice is None:
        raise Http404("No such practice.")
    return practice


@dataclass(frozen=True)
class ToolPage:
    """A tool and what its page shows beside it."""

    tool: Tool
    alternatives: list[Tool]
    practices: list[Practice]
    same_topics: list[Tool]
    usages: list[Usage]
    reviews: list[Review]


@dataclass(frozen=True)
class PracticePage:
    """A practice and what its page shows beside it."""

    practice: Practice
    tools: list[Tool]
    same_topics: list[Practice]


def _sharing_topics(queryset: QuerySet, obj: Tool | Practice) -> list[Any]:
    """Other objects sharing the most topics with `obj` (one query; empty without topics)."""
    topic_ids = [topic.pk for topic in obj.topics.all()]
    if not topic_ids:
        return []
    return list(
        queryset.exclude(pk=obj.pk)
        .filter(topics__in=topic_ids)
        .annotate(shared=Count("topics", filter=Q(topics__in=topic_ids)))
        .order_by("-shared", *queryset.model._meta.ordering)[:RELATED_SHOWN]
    )


def tool_page(*, slug: str) -> ToolPage:
    """The tool page's content in seven queries: the tool, its topics and alternatives, the
    practices using it, tools on the same topics, its usages and its reviews."""
    tool = tool_get(slug=slug)
    return ToolPage(
        tool=tool,
        alternatives=list(tool.alternatives.all()),
        practices=list(tool.practices.all()[:RELATED_SHOWN]),
        same_topics=_sharing_topics(Tool.objects.all(), tool),
        usages=list(tool.usages.select_related("organisation")[:USAGES_SHOWN]),
        reviews=list(tool.reviews.select_related("organisation")[:USAGES_SHOWN]),
    )


def practice_page(*, slug: str) -> PracticePage:
    """The practice page's content in five queries: the practice with its organisation, its
    topics and tools, and practices on the same topics."""
    practice = practice_get(slug=slug)
    return PracticePage(
        practice=practice,
        tools=list(practice.tools.all()),
        same_topics=_sharing_topics(Practice.objects.all(), practice),
    )


def _with_people(revisions: QuerySet[Revision]) -> QuerySet[Revision]:
    return revisions.select_related("author", "reviewed_by", "tool", "practice")


def history(*, obj: Tool | Practice) -> QuerySet[Revision]:
    """The approved revisions of a tool or practice, newest first, with their authors."""
    target = {"tool": obj} if isinstance(obj, Tool) else {"practice": obj}
    return _with_people(Revision.objects.filter(state=RevisionState.APPROVED, **target)).order_by(
        "-reviewed_at", "-pk"
    )


def revision_pending_list() -> QuerySet[Revision]:
    """Revisions waiting for review, oldest first (the order editors work through them)."""
    return _with_people(Revision.objects.filter(state=RevisionState.PENDING)).order_by(
        "created_at", "pk"
    )


def revision_pending_for_author(*, user: Any, obj: Tool | Practice | None = None) -> list[Revision]:
    """The person's own revisions still waiting, for one object or (without `obj`) for all."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = Revision.objects.filter(state=RevisionState.PENDING, author=user)
    if isinstance(obj, Tool):
        rows = rows.filter(tool=obj)
    elif isinstance(obj, Practice):
        rows = rows.filter(practice=obj)
    return list(rows.order_by("-created_at", "-pk"))


def revision_get(*, pk: int) -> Revision:
    """One revision with its author, reviewer and object; Http404 when unknown."""
    revision = _with_people(Revision.objects.filter(pk=pk)).first()
    if revision is None:
        raise Http404("No such revision.")
    return revision


def revision_subject(revision: Revision) -> Tool | Practice | None:
    """The tool or practice a revision edits (None for a proposal of a new one), loaded with its
    relations so its content reads without further queries per field."""
    if revision.kind == RevisionKind.TOOL and revision.tool_id is not None:
        return tool_get(slug=revision.tool.slug)  # type: ignore[union-attr]
    if revision.kind == RevisionKind.PRACTICE and revision.practice_id is not None:
        return practice_get(slug=revision.practice.slug)  # type: ignore[union-attr]
    return None


def content_of(obj: Tool | Practice | None, kind: str) -> dict[str, Any]:
    """The current content of the object, or an empty content of the kind for a new one."""
    if isinstance(obj, Tool):
        return tool_content(obj)
    if isinstance(obj, Practice):
        return practice_content(obj)
    fields = TOOL_FIELDS if kind == RevisionKind.TOOL else PRACTICE_FIELDS
    return {name: [] if name in LIST_FIELDS else "" for name in fields}


@dataclass(frozen=True)
class FieldChange:
    """One field of a revision beside the current content: `html` marks removed words with
    <del> and added ones with <ins>, everything else escaped."""

    name: str
    label: str
    changed: bool
    html: SafeString
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def text_diff(before: str, after: str) -> SafeString:
    """Word-by-word difference of two texts as escaped HTML with <del> and <ins>."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        removed = escape("".join(old[a_start:a_end]))
        added = escape("".join(new[b_start:b_end]))
        if operation == "equal":
            parts.append(added)
            continue
        if removed:
            parts.append(f"<del>{removed}</del>")
        if added:
            parts.append(f"<ins>{added}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def _label(model: type[Model], name: str) -> str:
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def revision_diff(*, revision: Revision, current: dict[str, Any]) -> list[FieldChange]:
    """Each field of the revision against `current` (see `content_of`), in page order."""
    model: type[Model] = Tool if revision.kind == RevisionKind.TOOL else Practice
    fields = TOOL_FIELDS if revision.kind == RevisionKind.TOOL else PRACTICE_FIELDS
    changes = []
    for name in fields:
        before, after = current.get(name), revision.data.get(name)
        if name in LIST_FIELDS:
            old, new = list(before or []), list(after or [])
            changes.append(
                FieldChange(
                    name=name,
                    label=_label(model, name),
                    changed=sorted(old) != sorted(new),
                    html=escape(_shown(new)),
                    added=[item for item in new if item not in old],
                    removed=[item for item in old if item not in new],
                )
            )
            continue
        old_text, new_text = _shown(before), _shown(after)
        changes.append(
            FieldChange(
                name=name,
                label=_label(model, name),
                changed=old_text != new_text,
                html=text_diff(old_text, new_text),
            )
        )
    return changes
