"""Consultations in the API: the public listing and one consultation with its questions and phases.

Schemas list their fields one by one and never carry an e-mail address, a moderator or the
invitation token. Drafts are never listed and answer 404, exactly like the pages for visitors.
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut, country_code, topic_slug
from pnyx.core.text import render_markdown
from pnyx.participation.forms.processes import SEARCH_MAX_LENGTH
from pnyx.participation.models import Process
from pnyx.participation.selectors import access
from pnyx.participation.selectors import processes as selectors

router = Router(tags=["consultations"])


class OrganiserOut(Schema):
    id: int
    slug: str
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code; empty for an international one.")

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return str(obj.country)


class PhaseOut(Schema):
    id: int
    kind: str = Field(description="information, proposing, voting, results or follow_up.")
    title: str = Field(description="The phase's own title, or the name of its kind.")
    description: str
    starts_at: datetime
    ends_at: datetime
    running: bool = Field(description="Whether the phase runs now.")

    @staticmethod
    def resolve_title(obj: Any) -> str:
        return str(obj)

    @staticmethod
    def resolve_running(obj: Any) -> bool:
        return bool(obj.is_running())


class QuestionOut(Schema):
    id: int
    title: str
    description: str
    position: int
    proposition_count: int


def _absolute(path: str, context: Any) -> str:
    request = (context or {}).get("request")
    return request.build_absolute_uri(path) if request is not None else path


def _url(obj: Process, context: Any) -> str:
    return _absolute(obj.get_absolute_url(), context)


class ProcessOut(Schema):
    """A consultation as the listing shows it."""

    id: int
    slug: str
    title: str
    summary: str
    organisation: OrganiserOut
    topics: list[str] = Field(description="Topic slugs.")
    languages: list[str] = Field(description="Language codes.")
    status: str = Field(description="published or archived.")
    stage: str = Field(description="upcoming, open, finished or archived (from the phases).")
    open_features: list[str] = Field(description="What is open now: propose, vote, comment.")
    vote_mode: str = Field(description="support, or agree_disagree (agree, disagree or pass).")
    published_at: datetime | None
    url: str = Field(description="The consultation's page.")
    proposition_count: int
    vote_count: int = Field(description="Every vote cast in the consultation.")
    comment_count: int
    participant_count: int
    cover_image_url: str | None = Field(
        description="The cover image (JPEG, PNG or WebP, at most 1600 pixels a side); null when "
        "the consultation has none."
    )
    cover_image_alt: str | None = Field(
        description="What the cover image shows, for people who cannot see it; null when the "
        "consultation has no cover image."
    )

    @staticmethod
    def resolve_topics(obj: Process) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_stage(obj: Process) -> str:
        return selectors.process_stage(obj)

    @staticmethod
    def resolve_open_features(obj: Process) -> list[str]:
        if obj.status != "published":
            return []
        return sorted(access.open_features(process=obj))

    @staticmethod
    def resolve_url(obj: Process, context: Any) -> str:
        return _url(obj, context)

    @staticmethod
    def resolve_cover_image_url(obj: Process, context: Any) -> str | None:
        return _absolute(obj.cover_image.url, context) if obj.cover_image else None

    @staticmethod
    def resolve_cover_image_alt(obj: Process) -> str | None:
        return obj.cover_image_alt if obj.cover_image else None


class ProcessDetailOut(ProcessOut):
    """A consultation with its description, rules, phases and questions."""

    body: str = Field(description="Markdown source.")
    body_html: str = Field(description="The description as sanitised HTML.")
    vote_limit: int | None = Field(description="Votes per person; null for no limit.")
    support_threshold: int | None
    propose_audience: str = Field(description="confirmed, members, invited or nobody.")
    vote_audience: str
    comment_audience: str
    phases: list[PhaseOut]
    questions: list[QuestionOut]

    @staticmethod
    def resolve_body_html(obj: Process) -> str:
        return str(render_markdown(obj.body))

    @staticmethod
    def resolve_phases(obj: Process) -> list[Any]:
        return list(obj.phases.all())

    @staticmethod
    def resolve_questions(obj: Process) -> list[Any]:
        return list(obj.questions.all())


class ProcessFilters(Schema):
    q: str = Field("", max_length=SEARCH_MAX_LENGTH, description="Words to search for.")
    topic: str = Field("", description="A topic slug, e.g. `open-data`.")
    country: str = Field("", description="The organiser's ISO 3166-1 alpha-2 country code.")
    status: str = Field("", description=f"One of: {', '.join(selectors.STAGES)}.")
    organisation: str = Field("", max_length=220, description="The organiser's slug.")

    @field_validator("topic")
    @classmethod
    def known_topic(cls, value: str) -> str:
        return topic_slug(value)

    @field_validator("country")
    @classmethod
    def known_country(cls, value: str) -> str:
        return country_code(value)

    @field_validator("status")
    @classmethod
    def known_status(cls, value: str) -> str:
        if value and value not in selectors.STAGES:
            message = _("Unknown status '%(value)s'; use one of: %(choices)s.")
            raise ValueError(message % {"value": value, "choices": ", ".join(selectors.STAGES)})
        return value


@router.get(
    "/processes",
    response=list[ProcessOut],
    operation_id="process_list",
    summary="Consultations",
)
@paginate(BoundedPageNumberPagination)
def process_list(request: HttpRequest, filters: Query[ProcessFilters]) -> Any:
    """Published and archived consultations matching the filters, newest first (most relevant
    first when searching)."""
    return selectors.process_list_visible(user=request.user, **filters.dict())


@router.get(
    "/processes/{id}",
    response={200: ProcessDetailOut, 404: ErrorOut},
    operation_id="process_get",
    summary="One consultation",
)
def process_get(request: HttpRequest, id: int) -> Any:  # noqa: A002 - the documented name
    """One published or archived consultation with its phases, questions and what is open now."""
    process = selectors.process_get_public(pk=id, vote_count=True)
    if process is None:
        return Status(404, {"detail": _("No consultation has the id %(id)s.") % {"id": id}})
    return Status(200, process)
