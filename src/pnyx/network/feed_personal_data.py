"""What the feed side of the network holds about a person: what they follow, and the news they
wrote for an organisation."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.network.models import Follow, NewsPost


def export_follows(person: Any) -> list[dict[str, Any]]:
    """What the person follows, oldest first."""
    rows = (
        Follow.objects.filter(user=person)
        .select_related("organisation", "topic", "tool", "person")
        .order_by("created_at", "pk")
    )
    exported = []
    for follow in rows:
        if follow.organisation is not None:
            kind, name = "organisation", follow.organisation.name
        elif follow.topic is not None:
            kind, name = "topic", follow.topic.name
        elif follow.tool is not None:
            kind, name = "tool", follow.tool.name
        else:
            kind, name = "person", follow.person.public_name if follow.person else ""
        exported.append({"kind": kind, "name": name, "created_at": follow.created_at.isoformat()})
    return exported


def delete_follows(person: Any) -> None:
    """Forget what the person follows; who follows the person goes too."""
    Follow.objects.filter(user=person).delete()
    Follow.objects.filter(person=person).delete()


def export_news(person: Any) -> list[dict[str, Any]]:
    """The news posts the person wrote, oldest first."""
    rows = (
        NewsPost.objects.filter(author=person)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "organisation": post.organisation.name,
            "title": post.title,
            "url": post.get_absolute_url(),
            "created_at": post.created_at.isoformat(),
        }
        for post in rows
    ]


def anonymise_news(person: Any) -> None:
    """Forget who wrote the posts; they stay, as their organisation's news."""
    NewsPost.objects.filter(author=person).update(author=None)


def register_sources() -> None:
    """Declare the sources in the core registry (called from `NetworkConfig.ready`)."""
    personal_data.register(
        personal_data.PersonalDataSource(
            key="network.follows",
            label=_("What you follow"),
            description=_("The organisations, topics, tools and people you follow."),
            export=export_follows,
            anonymise=delete_follows,
            purpose=_("To show you in your feed what is new around what you follow."),
            visibility=personal_data.Visibility.PRIVATE,
            seen_by=_("Only you."),
        )
    )
    personal_data.register(
        personal_data.PersonalDataSource(
            key="network.news",
            label=_("News you wrote"),
            description=_("The news posts you wrote for organisations you administer."),
            export=export_news,
            anonymise=anonymise_news,
            purpose=_("To show who wrote each news post of an organisation."),
            visibility=personal_data.Visibility.PUBLIC,
            seen_by=_("Everyone sees your public name on the news posts you wrote."),
            retention=personal_data.KEPT_ANONYMISED,
        )
    )
