"""The results part of the consultation API: `GET /processes/{id}/results`.

The same numbers as the results page (one selector serves both); no personal data beyond the
public name of the authors shown on the pages.
"""

from datetime import date

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema

from pnyx.participation.selectors import results as selectors

router = Router(tags=["consultations"])


class TotalsOut(Schema):
    propositions: int
    votes: int
    comments: int
    participants: int


class DayOut(Schema):
    day: date
    votes: int
    propositions: int = Field(description="New propositions that day.")


class RankedOut(Schema):
    rank: int
    id: int
    title: str
    score: float = Field(
        description="Supports, or the percentage of agree votes in agree/disagree processes."
    )
    support_count: int
    agree_count: int
    disagree_count: int
    pass_count: int
    comment_count: int
    answer_state: str = Field(description="Empty when not answered yet.")
    url: str


class QuestionResultsOut(Schema):
    id: int
    title: str
    totals: TotalsOut
    answered_share: float = Field(description="Share of live propositions answered (0 to 1).")
    accepted_share: float = Field(description="Share accepted or implemented (0 to 1).")
    ranking: list[RankedOut] = Field(description="The top 20 propositions.")
    days: list[DayOut]


class ResultsOut(Schema):
    process_id: int
    slug: str
    title: str
    vote_mode: str
    totals: TotalsOut
    answered_share: float
    accepted_share: float
    days: list[DayOut]
    questions: list[QuestionResultsOut]
    votes_csv_url: str = Field(description="Every vote, voters replaced by pseudonyms.")
    votes_csv_sha256: str = Field(description="SHA-256 of that file, to recount the totals.")


def _totals(totals: selectors.Totals) -> dict[str, int]:
    return {
        "propositions": totals.propositions,
        "votes": totals.votes,
        "comments": totals.comments,
        "participants": totals.participants,
    }


def _days(days: list[selectors.DayCount]) -> list[dict[str, object]]:
    return [{"day": d.day, "votes": d.votes, "propositions": d.propositions} for d in days]


def _ranked(request: HttpRequest, entry: selectors.Ranked) -> dict[str, object]:
    proposition = entry.proposition
    return {
        "rank": entry.rank,
        "id": proposition.pk,
        "title": proposition.title,
        "score": entry.score,
        "support_count": proposition.support_count,
        "agree_count": proposition.agree_count,
        "disagree_count": proposition.disagree_count,
        "pass_count": proposition.pass_count,
        "comment_count": proposition.comment_count,
        "answer_state": proposition.answer_state,
        "url": request.build_absolute_uri(proposition.get_absolute_url()),
    }


@router.get(
    "/processes/{int:process_id}/results",
    response=ResultsOut,
    operation_id="process_results",
    summary="The results of a consultation",
    description=(
        "Totals, the top 20 propositions of each question, the share answered and accepted, "
        "and votes and new propositions per day. Drafts answer 404."
    ),
)
def process_results(request: HttpRequest, process_id: int) -> dict[str, object]:
    process = selectors.process_results_get(pk=process_id)
    results = selectors.process_results(process=process)
    votes_path = reverse("participation:process-votes-csv", kwargs={"slug": process.slug})
    return {
        "process_id": process.pk,
        "slug": process.slug,
        "title": process.title,
        "vote_mode": process.vote_mode,
        "totals": _totals(results.totals),
        "answered_share": round(results.answered_share, 4),
        "accepted_share": round(results.accepted_share, 4),
        "days": _days(results.days),
        "questions": [
            {
                "id": block.question.pk,
                "title": block.question.title,
                "totals": _totals(block.totals),
                "answered_share": round(block.answered_share, 4),
                "accepted_share": round(block.accepted_share, 4),
                "ranking": [_ranked(request, entry) for entry in block.ranking],
                "days": _days(block.days),
            }
            for block in results.questions
        ],
        "votes_csv_url": request.build_absolute_uri(votes_path),
        "votes_csv_sha256": selectors.sha256_hex(selectors.votes_csv(process=process)),
    }
