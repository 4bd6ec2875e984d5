"""Organisations' news: the public list (by organisation, by topic), one post, and the pages
where an organisation's administrators write, edit and delete its news.

`/news/new/?organisation=<slug>` preselects the organisation. A person who administers no
organisation gets a 403 on the writing pages; an unknown organisation or topic in the filters is a
400.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.pagination import paginate
from pnyx.core.taxonomy import TOPICS
from pnyx.network.forms.news import NewsPostForm, add_service_errors
from pnyx.network.models import NewsPost
from pnyx.network.selectors.news import (
    news_filter_choices,
    news_get,
    news_list,
    news_organisations_for,
    organisation_get,
    topic_get,
)
from pnyx.network.services.news import news_create, news_delete, news_update


class NewsListView(View):
    """Every news post, newest first, filtered by organisation and topic."""

    def get(self, request: HttpRequest) -> HttpResponse:
        slug = request.GET.get("organisation", "").strip()[:220]
        topic_slug = request.GET.get("topic", "").strip()[:60]
        organisation = organisation_get(slug=slug)
        topic = topic_get(slug=topic_slug)
        if (slug and organisation is None) or (topic_slug and topic is None):
            error = {"error": _("No organisation or topic has this address name.")}
            return render(request, "network/follow_error.html", error, status=400)
        context: dict[str, Any] = {
            "page": paginate(request, news_list(organisation=slug, topic=topic_slug)),
            "organisation": organisation,
            "topic": topic,
            "organisations": news_filter_choices(),
            "topics": sorted(TOPICS.items(), key=lambda item: str(item[1])),
            "can_write": news_organisations_for(user=request.user).exists(),
        }
        return render(request, "network/news_list.html", context)


class NewsDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        post = news_get(pk=pk)
        context = {
            "post": post,
            "can_edit": request.user.has_perm("network.post_news", post.organisation),
        }
        return render(request, "network/news_detail.html", context)


def _topics(form: NewsPostForm) -> Any:
    return form.cleaned_data.get("topics") or []


class NewsCreateView(LoginRequiredMixin, View):
    """Publish news for an organisation the person administers."""

    def _form(self, request: AuthenticatedRequest) -> NewsPostForm:
        organisations = list(news_organisations_for(user=request.user).values_list("slug", "name"))
        if not organisations:
            raise PermissionDenied("network.post_news")
        initial = {"organisation": request.GET.get("organisation", "")[:220]}
        return NewsPostForm(request.POST or None, organisations=organisations, initial=initial)

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        return render(request, "network/news_form.html", {"form": self._form(request)})

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        form = self._form(request)
        if form.is_valid():
            organisation = organisation_get(slug=form.cleaned_data["organisation"])
            if organisation is None:
                raise PermissionDenied("network.post_news")
            try:
                post = news_create(
                    actor=request.user,
                    organisation=organisation,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    topics=_topics(form),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your news was published."))
                return redirect(post.get_absolute_url())
        return render(request, "network/news_form.html", {"form": form}, status=400)


def _editable(request: AuthenticatedRequest, pk: int) -> NewsPost:
    post = news_get(pk=pk)
    if not request.user.has_perm("network.post_news", post.organisation):
        raise PermissionDenied("network.post_news")
    return post


class NewsEditView(LoginRequiredMixin, View):
    """Change a post's title, text and topics."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        post = _editable(request, pk)
        initial = {"title": post.title, "body": post.body, "topics": list(post.topics.all())}
        context = {"form": NewsPostForm(initial=initial), "post": post}
        return render(request, "network/news_form.html", context)

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        post = _editable(request, pk)
        form = NewsPostForm(request.POST)
        if form.is_valid():
            try:
                news_update(
                    actor=request.user,
                    post=post,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    topics=_topics(form),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your changes were saved."))
                return redirect(post.get_absolute_url())
        context = {"form": form, "post": post}
        return render(request, "network/news_form.html", context, status=400)


class NewsDeleteView(LoginRequiredMixin, View):
    """Ask to confirm, then delete a post."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        post = _editable(request, pk)
        return render(request, "network/news_confirm_delete.html", {"post": post})

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        post = _editable(request, pk)
        organisation = post.organisation
        news_delete(actor=request.user, post=post)
        messages.success(request, _("The news post was deleted."))
        return redirect(f"{reverse('network:news-list')}?organisation={organisation.slug}")
