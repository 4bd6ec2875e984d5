"""Comment threads, official answers and report links on proposition pages.

`{% load participation_community %}` then `{% comment_thread proposition %}`,
`{% official_answer proposition %}` and `{% report_link obj %}` (a proposition or a comment).
"""

from typing import Any

import rules
from django import template
from django.template.context import Context
from django.urls import reverse

from pnyx.participation.forms.community import AnswerForm
from pnyx.participation.models import Comment, Proposition
from pnyx.participation.views.comments import thread_context

register = template.Library()


def _common(context: Context) -> dict[str, Any]:
    """What an included fragment needs from the page: the viewer and the CSRF token."""
    return {
        "request": context.get("request"),
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("participation/includes/comment_thread.html", takes_context=True)
def comment_thread(context: Context, proposition: Proposition) -> dict[str, Any]:
    """The threaded comments of a proposition, with the comment form when the viewer may post.

    Reuses the page's `can_moderate` when the page computed it for this proposition.
    """
    known = context.get("can_moderate") if context.get("proposition") is proposition else None
    thread = thread_context(context["request"], proposition, can_moderate=known)
    return {**_common(context), **thread}


@register.inclusion_tag("participation/includes/answer_official.html", takes_context=True)
def official_answer(context: Context, proposition: Proposition) -> dict[str, Any]:
    """The organiser's answer (state, text, date) and, for organisers, the form to give it."""
    user = context.get("user")
    can_answer = rules.has_perm("participation.answer_proposition", user, proposition)
    form = None
    if can_answer:
        form = AnswerForm(
            initial={"state": proposition.answer_state, "text": proposition.answer_text}
        )
    return {
        **_common(context),
        "proposition": proposition,
        "can_answer": can_answer,
        "answer_form": form,
    }


@register.inclusion_tag("participation/includes/comment_report_link.html", takes_context=True)
def report_link(context: Context, obj: Proposition | Comment) -> dict[str, Any]:
    """A link to report `obj`; not shown for one's own, deleted or already hidden content."""
    user = context.get("user")
    own = bool(user is not None and user.is_authenticated and obj.author_id == user.pk)
    removed = obj.hidden_at is not None or getattr(obj, "deleted_at", None) is not None
    kind = "comment" if isinstance(obj, Comment) else "proposition"
    url = f"{reverse('participation:report-create')}?{kind}={obj.pk}"
    return {"show": not own and not removed, "url": url, "kind": kind}
