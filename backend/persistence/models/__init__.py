"""All Tortoise models of the `models` app (aerich reads this module)."""

from backend.persistence.models.auth import ApiToken, AuditEntry, RevokedSession
from backend.persistence.models.fund import FundPlan, FundSettlement, FundShare
from backend.persistence.models.org import (
    Department,
    Employee,
    EmployeeAssignment,
    Region,
    RegionTarget,
    SupportLink,
)
from backend.persistence.models.performance import (
    Appeal,
    DistributionGuide,
    Indicator,
    Measurement,
    MeasurementImport,
    PerformancePeriod,
    Scheme,
    SchemeLine,
    SchemeVersion,
    ScorecardSnapshot,
)
from backend.persistence.models.projects import (
    BoardColumn,
    BoardEvent,
    Project,
    ProjectAllocation,
    ProjectGoal,
    ProjectMember,
    Task,
    TaskComment,
    TaskRating,
)
from backend.persistence.models.support import (
    SupportAttachment,
    SupportComment,
    SupportRequest,
    SupportRequestEvent,
)

__all__ = [
    "ApiToken",
    "Appeal",
    "AuditEntry",
    "BoardColumn",
    "BoardEvent",
    "Department",
    "DistributionGuide",
    "Employee",
    "EmployeeAssignment",
    "FundPlan",
    "FundSettlement",
    "FundShare",
    "Indicator",
    "Measurement",
    "MeasurementImport",
    "PerformancePeriod",
    "Project",
    "ProjectAllocation",
    "ProjectGoal",
    "ProjectMember",
    "Region",
    "RegionTarget",
    "RevokedSession",
    "Scheme",
    "SchemeLine",
    "SchemeVersion",
    "ScorecardSnapshot",
    "SupportAttachment",
    "SupportComment",
    "SupportLink",
    "SupportRequest",
    "SupportRequestEvent",
    "Task",
    "TaskComment",
    "TaskRating",
]
