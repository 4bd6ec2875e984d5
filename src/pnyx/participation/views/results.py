"""The results page of a process, its exports (CSV, JSON) and the anonymised vote export.

Charts are SVG drawn on the server (no JavaScript, no inline styles); each one comes with a
table of the same numbers, for screen readers and for anyone who prefers to read them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from pnyx.participation.models import Process
from pnyx.participation.selectors import processes
from pnyx.participation.selectors import results as selectors
from pnyx.participation.views.opinion_groups import groups_context

CHART_WIDTH = 640
ROW_HEIGHT = 26
LABEL_WIDTH = 96
VALUE_ROOM = 64
COLUMN_CHART_HEIGHT = 180
COLUMN_LABEL_ROOM = 22


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    anchor: str
    value_x: float
    value_y: float


@dataclass(frozen=True)
class Chart:
    """A bar chart ready for `participation/results_chart.html`."""

    id: str
    title: str
    width: int
    height: int
    bars: list[Bar]
    horizontal: bool


def bar_chart(chart_id: str, title: str, data: Sequence[tuple[str, float, str]]) -> Chart:
    """Horizontal bars, one row per (label, value, shown value), longest at the maximum."""
    top = max((value for _label, value, _shown in data), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = []
    for index, (label, value, shown) in enumerate(data):
        width = room * value / top
        y = index * ROW_HEIGHT
        bars.append(
            Bar(
                label=label,
                value=value,
                shown=shown,
                x=LABEL_WIDTH,
                y=y + 3,
                width=round(width, 1),
                height=ROW_HEIGHT - 6,
                label_x=LABEL_WIDTH - 8,
                label_y=y + ROW_HEIGHT / 2 + 5,
                anchor="end",
                value_x=round(LABEL_WIDTH + width + 6, 1),
                value_y=y + ROW_HEIGHT / 2 + 5,
            )
        )
    height = max(len(data), 1) * ROW_HEIGHT
    return Chart(chart_id, title, CHART_WIDTH, height, bars, horizontal=True)


def column_chart(chart_id: str, title: str, data: Sequence[tuple[str, float]]) -> Chart:
    """Vertical bars, one per (label, value) in order; the labels of the ends are drawn."""
    top = max((value for _label, value in data), default=0) or 1
    slot = CHART_WIDTH / max(len(data), 1)
    room = COLUMN_CHART_HEIGHT - COLUMN_LABEL_ROOM * 2
    bars = []
    for index, (label, value) in enumerate(data):
        height = room * value / top
        x = index * slot
        last = index == len(data) - 1
        edge = index == 0 or last
        bars.append(
            Bar(
                label=label if edge else "",
                value=value,
                shown=str(int(value)),
                x=round(x + slot * 0.15, 1),
                y=round(COLUMN_LABEL_ROOM + room - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label_x=CHART_WIDTH if last and index else 0,
                label_y=COLUMN_CHART_HEIGHT - 6,
                anchor="end" if last and index else "start",
                value_x=round(x + slot / 2, 1),
                value_y=round(COLUMN_LABEL_ROOM + room - height - 4, 1),
            )
        )
    return Chart(chart_id, title, CHART_WIDTH, COLUMN_CHART_HEIGHT, bars, horizontal=False)


def _percent(share: float) -> int:
    return round(share * 100)


def _question_context(results: selectors.ProcessResults, index: int) -> dict[str, Any]:
    block = results.questions[index]
    number = index + 1
    if results.agree_mode:
        scored = [(f"#{r.rank}", r.score, f"{floatformat(r.score, -1)} %") for r in block.ranking]
        title = _("Question %(number)s: share of agree votes, top propositions")
    else:
        scored = [(f"#{r.rank}", r.score, f"{int(r.score)}") for r in block.ranking]
        title = _("Question %(number)s: supports of the most supported propositions")
    activity = [(date_format(d.day, "SHORT_DATE_FORMAT"), d.votes) for d in block.days]
    return {
        "results": block,
        "number": number,
        "answered_percent": _percent(block.answered_share),
        "accepted_percent": _percent(block.accepted_share),
        "ranking_chart": bar_chart(f"q{number}-ranking", title % {"number": number}, scored),
        "activity_chart": column_chart(
            f"q{number}-activity",
            _("Question %(number)s: votes per day") % {"number": number},
            activity,
        ),
    }


def results_context(process: Process, viewer: Any) -> dict[str, Any]:
    """Everything the results page shows (the numbers, their charts, the export links)."""
    results = selectors.process_results(process=process)
    votes_file = selectors.votes_csv(process=process)
    by_question = [
        (_("Question %(number)s") % {"number": n}, q.totals.votes, str(q.totals.votes))
        for n, q in enumerate(results.questions, start=1)
    ]
    days = [(date_format(d.day, "SHORT_DATE_FORMAT"), d.votes) for d in results.days]
    new = [(date_format(d.day, "SHORT_DATE_FORMAT"), d.propositions) for d in results.days]
    return {
        "process": process,
        "results": results,
        "questions": [_question_context(results, i) for i in range(len(results.questions))],
        "answered_percent": _percent(results.answered_share),
        "accepted_percent": _percent(results.accepted_share),
        "questions_chart": bar_chart("votes-by-question", _("Votes by question"), by_question),
        "votes_chart": column_chart("votes-per-day", _("Votes per day"), days),
        "propositions_chart": column_chart(
            "propositions-per-day", _("New propositions per day"), new
        ),
        "votes_sha256": selectors.sha256_hex(votes_file),
        "votes_rows": votes_file.count(b"\n") - 1,
        "ranking_size": selectors.RANKING_SIZE,
        **groups_context(process, viewer),
    }


def _visible_process(request: HttpRequest, slug: str) -> Process:
    process = selectors.process_results_get(slug=slug)
    if not request.user.has_perm("participation.view_process", process):
        raise Http404
    return process


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ProcessResultsView(View):
    """The results page: totals, rankings, answers and activity, as charts and tables."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        process = _visible_process(request, slug)
        return render(
            request, "participation/results_detail.html", results_context(process, request.user)
        )


class ProcessResultsCsvView(View):
    """One row per live proposition, spreadsheet-safe."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        process = _visible_process(request, slug)
        content = selectors.propositions_csv(process=process)
        return _attachment(content, "text/csv; charset=utf-8", f"{process.slug}-results.csv")


class ProcessResultsJsonView(View):
    """The same rows as the CSV, with the totals, as JSON."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        process = _visible_process(request, slug)
        payload = {
            "process": {
                "id": process.pk,
                "slug": process.slug,
                "title": process.title,
                "url": request.build_absolute_uri(process.get_absolute_url()),
                "proposition_count": process.proposition_count,
                "vote_count": processes.process_vote_count(process=process),
                "comment_count": process.comment_count,
                "participant_count": process.participant_count,
            },
            "propositions": list(selectors.proposition_export_rows(process=process)),
        }
        response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="{process.slug}-results.json"'
        return response


class ProcessVotesCsvView(View):
    """Every vote with a per-process pseudonym; its SHA-256 is on the results page."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        process = _visible_process(request, slug)
        content = selectors.votes_csv(process=process)
        response = _attachment(content, "text/csv; charset=utf-8", f"{process.slug}-votes.csv")
        response["X-Content-SHA256"] = selectors.sha256_hex(content)
        return response
