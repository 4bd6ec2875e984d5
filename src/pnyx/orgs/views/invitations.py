"""The page an invitation link opens: see the invitation, then accept it."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pnyx.orgs import selectors, services
from pnyx.orgs.models import Invitation

TOKEN_MAX_LENGTH = 100


def mask_email(address: str) -> str:
    """Enough of an address to recognise it ("j•••@example.org") without publishing it."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}•••@{domain}"


class InvitationAcceptView(View):
    """GET shows the invitation and a confirm button; POST accepts it.

    Unknown links answer 404; used, withdrawn or expired ones 410 with the reason; a person logged
    in with an account that does not hold the invited address gets 403 and how to fix it.
    """

    http_method_names = ["get", "post"]

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        token = kwargs["token"]
        self.invitation: Invitation | None = None
        if len(token) <= TOKEN_MAX_LENGTH:
            self.invitation = selectors.invitation_get_by_token_hash(
                token_hash=services.hash_invitation_token(token)
            )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if self.invitation is None:
            return render(request, "orgs/invitation_invalid.html", status=404)
        return super().dispatch(request, *args, **kwargs)

    def _render(
        self, request: HttpRequest, *, problem: str = "", status: int = 200
    ) -> HttpResponse:
        invitation = self.invitation
        assert invitation is not None  # noqa: S101 - dispatch answered 404 otherwise
        problem = problem or invitation.problem()
        context = {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "problem": problem,
            "is_invitee": request.user.has_perm("orgs.accept_invitation", invitation),
            "masked_email": mask_email(invitation.email),
        }
        if problem and status == 200:
            status = 410
        return render(request, "orgs/invitation_accept.html", context, status=status)

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        invitation = self.invitation
        assert invitation is not None  # noqa: S101 - dispatch answered 404 otherwise
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            services.invitation_accept(actor=request.user, invitation=invitation)
        except ValidationError as error:
            return self._render(request, problem=" ".join(error.messages), status=410)
        except PermissionDenied:
            return self._render(request, status=403)
        messages.success(
            request, _("Welcome to %(name)s!") % {"name": invitation.organisation.name}
        )
        return redirect(invitation.organisation)
