"""Reads of the comment threads, shared by the proposition page, the comment pages and the API."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from pnyx.participation.models import Comment, CommentVersion, Proposition

#: Top-level comments per page of a thread; their replies come with them.
THREAD_PAGE_SIZE = 20


@dataclass
class CommentNode:
    """A comment in a thread with its replies. The page fills in, for the viewer, what they may
    do (`can_*`) and what the comment shows, formatted once (see views.comments.present)."""

    comment: Comment
    replies: list["CommentNode"] = field(default_factory=list)
    can_edit: bool = False
    can_delete: bool = False
    can_reply: bool = False
    author_url: str = ""
    report_url: str = ""  # empty when the viewer may not report it (their own, removed)
    body_html: str = ""  # empty when the text is not shown (deleted, or hidden from them)
    created_iso: str = ""
    created_text: str = ""


@dataclass(frozen=True)
class ThreadPage:
    """One page of top-level comments (`page_obj`) and the tree under each of them (`nodes`)."""

    page_obj: Page
    nodes: list[CommentNode]


def proposition_get(*, pk: int) -> Proposition | None:
    """A proposition with what the comment pages and permission checks read (process, phases)."""
    return (
        Proposition.objects.select_related("process__organisation", "author")
        .prefetch_related("process__phases")
        .filter(pk=pk)
        .first()
    )


def comment_get(*, pk: int) -> Comment | None:
    """A comment with its author, proposition and process (phases prefetched for the rules)."""
    return (
        Comment.objects.select_related("author", "proposition__process__organisation")
        .prefetch_related("proposition__process__phases")
        .filter(pk=pk)
        .first()
    )


def comment_roots(*, proposition: Proposition) -> QuerySet[Comment]:
    """The top-level comments of a proposition, newest first (so a new one is on page 1);
    replies under each are in the order they were written."""
    return (
        Comment.objects.filter(proposition=proposition, parent__isnull=True)
        .select_related("author")
        .order_by("-created_at", "-pk")
    )


def comment_page_number(*, comment: Comment) -> int:
    """The page of the thread (`comment_thread`) on which the comment shows."""
    root = comment
    while root.parent_id is not None:
        root = Comment.objects.only("pk", "parent_id", "created_at").get(pk=root.parent_id)
    newer = comment_roots(proposition=comment.proposition).filter(
        Q(created_at__gt=root.created_at) | Q(created_at=root.created_at, pk__gt=root.pk)
    )
    return newer.count() // THREAD_PAGE_SIZE + 1


def _descendants_filter(root_ids: list[int]) -> Q:
    """Comments whose ancestor, at any level up to MAX_DEPTH, is one of `root_ids`."""
    condition = Q(pk__in=[])
    lookup = "parent_id"
    for _level in range(1, Comment.MAX_DEPTH):
        condition |= Q(**{f"{lookup}__in": root_ids})
        lookup = "parent__" + lookup
    return condition


def comment_tree(*, proposition: Proposition, roots: list[Comment]) -> list[CommentNode]:
    """The replies under `roots`, read in one query and arranged into a tree in Python.

    Every comment gets `proposition` set to the given object, so permission checks on it do not
    query the proposition and its process again.
    """
    nodes = {root.pk: CommentNode(comment=root) for root in roots}
    if roots:
        replies = (
            Comment.objects.filter(proposition=proposition)
            .filter(_descendants_filter(list(nodes)))
            .select_related("author")
            .order_by("created_at", "pk")
        )
        for reply in replies:
            nodes[reply.pk] = CommentNode(comment=reply)
        for node in list(nodes.values()):
            parent_id = node.comment.parent_id
            if parent_id is not None and parent_id in nodes:
                nodes[parent_id].replies.append(node)
    for node in nodes.values():
        node.comment.proposition = proposition
    return [nodes[root.pk] for root in roots]


def comment_thread(*, proposition: Proposition, page: str | int | None) -> ThreadPage:
    """A page of the proposition's thread: top-level comments and all their replies."""
    page_obj = Paginator(comment_roots(proposition=proposition), THREAD_PAGE_SIZE).get_page(page)
    roots = list(page_obj.object_list)
    return ThreadPage(page_obj=page_obj, nodes=comment_tree(proposition=proposition, roots=roots))


def comment_list(*, proposition: Proposition) -> QuerySet[Comment]:
    """Every comment of a proposition in the order they were written (the API's flat list)."""
    return (
        Comment.objects.filter(proposition=proposition)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def comment_versions(*, comment: Comment) -> QuerySet[CommentVersion]:
    """Earlier texts of a comment, newest first."""
    return CommentVersion.objects.filter(comment=comment).order_by("-created_at", "-pk")
