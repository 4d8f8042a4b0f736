"""All Tortoise models of the `models` app (aerich reads this module)."""

from backend.persistence.models.auth import ApiToken, AuditEntry
from backend.persistence.models.org import (
    Department,
    Employee,
    EmployeeAssignment,
    Region,
    RegionTarget,
    SupportLink,
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
    "AuditEntry",
    "BoardColumn",
    "BoardEvent",
    "Department",
    "Employee",
    "EmployeeAssignment",
    "Project",
    "ProjectAllocation",
    "ProjectGoal",
    "ProjectMember",
    "Region",
    "RegionTarget",
    "SupportAttachment",
    "SupportComment",
    "SupportLink",
    "SupportRequest",
    "SupportRequestEvent",
    "Task",
    "TaskComment",
    "TaskRating",
]
