"""Credential pages: a learner's own credentials and their files, asking for a course's
credential, a partner's issued credentials with revocation, and the public verification page.
The issuers' published documents (DID, revocation list) are in `credentials_issuers`."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from pnyx.core.pagination import paginate
from pnyx.learning import credentials as vc
from pnyx.learning.forms.credentials import RevokeForm, VerifyForm, verify_rate_exceeded
from pnyx.learning.models import Credential, Partner
from pnyx.learning.selectors import credentials as selectors
from pnyx.learning.services import credentials as services
from pnyx.learning.services.credentials_verify import (
    OUTCOME_EXPLANATIONS,
    OUTCOME_WORDS,
    credential_verify,
)
from pnyx.learning.views import credentials_issuers


def _summary(credential: Credential) -> dict[str, Any]:
    """What the credential's page shows, read from the signed document itself."""
    document = credential.document
    subject = document.get("credentialSubject", {})
    achievement = subject.get("achievement", {})
    return {
        "issuer": document.get("issuer", {}).get("name", str(credential.partner)),
        "credits": achievement.get("creditsAvailable"),
        "description": achievement.get("description", ""),
        "evidence": [item.get("name", "") for item in document.get("evidence", [])],
    }


@login_required
def credential_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.credential_list_for_learner(person=request.user))
    return render(request, "learning/credential_list.html", {"page": page})


@login_required
def credential_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    credential = selectors.credential_get_own(person=request.user, public_id=public_id)
    context = {"credential": credential, **_summary(credential)}
    return render(request, "learning/credential_detail.html", context)


@login_required
def credential_download(request: HttpRequest, public_id: UUID) -> HttpResponse:
    credential = selectors.credential_get_own(person=request.user, public_id=public_id)
    response = HttpResponse(
        selectors.credential_file(credential), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="credential-{public_id}.json"'
    return response


@require_POST
@login_required
def course_credential(request: HttpRequest, slug: str) -> HttpResponse:
    """The learner asks for the credential of a course they completed."""
    enrolment = selectors.enrolment_get_own(person=request.user, course_slug=slug)
    try:
        credential = services.course_credential_issue(actor=request.user, enrolment=enrolment)
    except ValidationError as error:
        context = {"errors": error.messages, "back": enrolment.course.get_absolute_url()}
        return render(request, "learning/credential_error.html", context, status=400)
    return redirect(credential.get_absolute_url())


def _managed_partner(request: HttpRequest, slug: str) -> Partner:
    partner = selectors.partner_get_by_slug(slug=slug)
    if not request.user.has_perm("learning.view_partner_credentials", partner):
        raise PermissionDenied("learning.view_partner_credentials")
    return partner


@login_required
def partner_credential_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The credentials a partner issued, for its committee chair and organisation admins."""
    partner = _managed_partner(request, slug)
    page = paginate(request, selectors.credential_list_for_partner(partner=partner))
    return render(
        request, "learning/credential_partner_list.html", {"partner": partner, "page": page}
    )


class CredentialRevokeView(LoginRequiredMixin, View):
    """Revoke one of the partner's credentials, with a reason the learner reads."""

    def _render(self, request: HttpRequest, credential: Credential, form: Any, status: int) -> Any:
        context = {"credential": credential, "partner": credential.partner, "form": form}
        return render(request, "learning/credential_revoke.html", context, status=status)

    def _credential(self, request: HttpRequest, slug: str, public_id: UUID) -> Credential:
        partner = _managed_partner(request, slug)
        return selectors.credential_get_for_partner(partner=partner, public_id=public_id)

    def get(self, request: HttpRequest, slug: str, public_id: UUID) -> HttpResponse:
        credential = self._credential(request, slug, public_id)
        return self._render(request, credential, RevokeForm(), 200)

    def post(self, request: HttpRequest, slug: str, public_id: UUID) -> HttpResponse:
        credential = self._credential(request, slug, public_id)
        form = RevokeForm(request.POST)
        if not form.is_valid():
            return self._render(request, credential, form, 400)
        try:
            services.credential_revoke(
                actor=request.user, credential=credential, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason" if hasattr(error, "error_dict") else None, error)
            return self._render(request, credential, form, 400)
        messages.success(
            request, _("“%(name)s” is revoked; the learner is told.") % {"name": credential.name}
        )
        return redirect("learning:partner-credentials", slug=slug)


class CredentialVerifyView(View):
    """Anyone checks a credential: pasted or uploaded, checked against this site's issuers."""

    template_name = "learning/verify_form.html"

    def _render(self, request: HttpRequest, form: VerifyForm, status: int, **extra: Any) -> Any:
        return render(request, self.template_name, {"form": form, **extra}, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, VerifyForm(), 200)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = VerifyForm(request.POST, request.FILES)
        if verify_rate_exceeded(request):
            error = _("Too many checks from your address in a short time; wait a minute.")
            return self._render(request, form, 429, error=error)
        if not form.is_valid():
            return self._render(request, form, 400)
        verdict = credential_verify(document=form.cleaned_data["document"])
        result = {
            "verdict": verdict,
            "words": OUTCOME_WORDS[verdict.outcome],
            "explanation": OUTCOME_EXPLANATIONS[verdict.outcome],
            "name": _credential_name(form.cleaned_data["document"]),
        }
        return self._render(request, VerifyForm(), 200, result=result)


def _credential_name(document: vc.JsonObject) -> str:
    name = document.get("name")
    return name if isinstance(name, str) else ""


urlpatterns = [
    path("learning/credentials/", credential_list, name="credential-list"),
    path("learning/credentials/verify/", CredentialVerifyView.as_view(), name="credential-verify"),
    path("learning/credentials/<uuid:public_id>/", credential_detail, name="credential-detail"),
    path(
        "learning/credentials/<uuid:public_id>.json",
        credential_download,
        name="credential-download",
    ),
    path("learning/courses/<slug:slug>/credential/", course_credential, name="course-credential"),
    path(
        "learning/partners/<slug:slug>/credentials/",
        partner_credential_list,
        name="partner-credentials",
    ),
    path(
        "learning/partners/<slug:slug>/credentials/<uuid:public_id>/revoke/",
        CredentialRevokeView.as_view(),
        name="credential-revoke",
    ),
    *credentials_issuers.urlpatterns,
]
