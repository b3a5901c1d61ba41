"""Professional learning communities (R19–R26): the communities, their meetings with rotating
roles, inquiry / Lesson Study cycles with coded focus pupils and pupils' evidence, mutual lesson
observation, and shared practice with the recognition it earns. One module each.

No model here has a field for a pupil's name: pupils are codes ("A", "П1") checked by
`validate_pupil_code`, so that no name can be stored even by mistake.
"""

from adisker.plc.models.common import (
    ATTACHMENT_EXTENSIONS,
    PHOTO_EXTENSIONS,
    PUPIL_CODE_MAX_LENGTH,
    upload_path,
    validate_pupil_code,
)
from adisker.plc.models.communities import (
    Community,
    CommunityQuerySet,
    Meeting,
    MeetingAssignment,
    MeetingRole,
    community_ids_of,
    community_reach,
)
from adisker.plc.models.cycles import (
    STAGE_ORDER,
    Attainment,
    FocusPupil,
    InquiryCycle,
    LessonObservation,
    ObservationNote,
    PupilResult,
    ResearchLesson,
    ResultPhase,
    Stage,
    StageChange,
)
from adisker.plc.models.practice import (
    Practice,
    PracticeAdaptation,
    PracticeComment,
    PracticeEndorsement,
    PracticeQuerySet,
)
from adisker.plc.models.visits import (
    DEFAULT_VISITS_PER_HALF_YEAR,
    FEEDBACK_PRIVATE_DAYS,
    ObservationRule,
    ObservationTemplate,
    ObservationTemplateQuerySet,
    ObservationVisit,
    ObservationVisitQuerySet,
    half_year_of,
    visits_required,
)

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "DEFAULT_VISITS_PER_HALF_YEAR",
    "FEEDBACK_PRIVATE_DAYS",
    "PHOTO_EXTENSIONS",
    "PUPIL_CODE_MAX_LENGTH",
    "STAGE_ORDER",
    "Attainment",
    "Community",
    "CommunityQuerySet",
    "FocusPupil",
    "InquiryCycle",
    "LessonObservation",
    "Meeting",
    "MeetingAssignment",
    "MeetingRole",
    "ObservationNote",
    "ObservationRule",
    "ObservationTemplate",
    "ObservationTemplateQuerySet",
    "ObservationVisit",
    "ObservationVisitQuerySet",
    "Practice",
    "PracticeAdaptation",
    "PracticeComment",
    "PracticeEndorsement",
    "PracticeQuerySet",
    "PupilResult",
    "ResearchLesson",
    "ResultPhase",
    "Stage",
    "StageChange",
    "community_ids_of",
    "community_reach",
    "half_year_of",
    "upload_path",
    "validate_pupil_code",
    "visits_required",
]
