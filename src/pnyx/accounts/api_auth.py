"""How API calls say who they are: a personal token, or the browser session with its CSRF token.

Use `auth=api_auth` on a route or router. The authenticated person is `request.auth` (and also
`request.user`, so code shared with pages reads the same attribute).

- `Authorization: Bearer <token>`: a personal API token (see the account page or `pnyx token`).
  A header that names a token which is unknown, revoked or belongs to an inactive account is
  refused with 401 at once rather than falling back to the session, so a script never acts with
  credentials other than the ones it sent.
- The session cookie of a logged-in browser: state-changing methods must carry the CSRF token
  (`X-CSRFToken` header or `csrfmiddlewaretoken` field), exactly as for HTML forms.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from pnyx.accounts import selectors, services
from pnyx.accounts.rules import remember_confirmed_email


class PersonalTokenAuth(HttpBearer):
    """`Authorization: Bearer pnyx_…` with one of the person's active API tokens."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = selectors.api_token_get_active_by_value(raw=token.strip())
        if found is None:
            raise AuthenticationError(message="Invalid or revoked API token.")
        services.api_token_record_use(token=found)
        remember_confirmed_email(found.user, getattr(found, "owner_confirmed", False))
        request.user = found.user
        return found.user


class CsrfSessionAuth(APIKeyCookie):
    """The logged-in browser session; unsafe methods must pass Django's CSRF check."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            # No session: answer 401, not a CSRF error, to anonymous callers.
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header.")
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


#: Pass as `auth=api_auth`: a personal token first, then the browser session.
api_auth = [PersonalTokenAuth(), CsrfSessionAuth()]
