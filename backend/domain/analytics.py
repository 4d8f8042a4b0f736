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


def percentile(values: Sequence[Decimal], fraction: Decimal) -> Decimal | None:
    """Nearest-rank percentile (the value at rank ⌈p·n⌉): a figure that actually occurred, easy to check by hand."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _minutes(delta: timedelta) -> Decimal:
    return Decimal(int(delta.total_seconds())) / 60


def _rate(count: int, total: int) -> Decimal | None:
    return Decimal(count) / total if total else None


def group_stats(facts: Sequence[RequestFact], rules: RuleSet, *, as_of: datetime,
                staff: int | None = None) -> GroupStats:
    live = [f for f in facts if f.status is not Status.CANCELLED]
    responses = [_minutes(f.accepted_at - f.submitted_at) for f in live if f.accepted_at]
    resolved = [f for f in live if f.status in RESOLVED_STATUSES and f.resolved_at]
    resolutions = [_minutes(f.resolved_at - f.submitted_at) for f in resolved if f.resolved_at]
    ratios: list[Decimal] = []
    breached = 0
    for fact in live:
        limit = rules.sla_for(fact.priority.value)
        done = fact.status in RESOLVED_STATUSES and fact.resolved_at is not None
        elapsed = (fact.resolved_at if done and fact.resolved_at else as_of) - fact.submitted_at
        ratios.append(Decimal(int(elapsed.total_seconds())) / Decimal(int(limit.resolution.total_seconds())))
        response_late = (fact.accepted_at or as_of) - fact.submitted_at > limit.response
        if elapsed > limit.resolution or response_late:
            breached += 1
    open_backlog = sum(1 for f in live if f.status in OPEN_STATUSES)
    ratings = [Decimal(f.rating * 20) for f in live if f.rating is not None]
    start_delays = [_minutes(f.started_at - f.accepted_at) for f in live if f.started_at and f.accepted_at]
    ever_resolved = [f for f in live if f.status in RESOLVED_STATUSES or f.reopen_count]
    return GroupStats(
        volume=len(live),
        resolved=len(resolved),
        open_backlog=open_backlog,
        response_median_minutes=median(responses),
        response_p90_minutes=percentile(responses, Decimal("0.9")),
        resolution_median_minutes=median(resolutions),
        resolution_p90_minutes=percentile(resolutions, Decimal("0.9")),
        p90_sla_ratio=percentile(ratios, Decimal("0.9")),
        breach_rate=_rate(breached, len(live)),
        mean_satisfaction=sum(ratings, Decimal(0)) / len(ratings) if ratings else None,
        late_handoff_rate=_rate(sum(1 for f in live if f.submitted_at - f.customer_reported_at
                                    > rules.handoff_threshold), len(live)),
        start_delay_median_minutes=median(start_delays),
        reopen_rate=_rate(sum(1 for f in ever_resolved if f.reopen_count), len(ever_resolved)),
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
    by_cell: dict[tuple[int, int], list[RequestFact]] = defaultdict(list)
    by_region: dict[int, list[RequestFact]] = defaultdict(list)
    for fact in facts:
        by_department[fact.department_id].append(fact)
        by_cell[(fact.department_id, fact.region_id)].append(fact)
        by_region[fact.region_id].append(fact)
    departments = {d: group_stats(rows, rules, as_of=as_of, staff=staff_by_department.get(d, 0))
                   for d, rows in sorted(by_department.items())}
    cells = {key: group_stats(rows, rules, as_of=as_of) for key, rows in sorted(by_cell.items())}
    regions = {r: group_stats(rows, rules, as_of=as_of) for r, rows in sorted(by_region.items())}
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
