"""Routes of area D: follow buttons, notifications, results and exports."""

from django.urls import path

from pnyx.participation.views import follows, notifications, results

urlpatterns = [
    path(
        "notifications/follow/<str:kind>/<int:pk>/",
        follows.FollowToggleView.as_view(),
        name="follow-toggle",
    ),
    path(
        "notifications/",
        notifications.NotificationListView.as_view(),
        name="notification-list",
    ),
    path(
        "notifications/read/",
        notifications.NotificationReadAllView.as_view(),
        name="notification-read-all",
    ),
    path(
        "notifications/<int:pk>/read/",
        notifications.NotificationReadView.as_view(),
        name="notification-read",
    ),
    path(
        "notifications/settings/",
        notifications.NotificationSettingsView.as_view(),
        name="notification-settings",
    ),
    path(
        "processes/<slug:slug>/results/",
        results.ProcessResultsView.as_view(),
        name="process-results",
    ),
    path(
        "processes/<slug:slug>/results.csv",
        results.ProcessResultsCsvView.as_view(),
        name="process-results-csv",
    ),
    path(
        "processes/<slug:slug>/results.json",
        results.ProcessResultsJsonView.as_view(),
        name="process-results-json",
    ),
    path(
        "processes/<slug:slug>/votes.csv",
        results.ProcessVotesCsvView.as_view(),
        name="process-votes-csv",
    ),
]
