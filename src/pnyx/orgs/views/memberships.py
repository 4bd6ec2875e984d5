"""Buttons and forms that change memberships and invitations (POST only, then back to the page)."""

from abc import ABC, abstractmethod
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from pnyx.core.permissions import require
from pnyx.orgs import selectors, services
from pnyx.orgs.forms import DecisionForm, InvitationForm, RoleForm, add_service_errors
from pnyx.orgs.models import Organisation
from pnyx.orgs.views.common import AuthenticatedRequest, render_detail


class OrganisationPostView(LoginRequiredMixin, View):
    """A POST-only page about one organisation, found by its slug (404 when unknown)."""

    http_method_names = ["post"]
    #: Checked before the input is read, so someone without it gets 403 whatever they send.
    permission = ""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.organisation = selectors.organisation_get(slug=kwargs["slug"])

    @property
    def name(self) -> str:
        return self.organisation.name


class OrganisationActionView(OrganisationPostView, ABC):
    """Base of the action buttons: a refused rule is the service's ValidationError, shown on the
    organisation page with HTTP 400; a missing permission is the service's 403."""

    def post(self, request: AuthenticatedRequest, slug: str, **kwargs: Any) -> HttpResponse:
        require(request.user, self.permission, self.organisation)
        try:
            done = self.act(request, **kwargs)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return render_detail(request, self.organisation, status=400)
        messages.success(request, done)
        return redirect(self.organisation)

    @abstractmethod
    def act(self, request: AuthenticatedRequest, **kwargs: Any) -> str:
        """Do the change and return the success message; raise ValidationError to refuse it."""


def _valid(form: Any) -> Any:
    """The bound form once valid; otherwise a ValidationError carrying its messages."""
    if not form.is_valid():
        raise ValidationError([message for errors in form.errors.values() for message in errors])
    return form


class MembershipRequestView(OrganisationActionView):
    permission = "orgs.request_membership"

    def act(self, request: AuthenticatedRequest, **kwargs: Any) -> str:
        services.membership_request(actor=request.user, organisation=self.organisation)
        return _("Your request to join %(name)s was sent to its administrators.") % {
            "name": self.name
        }


class MembershipLeaveView(OrganisationActionView):
    permission = "orgs.leave_organisation"

    def act(self, request: AuthenticatedRequest, **kwargs: Any) -> str:
        membership = selectors.membership_of(user=request.user, organisation=self.organisation)
        services.membership_leave(actor=request.user, organisation=self.organisation)
        if membership is not None and not membership.is_active:
            return _("Your request to join %(name)s was withdrawn.") % {"name": self.name}
        return _("You left %(name)s.") % {"name": self.name}


class MembershipDecideView(OrganisationActionView):
    permission = "orgs.decide_membership"

    def act(self, request: AuthenticatedRequest, **kwargs: Any) -> str:
        membership = selectors.membership_get(organisation=self.organisation, pk=kwargs["pk"])
        form = _valid(DecisionForm(request.POST))
        services.membership_decide(actor=request.user, membership=membership, approve=form.approve)
        person = membership.user.public_name
        if form.approve:
            return _("%(person)s is now a member.") % {"person": person}
        return _("The request of %(person)s was declined.") % {"person": person}


class MembershipRoleView(OrganisationActionView):
    permission = "orgs.change_membership"

    def act(self, request: AuthenticatedRequest, **kwargs: Any) -> str:
        membership = selectors.membership_get(organisation=self.organisation, pk=kwargs["pk"])
        form = _valid(RoleForm(request.POST))
        changed = services.membership_change_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
        return _("%(person)s is now: %(role)s.") % {
            "person": membership.user.public_name,
            "role": changed.get_role_display(),
        }


class MembershipRemoveView(OrganisationActionView):
    permission = "orgs.change_membership"

    def act(self, request: AuthenticatedRequest, **kwargs: Any) -> str:
        membership = selectors.membership_get(organisation=self.organisation, pk=kwargs["pk"])
        services.membership_remove(actor=request.user, membership=membership)
        return _("%(person)s was removed from %(name)s.") % {
            "person": membership.user.public_name,
            "name": self.name,
        }


class InvitationRevokeView(OrganisationActionView):
    permission = "orgs.invite_member"

    def act(self, request: AuthenticatedRequest, **kwargs: Any) -> str:
        invitation = selectors.invitation_get(organisation=self.organisation, pk=kwargs["pk"])
        services.invitation_revoke(actor=request.user, invitation=invitation)
        return _("The invitation was withdrawn; its link no longer works.")


class InvitationCreateView(OrganisationPostView):
    """The invite form; invalid input re-renders the page with the form's errors (HTTP 400)."""

    permission = "orgs.invite_member"

    def post(self, request: AuthenticatedRequest, slug: str, **kwargs: Any) -> HttpResponse:
        organisation: Organisation = self.organisation
        require(request.user, self.permission, organisation)
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                services.membership_invite(
                    actor=request.user,
                    organisation=organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    site_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("An invitation was sent to %(email)s. Its link works for 7 days.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect(organisation)
        return render_detail(request, organisation, status=400, invite_form=form)
