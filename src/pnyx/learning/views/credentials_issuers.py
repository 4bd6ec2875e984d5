"""What each issuer publishes for verifiers anywhere: its DID document (its public key, where
did:web looks for it) and its signed revocation list. Both are public JSON."""

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from pnyx.learning.selectors.credentials import Issuer, issuer_find
from pnyx.learning.services.credentials_issuers import did_document, status_list_document


def _issuer(slug: str) -> Issuer:
    issuer = issuer_find(slug=slug)
    if issuer is None:
        raise Http404("This partner has not issued credentials.")
    return issuer


@require_GET
@cache_control(public=True, max_age=300)
def issuer_did_document(request: HttpRequest, slug: str) -> JsonResponse:
    issuer = _issuer(slug)
    document = did_document(partner=issuer.partner, key=issuer.key)
    return JsonResponse(document, content_type="application/did+json")


@require_GET
@cache_control(public=True, max_age=60)
def issuer_status_list(request: HttpRequest, slug: str) -> JsonResponse:
    issuer = _issuer(slug)
    document = status_list_document(partner=issuer.partner, key=issuer.key, status=issuer.status)
    return JsonResponse(document, content_type="application/vc")


urlpatterns = [
    path("learning/issuers/<slug:slug>/did.json", issuer_did_document, name="issuer-did"),
    path("learning/issuers/<slug:slug>/status/1", issuer_status_list, name="issuer-status-list"),
]
