"""Deleting one's account: confirm (password or e-mailed link), wait, or cancel."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core import ratelimit
from pnyx.core.permissions import require
from pnyx.privacy import selectors
from pnyx.privacy.forms import DeletionPasswordForm
from pnyx.privacy.services import deletion as services

#: Attempts on the deletion page (passwords tried, links asked for), per person and per address,
#: in 15 minutes.
PASSWORD_RATE = ratelimit.Rate(per_person=5, per_address=20, window_seconds=15 * 60)


def _site_url(request: AuthenticatedRequest) -> str:
    return request.build_absolute_uri("/")


class DeletionView(LoginRequiredMixin, View):
    """What deleting the account does, its confirmation, or the pending deletion to cancel."""

    template_name = "privacy/deletion.html"

    def _render(
        self,
        request: AuthenticatedRequest,
        form: DeletionPasswordForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "form": form or DeletionPasswordForm(),
            "pending": selectors.deletion_request_get(person=request.user),
            "has_password": request.user.has_usable_password(),
            "grace_days": settings.PNYX_ACCOUNT_DELETION_GRACE.days,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        require(request.user, "privacy.delete_account", request.user)
        return self._render(request)

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        person = request.user
        form = DeletionPasswordForm(request.POST)
        if ratelimit.exceeded(
            action="privacy.delete_account",
            rate=PASSWORD_RATE,
            person=person,
            address=request.META.get("REMOTE_ADDR", ""),
        ):
            form.add_error(None, _("Too many attempts. Wait a few minutes and try again."))
            return self._render(request, form, status=429)
        if not person.has_usable_password():
            services.deletion_link_send(
                actor=person, person=person, language=get_language(), site_url=_site_url(request)
            )
            messages.success(request, _("We sent you an e-mail: follow its link to confirm."))
            return redirect("privacy:deletion")
        if form.is_valid():
            try:
                services.deletion_schedule_with_password(
                    actor=person,
                    person=person,
                    password=form.cleaned_data["password"],
                    language=get_language(),
                    site_url=_site_url(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your account will be deleted. You can still cancel."))
                return redirect("privacy:deletion")
        return self._render(request, form, status=400)


class DeletionConfirmView(LoginRequiredMixin, View):
    """The page an e-mailed link opens: a button confirms (a GET changes nothing)."""

    def get(self, request: AuthenticatedRequest, token: str) -> HttpResponse:
        require(request.user, "privacy.delete_account", request.user)
        return render(request, "privacy/deletion_confirm.html", {"token": token})

    def post(self, request: AuthenticatedRequest, token: str) -> HttpResponse:
        try:
            services.deletion_confirm_link(
                actor=request.user, token=token, site_url=_site_url(request)
            )
        except ValidationError as error:
            context = {"token": token, "error": error.messages[0]}
            return render(request, "privacy/deletion_confirm.html", context, status=400)
        messages.success(request, _("Your account will be deleted. You can still cancel."))
        return redirect("privacy:deletion")


class DeletionCancelView(LoginRequiredMixin, View):
    """Cancel the pending deletion of one's account."""

    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        if services.deletion_cancel(actor=request.user, person=request.user):
            messages.success(request, _("The deletion of your account is cancelled."))
        else:
            messages.info(request, _("Your account was not going to be deleted."))
        return redirect("privacy:deletion")
