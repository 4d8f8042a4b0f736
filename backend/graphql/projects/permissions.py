"""Who may read projects (field permission)."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from backend.domain.errors import ErrorCode
from backend.domain.projects import can_read_projects


class CanReadProjects(BasePermission):
    message = "Reading projects needs a signed-in employee or a partner token with read:projects."
    error_code = ErrorCode.PERMISSION_DENIED

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return can_read_projects(info.context.viewer)
