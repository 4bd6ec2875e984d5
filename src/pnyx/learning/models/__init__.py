"""The learning app's tables, one module per area; everything is importable from here."""

from pnyx.learning.models.courses import (
    Course,
    CourseLevel,
    CourseModule,
    CourseStatus,
    Enrolment,
    Exercise,
    ExerciseKind,
    Lesson,
    LessonCompletion,
    PeerReview,
    Submission,
)
from pnyx.learning.models.credentials import Credential, CredentialKind, IssuerKey, StatusList
from pnyx.learning.models.credits import (
    ApplicationReview,
    ApplicationStatus,
    ConflictDeclaration,
    CreditApplication,
    CriterionScore,
    RubricCriterion,
)
from pnyx.learning.models.engagement import EngagementEntry, EngagementSource
from pnyx.learning.models.groups import (
    StudyGroup,
    StudyGroupMeeting,
    StudyGroupMember,
    StudyGroupPost,
)
from pnyx.learning.models.partners import (
    CommitteeMember,
    CommitteeRole,
    CommitteeVisit,
    Partner,
    PartnerStatus,
)

__all__ = [
    "ApplicationReview",
    "ApplicationStatus",
    "CommitteeMember",
    "CommitteeRole",
    "CommitteeVisit",
    "ConflictDeclaration",
    "Course",
    "CourseLevel",
    "CourseModule",
    "CourseStatus",
    "Credential",
    "CredentialKind",
    "CreditApplication",
    "CriterionScore",
    "EngagementEntry",
    "EngagementSource",
    "Enrolment",
    "Exercise",
    "ExerciseKind",
    "IssuerKey",
    "Lesson",
    "LessonCompletion",
    "Partner",
    "PartnerStatus",
    "PeerReview",
    "RubricCriterion",
    "StatusList",
    "StudyGroup",
    "StudyGroupMeeting",
    "StudyGroupMember",
    "StudyGroupPost",
    "Submission",
]
