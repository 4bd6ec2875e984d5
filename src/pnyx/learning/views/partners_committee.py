"""The pages where a partner's organisation administrators and committee chair manage the
committee (add by e-mail, change roles, remove) and the rubric (add, edit, reorder, remove)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.learning.forms.partners import (
    CommitteeAddForm,
    CommitteeRoleForm,
    CriterionForm,
    form_errors,
)
from pnyx.learning.models import CommitteeMember, Partner, RubricCriterion
from pnyx.learning.selectors import partners as selectors
from pnyx.learning.services import partners_committee as services
from pnyx.learning.views.partners_common import error_page, partner_or_404
from pnyx.orgs.forms import add_service_errors


def _allowed(request: HttpRequest, slug: str, permission: str) -> Partner:
    partner = partner_or_404(slug)
    if not request.user.has_perm(permission, partner):
        raise PermissionDenied(permission)
    return partner


def _member(partner: Partner, pk: int) -> CommitteeMember:
    member = selectors.committee_member_get(partner=partner, pk=pk)
    if member is None:
        raise Http404("No such committee member.")
    return member


class CommitteeView(LoginRequiredMixin, View):
    """The committee with a role form per member, and the form to add someone."""

    def _render(self, request: HttpRequest, partner: Partner, form: Any, status: int = 200) -> Any:
        context = {
            "partner": partner,
            "committee": selectors.committee_list(partner=partner),
            "form": form,
            "role_form": CommitteeRoleForm(),
        }
        return render(request, "learning/committee_manage.html", context, status=status)

    def get(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        partner = _allowed(request, slug, "learning.change_committee")
        return self._render(request, partner, CommitteeAddForm())

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        partner = _allowed(request, slug, "learning.change_committee")
        form = CommitteeAddForm(request.POST)
        if not form.is_valid():
            return self._render(request, partner, form, status=400)
        try:
            member = services.committee_member_add(
                actor=request.user, partner=partner, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, partner, form, status=400)
        messages.success(
            request,
            _("%(name)s is on the committee.") % {"name": member.person.public_name},
        )
        return redirect("learning:committee-manage", slug=slug)


class CommitteeRoleView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        partner = _allowed(request, slug, "learning.change_committee")
        member = _member(partner, pk)
        back = reverse("learning:committee-manage", kwargs={"slug": slug})
        form = CommitteeRoleForm(request.POST)
        if not form.is_valid():
            return error_page(request, form_errors(form), back)
        try:
            services.committee_member_change_role(
                actor=request.user, member=member, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            return error_page(request, error.messages, back)
        messages.success(
            request, _("The role of %(name)s is changed.") % {"name": member.person.public_name}
        )
        return redirect(back)


class CommitteeRemoveView(LoginRequiredMixin, View):
    """Remove someone (administrators and the chair), or leave one's own seat."""

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        partner = partner_or_404(slug)
        member = _member(partner, pk)
        leaving = member.person_id == request.user.pk
        back = reverse(
            "learning:partner-detail" if leaving else "learning:committee-manage",
            kwargs={"slug": slug},
        )
        try:
            services.committee_member_remove(actor=request.user, member=member)
        except ValidationError as error:
            return error_page(request, error.messages, back)
        if leaving:
            messages.success(request, _("You left the committee."))
        else:
            messages.success(
                request,
                _("%(name)s is no longer on the committee.") % {"name": member.person.public_name},
            )
        return redirect(back)


def _criterion(partner: Partner, pk: int) -> RubricCriterion:
    criterion = selectors.criterion_get(partner=partner, pk=pk)
    if criterion is None:
        raise Http404("No such criterion.")
    return criterion


class RubricView(LoginRequiredMixin, View):
    """The rubric with its criteria (edit, move, remove) and the form to add one."""

    def _render(self, request: HttpRequest, partner: Partner, form: Any, status: int = 200) -> Any:
        criteria = list(selectors.rubric_list(partner=partner))
        context = {"partner": partner, "criteria": criteria, "form": form}
        return render(request, "learning/rubric_edit.html", context, status=status)

    def get(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        partner = _allowed(request, slug, "learning.change_rubric")
        return self._render(request, partner, CriterionForm())

    def post(self, request: AuthenticatedRequest, slug: str) -> HttpResponse:
        partner = _allowed(request, slug, "learning.change_rubric")
        form = CriterionForm(request.POST)
        if not form.is_valid():
            return self._render(request, partner, form, status=400)
        try:
            services.rubric_criterion_add(actor=request.user, partner=partner, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, partner, form, status=400)
        messages.success(request, _("The criterion is added to the rubric."))
        return redirect("learning:rubric-edit", slug=slug)


class CriterionEditView(LoginRequiredMixin, View):
    def _render(self, request: HttpRequest, criterion: Any, form: Any, status: int = 200) -> Any:
        context = {"partner": criterion.partner, "criterion": criterion, "form": form}
        return render(request, "learning/rubric_criterion_form.html", context, status=status)

    def get(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        criterion = _criterion(_allowed(request, slug, "learning.change_rubric"), pk)
        initial = {
            "name": criterion.name,
            "description": criterion.description,
            "max_score": criterion.max_score,
        }
        return self._render(request, criterion, CriterionForm(initial=initial))

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        criterion = _criterion(_allowed(request, slug, "learning.change_rubric"), pk)
        form = CriterionForm(request.POST)
        if not form.is_valid():
            return self._render(request, criterion, form, status=400)
        try:
            services.rubric_criterion_change(
                actor=request.user, criterion=criterion, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, criterion, form, status=400)
        messages.success(request, _("The criterion is saved."))
        return redirect("learning:rubric-edit", slug=slug)


class CriterionMoveView(LoginRequiredMixin, View):
    """Move a criterion one place `up` or `down` (`direction`)."""

    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        criterion = _criterion(_allowed(request, slug, "learning.change_rubric"), pk)
        direction = request.POST.get("direction")
        back = reverse("learning:rubric-edit", kwargs={"slug": slug})
        if direction not in ("up", "down"):
            return error_page(request, [_("Choose to move the criterion up or down.")], back)
        services.rubric_criterion_move(
            actor=request.user, criterion=criterion, up=direction == "up"
        )
        return redirect(back)


class CriterionRemoveView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
        criterion = _criterion(_allowed(request, slug, "learning.change_rubric"), pk)
        back = reverse("learning:rubric-edit", kwargs={"slug": slug})
        try:
            services.rubric_criterion_remove(actor=request.user, criterion=criterion)
        except ValidationError as error:
            return error_page(request, error.messages, back)
        messages.success(
            request, _("“%(name)s” is removed from the rubric.") % {"name": criterion.name}
        )
        return redirect(back)


_PARTNER = "learning/partners/<slug:slug>"

urlpatterns = [
    path(f"{_PARTNER}/committee/", CommitteeView.as_view(), name="committee-manage"),
    path(
        f"{_PARTNER}/committee/<int:pk>/role/", CommitteeRoleView.as_view(), name="committee-role"
    ),
    path(
        f"{_PARTNER}/committee/<int:pk>/remove/",
        CommitteeRemoveView.as_view(),
        name="committee-remove",
    ),
    path(f"{_PARTNER}/rubric/", RubricView.as_view(), name="rubric-edit"),
    path(f"{_PARTNER}/rubric/<int:pk>/", CriterionEditView.as_view(), name="rubric-criterion"),
    path(f"{_PARTNER}/rubric/<int:pk>/move/", CriterionMoveView.as_view(), name="rubric-move"),
    path(
        f"{_PARTNER}/rubric/<int:pk>/remove/",
        CriterionRemoveView.as_view(),
        name="rubric-remove",
    ),
]
