"""Collaboration analytics (issue #3): where support is a bottleneck, with the numbers behind each flag.

Pure: takes request facts (or groups already aggregated, e.g. by SQL) and staff counts, returns statistics,
flags and diagnoses. Thresholds come from the rule set. Durations are reported in minutes (Decimal, one decimal
place kept by callers as they wish).
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
    elapsed_exact: timedelta
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
        elapsed_exact=elapsed,
        limit=_seconds(limit.resolution),
        breached=elapsed > limit.resolution or response_late,
        is_open=fact.status in OPEN_STATUSES,
        rating=fact.rating,
        start_delay=_seconds(fact.started_at - fact.accepted_at) if fact.started_at and fact.accepted_at else None,
        late_handoff=fact.submitted_at - fact.customer_reported_at > rules.handoff_threshold,
        ever_resolved=fact.status in RESOLVED_STATUSES or fact.reopen_count > 0,
        reopened=fact.reopen_count > 0,
    )


@dataclass(frozen=True, slots=True)
class OrderStats:
    """The order statistics a group needs of one series of seconds: the two middle values (equal when the count
    is odd) and the nearest-rank p90. SQL can pick them with window functions; Python sorts."""

    count: int
    median_low: int | None
    median_high: int | None
    p90: int | None

    @classmethod
    def of(cls, values: Sequence[int]) -> OrderStats:
        if not values:
            return cls(0, None, None, None)
        ordered = sorted(values)
        n = len(ordered)
        low, high, p90 = order_ranks(n)
        return cls(n, ordered[low - 1], ordered[high - 1], ordered[p90 - 1])

    def median(self) -> Decimal | None:
        if not self.count or self.median_low is None or self.median_high is None:
            return None
        if self.count % 2:
            return Decimal(self.median_low)
        return Decimal(self.median_low + self.median_high) / 2


def order_ranks(n: int) -> tuple[int, int, int]:
    """1-based ranks of the lower and upper middle values and of the nearest-rank p90 (⌈0.9·n⌉) among n."""
    return (n + 1) // 2, (n + 2) // 2, max(1, math.ceil(Decimal("0.9") * n))


@dataclass(frozen=True, slots=True)
class GroupAggregate:
    """Everything a group's statistics and diagnoses are computed from: counts, sums and order statistics.

    Built in Python from derived facts (`aggregate`) or by SQL over the stored requests; both give the same
    numbers, and `stats_of` turns either into GroupStats."""

    volume: int
    open_backlog: int
    breached: int
    late_handoff: int
    ratings: int
    rating_sum: int
    ever_resolved: int
    reopened: int  # among ever_resolved
    response: OrderStats
    resolution: OrderStats
    start_delay: OrderStats
    p90_ratio: tuple[int, int] | None  # (elapsed, limit) seconds of the request at the p90 rank of elapsed ÷ limit
    elapsed_total: timedelta  # Σ time in system (exact), for Little's law


def aggregate(live: Sequence[_Derived]) -> GroupAggregate:
    p90_ratio = None
    if live:
        # Nearest rank on the exact ratio; the float key only orders them.
        by_ratio = sorted(live, key=lambda d: d.elapsed / d.limit)
        chosen = by_ratio[order_ranks(len(by_ratio))[2] - 1]
        p90_ratio = (chosen.elapsed, chosen.limit)
    ratings = [d.rating for d in live if d.rating is not None]
    ever_resolved = [d for d in live if d.ever_resolved]
    return GroupAggregate(
        volume=len(live),
        open_backlog=sum(1 for d in live if d.is_open),
        breached=sum(1 for d in live if d.breached),
        late_handoff=sum(1 for d in live if d.late_handoff),
        ratings=len(ratings),
        rating_sum=sum(ratings),
        ever_resolved=len(ever_resolved),
        reopened=sum(1 for d in ever_resolved if d.reopened),
        response=OrderStats.of([d.response for d in live if d.response is not None]),
        resolution=OrderStats.of([d.resolution for d in live if d.resolution is not None]),
        start_delay=OrderStats.of([d.start_delay for d in live if d.start_delay is not None]),
        p90_ratio=p90_ratio,
        elapsed_total=sum((d.elapsed_exact for d in live), timedelta()),
    )


def _per_minute(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else Decimal(value) / 60


def group_stats(facts: Sequence[RequestFact], rules: RuleSet, *, as_of: datetime,
                staff: int | None = None) -> GroupStats:
    live = [_derive(f, rules, as_of) for f in facts if f.status is not Status.CANCELLED]
    return stats_of(aggregate(live), staff)


def stats_of(agg: GroupAggregate, staff: int | None) -> GroupStats:
    volume = agg.volume
    return GroupStats(
        volume=volume,
        resolved=agg.resolution.count,
        open_backlog=agg.open_backlog,
        response_median_minutes=_per_minute(agg.response.median()),
        response_p90_minutes=_per_minute(agg.response.p90),
        resolution_median_minutes=_per_minute(agg.resolution.median()),
        resolution_p90_minutes=_per_minute(agg.resolution.p90),
        p90_sla_ratio=None if agg.p90_ratio is None else Decimal(agg.p90_ratio[0]) / Decimal(agg.p90_ratio[1]),
        breach_rate=_rate(agg.breached, volume),
        mean_satisfaction=Decimal(agg.rating_sum * 20) / agg.ratings if agg.ratings else None,
        late_handoff_rate=_rate(agg.late_handoff, volume),
        start_delay_median_minutes=_per_minute(agg.start_delay.median()),
        reopen_rate=_rate(agg.reopened, agg.ever_resolved),
        staff=staff,
        backlog_per_staff=Decimal(agg.open_backlog) / staff if staff else None,
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


def _staffing(agg: GroupAggregate, stats: GroupStats, rules: RuleSet, *, start: datetime,
              as_of: datetime) -> Diagnosis | None:
    """Little's law: average requests in the system L = λ·W; staff needed so each holds at most the target."""
    if not stats.staff or stats.backlog_per_staff is None:
        return None
    if stats.backlog_per_staff <= rules.bottleneck_backlog_per_staff:
        return None
    days = Decimal(max(1, int((as_of - start).total_seconds()))) / 86400
    arrivals_per_day = Decimal(agg.volume) / days
    mean_days_in_system = (Decimal(int(agg.elapsed_total.total_seconds())) / 86400 / agg.volume
                           if agg.volume else Decimal(0))
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
    """Statistics per department, per department × region and per region, and the flagged bottlenecks.

    The reference computation, in Python over every request; services aggregate in SQL and call `judge`."""
    derived_by_department: dict[int, list[_Derived]] = defaultdict(list)
    by_cell: dict[tuple[int, int], list[_Derived]] = defaultdict(list)
    by_region: dict[int, list[_Derived]] = defaultdict(list)
    for fact in facts:
        if fact.status is Status.CANCELLED:
            continue
        derived = _derive(fact, rules, as_of)
        derived_by_department[fact.department_id].append(derived)
        by_cell[(fact.department_id, fact.region_id)].append(derived)
        by_region[fact.region_id].append(derived)
    return judge(Aggregates(departments={d: aggregate(rows) for d, rows in derived_by_department.items()},
                            cells={key: aggregate(rows) for key, rows in by_cell.items()},
                            regions={r: aggregate(rows) for r, rows in by_region.items()}),
                 staff_by_department, rules, start=start, as_of=as_of)


@dataclass(frozen=True, slots=True)
class Aggregates:
    departments: dict[int, GroupAggregate]
    cells: dict[tuple[int, int], GroupAggregate]
    regions: dict[int, GroupAggregate]


def judge(aggregates: Aggregates, staff_by_department: dict[int, int], rules: RuleSet, *, start: datetime,
          as_of: datetime) -> Report:
    """Statistics from the groups' aggregates, then the flags and their diagnoses."""
    departments = {d: stats_of(agg, staff_by_department.get(d, 0)) for d, agg in sorted(aggregates.departments.items())}
    cells = {key: stats_of(agg, None) for key, agg in sorted(aggregates.cells.items())}
    regions = {r: stats_of(agg, None) for r, agg in sorted(aggregates.regions.items())}
    report = Report(departments=departments, cells=cells, regions=regions)
    staffing: dict[int, Diagnosis] = {}
    for department_id, stats in departments.items():
        reasons = _reasons(stats, rules)
        if not reasons:
            continue
        understaffed = _staffing(aggregates.departments[department_id], stats, rules, start=start, as_of=as_of)
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
