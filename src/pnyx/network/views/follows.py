"""Following and no longer following, from the button on any page, and the page listing what a
person follows.

The buttons are plain POST forms naming the target by `kind` and `target` (a slug, or a person's
number) and the page to go back to in `next`; each answers with a redirect and a message. An
unknown kind or a missing target is a 400, a target that does not exist a 404, a `next` pointing
to another site is ignored.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.pagination import paginate
from pnyx.network.selectors.follows import (
    FOLLOW_KINDS,
    FollowTarget,
    follow_list_for_user,
    follow_target_get,
)
from pnyx.network.services.follows import follow_add, follow_remove


class _BadTarget(Exception):
    pass


def _target(request: HttpRequest) -> FollowTarget:
    kind = request.POST.get("kind", "")
    key = request.POST.get("target", "").strip()
    if kind not in FOLLOW_KINDS or not key:
        raise _BadTarget
    target = follow_target_get(kind=kind, key=key)
    if target is None:
        raise Http404("Nothing to follow here.")
    return target


def _back(request: HttpRequest) -> HttpResponse:
    """To the page named by `next` when it is on this site, else to the list of follows."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("network:following")


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "network/follow_error.html", {"error": message}, status=400)


class FollowAddView(LoginRequiredMixin, View):
    """Follow an organisation, a topic, a tool or a person."""

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        try:
            target = _target(request)
        except _BadTarget:
            return _bad_request(request, _("Say what to follow."))
        try:
            _follow, created = follow_add(actor=request.user, target=target)
        except ValidationError as error:
            return _bad_request(request, " ".join(error.messages))
        if created:
            messages.success(request, _("You follow %(name)s.") % {"name": target})
        else:
            messages.info(request, _("You already follow %(name)s.") % {"name": target})
        return _back(request)


class FollowRemoveView(LoginRequiredMixin, View):
    """Stop following an organisation, a topic, a tool or a person."""

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        try:
            target = _target(request)
        except _BadTarget:
            return _bad_request(request, _("Say what to stop following."))
        if follow_remove(actor=request.user, target=target):
            messages.success(request, _("You no longer follow %(name)s.") % {"name": target})
        else:
            messages.info(request, _("You were not following %(name)s.") % {"name": target})
        return _back(request)


class FollowingView(LoginRequiredMixin, View):
    """What the person follows, newest first, each with its button to stop following."""

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        kind = request.GET.get("kind", "")
        kind = kind if kind in FOLLOW_KINDS else ""
        follows = follow_list_for_user(user=request.user, kind=kind)
        context = {"page": paginate(request, follows), "kind": kind}
        return render(request, "network/following.html", context)
