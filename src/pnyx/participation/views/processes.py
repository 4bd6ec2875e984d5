"""Consultation pages of area A: the listing, creating one, managing one, joining by invitation."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from pnyx.accounts.personal_data import PROFILE
from pnyx.core import personal_data
from pnyx.core.pagination import paginate
from pnyx.participation.forms.processes import (
    ConfirmForm,
    MoveForm,
    PhaseForm,
    ProcessFilterForm,
    ProcessForm,
    QuestionForm,
    add_service_errors,
)
from pnyx.participation.models import Phase, Process
from pnyx.participation.personal_data import CONSULTATION_SETTINGS
from pnyx.participation.selectors import processes as selectors
from pnyx.participation.services import processes as services

DRAFTS_PER_PAGE = 10


class ProcessListView(View):
    """The listing: search and filters, newest first; an htmx request gets only the results."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = ProcessFilterForm(request.GET, choices=selectors.process_filter_choices())
        queryset = selectors.process_list_visible(user=request.user, **form.filters())
        context: dict[str, Any] = {
            "form": form,
            "page_obj": paginate(request, queryset),
            "ignored": form.ignored(),
        }
        template = "participation/process_list.html"
        if getattr(request, "htmx", False):
            template += "#results"
        else:
            drafts = selectors.process_list_drafts(user=request.user)
            context["drafts"] = Paginator(drafts, DRAFTS_PER_PAGE).get_page(
                request.GET.get("drafts_page")
            )
            administered = selectors.organisation_list_administered(user=request.user)
            context["can_create"] = administered.exists()
        response = render(request, template, context)
        patch_vary_headers(response, ("HX-Request",))
        return response


def _render_form(request: HttpRequest, form: ProcessForm, status: int) -> HttpResponse:
    return render(request, "participation/process_form.html", {"form": form}, status=status)


class ProcessCreateView(LoginRequiredMixin, View):
    """Create a draft consultation for an organisation the person administers."""

    def _organisations(self, request: HttpRequest) -> Any:
        organisations = selectors.organisation_list_administered(user=request.user)
        if not organisations.exists():
            raise PermissionDenied("participation.add_process")
        return organisations

    def get(self, request: HttpRequest) -> HttpResponse:
        organisations = self._organisations(request)
        wanted = organisations.filter(slug=request.GET.get("organisation", "")).first()
        initial = {"organisation": wanted, "languages": [request.LANGUAGE_CODE]}
        form = ProcessForm(initial=initial, organisations=organisations)
        return _render_form(request, form, 200)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ProcessForm(request.POST, request.FILES, organisations=self._organisations(request))
        if form.is_valid():
            try:
                process = services.process_create(
                    actor=request.user,  # type: ignore[arg-type]
                    organisation=form.cleaned_data["organisation"],
                    details=form.details(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The draft is saved. Add questions and phases, then publish it."),
                )
                return redirect("participation:process-manage", slug=process.slug)
        return _render_form(request, form, 400)


def _phase_initial(phase: Any) -> dict[str, Any]:
    fields = ("kind", "title", "starts_at", "ends_at", "description")
    return {name: getattr(phase, name) for name in fields}


def _edit_form(bound: dict[str, forms.Form], item: Any) -> forms.Form:
    """The edit form of one phase or question: the failed bound one, or a fresh one."""
    is_phase = isinstance(item, Phase)
    key = f"{'phase' if is_phase else 'question'}-{item.pk}"
    if key in bound:
        return bound[key]
    if is_phase:
        return PhaseForm(initial=_phase_initial(item), prefix=key)
    return QuestionForm(initial={"title": item.title, "description": item.description}, prefix=key)


def manage_context(
    process: Process, bound: dict[str, forms.Form], invitation_link: str = ""
) -> dict[str, Any]:
    """The management page's forms: the bound one that failed, fresh ones for the rest."""
    details = ProcessForm(
        initial=ProcessForm.initial_for(process),
        prefix="details",
        has_cover_image=bool(process.cover_image),
    )
    action = bound.get("action")
    return {
        "process": process,
        "details_form": bound.get("details") or details,
        "phase_form": bound.get("phase-new") or PhaseForm(prefix="phase-new"),
        "phases": [(phase, _edit_form(bound, phase)) for phase in process.phases.all()],
        "question_form": bound.get("question-new") or QuestionForm(prefix="question-new"),
        "questions": [(q, _edit_form(bound, q)) for q in process.questions.all()],
        "publish_form": bound.get("publish") or ConfirmForm(prefix="publish"),
        "archive_form": bound.get("archive") or ConfirmForm(prefix="archive"),
        "action_errors": [
            message for errors in (action.errors.values() if action else []) for message in errors
        ],
        "invitation_link": invitation_link,
    }


def render_manage(
    request: HttpRequest,
    process: Process,
    *,
    bound: dict[str, forms.Form] | None = None,
    invitation_link: str = "",
    status: int = 200,
) -> HttpResponse:
    context = manage_context(process, bound or {}, invitation_link)
    # The settings form lists the moderators' e-mail addresses, which are not public.
    personal_data.record_access(
        staff=request.user,
        people=list(process.moderators.all()),
        source_keys=[PROFILE.key],
        reason=CONSULTATION_SETTINGS.key,
        detail=process.title,
    )
    return render(request, "participation/process_manage.html", context, status=status)


class _ManageBase(LoginRequiredMixin, View):
    http_method_names = ["get", "post"]

    def process(self, request: HttpRequest, slug: str) -> Process:
        return selectors.process_for_management(slug=slug, user=request.user)


class ProcessManageView(_ManageBase):
    """The management page; POST saves the consultation's details."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return render_manage(request, self.process(request, slug))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        process = self.process(request, slug)
        form = ProcessForm(
            request.POST,
            request.FILES,
            prefix="details",
            has_cover_image=bool(process.cover_image),
        )
        if form.is_valid():
            try:
                services.process_update(
                    actor=request.user,  # type: ignore[arg-type]
                    process=process,
                    details=form.details(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The changes are saved."))
                return redirect("participation:process-manage", slug=slug)
        return render_manage(request, process, bound={"details": form}, status=400)


@dataclass(frozen=True)
class Action:
    """One management act: the form it reads, the service it calls, what it says on success."""

    form: type[forms.Form]
    run: Callable[..., Any]
    done: Any
    item: str = ""  # "phase" or "question" when the act names one by its pk
    prefix: str = ""
    # The form is one of the page's edit forms (shown again with its errors); otherwise its
    # errors are shown at the top of the page.
    in_place: bool = True


def _item_of(process: Process, kind: str, pk: int | None) -> Any:
    items = process.phases.all() if kind == "phase" else process.questions.all()
    found = next((item for item in items if item.pk == pk), None)
    if found is None:
        raise Http404("No such phase or question in this consultation.")
    return found


ACTIONS: dict[str, Action] = {
    "phase-add": Action(
        PhaseForm,
        lambda actor, process, item, form: services.phase_add(
            actor=actor, process=process, details=form.details()
        ),
        gettext_lazy("The phase is added."),
        prefix="phase-new",
    ),
    "phase-update": Action(
        PhaseForm,
        lambda actor, process, item, form: services.phase_update(
            actor=actor, phase=item, details=form.details()
        ),
        gettext_lazy("The phase is saved."),
        item="phase",
    ),
    "phase-delete": Action(
        forms.Form,
        lambda actor, process, item, form: services.phase_delete(actor=actor, phase=item),
        gettext_lazy("The phase is deleted."),
        item="phase",
        in_place=False,
    ),
    "question-add": Action(
        QuestionForm,
        lambda actor, process, item, form: services.question_add(
            actor=actor, process=process, **form.cleaned_data
        ),
        gettext_lazy("The question is added."),
        prefix="question-new",
    ),
    "question-update": Action(
        QuestionForm,
        lambda actor, process, item, form: services.question_update(
            actor=actor, question=item, **form.cleaned_data
        ),
        gettext_lazy("The question is saved."),
        item="question",
    ),
    "question-delete": Action(
        forms.Form,
        lambda actor, process, item, form: services.question_delete(actor=actor, question=item),
        gettext_lazy("The question is deleted."),
        item="question",
        in_place=False,
    ),
    "question-move": Action(
        MoveForm,
        lambda actor, process, item, form: services.question_move(
            actor=actor, question=item, direction=form.cleaned_data["direction"]
        ),
        gettext_lazy("The order of the questions is saved."),
        item="question",
        in_place=False,
    ),
    "publish": Action(
        ConfirmForm,
        lambda actor, process, item, form: services.process_publish(actor=actor, process=process),
        gettext_lazy("The consultation is published."),
        prefix="publish",
    ),
    "archive": Action(
        ConfirmForm,
        lambda actor, process, item, form: services.process_archive(actor=actor, process=process),
        gettext_lazy("The consultation is archived."),
        prefix="archive",
    ),
}


class ProcessManageActionView(_ManageBase):
    """One management act posted from the management page (see ACTIONS); GET goes back there."""

    def get(self, request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponse:
        return redirect("participation:process-manage", slug=slug)

    def post(
        self, request: HttpRequest, slug: str, action: str, pk: int | None = None
    ) -> HttpResponse:
        spec = ACTIONS.get(action)
        if spec is None or bool(spec.item) != (pk is not None):
            raise Http404("No such action.")
        process = self.process(request, slug)
        item = _item_of(process, spec.item, pk) if spec.item else None
        prefix = spec.prefix or (f"{spec.item}-{pk}" if spec.in_place else None)
        form = spec.form(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                spec.run(request.user, process, item, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, str(spec.done))
                return redirect("participation:process-manage", slug=slug)
        key = prefix if spec.in_place and prefix else "action"
        return render_manage(request, process, bound={key: form}, status=400)


@method_decorator(never_cache, name="dispatch")
class ProcessInvitationView(_ManageBase):
    """Create a new invitation link (the previous one stops working) and show it once."""

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        process = self.process(request, slug)
        link = services.process_invitation_link(
            actor=request.user,  # type: ignore[arg-type]
            process=process,
            site_url=request.build_absolute_uri("/"),
        )
        return render_manage(request, process, invitation_link=link)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return redirect("participation:process-manage", slug=slug)


class ProcessJoinView(View):
    """The invitation link: GET explains and shows a button, POST grants access.

    A link whose token is not the current one answers 404 with an explanation.
    """

    http_method_names = ["get", "post"]

    def _process(self, request: HttpRequest, slug: str, token: str) -> Process | None:
        process = selectors.process_get_visible(slug=slug, user=request.user)
        valid = selectors.process_invitation_valid(process=process, token=token[:200])
        return process if valid else None

    def _invalid(self, request: HttpRequest) -> HttpResponse:
        return render(request, "participation/process_join_invalid.html", status=404)

    def get(self, request: HttpRequest, slug: str, token: str) -> HttpResponse:
        process = self._process(request, slug, token)
        if process is None:
            return self._invalid(request)
        return render(request, "participation/process_join.html", {"process": process})

    def post(self, request: HttpRequest, slug: str, token: str) -> HttpResponse:
        process = self._process(request, slug, token)
        if process is None:
            return self._invalid(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            services.process_access_grant(actor=request.user, process=process, token=token)
        except ValidationError:
            return self._invalid(request)
        messages.success(
            request, _("You can now take part in %(title)s.") % {"title": process.title}
        )
        return redirect(reverse("participation:process-detail", kwargs={"slug": process.slug}))
