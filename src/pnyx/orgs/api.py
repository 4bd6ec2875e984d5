"""The organisations part of the API: the directory, one organisation, registering one.

Schemas list their fields one by one; no e-mail address or other private field is ever part of
them. Lists use the same selector and the same registered order (`orgs.directory`) as the pages.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.forms.utils import ErrorDict
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError
from ninja.pagination import paginate
from pydantic import field_validator

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import (
    ErrorOut,
    ValidationErrorOut,
    country_code,
    topic_slug,
)
from pnyx.core.text import render_markdown
from pnyx.orgs import selectors, services
from pnyx.orgs.forms import SEARCH_MAX_LENGTH, OrganisationForm
from pnyx.orgs.models import Organisation, OrganisationKind
from pnyx.orgs.services.organisations import DESCRIPTION_MAX_LENGTH

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    """An organisation's public details."""

    id: int
    name: str
    slug: str
    kind: str
    country: str = Field(description="ISO 3166-1 alpha-2 code; empty for an international one.")
    topics: list[str] = Field(description="Topic slugs.")
    website: str
    description: str = Field(description="Markdown source.")
    description_html: str = Field(description="The description as sanitised HTML.")
    url: str = Field(description="The organisation's page.")
    created_at: datetime
    member_count: int = Field(description="Active members, administrators included.")

    @staticmethod
    def resolve_country(obj: Organisation) -> str:
        return str(obj.country)

    @staticmethod
    def resolve_topics(obj: Organisation) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_description_html(obj: Organisation) -> str:
        return str(render_markdown(obj.description))

    @staticmethod
    def resolve_url(obj: Organisation, context: dict[str, Any]) -> str:
        path = reverse("orgs:organisation-detail", kwargs={"slug": obj.slug})
        request = context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    @staticmethod
    def resolve_member_count(obj: Organisation) -> int:
        return int(getattr(obj, "member_count", 0))


class DirectoryFilters(Schema):
    q: str = Field("", max_length=SEARCH_MAX_LENGTH, description="Words to search for.")
    kind: str = Field("", description="One of the organisation kinds, e.g. `ngo`.")
    country: str = Field("", description="ISO 3166-1 alpha-2 country code, e.g. `FR`.")
    topic: str = Field("", description="A topic slug, e.g. `open-data`.")

    @field_validator("kind")
    @classmethod
    def known_kind(cls, value: str) -> str:
        if value and value not in OrganisationKind.values:
            message = _("Unknown kind '%(value)s'; use one of: %(choices)s.")
            raise ValueError(
                message % {"value": value, "choices": ", ".join(OrganisationKind.values)}
            )
        return value

    @field_validator("country")
    @classmethod
    def known_country(cls, value: str) -> str:
        return country_code(value)

    @field_validator("topic")
    @classmethod
    def known_topic(cls, value: str) -> str:
        return topic_slug(value)


class OrganisationIn(Schema):
    """What registering an organisation needs; only `name` and `kind` are required."""

    name: str = Field(..., max_length=200)
    kind: str = Field(..., description=f"One of: {', '.join(OrganisationKind.values)}.")
    country: str = Field("", description="ISO 3166-1 alpha-2 code; empty for international.")
    topics: list[str] = Field(default_factory=list, description="Topic slugs.")
    website: str = Field("", max_length=300)
    description: str = Field("", max_length=DESCRIPTION_MAX_LENGTH, description="Markdown.")


def _field_errors(errors: ErrorDict | dict[str, list[str]]) -> list[dict[str, Any]]:
    """Form or service errors in the shape of the API's other 422 answers."""
    return [
        {
            "type": "value_error",
            "loc": ["body", "payload"] + ([] if field == "__all__" else [field]),
            "msg": str(message),
        }
        for field, messages in errors.items()
        for message in messages
    ]


@router.get(
    "",
    response=list[OrganisationOut],
    operation_id="organisation_list",
    summary="The directory of organisations",
)
@paginate(BoundedPageNumberPagination)
def organisation_list(request: HttpRequest, filters: Query[DirectoryFilters]) -> Any:
    """Organisations matching the filters, in the order of the `orgs.directory` algorithm."""
    return selectors.organisation_list(**filters.dict())


@router.get(
    "/{id}",
    response={200: OrganisationOut, 404: ErrorOut},
    operation_id="organisation_get",
    summary="One organisation",
)
def organisation_get(request: HttpRequest, id: int) -> Any:  # noqa: A002 - the documented name
    organisation = selectors.organisation_get_by_id(pk=id)
    if organisation is None:
        return Status(404, {"detail": _("No organisation has the id %(id)s.") % {"id": id}})
    return Status(200, organisation)


@router.post(
    "",
    response={201: OrganisationOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    auth=api_auth,
    operation_id="organisation_create",
    summary="Register an organisation",
)
def organisation_create(request: HttpRequest, payload: OrganisationIn) -> Any:
    """Register an organisation; the caller becomes its first administrator.

    Needs a confirmed e-mail address (403 otherwise). Invalid fields answer 422 with one message
    per problem, and nothing is stored.
    """
    actor = request.auth  # type: ignore[attr-defined]
    if not actor.has_perm("orgs.add_organisation"):
        detail = _("Confirm your e-mail address before registering an organisation.")
        return Status(403, {"detail": detail})
    form = OrganisationForm(data=payload.dict())
    if not form.is_valid():
        raise ValidationError(_field_errors(form.errors))
    try:
        organisation = services.organisation_register(actor=actor, **form.service_arguments())
    except PermissionDenied:
        return Status(403, {"detail": _("You may not register an organisation.")})
    except DjangoValidationError as error:
        raise ValidationError(_field_errors(error.message_dict)) from error
    return Status(201, selectors.organisation_get_by_id(pk=organisation.pk))
