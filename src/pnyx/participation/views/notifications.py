"""A person's notifications and their notification settings."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from pnyx.core.pagination import paginate
from pnyx.participation.forms.notifications import NotificationSettingsForm
from pnyx.participation.selectors import notifications as selectors
from pnyx.participation.services import notifications as services
from pnyx.participation.views.follows import safe_next


class NotificationListView(LoginRequiredMixin, View):
    """Unread notifications first, each as a sentence linking to what it is about."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest) -> HttpResponse:
        settings = selectors.notification_settings_get(user=request.user)
        page_obj = paginate(request, selectors.notification_list_for_user(user=request.user))
        items = [
            {
                "notification": notification,
                "message": selectors.notification_message(notification),
                "url": selectors.notification_path(notification),
            }
            for notification in page_obj.object_list
        ]
        context: dict[str, Any] = {
            "page_obj": page_obj,
            "items": items,
            "settings": settings,
            "unread_count": selectors.notification_unread_count(user=request.user),
        }
        return render(request, "participation/notification_list.html", context)


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one notification read (POST), then back to the list or to `next`."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = selectors.notification_get(user=request.user, pk=pk)
        if notification is None:
            raise Http404
        services.notification_mark_read(user=request.user, notification=notification)
        return redirect(safe_next(request, reverse("participation:notification-list")))


class NotificationReadAllView(LoginRequiredMixin, View):
    """Mark every notification read (POST)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        changed = services.notification_mark_all_read(user=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s notification marked as read.",
                "%(count)s notifications marked as read.",
                changed,
            )
            % {"count": changed},
        )
        return redirect("participation:notification-list")


class NotificationSettingsView(LoginRequiredMixin, View):
    """Choose in-app notifications and the e-mail digest frequency."""

    http_method_names = ["get", "post"]
    template_name = "participation/notification_settings.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        current = selectors.notification_settings_get(user=request.user)
        form = NotificationSettingsForm(
            initial={"in_app": current.in_app, "digest": current.digest}
        )
        return render(request, self.template_name, {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = NotificationSettingsForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        services.notification_settings_update(
            user=request.user,
            in_app=form.cleaned_data["in_app"],
            digest=form.cleaned_data["digest"],
        )
        messages.success(request, _("Your notification settings were saved."))
        return redirect("participation:notification-settings")
