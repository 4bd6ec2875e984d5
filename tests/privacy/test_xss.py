"""Whatever a person or a consultation's organiser typed is shown inert on the privacy pages."""

import pytest

from pnyx.accounts.models import ApiToken
from pnyx.participation.models import Comment, Process
from pnyx.privacy.services.access import access_record
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db

PAGES = [
    "/privacy/",
    "/privacy/access/",
    "/privacy/data/participation.comments/",
    "/privacy/data/accounts.profile/",
    "/privacy/consents/",
]


def pages(client):
    return {path: client.get(path).content.decode() for path in PAGES}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_the_persons_data_stay_text(client, world, payload):
    client.force_login(world.person)
    baseline = {path: dangerous_fragments(html) for path, html in pages(client).items()}
    world.person.display_name = payload[:80]
    world.person.bio = payload
    world.person.save()
    ApiToken.objects.filter(user=world.person).update(name=payload[:80])
    Comment.objects.filter(pk=world.comment.pk).update(body=payload)
    Process.objects.filter(pk=world.process.pk).update(title=payload)
    access_record(
        staff=world.other,
        people=[world.person],
        source_keys=["accounts.profile"],
        reason="privacy.admin_site",
        detail=payload,
    )

    rendered = pages(client)

    for path, html in rendered.items():
        assert dangerous_fragments(html) == baseline[path], path
    assert "<script>alert" not in rendered["/privacy/"]
