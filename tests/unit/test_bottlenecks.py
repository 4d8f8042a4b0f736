"""Bottleneck analytics on a small scenario whose flags and figures are worked out by hand below."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from backend.domain.analytics import DiagnosisKind, RequestFact, bottleneck_report, median, percentile
from backend.domain.rules import DEFAULT_RULES
from backend.domain.support import Priority, Status

START = datetime(2026, 11, 1, tzinfo=UTC)
AS_OF = datetime(2026, 11, 11, tzinfo=UTC)  # ten days into the period
TECH, NOC = 1, 2
EAST, WEST = 10, 20


def fact(department: int, region: int, *, submitted_day: int, status: Status = Status.CONFIRMED,
         accepted_after: timedelta | None = timedelta(minutes=60), started_after: timedelta | None = None,
         resolved_after: timedelta | None = timedelta(hours=10), reported_before: timedelta = timedelta(hours=1),
         rating: int | None = 5, reopens: int = 0) -> RequestFact:
    submitted = START + timedelta(days=submitted_day)
    accepted = submitted + accepted_after if accepted_after is not None else None
    started = accepted + (started_after or timedelta(minutes=5)) if accepted else None
    resolved = submitted + resolved_after if resolved_after is not None else None
    return RequestFact(department_id=department, region_id=region, priority=Priority.NORMAL, status=status,
                       customer_reported_at=submitted - reported_before, submitted_at=submitted,
                       accepted_at=accepted, started_at=started, resolved_at=resolved, rating=rating,
                       reopen_count=reopens)


def test_percentiles_are_nearest_rank() -> None:
    values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert percentile(values, Decimal("0.9")) == 90
    assert percentile([7], Decimal("0.9")) == 7
    assert median(values) == 55
    assert median([3, 1, 2]) == 2
    assert percentile([], Decimal("0.9")) is None


def test_hand_computed_scenario() -> None:
    # NOC: 4 healthy requests (NORMAL: response 8 h, resolution 72 h), 2 staff.
    healthy = [fact(NOC, EAST, submitted_day=d) for d in range(4)]
    # TECH, 2 staff: 12 open requests submitted on day 1, never accepted → each has waited 9 days (> 72 h):
    # breached; backlog 12 over 2 staff = 6 each (> 5).
    open_tech = [fact(TECH, EAST, submitted_day=1, status=Status.SUBMITTED, accepted_after=None,
                      resolved_after=None, rating=None) for _ in range(12)]
    # TECH in WEST: 4 resolved in 10 h, but 3 of them reported 30 h before submission (late handoff).
    west = [fact(TECH, WEST, submitted_day=2, reported_before=timedelta(hours=30 if i < 3 else 1))
            for i in range(4)]
    report = bottleneck_report([*healthy, *open_tech, *west], {TECH: 2, NOC: 2}, DEFAULT_RULES,
                               start=START, as_of=AS_OF)

    tech = report.departments[TECH]
    assert (tech.volume, tech.resolved, tech.open_backlog, tech.staff) == (16, 4, 12, 2)
    assert tech.breach_rate == Decimal(12) / 16  # 75 %
    assert tech.backlog_per_staff == 6
    assert tech.late_handoff_rate == Decimal(3) / 16
    assert tech.mean_satisfaction == 100
    assert tech.resolution_median_minutes == 600
    # p90 over 16 SLA ratios: 12 × (9 days ÷ 72 h = 3) and 4 × (10 h ÷ 72 h); rank ⌈14.4⌉ = 15 → 3.
    assert tech.p90_sla_ratio == 3
    assert report.departments[NOC].breach_rate == 0

    flagged = {(b.department_id, b.region_id): b for b in report.bottlenecks}
    assert set(flagged) == {(TECH, None), (TECH, EAST)}  # NOC and TECH × WEST are healthy

    whole = flagged[(TECH, None)]
    assert whole.reasons[0] == "SLA breach rate 75.00% exceeds 20.00%"
    understaffed = next(d for d in whole.diagnoses if d.kind is DiagnosisKind.UNDERSTAFFED)
    # Little's law: λ = 16 / 10 days = 1.6/day; W = (12 × 9 days + 4 × 10 h) / 16 = 6.8542 days;
    # L = λ·W = 10.9667.
    # The open backlog (12) is larger, so staff needed = ⌈12 / 5⌉ = 3 → +1.
    assert understaffed.figures["arrivalsPerDay"] == Decimal("1.60")
    assert understaffed.figures["meanDaysInSystem"] == Decimal("6.85")
    assert understaffed.figures["averageInSystem"] == Decimal("10.97")
    assert understaffed.figures["staffNeeded"] == 3
    assert understaffed.suggested_staff == 1
    assert "suggest +1 staff" in understaffed.message

    # The WEST cell is not flagged (no breaches), but its late-handoff rate is visible: 3 of 4.
    assert report.cells[(TECH, WEST)].late_handoff_rate == Decimal("0.75")
    assert report.regions[WEST].late_handoff_rate == Decimal("0.75")


def test_friction_and_handoff_diagnoses() -> None:
    # Accepted quickly but left 3 h before work starts, resolved after 80 h (breach), reported 2 days late.
    slow = [fact(TECH, EAST, submitted_day=0, started_after=timedelta(hours=3), resolved_after=timedelta(hours=80),
                 reported_before=timedelta(hours=48), reopens=1 if i < 2 else 0) for i in range(5)]
    report = bottleneck_report(slow, {TECH: 10}, DEFAULT_RULES, start=START, as_of=AS_OF)

    kinds = {d.kind for d in report.bottlenecks[0].diagnoses}
    assert kinds == {DiagnosisKind.PROCESS_FRICTION, DiagnosisKind.FRONTLINE_HANDOFF}
    friction = next(d for d in report.bottlenecks[0].diagnoses if d.kind is DiagnosisKind.PROCESS_FRICTION)
    assert friction.figures["startDelayMedianMinutes"] == 180
    assert friction.figures["reopenRate"] == Decimal("0.40")
