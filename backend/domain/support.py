"""Support requests (SPEC §2): the state machine, SLA judgement, derived figures and support points."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum

from backend.domain.errors import DomainError, ErrorCode, ValidationError
from backend.domain.rules import RuleSet, SlaLimit


class Category(str, Enum):
    TECHNICAL_SOLUTION = "TECHNICAL_SOLUTION"
    FAULT_REPAIR = "FAULT_REPAIR"
    REQUIREMENT_RESEARCH = "REQUIREMENT_RESEARCH"
    OTHER = "OTHER"


class Priority(str, Enum):
    URGENT = "URGENT"
    HIGH = "HIGH"
    NORMAL = "NORMAL"
    LOW = "LOW"


class Status(str, Enum):
    SUBMITTED = "SUBMITTED"
    ACCEPTED = "ACCEPTED"
    IN_PROGRESS = "IN_PROGRESS"
    RESOLVED = "RESOLVED"
    CONFIRMED = "CONFIRMED"
    REOPENED = "REOPENED"
    CANCELLED = "CANCELLED"


class Action(str, Enum):
    ACCEPT = "ACCEPT"
    START = "START"
    RESOLVE = "RESOLVE"
    CONFIRM = "CONFIRM"
    REOPEN = "REOPEN"
    CANCEL = "CANCEL"


# Every allowed transition; anything else is refused (SPEC §2).
TRANSITIONS: dict[Action, tuple[frozenset[Status], Status]] = {
    Action.ACCEPT: (frozenset({Status.SUBMITTED}), Status.ACCEPTED),
    Action.START: (frozenset({Status.ACCEPTED, Status.REOPENED}), Status.IN_PROGRESS),
    Action.RESOLVE: (frozenset({Status.IN_PROGRESS}), Status.RESOLVED),
    Action.CONFIRM: (frozenset({Status.RESOLVED}), Status.CONFIRMED),
    Action.REOPEN: (frozenset({Status.RESOLVED}), Status.REOPENED),
    Action.CANCEL: (frozenset({Status.SUBMITTED, Status.ACCEPTED}), Status.CANCELLED),
}
OPEN_STATUSES = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED})
RESOLVED_STATUSES = frozenset({Status.RESOLVED, Status.CONFIRMED})

MIN_RATING, MAX_RATING = 1, 5


class InvalidTransition(DomainError):
    code = ErrorCode.INVALID_TRANSITION


def next_status(current: Status, action: Action) -> Status:
    allowed_from, target = TRANSITIONS[action]
    if current not in allowed_from:
        allowed = ", ".join(sorted(s.value for s in allowed_from))
        raise InvalidTransition(
            f"cannot {action.value.lower()} a request that is {current.value}; only from {allowed}", field="status")
    return target


def check_rating(rating: int) -> int:
    if not MIN_RATING <= rating <= MAX_RATING:
        raise ValidationError(f"a rating is {MIN_RATING} to {MAX_RATING} stars", field="rating")
    return rating


def check_customer_report(customer_reported_at: datetime, submitted_at: datetime) -> datetime:
    if customer_reported_at > submitted_at:
        raise ValidationError("the customer cannot have reported the problem after it was submitted",
                              field="customerReportedAt")
    return customer_reported_at


@dataclass(frozen=True, slots=True)
class Timing:
    """The facts that SLA judgement needs. `resolved_at` is the latest resolution (a reopen undoes one)."""

    priority: Priority
    status: Status
    customer_reported_at: datetime
    submitted_at: datetime
    accepted_at: datetime | None = None
    started_at: datetime | None = None
    resolved_at: datetime | None = None
    rating: int | None = None
    reopen_count: int = 0


@dataclass(frozen=True, slots=True)
class Figures:
    """What is derived per request (SPEC §2). Durations are None until the event happened."""

    response_time: timedelta | None
    resolution_time: timedelta | None
    response_limit: timedelta
    resolution_limit: timedelta
    response_sla_met: bool | None  # None: still open and within the limit
    resolution_sla_met: bool | None
    sla_breached: bool
    satisfaction: int | None
    handoff_delay: timedelta
    late_handoff: bool
    support_points: Decimal | None  # None until resolved


def _judged(elapsed: timedelta | None, limit: timedelta, now: datetime, since: datetime) -> bool | None:
    """Met when done within the limit (exactly on the limit counts as met); breached once the limit passed."""
    if elapsed is not None:
        return elapsed <= limit
    return False if now - since > limit else None


def figures(timing: Timing, rules: RuleSet, *, now: datetime, limit: SlaLimit | None = None) -> Figures:
    """`limit` overrides the rule set's SLA when the deadlines were fixed at submission under older rules."""
    limit = limit or rules.sla_for(timing.priority.value)
    response_time = timing.accepted_at - timing.submitted_at if timing.accepted_at else None
    resolved = timing.status in RESOLVED_STATUSES and timing.resolved_at is not None
    resolution_time = timing.resolved_at - timing.submitted_at if resolved and timing.resolved_at else None
    still_counting = timing.status is not Status.CANCELLED
    response_met = _judged(response_time, limit.response, now, timing.submitted_at) if still_counting else None
    resolution_met = _judged(resolution_time, limit.resolution, now, timing.submitted_at) if still_counting \
        else None
    handoff_delay = timing.submitted_at - timing.customer_reported_at
    satisfaction = timing.rating * 20 if timing.rating is not None else None
    return Figures(
        response_time=response_time,
        resolution_time=resolution_time,
        response_limit=limit.response,
        resolution_limit=limit.resolution,
        response_sla_met=response_met,
        resolution_sla_met=resolution_met,
        sla_breached=response_met is False or resolution_met is False,
        satisfaction=satisfaction,
        handoff_delay=handoff_delay,
        late_handoff=handoff_delay > rules.handoff_threshold,
        support_points=support_points(timing.priority, timing.rating, resolution_met is True, rules)
        if resolved else None,
    )


def support_points(priority: Priority, rating: int | None, resolution_sla_met: bool, rules: RuleSet) -> Decimal:
    """Priority weight × satisfaction factor (rating / 5; unrated 0.8) × SLA factor (1, or 0.5 if breached)."""
    weight = rules.priority_weights[priority.value]
    satisfaction_factor = Decimal(rating) / 5 if rating is not None else rules.unrated_satisfaction_factor
    sla_factor = Decimal(1) if resolution_sla_met else rules.breached_sla_factor
    return weight * satisfaction_factor * sla_factor


@dataclass(frozen=True, slots=True)
class SubmittedRequest:
    """One non-cancelled request a frontline employee submitted in the period, for §4 utilisation."""

    late_handoff: bool
    resolved: bool
    confirmed_and_rated: bool


def support_utilisation(requests: Sequence[SubmittedRequest], rules: RuleSet) -> Decimal:
    """0–100: 70 × share handed off in time + 30 × share of resolved ones confirmed and rated.

    No requests → 100. None resolved yet → the confirmation share counts as full: nothing was left unconfirmed.
    """
    if not requests:
        return Decimal(100)
    on_time = Decimal(sum(1 for r in requests if not r.late_handoff)) / len(requests)
    resolved = [r for r in requests if r.resolved]
    confirmed = Decimal(sum(1 for r in resolved if r.confirmed_and_rated)) / len(resolved) if resolved else Decimal(1)
    return rules.utilisation_handoff_weight * on_time + rules.utilisation_confirmation_weight * confirmed


def chain_hash(previous: str, *, sequence: int, action: str, from_status: str | None, to_status: str,
               actor: str, at: datetime, note: str | None) -> str:
    """Each timeline entry hashes the previous one: editing or deleting any entry breaks every later hash."""
    payload = "\x1f".join([previous, str(sequence), action, from_status or "", to_status, actor,
                            at.isoformat(), note or ""])
    return hashlib.sha256(payload.encode()).hexdigest()
