"""Request types for views that need a logged-in person (for the type checker)."""

from django.http import HttpRequest

from pnyx.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request behind `LoginRequiredMixin` / `login_required`: `user` is a real account."""

    user: User
