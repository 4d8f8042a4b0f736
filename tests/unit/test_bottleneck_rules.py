"""Bottleneck analytics at its thresholds: exactly on a threshold is not a flag, one step over is; every figure and
message of a diagnosis, worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from backend.domain.analytics import DiagnosisKind, RequestFact, bottleneck_report, group_stats
from backend.domain.rules import DEFAULT_RULES
from backend.domain.support import Priority, Status
from tests.unit.test_bottlenecks import AS_OF, EAST, NOC, START, TECH, WEST, fact

H = timedelta(hours=1)


def healthy(department: int = TECH, region: int = EAST, n: int = 1) -> list[RequestFact]:
    return [fact(department, region, submitted_day=1) for _ in range(n)]


def flagged_by(report_: object) -> set[tuple[int, int | None]]:
    return {(b.department_id, b.region_id) for b in report_.bottlenecks}  # type: ignore[attr-defined]


def test_group_figures_by_hand() -> None:
    # NORMAL (8 h / 72 h). Responses 1 h, 2 h, 3 h; resolutions 10 h, 20 h; one still open after 9 days.
    facts = [fact(TECH, EAST, submitted_day=1, accepted_after=n * H, resolved_after=r * H)
             for n, r in ((1, 10), (2, 20))]
    facts.append(fact(TECH, EAST, submitted_day=1, status=Status.IN_PROGRESS, accepted_after=3 * H,
                      resolved_after=None, rating=None))
    facts.append(fact(TECH, EAST, submitted_day=1, status=Status.CANCELLED))  # not counted at all
    stats = group_stats(facts, DEFAULT_RULES, as_of=AS_OF, staff=3)

    assert (stats.volume, stats.resolved, stats.open_backlog, stats.staff) == (3, 2, 1, 3)
    assert (stats.response_median_minutes, stats.response_p90_minutes) == (120, 180)
    assert (stats.resolution_median_minutes, stats.resolution_p90_minutes) == (900, 1200)
    assert stats.p90_sla_ratio == Decimal(9 * 24) / 72  # the open one: 216 h of 72 h
    assert stats.breach_rate == Decimal(1) / 3 and stats.backlog_per_staff == Decimal(1) / 3
    assert stats.mean_satisfaction == 100 and stats.start_delay_median_minutes == 5
    assert group_stats([], DEFAULT_RULES, as_of=AS_OF).p90_sla_ratio is None


def test_the_p90_ratio_is_judged_against_each_requests_own_limit() -> None:
    # An URGENT request resolved in 8 h (2 × its 4 h) is worse than a LOW one resolved in 100 h (100/168).
    urgent = replace(fact(TECH, EAST, submitted_day=1, resolved_after=8 * H), priority=Priority.URGENT)
    low = replace(fact(TECH, EAST, submitted_day=1, resolved_after=100 * H), priority=Priority.LOW)
    assert group_stats([urgent, low], DEFAULT_RULES, as_of=AS_OF).p90_sla_ratio == 2
    one = group_stats([low], DEFAULT_RULES, as_of=AS_OF)
    assert one.p90_sla_ratio == Decimal(100) / 168
    # Ten ratios 0.1 … 1.0 (× 72 h): nearest rank ⌈9⌉ = 9 → 0.9.
    ten = [fact(TECH, EAST, submitted_day=1, resolved_after=timedelta(minutes=432 * n)) for n in range(1, 11)]
    assert group_stats(ten, DEFAULT_RULES, as_of=AS_OF).p90_sla_ratio == Decimal("0.9")


def test_a_request_is_breached_by_either_clock_and_not_on_the_limit() -> None:
    on_limits = fact(TECH, EAST, submitted_day=1, accepted_after=8 * H, resolved_after=72 * H,
                     reported_before=24 * H)
    late_accept = fact(TECH, EAST, submitted_day=1, accepted_after=8 * H + timedelta(seconds=1),
                       resolved_after=10 * H)
    waiting = fact(TECH, EAST, submitted_day=9, status=Status.SUBMITTED, accepted_after=None, resolved_after=None,
                   rating=None)  # submitted 24 h before AS_OF: past its 8 h response limit
    assert group_stats([on_limits], DEFAULT_RULES, as_of=AS_OF).breach_rate == 0
    assert group_stats([on_limits], DEFAULT_RULES, as_of=AS_OF).late_handoff_rate == 0
    assert group_stats([late_accept], DEFAULT_RULES, as_of=AS_OF).breach_rate == 1
    assert group_stats([waiting], DEFAULT_RULES, as_of=AS_OF).breach_rate == 1


def test_reopen_rate_counts_requests_ever_resolved() -> None:
    reopened_once = fact(TECH, EAST, submitted_day=1, status=Status.IN_PROGRESS, resolved_after=None, reopens=1)
    never_resolved = fact(TECH, EAST, submitted_day=1, status=Status.IN_PROGRESS, resolved_after=None)
    resolved = fact(TECH, EAST, submitted_day=1)
    # A reopened request whose old resolution time was not cleared still counts as open.
    stale = replace(reopened_once, status=Status.REOPENED, resolved_at=reopened_once.submitted_at + H)
    stats = group_stats([reopened_once, never_resolved, resolved], DEFAULT_RULES, as_of=AS_OF)
    assert stats.reopen_rate == Decimal(1) / 2
    assert (group_stats([stale], DEFAULT_RULES, as_of=AS_OF).resolved,
            group_stats([stale], DEFAULT_RULES, as_of=AS_OF).open_backlog) == (0, 1)


def _breaching(n: int, department: int = TECH, region: int = EAST, **kw: object) -> list[RequestFact]:
    """Accepted late (9 h of 8), resolved within the 72 h: breached, but the resolution p90 stays healthy."""
    return [fact(department, region, submitted_day=1, accepted_after=9 * H, **kw) for _ in range(n)]  # type: ignore[arg-type]


def test_flags_need_more_than_the_threshold() -> None:
    # Breach rate exactly 20 %: 1 of 5 (and its p90 ratio stays ≤ 1): not a bottleneck; 2 of 5 is.
    at_threshold = [*healthy(n=4), *_breaching(1)]
    assert flagged_by(bottleneck_report(at_threshold, {TECH: 5}, DEFAULT_RULES, start=START, as_of=AS_OF)) == set()
    over = [*healthy(n=3), *_breaching(2)]
    report = bottleneck_report(over, {TECH: 5}, DEFAULT_RULES, start=START, as_of=AS_OF)
    assert flagged_by(report) == {(TECH, None), (TECH, EAST)}
    assert report.bottlenecks[0].reasons == ["SLA breach rate 40.00% exceeds 20.00%"]
    # p90 exactly at its limit (resolved in exactly 72 h) is not a reason; one second over is.
    exactly = [fact(TECH, EAST, submitted_day=1, resolved_after=72 * H) for _ in range(10)]
    assert flagged_by(bottleneck_report(exactly, {TECH: 5}, DEFAULT_RULES, start=START, as_of=AS_OF)) == set()
    slow = [fact(TECH, EAST, submitted_day=1, resolved_after=72 * H + timedelta(seconds=36)) for _ in range(10)]
    report = bottleneck_report([*slow, *healthy(n=90)], {TECH: 5}, DEFAULT_RULES, start=START, as_of=AS_OF)
    assert report.bottlenecks == []  # the 90th of 100 (nearest rank) is a healthy one
    report = bottleneck_report(slow, {TECH: 5}, DEFAULT_RULES, start=START, as_of=AS_OF)
    assert report.bottlenecks[0].reasons == [
        "SLA breach rate 100.00% exceeds 20.00%",
        "p90 resolution time is 100.01% of its SLA limit (threshold 100.00%)"]


def test_no_single_cause_is_sla_pressure() -> None:
    report = bottleneck_report(_breaching(2), {TECH: 5}, DEFAULT_RULES, start=START, as_of=AS_OF)
    for bottleneck in report.bottlenecks:  # the department and its one cell
        [diagnosis] = bottleneck.diagnoses
        assert diagnosis.kind is DiagnosisKind.SLA_PRESSURE
        assert diagnosis.message == "SLA under pressure with no single cause above its threshold: review case by case"
        assert diagnosis.figures == {"volume": Decimal(2), "openBacklog": Decimal(0)}


def test_understaffed_at_more_than_five_open_requests_each() -> None:
    # 41 open over 8 staff = 5.125 each (shown half-up: 5.13); 40 over 8 is exactly the target: not understaffed.
    def open_requests(n: int) -> list[RequestFact]:
        return [fact(TECH, EAST, submitted_day=1, status=Status.SUBMITTED, accepted_after=None, resolved_after=None,
                     rating=None) for _ in range(n)]
    at_target = bottleneck_report(open_requests(40), {TECH: 8}, DEFAULT_RULES, start=START, as_of=AS_OF)
    assert all(d.kind is not DiagnosisKind.UNDERSTAFFED for b in at_target.bottlenecks for d in b.diagnoses)
    report = bottleneck_report(open_requests(41), {TECH: 8}, DEFAULT_RULES, start=START, as_of=AS_OF)
    understaffed = next(d for d in report.bottlenecks[0].diagnoses if d.kind is DiagnosisKind.UNDERSTAFFED)
    # λ = 41 / 10 days; each has waited 9 days; L = 4.1 × 9 = 36.9 < 41 open → ⌈41 / 5⌉ = 9 staff → +1.
    assert understaffed.figures == {
        "openBacklog": Decimal(41), "staff": Decimal(8), "backlogPerStaff": Decimal("5.13"),
        "targetBacklogPerStaff": Decimal(5), "arrivalsPerDay": Decimal("4.10"), "meanDaysInSystem": Decimal("9.00"),
        "averageInSystem": Decimal("36.90"), "staffNeeded": Decimal(9)}
    assert understaffed.message == ("understaffed: 41 open requests over 8 staff (5.13 each, target 5.00); "
                                    "suggest +1 staff")
    # The department's cell carries the same diagnosis.
    assert report.bottlenecks[1].region_id == EAST and understaffed in report.bottlenecks[1].diagnoses


def test_little_law_figures_at_their_rounding_edges() -> None:
    # Each request spent exactly 3 h (0.125 days, half-up 0.13) in the system; all arrived in the first second.
    three_hours = [fact(TECH, EAST, submitted_day=0, accepted_after=H, resolved_after=3 * H) for _ in range(30)]
    waiting = [replace(fact(TECH, EAST, submitted_day=0, status=Status.SUBMITTED, accepted_after=None,
                            resolved_after=None, rating=None), priority=Priority.URGENT) for _ in range(12)]
    as_of = START + 3 * H  # the 12 URGENT ones breached their 30 min response: 12 of 42 breached
    report = bottleneck_report(three_hours + waiting, {TECH: 2}, DEFAULT_RULES, start=START, as_of=as_of)
    understaffed = next(d for d in report.bottlenecks[0].diagnoses if d.kind is DiagnosisKind.UNDERSTAFFED)
    assert understaffed.figures["meanDaysInSystem"] == Decimal("0.13")
    assert understaffed.figures["arrivalsPerDay"] == Decimal("336.00")  # 42 in 0.125 days
    # Judged the moment the period starts, the rate still has a one-second floor rather than dividing by zero.
    instant = [fact(TECH, EAST, submitted_day=0, status=Status.SUBMITTED, accepted_after=None, resolved_after=None,
                    rating=None, reported_before=H) for _ in range(12)]
    stats_only = bottleneck_report(instant, {TECH: 2}, replace_rules(), start=START, as_of=START)
    floor = next(d for d in stats_only.bottlenecks[0].diagnoses if d.kind is DiagnosisKind.UNDERSTAFFED)
    assert floor.figures["arrivalsPerDay"] == Decimal(12 * 86400)


def replace_rules() -> object:
    # Flag on any breach so a period judged at its first second can be diagnosed at all.
    return replace(DEFAULT_RULES, bottleneck_breach_rate=Decimal(-1), version="test")


def test_friction_and_handoff_at_their_thresholds_and_their_messages() -> None:
    def accepted_then(start_after: timedelta, **kw: object) -> RequestFact:
        return fact(TECH, EAST, submitted_day=1, started_after=start_after, resolved_after=100 * H, **kw)  # type: ignore[arg-type]

    # Work starts exactly 2 h after acceptance (the threshold): no friction from that alone.
    on_threshold = bottleneck_report([accepted_then(2 * H) for _ in range(3)], {TECH: 10}, DEFAULT_RULES,
                                     start=START, as_of=AS_OF)
    assert {d.kind for d in on_threshold.bottlenecks[0].diagnoses} == {DiagnosisKind.SLA_PRESSURE}
    slow = bottleneck_report([accepted_then(2 * H + timedelta(minutes=6)) for _ in range(3)], {TECH: 10},
                             DEFAULT_RULES, start=START, as_of=AS_OF)
    [friction] = slow.bottlenecks[0].diagnoses
    assert friction.message == ("process friction, suggest streamlining: median 126.00 min from accepted to in "
                                "progress (threshold 120.00)")
    assert friction.figures == {"startDelayThresholdMinutes": Decimal(120), "reopenRateThreshold": Decimal("0.10"),
                                "startDelayMedianMinutes": Decimal("126.00"), "reopenRate": Decimal(0)}
    # Reopens alone: 1 of 10 (exactly 10 %) is fine, 2 of 10 is friction.
    ten = [accepted_then(H, reopens=1 if i < 1 else 0) for i in range(10)]
    assert {d.kind for d in bottleneck_report(ten, {TECH: 10}, DEFAULT_RULES, start=START,
                                              as_of=AS_OF).bottlenecks[0].diagnoses} == {DiagnosisKind.SLA_PRESSURE}
    ten = [accepted_then(H, reopens=1 if i < 2 else 0) for i in range(10)]
    [reopens] = bottleneck_report(ten, {TECH: 10}, DEFAULT_RULES, start=START, as_of=AS_OF).bottlenecks[0].diagnoses
    assert reopens.message == ("process friction, suggest streamlining: 20.00% of resolutions reopened "
                               "(threshold 10.00%)")
    both = [accepted_then(3 * H, reopens=1 if i < 2 else 0) for i in range(10)]
    [friction] = bottleneck_report(both, {TECH: 10}, DEFAULT_RULES, start=START, as_of=AS_OF).bottlenecks[0].diagnoses
    assert friction.message == ("process friction, suggest streamlining: median 180.00 min from accepted to in progress "
                                "(threshold 120.00); 20.00% of resolutions reopened (threshold 10.00%)")

    # Late handoffs: exactly 20 % is fine, more is the frontline's discipline.
    def handed(late: int) -> list[RequestFact]:
        return [fact(TECH, EAST, submitted_day=1, resolved_after=100 * H, reported_before=30 * H if i < late else H)
                for i in range(5)]
    assert {d.kind for d in bottleneck_report(handed(1), {TECH: 10}, DEFAULT_RULES, start=START,
                                              as_of=AS_OF).bottlenecks[0].diagnoses} == {DiagnosisKind.SLA_PRESSURE}
    [handoff] = bottleneck_report(handed(2), {TECH: 10}, DEFAULT_RULES, start=START,
                                  as_of=AS_OF).bottlenecks[0].diagnoses
    assert handoff.kind is DiagnosisKind.FRONTLINE_HANDOFF
    assert handoff.message == ("frontline handoff discipline: 40.00% of requests reached support more than 24.00 h "
                               "after the customer reported them (threshold 20.00%)")
    assert handoff.figures == {"lateHandoffRate": Decimal("0.40"), "lateHandoffRateThreshold": Decimal("0.20"),
                               "handoffThresholdHours": Decimal(24)}


def test_every_group_is_reported_whatever_comes_first() -> None:
    # A cancelled request first, a healthy department (id 1) before a flagged one (id 2), a healthy cell before a
    # flagged one: none of them stops the report early.
    facts = [fact(NOC, EAST, submitted_day=1, status=Status.CANCELLED), *healthy(TECH, EAST, n=2),
             *healthy(NOC, EAST, n=4), *_breaching(3, department=NOC, region=WEST)]
    report = bottleneck_report(facts, {NOC: 10}, DEFAULT_RULES, start=START, as_of=AS_OF)
    assert set(report.departments) == {TECH, NOC} and report.departments[TECH].staff == 0
    assert report.departments[NOC].volume == 7 and set(report.regions) == {EAST, WEST}
    assert flagged_by(report) == {(NOC, None), (NOC, WEST)}
    assert [d.kind for d in report.bottlenecks[1].diagnoses] == [DiagnosisKind.SLA_PRESSURE]
