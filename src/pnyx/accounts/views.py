"""Account pages: the person's own account and profile, their API tokens, public profiles."""

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from pnyx.accounts import selectors, services
from pnyx.accounts.forms import PUBLIC_FIELD_LABELS, ApiTokenForm, ProfileForm
from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.pagination import paginate

security_log = logging.getLogger("pnyx.security")


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 429 page for sign-up, log-in and other rate-limited acts; each refusal is logged."""
    security_log.warning(
        "rate limit reached: %s %s by user %s",
        request.method,
        request.path,
        getattr(getattr(request, "user", None), "pk", None),
    )
    return render(request, "429.html", status=429)


class AccountView(LoginRequiredMixin, View):
    """The person's own account: identity, e-mail, security, profile, roles and API tokens."""

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        return render(request, "accounts/account_detail.html", _account_context(request))


def _account_context(request: AuthenticatedRequest) -> dict[str, Any]:
    user = request.user
    return {
        "emails": list(selectors.email_address_list_for_user(user=user)),
        "totp_active": "totp" in selectors.mfa_types_for_user(user=user),
        "page_obj": paginate(request, selectors.api_token_list_for_user(user=user)),
        "token_form": ApiTokenForm(),
    }


class ProfileEditView(LoginRequiredMixin, View):
    """Edit one's profile and choose which parts of it are public."""

    template_name = "accounts/profile_form.html"

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        person = selectors.person_get_for_account(pk=request.user.pk)
        form = ProfileForm(initial=ProfileForm.initial_for(person))
        return render(request, self.template_name, {"form": form})

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        form = ProfileForm(request.POST)
        if form.is_valid():
            person = selectors.person_get_for_account(pk=request.user.pk)
            try:
                services.profile_update(actor=request.user, person=person, **form.cleaned_data)
            except ValidationError as error:
                _attach_errors(form, error)
            else:
                messages.success(request, _("Your profile was saved."))
                return redirect("accounts:account")
        return render(request, self.template_name, {"form": form}, status=400)


def _attach_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


class PersonDetailView(View):
    """A person's public profile: the display name and the fields they chose to show."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = selectors.person_get_public(pk=pk)
        public = set(person.public_fields)
        context = {
            "person": person,
            "public": public,
            "field_labels": PUBLIC_FIELD_LABELS,
            "is_me": request.user.is_authenticated and request.user.pk == person.pk,
        }
        return render(request, "accounts/person_detail.html", context)


@method_decorator(never_cache, name="dispatch")
class ApiTokenCreateView(LoginRequiredMixin, View):
    """Create a personal API token; its value appears once, in this response only."""

    template_name = "accounts/apitoken_form.html"

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": ApiTokenForm()})

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                token, raw = services.api_token_create(
                    user=request.user, name=form.cleaned_data["name"]
                )
            except ValidationError as error:
                _attach_errors(form, error)
            else:
                context = {"token": token, "raw": raw}
                return render(request, "accounts/apitoken_created.html", context, status=201)
        return render(request, self.template_name, {"form": form}, status=400)


class ApiTokenRevokeView(LoginRequiredMixin, View):
    """Ask to confirm, then revoke one of the person's own tokens (others' tokens are a 404)."""

    template_name = "accounts/apitoken_confirm_revoke.html"

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        token = selectors.api_token_get_for_user(user=request.user, pk=pk)
        return render(request, self.template_name, {"token": token})

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        token = selectors.api_token_get_for_user(user=request.user, pk=pk)
        services.api_token_revoke(actor=request.user, token=token)
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
        return redirect("accounts:account")
