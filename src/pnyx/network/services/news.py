"""Publishing, editing and deleting an organisation's news.

Each service needs `network.post_news` on the organisation (its active administrators and the
platform administrators), checks its input before the first write and runs in one transaction.
Bad input raises ValidationError keyed by field.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pnyx.accounts.models import User
from pnyx.core.models import Topic
from pnyx.core.permissions import require
from pnyx.network.models import NewsPost
from pnyx.orgs.models import Organisation

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20000
#: More than any post needs; a bound on what one request may attach.
TOPICS_MAX = 20


def _text(field: str, value: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: _("This field is required.")}, code="required")
    if "\x00" in text:
        message = _("Remove the null characters from the text.")
        raise ValidationError({field: message}, code="null_characters")
    if len(text) > limit:
        message = _("At most %(limit)s characters.")
        raise ValidationError({field: message % {"limit": limit}}, code="too_long")
    return text


def _topics(topics: Iterable[Topic]) -> list[Topic]:
    chosen = list(dict.fromkeys(topics))
    if len(chosen) > TOPICS_MAX:
        message = _("Choose at most %(limit)s topics.")
        raise ValidationError({"topics": message % {"limit": TOPICS_MAX}}, code="too_many")
    return chosen


def news_create(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    body: str,
    topics: Iterable[Topic] = (),
) -> NewsPost:
    """Publish a news post for the organisation, written by `actor`.

    Needs `network.post_news` on the organisation.
    """
    require(actor, "network.post_news", organisation)
    clean_title = _text("title", title, TITLE_MAX_LENGTH)
    clean_body = _text("body", body, BODY_MAX_LENGTH)
    chosen = _topics(topics)
    with transaction.atomic():
        post = NewsPost.objects.create(
            organisation=organisation, author=actor, title=clean_title, body=clean_body
        )
        post.topics.set(chosen)
    return post


def news_update(
    *, actor: User, post: NewsPost, title: str, body: str, topics: Iterable[Topic] = ()
) -> NewsPost:
    """Change a news post's title, text and topics; its author and date stay.

    Needs `network.post_news` on the post's organisation.
    """
    require(actor, "network.post_news", post.organisation)
    post.title = _text("title", title, TITLE_MAX_LENGTH)
    post.body = _text("body", body, BODY_MAX_LENGTH)
    chosen = _topics(topics)
    with transaction.atomic():
        post.save(update_fields=["title", "body", "updated_at"])
        post.topics.set(chosen)
    return post


def news_delete(*, actor: User, post: NewsPost) -> None:
    """Delete a news post. Needs `network.post_news` on the post's organisation."""
    require(actor, "network.post_news", post.organisation)
    post.delete()
