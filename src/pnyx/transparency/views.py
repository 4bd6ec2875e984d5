"""The algorithm register: every card, one card, their JSON downloads, the debate attached to each
algorithm, and the "why" page of one item an algorithm produced."""

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.http import require_safe

from pnyx.core import algorithms
from pnyx.core.algorithms import AlgorithmCard, ExplainContext
from pnyx.transparency import documents, selectors, services

JSON_FORMAT = "json"


def _card(slug: str) -> AlgorithmCard:
    card = algorithms.get_by_slug(slug)
    if card is None:
        raise Http404("No such algorithm.")
    return card


def _download(body: dict[str, Any], filename: str) -> JsonResponse:
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = body["language"]
    return response


@require_safe
def algorithm_register_json(request: HttpRequest) -> JsonResponse:
    """The whole register as one JSON file (see `documents` for its format)."""
    body = documents.register_document(
        algorithms.all_cards(), language=get_language(), absolute=request.build_absolute_uri
    )
    return _download(body, documents.REGISTER_FILENAME)


@require_safe
def algorithm_card_json(request: HttpRequest, slug: str) -> JsonResponse:
    """One card as a JSON file."""
    card = _card(slug)
    body = documents.card_document(
        card, language=get_language(), absolute=request.build_absolute_uri
    )
    return _download(body, f"{card.slug}.json")


@require_safe
def algorithm_list(request: HttpRequest) -> HttpResponse:
    """The register: every card in short; `?format=json` gives the JSON file."""
    if request.GET.get("format") == JSON_FORMAT:
        return algorithm_register_json(request)
    cards = list(algorithms.all_cards())
    return render(request, "transparency/algorithm_list.html", {"cards": cards})


@require_safe
def algorithm_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One card in full, with its debate; `?format=json` gives the JSON file."""
    if request.GET.get("format") == JSON_FORMAT:
        return algorithm_card_json(request, slug)
    card = _card(slug)
    context = {
        "card": card,
        "debate": selectors.debate_summary(algorithm_id=card.id),
        "explained": algorithms.explainer(card.id) is not None,
    }
    return render(request, "transparency/algorithm_detail.html", context)


class AlgorithmDebateView(View):
    """The way into the consultation attached to an algorithm: GET leads to it once it is open
    (or offers to open it), POST opens it."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        card = _card(slug)
        debate = selectors.debate_get(algorithm_id=card.id)
        if debate is not None:
            return redirect(debate.process)
        can_open = request.user.has_perm("transparency.open_algorithm_debate")
        context = {"card": card, "can_open": can_open}
        return render(request, "transparency/algorithm_debate.html", context)

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        card = _card(slug)
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        try:
            process = services.algorithm_debate_open(actor=request.user, card=card)
        except PermissionDenied:
            context = {"card": card, "can_open": False}
            return render(request, "transparency/algorithm_debate.html", context, status=403)
        return redirect(process)


@require_safe
def algorithm_why(request: HttpRequest, slug: str, item: int) -> HttpResponse:
    """Why one item stands where it does: the algorithm, its version, each factor's part."""
    card = _card(slug)
    explain = algorithms.explainer(card.id)
    if explain is None:
        raise Http404("This algorithm has no explanations.")
    context = ExplainContext(viewer=request.user, params=request.GET, cookies=request.COOKIES)
    explanation = explain(item, context)
    if explanation is None:
        raise Http404("No such item.")
    return render(request, "transparency/algorithm_why.html", {"explanation": explanation})
