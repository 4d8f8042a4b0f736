"""Domain events: facts recorded by a use case and published after its commit."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar


@dataclass(frozen=True, slots=True)
class DomainEvent:
    """Published after commit to each of its `channels` (topics: one per thing a client can follow)."""

    channel: ClassVar[str] = "events"
    occurred_at: datetime = field(default_factory=lambda: datetime.now(UTC), kw_only=True)

    @property
    def channels(self) -> tuple[str, ...]:
        return (self.channel,)

    def to_message(self) -> dict[str, Any]:
        body = asdict(self)
        body["occurred_at"] = self.occurred_at.isoformat()
        body["type"] = type(self).__name__
        return body


EMPLOYEES_CHANNEL = "employees"
ACCESS_CHANNEL = "access"  # what changes someone's authority: sign-outs, revoked tokens, employee changes


def employee_channel(employee_id: int) -> str:
    return f"employee:{employee_id}"


@dataclass(frozen=True, slots=True)
class EmployeeChanged(DomainEvent):
    """An employee was hired, transferred or left (kind: HIRED, TRANSFERRED, LEFT, UPDATED); published to the
    employee's own topic and to the everyone topic."""

    channel: ClassVar[str] = EMPLOYEES_CHANNEL
    employee_id: int
    kind: str

    @property
    def channels(self) -> tuple[str, ...]:
        # Also on the access channel, and first: a change of department, roles or leave alters what the
        # employee's own sockets may read, so their authority is under review before anything else is delivered.
        return (ACCESS_CHANNEL, employee_channel(self.employee_id), EMPLOYEES_CHANNEL)


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
    def channels(self) -> tuple[str, ...]:
        return (board_channel(self.project_id),)


def support_queue_channel(department_id: int) -> str:
    return f"support:department:{department_id}"


def support_request_channel(request_id: int) -> str:
    return f"support:request:{request_id}"


@dataclass(frozen=True, slots=True)
class SupportRequestChanged(DomainEvent):
    """A support request changed: a transition, a comment or new evidence (`action`); published to the target
    department's queue topic and to the request's own topic."""

    request_id: int
    department_id: int
    submitter_id: int
    action: str
    status: str
    sequence: int

    @property
    def channels(self) -> tuple[str, ...]:
        return (support_queue_channel(self.department_id), support_request_channel(self.request_id))



@dataclass(frozen=True, slots=True)
class AccessRevoked(DomainEvent):
    """A credential stopped working before its time: a session signed out (`session_id`) or a partner token
    revoked (`token_id`). Every process closes the live connections that carry it."""

    channel: ClassVar[str] = ACCESS_CHANNEL
    kind: str  # SESSION or API_TOKEN
    session_id: str | None = None
    token_id: int | None = None
    employee_id: int | None = None
