"""The pages of one tool or practice, with their related items, and their history."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from pnyx.accounts.languages import language_name
from pnyx.core.pagination import paginate
from pnyx.toolbox.selectors import wiki as selectors
from pnyx.toolbox.views.usages import usage_panel_context


def _wiki_context(request: HttpRequest, obj: Any) -> dict[str, Any]:
    user = request.user
    return {
        "pending": selectors.revision_pending_for_author(user=user, obj=obj),
        "can_propose": user.has_perm("toolbox.propose"),
        "can_review": user.has_perm("toolbox.review"),
    }


class ToolDetailView(View):
    """Everything about a tool, the practices and organisations using it, and similar tools."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        found = selectors.tool_page(slug=slug)
        context = {
            "tool": found.tool,
            "found": found,
            "languages": [language_name(code) for code in found.tool.languages],
            "usages": found.usages,
            "reviews": found.reviews,
            **_wiki_context(request, found.tool),
            **usage_panel_context(request, found.tool),
        }
        return render(request, "toolbox/tool_detail.html", context)


class PracticeDetailView(View):
    """Everything about a practice, the tools it used, and practices on the same topics."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        found = selectors.practice_page(slug=slug)
        context = {"practice": found.practice, "found": found}
        context.update(_wiki_context(request, found.practice))
        return render(request, "toolbox/practice_detail.html", context)


class ToolHistoryView(View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        tool = selectors.tool_get(slug=slug)
        page = paginate(request, selectors.history(obj=tool))
        return render(request, "toolbox/history.html", {"subject": tool, "page_obj": page})


class PracticeHistoryView(View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        practice = selectors.practice_get(slug=slug)
        page = paginate(request, selectors.history(obj=practice))
        return render(request, "toolbox/history.html", {"subject": practice, "page_obj": page})
