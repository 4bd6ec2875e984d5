"""Who may do what in study groups.

Anyone signed in with a confirmed address creates and joins groups. Members read and write the
discussion and edit the shared notes; organisers edit the group, plan meetings and remove
posts (authors may remove their own). Permissions take the group as their object, except
`learning.add_group` (none) and `learning.remove_group_post` (the post).
"""

from typing import Any

import rules

from pnyx.accounts.rules import has_confirmed_email
from pnyx.core.permissions import is_platform_admin
from pnyx.learning.selectors import groups as selectors
from pnyx.orgs.rules import is_active_person


@rules.predicate
def is_group_member(user: Any, group: Any) -> bool:
    if group is None or not getattr(user, "is_authenticated", False):
        return False
    return selectors.membership_of(user=user, group=group) is not None


@rules.predicate
def is_group_organiser(user: Any, group: Any) -> bool:
    if group is None or not getattr(user, "is_authenticated", False):
        return False
    membership = selectors.membership_of(user=user, group=group)
    return membership is not None and membership.organiser


@rules.predicate
def is_post_author(user: Any, post: Any) -> bool:
    return post is not None and post.author_id is not None and post.author_id == user.pk


@rules.predicate
def is_post_group_organiser(user: Any, post: Any) -> bool:
    return post is not None and bool(is_group_organiser(user, post.group))


can_take_part = is_active_person & has_confirmed_email

rules.add_perm("learning.add_group", can_take_part)
rules.add_perm("learning.join_group", can_take_part)
rules.add_perm("learning.view_group_thread", is_active_person & is_group_member)
rules.add_perm("learning.post_in_group", can_take_part & is_group_member)
rules.add_perm("learning.change_group_notes", can_take_part & is_group_member)
rules.add_perm("learning.change_group", is_active_person & is_group_organiser)
rules.add_perm("learning.plan_meeting", is_active_person & is_group_organiser)
rules.add_perm(
    "learning.remove_group_post",
    is_active_person & (is_post_author | is_post_group_organiser | is_platform_admin),
)
