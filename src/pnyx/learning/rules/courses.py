"""Who may do what with courses.

An approved partner's organisation administrators and committee members author its courses;
platform administrators author courses without a partner and may look after any course. Drafts
are seen by their authors only. A signed-in person enrols in a published course; an enrolled
learner studies it (marks lessons done, answers exercises, reviews others' submissions) while it
is published or, once they started, after it is archived.

`learning.add_course` takes the partner (None for a platform course) as its object; every other
permission takes the course.
"""

from typing import Any

import rules

from pnyx.core.permissions import is_platform_admin
from pnyx.learning.models import CourseStatus, PartnerStatus
from pnyx.learning.selectors import courses as selectors
from pnyx.orgs.rules import is_active_person, is_org_admin


@rules.predicate
def is_partner_author(user: Any, partner: Any) -> bool:
    """An organisation administrator or committee member of an approved partner; for no partner
    (a platform course), a platform administrator."""
    if partner is None:
        return bool(is_platform_admin(user))
    if partner.status != PartnerStatus.APPROVED or not getattr(user, "is_authenticated", False):
        return False
    if is_org_admin(user, partner.organisation):
        return True
    return selectors.is_committee_member(user=user, partner=partner)


@rules.predicate
def is_course_author(user: Any, course: Any) -> bool:
    """Someone who may edit the course: its partner's authors, or a platform administrator."""
    if course is None:
        return False
    if is_platform_admin(user):
        return True
    return course.partner_id is not None and bool(is_partner_author(user, course.partner))


@rules.predicate
def is_published_course(user: Any, course: Any) -> bool:
    return course is not None and course.status == CourseStatus.PUBLISHED


@rules.predicate
def is_started_course(user: Any, course: Any) -> bool:
    """Published or archived: past the draft, so learners may have started it."""
    return course is not None and course.status != CourseStatus.DRAFT


@rules.predicate
def is_enrolled(user: Any, course: Any) -> bool:
    if course is None or not getattr(user, "is_authenticated", False):
        return False
    return selectors.enrolment_exists(user=user, course=course)


rules.add_perm("learning.add_course", is_active_person & (is_partner_author | is_platform_admin))
rules.add_perm("learning.change_course", is_active_person & is_course_author)
rules.add_perm(
    "learning.view_course",
    is_published_course | (is_started_course & is_enrolled) | (is_active_person & is_course_author),
)
rules.add_perm("learning.enrol_course", is_active_person & is_published_course)
rules.add_perm("learning.study_course", is_active_person & is_started_course & is_enrolled)
