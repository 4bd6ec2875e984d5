"""Pages of the network: the feed, news, practitioners, help requests and conversations."""

from django.urls import path  # noqa: F401 - each area adds its paths below

from pnyx.network.views import atom as atom_views
from pnyx.network.views import contacts as contact_views
from pnyx.network.views import feed as feed_views
from pnyx.network.views import follows as follow_views
from pnyx.network.views import help as help_views
from pnyx.network.views import news as news_views
from pnyx.network.views import practitioners as practitioner_views

app_name = "network"
urlpatterns: list = []

urlpatterns += [
    path("practitioners/", practitioner_views.practitioner_list, name="practitioner-list"),
    path(
        "practitioners/me/",
        practitioner_views.PractitionerEditView.as_view(),
        name="practitioner-edit",
    ),
    path(
        "practitioners/me/availability/",
        practitioner_views.PractitionerAvailabilityView.as_view(),
        name="practitioner-availability",
    ),
    path(
        "practitioners/me/remove/",
        practitioner_views.PractitionerRemoveView.as_view(),
        name="practitioner-remove",
    ),
    path(
        "practitioners/<int:pk>/",
        practitioner_views.practitioner_detail,
        name="practitioner-detail",
    ),
    path(
        "practitioners/<int:pk>/contact/",
        practitioner_views.ContactCreateView.as_view(),
        name="practitioner-contact",
    ),
    path("help/", help_views.help_request_list, name="help-list"),
    path("help/new/", help_views.HelpRequestCreateView.as_view(), name="help-create"),
    path("help/<int:pk>/", help_views.help_request_detail, name="help-detail"),
    path("help/<int:pk>/status/", help_views.HelpRequestStatusView.as_view(), name="help-status"),
    path("help/<int:pk>/answers/", help_views.AnswerCreateView.as_view(), name="answer-create"),
    path(
        "help/answers/<int:pk>/useful/", help_views.AnswerUsefulView.as_view(), name="answer-useful"
    ),
    path("contacts/", contact_views.contact_list, name="contact-list"),
    path(
        "contacts/<int:pk>/decide/",
        contact_views.ContactDecideView.as_view(),
        name="contact-decide",
    ),
    path("conversations/", contact_views.conversation_list, name="conversation-list"),
    path(
        "conversations/<int:pk>/",
        contact_views.ConversationView.as_view(),
        name="conversation-detail",
    ),
]

urlpatterns += [
    path("feed/", feed_views.FeedView.as_view(), name="feed"),
    path("feed/<str:token>.atom", atom_views.PersonalAtomFeed(), name="feed-atom"),
    path("following/", follow_views.FollowingView.as_view(), name="following"),
    path("following/add/", follow_views.FollowAddView.as_view(), name="follow-add"),
    path("following/remove/", follow_views.FollowRemoveView.as_view(), name="follow-remove"),
    path("topics/", feed_views.TopicListView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", feed_views.TopicDetailView.as_view(), name="topic-detail"),
    path("topics/<slug:slug>/feed.atom", atom_views.TopicNewsAtomFeed(), name="topic-atom"),
    path("news/", news_views.NewsListView.as_view(), name="news-list"),
    path("news/feed.atom", atom_views.NewsAtomFeed(), name="news-atom"),
    path("news/new/", news_views.NewsCreateView.as_view(), name="news-create"),
    path("news/<int:pk>/", news_views.NewsDetailView.as_view(), name="news-detail"),
    path("news/<int:pk>/edit/", news_views.NewsEditView.as_view(), name="news-edit"),
    path("news/<int:pk>/delete/", news_views.NewsDeleteView.as_view(), name="news-delete"),
    path(
        "news/<slug:slug>/feed.atom",
        atom_views.OrganisationNewsAtomFeed(),
        name="news-organisation-atom",
    ),
]
