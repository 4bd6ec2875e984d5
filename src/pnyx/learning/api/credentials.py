"""Credentials in the API: a learner's own credentials and their signed documents, and the
verification of any credential against the issuers hosted on this Pnyx."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Field, Router, Schema, Status
from ninja.pagination import paginate

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut
from pnyx.learning.forms.credentials import verify_rate_exceeded
from pnyx.learning.models import Credential
from pnyx.learning.selectors import credentials as selectors
from pnyx.learning.services.credentials_verify import (
    MAX_CREDENTIAL_BYTES,
    credential_verify,
)

router = Router(tags=["learning"])


class CredentialOut(Schema):
    public_id: UUID = Field(description="The credential's id; its document's id is urn:uuid:…")
    kind: str = Field(description="credits (for civic engagement) or course (completed).")
    name: str
    issuer: str = Field(description="The issuing partner's name.")
    issuer_did: str = Field(description="The issuing partner's did:web DID.")
    issued_at: datetime
    revoked: bool
    revoked_at: datetime | None

    @staticmethod
    def resolve_issuer(obj: Credential) -> str:
        return obj.partner.organisation.name

    @staticmethod
    def resolve_issuer_did(obj: Credential) -> str:
        issuer = obj.document.get("issuer", {})
        return str(issuer.get("id", "")) if isinstance(issuer, dict) else str(issuer)

    @staticmethod
    def resolve_issued_at(obj: Credential) -> datetime:
        return obj.created_at

    @staticmethod
    def resolve_revoked(obj: Credential) -> bool:
        return obj.revoked_at is not None


class CheckOut(Schema):
    name: str = Field(description="format, issuer, signature, validity or status.")
    title: str
    passed: bool
    detail: str = Field(description="What was found, in plain words.")


class VerdictOut(Schema):
    outcome: str = Field(
        description=(
            "valid, tampered, expired, not_yet_valid, revoked, status_unchecked or unknown_issuer."
        )
    )
    valid: bool = Field(description="True only when the outcome is valid.")
    issuer: str | None = Field(description="The issuer the credential names, if it names one.")
    checks: list[CheckOut] = Field(description="Each check made, in order.")


@router.get(
    "/credentials",
    response={200: list[CredentialOut], 401: ErrorOut, 422: ValidationErrorOut},
    auth=api_auth,
    operation_id="credential_list",
    summary="My credentials",
)
@paginate(BoundedPageNumberPagination)
def credential_list(request: HttpRequest) -> Any:
    """The credentials issued to you, newest first."""
    return selectors.credential_list_for_learner(person=request.auth)  # type: ignore[attr-defined]


@router.get(
    "/credentials/{uuid:public_id}",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut},
    auth=api_auth,
    operation_id="credential_get",
    summary="One of my credentials: its signed document",
)
def credential_get(request: HttpRequest, public_id: UUID) -> Any:
    """The signed Open Badges 3.0 credential, exactly as issued. 404 for anyone else's."""
    try:
        credential = selectors.credential_get_own(
            person=request.auth,  # type: ignore[attr-defined]
            public_id=public_id,
        )
    except Http404:
        return Status(404, {"detail": _("You have no credential with this id.")})
    return credential.document


@router.post(
    "/credentials/verify",
    response={
        200: VerdictOut,
        400: ErrorOut,
        413: ErrorOut,
        422: ValidationErrorOut,
        429: ErrorOut,
    },
    operation_id="credential_verify",
    summary="Check any credential",
    openapi_extra={"requestBody": {"required": True}},
)
def credential_verify_endpoint(
    request: HttpRequest,
    payload: dict[str, Any] = Body(..., description="The credential: a JSON object."),  # noqa: B008
) -> Any:
    """Check a credential's format, issuer, signature, dates and revocation against the partners
    of this Pnyx (an issuer hosted elsewhere is `unknown_issuer`; nothing is fetched). The
    answer is 200 whatever the outcome; 400 for a body that is not JSON, 413 past 1 MB, 429
    past 30 checks a minute from one address."""
    if verify_rate_exceeded(request):
        return Status(429, {"detail": _("Too many checks from your address; wait a minute.")})
    if len(request.body) > MAX_CREDENTIAL_BYTES:
        return Status(413, {"detail": _("The credential is larger than 1 MB.")})
    verdict = credential_verify(document=payload)
    return {
        "outcome": verdict.outcome.value,
        "valid": verdict.valid,
        "issuer": verdict.issuer_id,
        "checks": [
            {"name": c.name, "title": c.title, "passed": c.passed, "detail": c.detail}
            for c in verdict.checks
        ],
    }
