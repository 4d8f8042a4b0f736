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
from backend.persistence.models.support import (
    SupportAttachment,
    SupportComment,
    SupportRequest,
    SupportRequestEvent,
)

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Department",
    "Employee",
    "EmployeeAssignment",
    "Region",
    "RegionTarget",
    "SupportAttachment",
    "SupportComment",
    "SupportLink",
    "SupportRequest",
    "SupportRequestEvent",
]
