"""Domain events: facts recorded by a use case and published after its commit."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar


@dataclass(frozen=True, slots=True)
class DomainEvent:
    channel: ClassVar[str] = "events"
    occurred_at: datetime = field(default_factory=lambda: datetime.now(UTC), kw_only=True)

    def to_message(self) -> dict[str, Any]:
        body = asdict(self)
        body["occurred_at"] = self.occurred_at.isoformat()
        body["type"] = type(self).__name__
        return body


@dataclass(frozen=True, slots=True)
class EmployeeChanged(DomainEvent):
    """An employee was hired, transferred or left (kind: HIRED, TRANSFERRED, LEFT, UPDATED)."""

    channel: ClassVar[str] = "employee"
    employee_id: int
    kind: str
