"""What the credit application pages share: finding an application the viewer may see, and the
page that explains a refusal."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pnyx.learning.models import CreditApplication
from pnyx.learning.selectors import credits as selectors


def error_page(request: HttpRequest, errors: list[str], status: int) -> HttpResponse:
    """The application pages' refusal: the reasons in a list, with the given status."""
    return render(request, "learning/application_error.html", {"errors": errors}, status=status)


def visible_application(request: HttpRequest, pk: int) -> CreditApplication:
    """The application when the viewer is its learner or on its partner's committee; 404 for
    anyone else, so nobody learns that it exists."""
    application = selectors.application_get(pk=pk)
    if application is None or not request.user.has_perm(
        "learning.view_credit_application", application
    ):
        raise Http404("No such application.")
    return application
