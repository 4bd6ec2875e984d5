"""The accounts part of the API: who am I."""

from django.http import HttpRequest
from ninja import Router, Schema

from pnyx.accounts import selectors
from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_schemas import ErrorOut

router = Router(tags=["accounts"])


class MeOut(Schema):
    """The caller's own account. Only the caller ever sees their e-mail address."""

    id: int
    display_name: str
    email: str
    country: str
    languages: list[str]
    topics: list[str]
    bio: str
    public_fields: list[str]
    is_platform_admin: bool


@router.get(
    "/me",
    response={200: MeOut, 401: ErrorOut},
    auth=api_auth,
    operation_id="me_get",
    summary="The account of the caller",
)
def me_get(request: HttpRequest) -> MeOut:
    """Return the calling person's own account and profile, private fields included."""
    person = selectors.person_get_for_account(pk=request.auth.pk)  # type: ignore[attr-defined]
    return MeOut(
        id=person.pk,
        display_name=person.display_name,
        email=person.email,
        country=str(person.country),
        languages=list(person.languages),
        topics=sorted(topic.slug for topic in person.topics.all()),
        bio=person.bio,
        public_fields=list(person.public_fields),
        is_platform_admin=bool(person.is_active and person.is_staff),
    )
