"""The follow button's target: POST only, then back to the page it was on."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from pnyx.participation.selectors.notifications import follow_target_get
from pnyx.participation.services.follows import follow_toggle


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` address sent with the form when it stays on this site, else `fallback`."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return fallback


class FollowToggleView(LoginRequiredMixin, View):
    """Follow (`follow=1`) or stop following (`follow=0`) a process or a proposition."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, kind: str, pk: int) -> HttpResponse:
        target = follow_target_get(kind=kind, pk=pk)
        if target is None or not request.user.has_perm("participation.view_process", target):
            raise Http404
        wanted = request.POST.get("follow", "1")
        if wanted not in {"0", "1"}:
            return HttpResponse(_("“follow” must be 1 or 0."), status=400)
        follow = wanted == "1"
        follow_toggle(user=request.user, target=target, follow=follow)
        if follow:
            messages.success(request, _("You follow “%(title)s”.") % {"title": target.title})
        else:
            messages.success(
                request, _("You no longer follow “%(title)s”.") % {"title": target.title}
            )
        return redirect(safe_next(request, target.get_absolute_url()))
