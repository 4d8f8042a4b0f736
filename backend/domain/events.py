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


def board_channel(project_id: int) -> str:
    return f"board:{project_id}"


@dataclass(frozen=True, slots=True)
class BoardChanged(DomainEvent):
    """A project's board changed; carries what a client needs to patch its copy (published on the project's
    own channel). `sequence` is the board event's id: it orders one project's changes."""

    project_id: int
    sequence: int
    kind: str
    actor_id: int | None
    task: dict[str, Any] | None = None  # the card after the change (JSON-safe)
    from_column_id: int | None = None
    from_position: int | None = None
    comment: dict[str, Any] | None = None
    rating: dict[str, Any] | None = None

    @property
    def channel(self) -> str:  # type: ignore[override]
        return board_channel(self.project_id)


@dataclass(frozen=True, slots=True)
class SupportRequestChanged(DomainEvent):
    """A support request changed: a transition, a comment or new evidence (`action`)."""

    channel: ClassVar[str] = "support"
    request_id: int
    department_id: int
    submitter_id: int
    action: str
    status: str
    sequence: int
