"""The texts of the learning demo (`pnyx.learning.demo`): partners, courses, learners. Fictional,
written for Pnyx; the cities are real, the people and the institutions invented.

Who does something is named by a demo person's e-mail address (`pnyx.accounts.demo`) or by the
number of a generated participant of the demo consultation (`participant_email`).
"""

from pnyx.learning.demo_content.course_budget import COURSE as BUDGET_COURSE
from pnyx.learning.demo_content.course_data import COURSE as DATA_COURSE
from pnyx.learning.demo_content.course_foi import COURSE as FOI_COURSE
from pnyx.learning.demo_content.course_privacy import COURSE as PRIVACY_COURSE
from pnyx.learning.demo_content.partners import PARTNERS, PENDING_PARTNER
from pnyx.learning.demo_content.records import APPLICATIONS, ENTRIES
from pnyx.learning.demo_content.studies import GROUP, PEER_REVIEWS, STUDIES

COURSES = (DATA_COURSE, BUDGET_COURSE, PRIVACY_COURSE, FOI_COURSE)

__all__ = [
    "APPLICATIONS",
    "COURSES",
    "ENTRIES",
    "GROUP",
    "PARTNERS",
    "PEER_REVIEWS",
    "PENDING_PARTNER",
    "STUDIES",
]
