"""Cultivation plans, regional targets, activities and enrolments, questions, platforms (docs/programs.md).

One module per area; every model and choice is importable from ``programs.models`` as before.
Plans, their key tasks, key industries and national targets are seeded by a data migration from the
policy texts; everything else is written by ``programs.services`` only.
"""

from programs.models.activities import (
    Activity,
    ActivityKind,
    ActivityQuerySet,
    ActivityStatus,
    Enrolment,
    EnrolmentQuerySet,
)
from programs.models.plans import NATIONAL_REGION_CODE, KeyIndustry, KeyTask, Metric, Plan, RegionalTarget
from programs.models.platforms import PLATFORM_ROLE_CODES, Platform, PlatformKind, PlatformLevel, PlatformQuerySet
from programs.models.progress import ProgressFigure, ProgressMeasure, ProgressRefresh
from programs.models.questions import Question, QuestionGroup, QuestionPhase

__all__ = [
    "NATIONAL_REGION_CODE",
    "PLATFORM_ROLE_CODES",
    "Activity",
    "ActivityKind",
    "ActivityQuerySet",
    "ActivityStatus",
    "Enrolment",
    "EnrolmentQuerySet",
    "KeyIndustry",
    "KeyTask",
    "Metric",
    "Plan",
    "Platform",
    "PlatformKind",
    "PlatformLevel",
    "PlatformQuerySet",
    "ProgressFigure",
    "ProgressMeasure",
    "ProgressRefresh",
    "Question",
    "QuestionGroup",
    "QuestionPhase",
    "RegionalTarget",
]
