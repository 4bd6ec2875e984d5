"""Propositions and votes in the API, with the same selectors, services and permissions as the
pages. `order=` takes a ranking's id (`participation.trending`) or its short name (`trending`);
the random order takes `seed=` from the client (the pages keep it in the session). Refusals
answer 403 with the reason, unknown objects 404, bad values 422 — always a JSON `detail`."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_schemas import ErrorOut
from pnyx.core.text import render_markdown
from pnyx.participation import algorithms
from pnyx.participation.forms.propositions import vote_rate_exceeded
from pnyx.participation.models import Feature, Process, Proposition
from pnyx.participation.selectors import access, processes, ranked
from pnyx.participation.selectors import propositions as selectors
from pnyx.participation.services import propositions as services
from pnyx.participation.services import votes

router = Router(tags=["consultations"])
SHORT_NAMES = ", ".join(ranking.short_name for ranking in algorithms.RANKINGS.values())


def _anyone(request: HttpRequest) -> Any:
    """Reads are public; a token or session, when sent, only adds the caller's own vote."""
    return getattr(request, "user", None) or True


class PropositionOut(Schema):
    """A proposition with its public counters; the text is empty while it is hidden."""

    id: int
    process: int = Field(description="The consultation's id.")
    question: int = Field(description="The id of the question it answers.")
    title: str
    body: str = Field(description="Markdown source; empty while hidden by the moderators.")
    body_html: str
    status: str = Field(description="published or withdrawn.")
    hidden: bool
    author: str = Field(description="The author's public name.")
    topics: list[str] = Field(description="Topic slugs.")
    created_at: datetime
    support_count: int
    agree_count: int
    disagree_count: int
    pass_count: int
    comment_count: int
    threshold_reached_at: datetime | None
    version_count: int
    answer_state: str
    url: str

    @staticmethod
    def resolve_process(obj: Proposition) -> int:
        return obj.process_id

    @staticmethod
    def resolve_question(obj: Proposition) -> int:
        return obj.question_id

    @staticmethod
    def resolve_body(obj: Proposition) -> str:
        return "" if obj.is_hidden else obj.body

    @staticmethod
    def resolve_body_html(obj: Proposition) -> str:
        return "" if obj.is_hidden else str(render_markdown(obj.body))

    @staticmethod
    def resolve_hidden(obj: Proposition) -> bool:
        return obj.is_hidden

    @staticmethod
    def resolve_author(obj: Proposition) -> str:
        return obj.author.public_name if obj.author else str(_("Deleted participant"))

    @staticmethod
    def resolve_topics(obj: Proposition) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_url(obj: Proposition, context: Any) -> str:
        request = (context or {}).get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class PropositionDetailOut(PropositionOut):
    my_vote: str | None = Field(None, description="The caller's vote, null without one.")


class PropositionPageOut(Schema):
    items: list[PropositionOut]
    count: int
    page: int
    num_pages: int
    order: str = Field(description="The id of the ranking used (see /algorithms/).")
    order_version: str


class ListFilters(Schema):
    order: str = Field("", description=f"A ranking id or short name: {SHORT_NAMES}.")
    question: int | None = Field(None, description="Only the propositions of this question.")
    seed: str = Field("", max_length=64, description="Seed of the random order.")
    page: int = Field(1, ge=1)


class PropositionIn(Schema):
    question: int
    title: str = Field(..., max_length=services.TITLE_MAX_LENGTH)
    body: str = Field(..., max_length=services.BODY_MAX_LENGTH, description="Markdown.")
    topics: list[str] = Field(default_factory=list, description="Topic slugs.")


class VoteIn(Schema):
    value: str = Field(..., description="support, or agree / disagree / pass.")


class VoteOut(Schema):
    my_vote: str | None
    support_count: int
    agree_count: int
    disagree_count: int
    pass_count: int
    threshold_reached_at: datetime | None


def _errors(messages: dict[str, list[str]]) -> list[dict[str, Any]]:
    return [
        {"type": "value_error", "loc": ["body", "payload", field], "msg": str(message)}
        for field, found in messages.items()
        for message in found
    ]


def _process_or_404(process_id: int) -> Process:
    process = processes.process_get_public(pk=process_id)
    if process is None:
        raise Http404(_("No consultation has the id %(id)s.") % {"id": process_id})
    return process


def _filters(process: Process, filters: ListFilters) -> tuple[algorithms.Ranking, int | None]:
    problems: dict[str, list[str]] = {}
    ranking = algorithms.find_ranking(filters.order)
    if filters.order and ranking is None:
        problems["order"] = [_("Unknown order; use one of: %(names)s.") % {"names": SHORT_NAMES}]
    if filters.question is not None and filters.question not in {
        question.pk for question in process.questions.all()
    }:
        problems["question"] = [_("This question is not part of the consultation.")]
    if problems:
        raise ValidationError(_errors(problems))
    if ranking is None:
        proposing = Feature.PROPOSE in access.open_features(process=process)
        ranking = algorithms.default_ranking(proposing_open=proposing)
    return ranking, filters.question


@router.get(
    "/processes/{id}/propositions",
    response={200: PropositionPageOut, 404: ErrorOut},
    operation_id="proposition_list",
    summary="The propositions of a consultation, in a ranking's order",
)
def proposition_list(request: HttpRequest, id: int, filters: Query[ListFilters]) -> Any:  # noqa: A002
    """Published, visible propositions, 20 a page. Unknown `order` or `question` answer 422."""
    process = _process_or_404(id)
    ranking, question_id = _filters(process, filters)
    listing = ranked.proposition_page(
        process=process,
        question_id=question_id,
        order=ranking,
        seed=filters.seed,
        page=filters.page,
        viewer=None,
    )
    page = listing.page
    return {
        "items": list(page.object_list),
        "count": page.paginator.count,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "order": ranking.id,
        "order_version": ranking.card.version,
    }


@router.post(
    "/processes/{id}/propositions",
    response={201: PropositionDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=api_auth,
    operation_id="proposition_create",
    summary="Make a proposition",
)
def proposition_create(request: HttpRequest, id: int, payload: PropositionIn) -> Any:  # noqa: A002
    """Publish a proposition while proposing is open (403 with the reason otherwise)."""
    actor = request.user
    process = _process_or_404(id)
    if not actor.has_perm("participation.add_proposition", process):
        reason = selectors.refusal_reason(user=actor, process=process, feature=Feature.PROPOSE)
        return Status(403, {"detail": reason})
    question = selectors.question_get(process=process, pk=payload.question)
    topics = selectors.topics_by_slugs(slugs=payload.topics)
    problems: dict[str, list[str]] = {}
    if question is None:
        problems["question"] = [_("Choose one of the questions of this consultation.")]
    if unknown := sorted(set(payload.topics) - {topic.slug for topic in topics}):
        problems["topics"] = [_("Unknown topics: %(slugs)s.") % {"slugs": ", ".join(unknown)}]
    if problems or question is None:
        raise ValidationError(_errors(problems))
    try:
        created = services.proposition_create(
            actor=actor,
            process=process,
            question=question,
            title=payload.title,
            body=payload.body,
            topics=topics,
        )
    except DjangoValidationError as error:
        raise ValidationError(_errors(error.message_dict)) from error
    proposition = selectors.proposition_get_visible(pk=created.pk, user=actor)
    setattr(proposition, "my_vote", None)  # noqa: B010
    return Status(201, proposition)


@router.get(
    "/propositions/{id}",
    response={200: PropositionDetailOut, 404: ErrorOut},
    auth=[*api_auth, _anyone],
    operation_id="proposition_get",
    summary="One proposition with its vote counts",
)
def proposition_get(request: HttpRequest, id: int) -> Any:  # noqa: A002
    """The proposition and, for an authenticated caller, their own vote (`my_vote`)."""
    proposition = selectors.proposition_get_visible(pk=id, user=request.user)
    value = selectors.vote_of(user=request.user, proposition=proposition)
    setattr(proposition, "my_vote", value)  # noqa: B010
    return Status(200, proposition)


def _vote_answer(result: votes.VoteResult) -> dict[str, Any]:
    proposition = result.proposition
    return {
        "my_vote": result.value,
        "support_count": proposition.support_count,
        "agree_count": proposition.agree_count,
        "disagree_count": proposition.disagree_count,
        "pass_count": proposition.pass_count,
        "threshold_reached_at": proposition.threshold_reached_at,
    }


def _refusal(request: HttpRequest, proposition: Proposition) -> Status:
    reason = selectors.refusal_reason(
        user=request.user,
        process=proposition.process,
        feature=Feature.VOTE,
        proposition=proposition,
    )
    return Status(403, {"detail": reason})


@router.put(
    "/propositions/{id}/vote",
    response={200: VoteOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    auth=api_auth,
    operation_id="vote_cast",
    summary="Vote on a proposition, or change one's vote",
)
def vote_cast(request: HttpRequest, id: int, payload: VoteIn) -> Any:  # noqa: A002
    """One vote per person: sending it again changes nothing; another value replaces it."""
    proposition = selectors.proposition_for_vote(pk=id, user=request.user)
    if vote_rate_exceeded(request):
        return Status(429, {"detail": _("Too many votes in a short time: wait a minute.")})
    try:
        result = votes.vote_cast(person=request.user, proposition=proposition, value=payload.value)
    except PermissionDenied:
        return _refusal(request, proposition)
    except DjangoValidationError as error:
        raise ValidationError(_errors(error.message_dict)) from error
    return Status(200, _vote_answer(result))


@router.delete(
    "/propositions/{id}/vote",
    response={200: VoteOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=api_auth,
    operation_id="vote_withdraw",
    summary="Take one's vote back",
)
def vote_withdraw(request: HttpRequest, id: int) -> Any:  # noqa: A002
    """Removes the caller's vote (200 with the counts, also when there was none)."""
    proposition = selectors.proposition_for_vote(pk=id, user=request.user)
    try:
        result = votes.vote_withdraw(person=request.user, proposition=proposition)
    except PermissionDenied:
        return _refusal(request, proposition)
    return Status(200, _vote_answer(result))
