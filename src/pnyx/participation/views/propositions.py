"""The process page with its ranked propositions, and the proposition pages: create, read,
edit, withdraw, vote. Each handler parses, authorises with the permission names of rules.py,
calls one selector or service and renders; htmx requests get only the fragment they replace."""

import re
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from pnyx.participation import algorithms
from pnyx.participation.forms.propositions import PropositionForm, initial_for, vote_rate_exceeded
from pnyx.participation.models import Feature, Process, Proposition, VoteValue
from pnyx.participation.selectors import access, processes, ranked
from pnyx.participation.selectors import propositions as selectors
from pnyx.participation.services import propositions as services
from pnyx.participation.services import votes
from pnyx.participation.views.cards import cards_of

#: The random order's seed lives in a cookie of the browser session, not in a server session:
#: visitors who only read get no session row and no session query on every page.
SEED_COOKIE = "pnyx_order_seed"
SEED_FORMAT = re.compile(r"[0-9a-f]{16}")
WITHDRAW_VALUE = "withdraw"


def _refused(
    request: HttpRequest, process: Process, feature: str, proposition: Any = None
) -> HttpResponse:
    """403 with the reason in words (closed phase, audience, withdrawn proposition...)."""
    reason = selectors.refusal_reason(
        user=request.user, process=process, feature=feature, proposition=proposition
    )
    context = {"reason": reason, "process": process, "proposition": proposition}
    return render(request, "participation/proposition_refused.html", context, status=403)


def _question_id(request: HttpRequest, process: Process, notices: list[str]) -> int | None:
    raw = request.GET.get("question", "")
    if not raw:
        return None
    known = {str(question.pk): question.pk for question in process.questions.all()}
    if raw not in known:
        notices.append(_("That question is not part of this consultation, so it was not applied."))
        return None
    return known[raw]


def _ranking(request: HttpRequest, process: Process, notices: list[str]) -> algorithms.Ranking:
    requested = request.GET.get("order", "")
    ranking = algorithms.find_ranking(requested)
    if requested and ranking is None:
        notices.append(_("That order is not known, so the default order is used."))
    if ranking is None:
        proposing = Feature.PROPOSE in access.open_features(process=process)
        ranking = algorithms.default_ranking(proposing_open=proposing)
    return ranking


def _seed(request: HttpRequest, ranking: algorithms.Ranking) -> tuple[str, bool]:
    """The visitor's shuffle seed when the order needs one, and whether it is new (to be set in
    the cookie); a cookie that is not a seed we made is replaced."""
    if not ranking.seeded:
        return "", False
    seed = request.COOKIES.get(SEED_COOKIE, "")
    if SEED_FORMAT.fullmatch(seed):
        return seed, False
    return secrets.token_hex(8), True


class ProcessDetailView(View):
    """A consultation: its header, questions, and its propositions in the chosen order."""

    def get(self, request: Any, slug: str) -> HttpResponse:
        process = processes.process_get_visible(slug=slug, user=request.user)
        notices: list[str] = []
        question_id = _question_id(request, process, notices)
        ranking = _ranking(request, process, notices)
        seed, new_seed = _seed(request, ranking)
        listing = ranked.proposition_page(
            process=process,
            question_id=question_id,
            order=ranking,
            seed=seed,
            page=request.GET.get("page"),
            viewer=request.user,
            for_cards=True,
        )
        context = {
            "process": process,
            "listing": listing,
            "page_obj": listing.page,
            "cards": cards_of(listing, question_id=question_id),
            "rankings": algorithms.RANKINGS.values(),
            "ranking": ranking,
            "question_id": question_id,
            "notices": notices,
            "can_propose": request.user.has_perm("participation.add_proposition", process),
        }
        template = "participation/process_detail.html"
        if getattr(request, "htmx", False):
            template = "participation/includes/proposition_list.html"
        response = render(request, template, context)
        patch_vary_headers(response, ("HX-Request",))
        if new_seed:
            response.set_cookie(
                SEED_COOKIE,
                seed,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def _form_page(
    request: HttpRequest, process: Process, form: PropositionForm, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {"process": process, "form": form, **extra}
    return render(request, "participation/proposition_form.html", context, status=status)


class PropositionCreateView(View):
    """Propose: a form with similar propositions suggested while typing (or on a check step)."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.process = processes.process_get_visible(slug=kwargs["slug"], user=request.user)
        if not request.user.has_perm("participation.add_proposition", self.process):
            return _refused(request, self.process, Feature.PROPOSE)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return _form_page(request, self.process, PropositionForm(process=self.process))

    def post(self, request: Any, slug: str) -> HttpResponse:
        form = PropositionForm(request.POST, process=self.process)
        if "check" in request.POST:
            similar = selectors.similar_propositions(
                process=self.process, title=request.POST.get("title", "")
            )
            return _form_page(request, self.process, form, similar=similar, checked=True)
        if not form.is_valid():
            return _form_page(request, self.process, form, status=400)
        try:
            proposition = services.proposition_create(
                actor=request.user, process=self.process, **form.service_arguments()
            )
        except ValidationError as error:
            _add_errors(form, error)
            return _form_page(request, self.process, form, status=400)
        return redirect(proposition)


def _add_errors(form: PropositionForm, error: ValidationError) -> None:
    for field, messages in error.message_dict.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class PropositionSimilarView(View):
    """The fragment of propositions similar to a title being typed (htmx, or a plain GET)."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        process = processes.process_get_visible(slug=slug, user=request.user)
        title = request.GET.get("title", "")[:200]
        similar = selectors.similar_propositions(process=process, title=title)
        context = {"similar": similar, "checked": bool(title.strip())}
        return render(request, "participation/proposition_similar.html", context)


def vote_context(request: Any, proposition: Proposition, value: str | None) -> dict[str, Any]:
    """What the vote widget needs: the person's vote, the buttons they may press, the counts."""
    user, process = request.user, proposition.process
    can_vote = user.has_perm("participation.vote_proposition", proposition)
    closed = (
        ""
        if can_vote
        else selectors.refusal_reason(
            user=user, process=process, feature=Feature.VOTE, proposition=proposition
        )
    )
    return {
        "proposition": proposition,
        "process": process,
        "my_vote": value,
        "vote_choices": [(v, VoteValue(v).label) for v in votes.allowed_values(process)],
        "my_vote_label": VoteValue(value).label if value else "",
        "can_vote": can_vote,
        "can_unvote": value is not None
        and user.has_perm("participation.unvote_proposition", proposition),
        "vote_closed_reason": closed,
    }


class PropositionDetailView(View):
    """A proposition: text, votes and buttons, history, answer, comments, follow button."""

    def get(self, request: Any, pk: int) -> HttpResponse:
        proposition = selectors.proposition_get_visible(pk=pk, user=request.user)
        value = selectors.vote_of(user=request.user, proposition=proposition)
        context = vote_context(request, proposition, value)
        context.update(
            {
                "versions": selectors.proposition_versions(proposition=proposition),
                "can_change": request.user.has_perm(
                    "participation.change_proposition", proposition
                ),
                "can_withdraw": request.user.has_perm(
                    "participation.withdraw_proposition", proposition
                ),
                "can_moderate": request.user.has_perm(
                    "participation.moderate_process", proposition.process
                ),
            }
        )
        return render(request, "participation/proposition_detail.html", context)


class PropositionEditView(View):
    """Edit one's proposition; after votes or comments, the earlier wording stays visible."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.proposition = selectors.proposition_get_visible(pk=kwargs["pk"], user=request.user)
        if not request.user.has_perm("participation.change_proposition", self.proposition):
            raise PermissionDenied("participation.change_proposition")
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data: Any = None) -> PropositionForm:
        p = self.proposition
        return PropositionForm(data, process=p.process, proposition=p, initial=initial_for(p))

    def _page(self, request: HttpRequest, form: PropositionForm, status: int = 200) -> HttpResponse:
        p = self.proposition
        return _form_page(request, p.process, form, status=status, proposition=p)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._page(request, self._form())

    def post(self, request: Any, pk: int) -> HttpResponse:
        form = self._form(request.POST)
        if not form.is_valid():
            return self._page(request, form, status=400)
        try:
            services.proposition_update(
                actor=request.user, proposition=self.proposition, **form.service_arguments()
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self._page(request, form, status=400)
        return redirect(self.proposition)


class PropositionWithdrawView(View):
    """Withdraw one's proposition (POST only)."""

    def post(self, request: Any, pk: int) -> HttpResponse:
        proposition = selectors.proposition_get_visible(pk=pk, user=request.user)
        services.proposition_withdraw(actor=request.user, proposition=proposition)
        return redirect(proposition)


def _back(request: HttpRequest, proposition: Proposition) -> HttpResponse:
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if target and safe else proposition.get_absolute_url())


class PropositionVoteView(View):
    """Cast, change (`value`) or withdraw (`value=withdraw`) one's vote; POST only."""

    def post(self, request: Any, pk: int) -> HttpResponse:
        proposition = selectors.proposition_for_vote(pk=pk, user=request.user)
        if request.user.is_authenticated and vote_rate_exceeded(request):
            return render(request, "429.html", status=429)
        value = request.POST.get("value", "")
        try:
            if value == WITHDRAW_VALUE:
                result = votes.vote_withdraw(person=request.user, proposition=proposition)
            else:
                result = votes.vote_cast(person=request.user, proposition=proposition, value=value)
        except PermissionDenied:
            return _refused(request, proposition.process, Feature.VOTE, proposition)
        except ValidationError as error:
            message = " ".join(error.message_dict.get("value", error.messages))
            context = {"message": message, "proposition": proposition}
            return render(request, "participation/proposition_vote_error.html", context, status=400)
        if getattr(request, "htmx", False):
            context = vote_context(request, result.proposition, result.value)
            return render(request, "participation/proposition_detail.html#vote-widget", context)
        return _back(request, proposition)
