"""The practitioner directory, a practitioner's page, one's own profile (offer, pause, remove)
and the contact request form.

Public fields only: a practitioner's e-mail address never appears here; it is shown inside a
conversation, once a contact request is accepted. Forms are plain POST forms.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django_countries import countries

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.accounts.languages import language_choices, language_name
from pnyx.core.pagination import paginate
from pnyx.core.taxonomy import country_choices
from pnyx.network.forms.practitioners import (
    ContactForm,
    PractitionerForm,
    add_service_errors,
    contact_rate_exceeded,
    tool_choices,
    topic_choices,
)
from pnyx.network.models import HelpRequest, Practitioner
from pnyx.network.selectors import help as help_selectors
from pnyx.network.selectors import practitioners as selectors
from pnyx.network.services import contacts as contact_services
from pnyx.network.services import practitioners as services

#: As long as a filter value may be (slugs, language and country codes).
FILTER_MAX_LENGTH = 120


def too_fast(request: HttpRequest) -> HttpResponse:
    return render(request, "network/practitioners_too_fast.html", status=429)


def country_name(code: str) -> str:
    return str(countries.name(code)) or code


def practitioner_facts(practitioner: Practitioner) -> dict[str, Any]:
    """The public fields of a profile, named for the reader (topics and tools prefetched)."""
    return {
        "practitioner": practitioner,
        "topics": [topic.name for topic in practitioner.topics.all()],
        "tools": [tool.name for tool in practitioner.tools.all()],
        "languages": [language_name(code) for code in practitioner.languages],
        "countries": [country_name(code) for code in practitioner.countries],
    }


def _filter(request: HttpRequest, name: str) -> str:
    return request.GET.get(name, "").strip()[:FILTER_MAX_LENGTH]


def practitioner_list(request: HttpRequest) -> HttpResponse:
    """The directory: search headlines and names, filter by topic, tool, language, country and
    data help; paginated."""
    filters: dict[str, Any] = {
        "query": _filter(request, "q"),
        "topic": _filter(request, "topic"),
        "tool": _filter(request, "tool"),
        "language": _filter(request, "language"),
        "country": _filter(request, "country").upper(),
        "data_expert": request.GET.get("data") == "1",
    }
    page = paginate(request, selectors.practitioner_directory(**filters))
    context = {
        "page": page,
        "entries": [practitioner_facts(practitioner) for practitioner in page],
        "filters": filters,
        "topic_choices": topic_choices(),
        "tool_choices": tool_choices(),
        "language_choices": language_choices(),
        "country_choices": country_choices(),
        "mine": selectors.practitioner_of(user=request.user),
    }
    return render(request, "network/practitioner_list.html", context)


def practitioner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practitioner = selectors.practitioner_get_visible(pk=pk, user=request.user)
    if practitioner is None:
        raise Http404("No such practitioner.")
    context = practitioner_facts(practitioner)
    context["is_mine"] = practitioner.user_id == getattr(request.user, "pk", None)
    context["may_contact"] = not context["is_mine"] and request.user.has_perm(
        "network.contact", practitioner
    )
    return render(request, "network/practitioner_detail.html", context)


class PractitionerEditView(LoginRequiredMixin, View):
    """Offer help, or change one's profile."""

    def _render(
        self, request: HttpRequest, form: PractitionerForm, status: int = 200
    ) -> HttpResponse:
        mine = selectors.practitioner_of(user=request.user)
        context = {"form": form, "mine": mine}
        return render(request, "network/practitioner_form.html", context, status=status)

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        if not request.user.has_perm("network.offer_help"):
            raise PermissionDenied("network.offer_help")
        mine = selectors.practitioner_of(user=request.user)
        initial: dict[str, Any] = {}
        if mine is not None:
            initial = {
                "headline": mine.headline,
                "topics": [topic.slug for topic in mine.topics.all()],
                "tools": [tool.slug for tool in mine.tools.all()],
                "languages": mine.languages,
                "countries": mine.countries,
                "hours_per_month": mine.hours_per_month,
                "data_expert": mine.data_expert,
                "available": mine.available,
            }
        else:
            initial = {"languages": request.user.languages, "available": True}
        return self._render(request, PractitionerForm(initial=initial))

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        form = PractitionerForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        try:
            practitioner = services.practitioner_save(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, form, status=400)
        messages.success(request, _("Your practitioner profile is saved."))
        return redirect("network:practitioner-detail", pk=practitioner.pk)


class PractitionerAvailabilityView(LoginRequiredMixin, View):
    """Pause or resume one's profile (`available` = 1 or 0)."""

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        value = request.POST.get("available")
        if value not in ("0", "1"):
            return HttpResponse(status=400)
        try:
            practitioner = services.practitioner_set_available(
                actor=request.user, available=value == "1"
            )
        except ValidationError:
            raise Http404("No practitioner profile.") from None
        if practitioner.available:
            messages.success(request, _("You appear in the directory again."))
        else:
            messages.success(request, _("Your profile is paused: nobody finds or contacts you."))
        return redirect("network:practitioner-edit")


class PractitionerRemoveView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        if services.practitioner_remove(actor=request.user):
            messages.success(request, _("Your practitioner profile was removed."))
        return redirect("network:practitioner-list")


def _contactable(request: HttpRequest, pk: int) -> Practitioner:
    practitioner = selectors.practitioner_get_visible(pk=pk, user=request.user)
    if practitioner is None or not practitioner.available:
        raise Http404("No such practitioner.")
    return practitioner


def _help_choices(request: HttpRequest) -> dict[str, HelpRequest]:
    """Open help requests of the sender's organisations, which a contact request may name."""
    found = help_selectors.open_requests_of_member(user=request.user)
    return {str(item.pk): item for item in found}


class ContactCreateView(LoginRequiredMixin, View):
    """Ask a practitioner for help, optionally about one of one's organisation's requests."""

    def _render(
        self, request: HttpRequest, practitioner: Practitioner, form: ContactForm, status: int = 200
    ) -> HttpResponse:
        context = {"practitioner": practitioner, "form": form}
        return render(request, "network/contact_form.html", context, status=status)

    def _form(
        self, request: HttpRequest, data: Any = None
    ) -> tuple[ContactForm, dict[str, HelpRequest]]:
        choices = _help_choices(request)
        labels = [(pk, item.title) for pk, item in choices.items()]
        initial = {"help_request": request.GET.get("help", "")[:20]}
        return ContactForm(data, initial=initial, help_requests=labels), choices

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        practitioner = _contactable(request, pk)
        if not request.user.has_perm("network.contact", practitioner):
            raise PermissionDenied("network.contact")
        form, _choices = self._form(request)
        return self._render(request, practitioner, form)

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        practitioner = _contactable(request, pk)
        form, choices = self._form(request, request.POST)
        if not form.is_valid():
            return self._render(request, practitioner, form, status=400)
        if contact_rate_exceeded(request):
            return too_fast(request)
        try:
            contact_services.contact_request_send(
                actor=request.user,
                practitioner=practitioner,
                message=form.cleaned_data["message"],
                help_request=choices.get(form.cleaned_data["help_request"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, practitioner, form, status=400)
        messages.success(
            request,
            _("Your request was sent to %(name)s.") % {"name": practitioner.user.public_name},
        )
        return redirect(reverse("network:contact-list"))
