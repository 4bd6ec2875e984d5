"""Pages of the organisations app."""

from pnyx.orgs.views.invitations import InvitationAcceptView
from pnyx.orgs.views.memberships import (
    InvitationCreateView,
    InvitationRevokeView,
    MembershipDecideView,
    MembershipLeaveView,
    MembershipRemoveView,
    MembershipRequestView,
    MembershipRoleView,
)
from pnyx.orgs.views.organisations import (
    OrganisationCreateView,
    OrganisationDetailView,
    OrganisationEditView,
    OrganisationListView,
    OrganisationMineView,
)

__all__ = [
    "InvitationAcceptView",
    "InvitationCreateView",
    "InvitationRevokeView",
    "MembershipDecideView",
    "MembershipLeaveView",
    "MembershipRemoveView",
    "MembershipRequestView",
    "MembershipRoleView",
    "OrganisationCreateView",
    "OrganisationDetailView",
    "OrganisationEditView",
    "OrganisationListView",
    "OrganisationMineView",
]
