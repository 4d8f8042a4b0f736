"""Events of the rewards ledger: someone's counter changed (published after commit on their own topic)."""

from __future__ import annotations

from dataclasses import dataclass

from backend.domain.events import DomainEvent


def reward_channel(employee_id: int) -> str:
    return f"rewards:employee:{employee_id}"


@dataclass(frozen=True, slots=True)
class CountersChanged(DomainEvent):
    """Whose counters moved, for which periods, and why (ORDER_RECORDED, ORDER_CREDITED, ORDER_CANCELLED,
    POINTS_MOVED): one message per event, on each affected person's topic."""

    employee_ids: tuple[int, ...]
    periods: tuple[str, ...]
    cause: str

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(reward_channel(e) for e in self.employee_ids)
