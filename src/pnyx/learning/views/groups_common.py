"""What the study-group pages share: finding the group of a page and the page of a refusal."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pnyx.learning.models import StudyGroup
from pnyx.learning.selectors import groups as selectors


def group_or_404(pk: int) -> StudyGroup:
    group = selectors.group_get(pk=pk)
    if group is None:
        raise Http404("No such study group.")
    return group


def group_error(
    request: HttpRequest, group: StudyGroup, errors: list[str], status: int = 400
) -> HttpResponse:
    """The page of a refused form that has no page of its own."""
    context = {"group": group, "errors": errors}
    return render(request, "learning/group_error.html", context, status=status)
