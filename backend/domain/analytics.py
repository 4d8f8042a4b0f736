"""Collaboration analytics (issue #3): where support is a bottleneck, with the numbers behind each flag.

Pure: takes request facts and staff counts, returns statistics, flags and diagnoses. Thresholds come from the
rule set. Durations are reported in minutes (Decimal, one decimal place kept by callers as they wish).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from backend.domain.rules import RuleSet
from backend.domain.support import OPEN_STATUSES, RESOLVED_STATUSES, Priority, Status

MINUTE = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class RequestFact:
    department_id: int
    region_id: int
    priority: Priority
    status: Status
    customer_reported_at: datetime
    submitted_at: datetime
    accepted_at: datetime | None
    started_at: datetime | None
    resolved_at: datetime | None
    rating: int | None
    reopen_count: int


class DiagnosisKind(str, Enum):
    UNDERSTAFFED = "UNDERSTAFFED"
    PROCESS_FRICTION = "PROCESS_FRICTION"
    FRONTLINE_HANDOFF = "FRONTLINE_HANDOFF"
    SLA_PRESSURE = "SLA_PRESSURE"


@dataclass(frozen=True, slots=True)
class Diagnosis:
    kind: DiagnosisKind
    message: str
    figures: dict[str, Decimal]
    suggested_staff: int | None = None


@dataclass(frozen=True, slots=True)
class GroupStats:
    volume: int
    resolved: int
    open_backlog: int
    response_median_minutes: Decimal | None
    response_p90_minutes: Decimal | None
    resolution_median_minutes: Decimal | None
    resolution_p90_minutes: Decimal | None
    p90_sla_ratio: Decimal | None  # p90 of (resolution time, or time open so far, ÷ its SLA limit)
    breach_rate: Decimal | None
    mean_satisfaction: Decimal | None
    late_handoff_rate: Decimal | None
    start_delay_median_minutes: Decimal | None
    reopen_rate: Decimal | None
    staff: int | None = None  # department rows only
    backlog_per_staff: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Bottleneck:
    department_id: int
    region_id: int | None  # None: the department as a whole
    reasons: list[str]
    diagnoses: list[Diagnosis]
    stats: GroupStats


@dataclass(frozen=True, slots=True)
class Report:
    departments: dict[int, GroupStats]
    cells: dict[tuple[int, int], GroupStats]
    regions: dict[int, GroupStats]
    bottlenecks: list[Bottleneck] = field(default_factory=list)


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def percentile(values: Sequence[int], fraction: Decimal) -> int | None:
    """Nearest-rank percentile (the value at rank ⌈p·n⌉): a figure that actually occurred, easy to check by hand."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def median(values: Sequence[int]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Decimal(ordered[middle])
    return Decimal(ordered[middle - 1] + ordered[middle]) / 2


def _minutes(delta: timedelta) -> Decimal:
    return Decimal(int(delta.total_seconds())) / 60


def _rate(count: int, total: int) -> Decimal | None:
    return Decimal(count) / total if total else None


@dataclass(frozen=True, slots=True)
class _Derived:
    """One request's figures, worked out once and shared by every grouping it falls in (seconds)."""

    response: int | None
    resolution: int | None
    elapsed: int  # resolution time, or time open so far
    limit: int  # resolution limit
    breached: bool
    is_open: bool
    rating: int | None
    start_delay: int | None
    late_handoff: bool
    ever_resolved: bool
    reopened: bool


def _seconds(delta: timedelta) -> int:
    return int(delta.total_seconds())


def _derive(fact: RequestFact, rules: RuleSet, as_of: datetime) -> _Derived:
    limit = rules.sla[fact.priority.value]
    done = fact.status in RESOLVED_STATUSES and fact.resolved_at is not None
    end = fact.resolved_at if done and fact.resolved_at else as_of
    elapsed = end - fact.submitted_at
    response_late = (fact.accepted_at or as_of) - fact.submitted_at > limit.response
    return _Derived(
        response=_seconds(fact.accepted_at - fact.submitted_at) if fact.accepted_at else None,
        resolution=_seconds(elapsed) if done else None,
        elapsed=_seconds(elapsed),
        limit=_seconds(limit.resolution),
        breached=elapsed > limit.resolution or response_late,
        is_open=fact.status in OPEN_STATUSES,
        rating=fact.rating,
        start_delay=_seconds(fact.started_at - fact.accepted_at) if fact.started_at and fact.accepted_at else None,
        late_handoff=fact.submitted_at - fact.customer_reported_at > rules.handoff_threshold,
        ever_resolved=fact.status in RESOLVED_STATUSES or fact.reopen_count > 0,
        reopened=fact.reopen_count > 0,
    )


def _median_minutes(seconds: Sequence[int]) -> Decimal | None:
    value = median(seconds)
    return None if value is None else value / 60


def _p90_minutes(seconds: Sequence[int]) -> Decimal | None:
    value = percentile(seconds, Decimal("0.9"))
    return None if value is None else Decimal(value) / 60


def group_stats(facts: Sequence[RequestFact], rules: RuleSet, *, as_of: datetime,
                staff: int | None = None) -> GroupStats:
    live = [_derive(f, rules, as_of) for f in facts if f.status is not Status.CANCELLED]
    return _stats(live, staff)


def _stats(live: Sequence[_Derived], staff: int | None) -> GroupStats:
    responses = [d.response for d in live if d.response is not None]
    resolutions = [d.resolution for d in live if d.resolution is not None]
    p90_ratio = None
    if live:
        # Nearest rank on the exact ratio; the float key only orders them.
        by_ratio = sorted(live, key=lambda d: d.elapsed / d.limit)
        chosen = by_ratio[max(1, math.ceil(Decimal("0.9") * len(by_ratio))) - 1]
        p90_ratio = Decimal(chosen.elapsed) / Decimal(chosen.limit)
    open_backlog = sum(1 for d in live if d.is_open)
    ratings = [d.rating for d in live if d.rating is not None]
    ever_resolved = [d for d in live if d.ever_resolved]
    return GroupStats(
        volume=len(live),
        resolved=len(resolutions),
        open_backlog=open_backlog,
        response_median_minutes=_median_minutes(responses),
        response_p90_minutes=_p90_minutes(responses),
        resolution_median_minutes=_median_minutes(resolutions),
        resolution_p90_minutes=_p90_minutes(resolutions),
        p90_sla_ratio=p90_ratio,
        breach_rate=_rate(sum(1 for d in live if d.breached), len(live)),
        mean_satisfaction=Decimal(sum(ratings) * 20) / len(ratings) if ratings else None,
        late_handoff_rate=_rate(sum(1 for d in live if d.late_handoff), len(live)),
        start_delay_median_minutes=_median_minutes([d.start_delay for d in live if d.start_delay is not None]),
        reopen_rate=_rate(sum(1 for d in ever_resolved if d.reopened), len(ever_resolved)),
        staff=staff,
        backlog_per_staff=Decimal(open_backlog) / staff if staff else None,
    )


def _reasons(stats: GroupStats, rules: RuleSet) -> list[str]:
    reasons = []
    if stats.breach_rate is not None and stats.breach_rate > rules.bottleneck_breach_rate:
        reasons.append(f"SLA breach rate {_q(stats.breach_rate * 100)}% exceeds "
                       f"{_q(rules.bottleneck_breach_rate * 100)}%")
    if stats.p90_sla_ratio is not None and stats.p90_sla_ratio > rules.bottleneck_p90_sla_ratio:
        reasons.append(f"p90 resolution time is {_q(stats.p90_sla_ratio * 100)}% of its SLA limit "
                       f"(threshold {_q(rules.bottleneck_p90_sla_ratio * 100)}%)")
    return reasons


def _staffing(facts: Sequence[RequestFact], stats: GroupStats, rules: RuleSet, *, start: datetime,
              as_of: datetime) -> Diagnosis | None:
    """Little's law: average requests in the system L = λ·W; staff needed so each holds at most the target."""
    if not stats.staff or stats.backlog_per_staff is None:
        return None
    if stats.backlog_per_staff <= rules.bottleneck_backlog_per_staff:
        return None
    live = [f for f in facts if f.status is not Status.CANCELLED]
    days = Decimal(max(1, int((as_of - start).total_seconds()))) / 86400
    arrivals_per_day = Decimal(len(live)) / days
    in_system = [((f.resolved_at if f.status in RESOLVED_STATUSES and f.resolved_at else as_of) - f.submitted_at)
                 for f in live]
    mean_days_in_system = (Decimal(int(sum(in_system, timedelta()).total_seconds())) / 86400 / len(live)
                           if live else Decimal(0))
    average_in_system = arrivals_per_day * mean_days_in_system
    load = max(average_in_system, Decimal(stats.open_backlog))
    needed = math.ceil(load / rules.bottleneck_backlog_per_staff)
    extra = max(1, needed - stats.staff)
    return Diagnosis(
        kind=DiagnosisKind.UNDERSTAFFED,
        message=(f"understaffed: {stats.open_backlog} open requests over {stats.staff} staff "
                 f"({_q(stats.backlog_per_staff)} each, target {_q(rules.bottleneck_backlog_per_staff)}); "
                 f"suggest +{extra} staff"),
        figures={"openBacklog": Decimal(stats.open_backlog), "staff": Decimal(stats.staff),
                 "backlogPerStaff": _q(stats.backlog_per_staff),
                 "targetBacklogPerStaff": rules.bottleneck_backlog_per_staff,
                 "arrivalsPerDay": _q(arrivals_per_day), "meanDaysInSystem": _q(mean_days_in_system),
                 "averageInSystem": _q(average_in_system), "staffNeeded": Decimal(needed)},
        suggested_staff=extra,
    )


def _friction(stats: GroupStats, rules: RuleSet) -> Diagnosis | None:
    start_limit = _minutes(rules.bottleneck_start_delay)
    slow_start = stats.start_delay_median_minutes is not None and stats.start_delay_median_minutes > start_limit
    reopens = stats.reopen_rate is not None and stats.reopen_rate > rules.bottleneck_reopen_rate
    if not slow_start and not reopens:
        return None
    parts = []
    if slow_start and stats.start_delay_median_minutes is not None:
        parts.append(f"median {_q(stats.start_delay_median_minutes)} min from accepted to in progress "
                     f"(threshold {_q(start_limit)})")
    if reopens and stats.reopen_rate is not None:
        parts.append(f"{_q(stats.reopen_rate * 100)}% of resolutions reopened "
                     f"(threshold {_q(rules.bottleneck_reopen_rate * 100)}%)")
    figures: dict[str, Decimal] = {"startDelayThresholdMinutes": start_limit,
                                   "reopenRateThreshold": rules.bottleneck_reopen_rate}
    if stats.start_delay_median_minutes is not None:
        figures["startDelayMedianMinutes"] = _q(stats.start_delay_median_minutes)
    if stats.reopen_rate is not None:
        figures["reopenRate"] = _q(stats.reopen_rate)
    return Diagnosis(kind=DiagnosisKind.PROCESS_FRICTION,
                     message="process friction, suggest streamlining: " + "; ".join(parts), figures=figures)


def _handoff(stats: GroupStats, rules: RuleSet) -> Diagnosis | None:
    if stats.late_handoff_rate is None or stats.late_handoff_rate <= rules.bottleneck_late_handoff_rate:
        return None
    hours = Decimal(int(rules.handoff_threshold.total_seconds())) / 3600
    return Diagnosis(
        kind=DiagnosisKind.FRONTLINE_HANDOFF,
        message=(f"frontline handoff discipline: {_q(stats.late_handoff_rate * 100)}% of requests reached support "
                 f"more than {_q(hours)} h after the customer reported them "
                 f"(threshold {_q(rules.bottleneck_late_handoff_rate * 100)}%)"),
        figures={"lateHandoffRate": _q(stats.late_handoff_rate),
                 "lateHandoffRateThreshold": rules.bottleneck_late_handoff_rate, "handoffThresholdHours": hours},
    )


def bottleneck_report(facts: Iterable[RequestFact], staff_by_department: dict[int, int], rules: RuleSet, *,
                      start: datetime, as_of: datetime) -> Report:
    """Statistics per department, per department × region and per region, and the flagged bottlenecks."""
    by_department: dict[int, list[RequestFact]] = defaultdict(list)
    derived_by_department: dict[int, list[_Derived]] = defaultdict(list)
    by_cell: dict[tuple[int, int], list[_Derived]] = defaultdict(list)
    by_region: dict[int, list[_Derived]] = defaultdict(list)
    for fact in facts:
        if fact.status is Status.CANCELLED:
            continue
        derived = _derive(fact, rules, as_of)
        by_department[fact.department_id].append(fact)
        derived_by_department[fact.department_id].append(derived)
        by_cell[(fact.department_id, fact.region_id)].append(derived)
        by_region[fact.region_id].append(derived)
    departments = {d: _stats(rows, staff_by_department.get(d, 0)) for d, rows in sorted(derived_by_department.items())}
    cells = {key: _stats(rows, None) for key, rows in sorted(by_cell.items())}
    regions = {r: _stats(rows, None) for r, rows in sorted(by_region.items())}
    report = Report(departments=departments, cells=cells, regions=regions)
    staffing: dict[int, Diagnosis] = {}
    for department_id, stats in departments.items():
        reasons = _reasons(stats, rules)
        if not reasons:
            continue
        understaffed = _staffing(by_department[department_id], stats, rules, start=start, as_of=as_of)
        if understaffed is not None:
            staffing[department_id] = understaffed
        found = [d for d in (understaffed, _friction(stats, rules), _handoff(stats, rules)) if d is not None]
        report.bottlenecks.append(Bottleneck(department_id, None, reasons, found or [_pressure(stats)], stats))
    for (department_id, region_id), stats in cells.items():
        reasons = _reasons(stats, rules)
        if not reasons:
            continue
        # Staff serve every region, so a region's share of an understaffed department carries that diagnosis.
        found = [d for d in (staffing.get(department_id), _friction(stats, rules), _handoff(stats, rules))
                 if d is not None]
        report.bottlenecks.append(Bottleneck(department_id, region_id, reasons, found or [_pressure(stats)], stats))
    return report


def _pressure(stats: GroupStats) -> Diagnosis:
    return Diagnosis(kind=DiagnosisKind.SLA_PRESSURE,
                     message="SLA under pressure with no single cause above its threshold: review case by case",
                     figures={"volume": Decimal(stats.volume), "openBacklog": Decimal(stats.open_backlog)})
