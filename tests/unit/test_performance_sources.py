"""Where actuals come from: support satisfaction, SLA rate and utilisation from hand-built requests (late
handoffs, unrated and unresolved ones included), linked regions by link weight, recorded values by level."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from backend.domain.performance import RecordKind, SubjectKind
from backend.domain.performance_sources import (
    Candidate,
    ClosedProject,
    HandledRequest,
    LinkedRegion,
    RaisedRequest,
    RecordedValue,
    linked_region_actual,
    project_actual,
    recorded_actual,
    satisfaction_actual,
    sla_rate_actual,
    utilisation_actual,
)
from backend.domain.rules import DEFAULT_RULES
from backend.domain.support import Priority, Status, Timing, figures

D = Decimal
T0 = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def timing(*, rating: int | None, resolved_after: timedelta | None = timedelta(hours=2),
           handoff: timedelta = timedelta(hours=1), status: Status | None = None) -> Timing:
    resolved = resolved_after is not None
    return Timing(priority=Priority.NORMAL,
                  status=status or (Status.CONFIRMED if rating is not None else Status.RESOLVED if resolved
                                    else Status.IN_PROGRESS),
                  customer_reported_at=T0 - handoff, submitted_at=T0, accepted_at=T0 + timedelta(minutes=10),
                  started_at=T0 + timedelta(minutes=20), resolved_at=T0 + resolved_after if resolved_after else None,
                  rating=rating)


def handled(pk: int, **kwargs: object) -> HandledRequest:
    return HandledRequest(id=pk, title=f"#{pk}", figures=figures(timing(**kwargs), DEFAULT_RULES, now=NOW))  # type: ignore[arg-type]


def test_satisfaction_is_the_mean_of_rated_requests_and_lists_the_unrated() -> None:
    requests = [handled(1, rating=5), handled(2, rating=4), handled(3, rating=None), handled(4, rating=3)]
    result = satisfaction_actual(requests, period="2026-11")
    assert result.value == D(100 + 80 + 60) / 3  # 80; the unrated one is left out
    assert [r.included for r in result.records] == [True, True, False, True]
    assert "1 unrated" in result.explanation.en and "未评价 1 个" in result.explanation.zh


def test_no_rated_request_means_no_satisfaction() -> None:
    assert satisfaction_actual([handled(1, rating=None)], period="2026-11").value is None
    assert satisfaction_actual([], period="2026-11").value is None


def test_sla_rate_is_the_share_resolved_within_the_limit() -> None:
    # NORMAL: 72 h to resolve; exactly on the limit counts as met.
    requests = [handled(1, rating=5, resolved_after=timedelta(hours=72)),
                handled(2, rating=None, resolved_after=timedelta(hours=72, seconds=1)),
                handled(3, rating=4, resolved_after=timedelta(hours=3))]
    result = sla_rate_actual(requests, period="2026-11")
    assert result.value == D(200) / 3
    assert [r.note for r in result.records] == ["resolution SLA met", "resolution SLA breached", "resolution SLA met"]


def raised(pk: int, *, late: bool, rating: int | None, resolved: bool = True) -> RaisedRequest:
    t = timing(rating=rating, resolved_after=timedelta(hours=2) if resolved else None,
               handoff=timedelta(hours=30) if late else timedelta(hours=23, minutes=59))
    return RaisedRequest(id=pk, title=f"#{pk}", figures=figures(t, DEFAULT_RULES, now=NOW), resolved=resolved,
                         confirmed_and_rated=rating is not None)


def test_utilisation_counts_late_handoffs_and_unconfirmed_resolutions() -> None:
    requests = [raised(1, late=False, rating=5), raised(2, late=True, rating=None), raised(3, late=False, rating=4),
                raised(4, late=True, rating=None, resolved=False)]
    result = utilisation_actual(requests, DEFAULT_RULES, period="2026-11")
    # 2 of 4 handed off within 24 h; of the 3 resolved, 2 confirmed and rated: 70 × 2/4 + 30 × 2/3 = 55
    assert result.value == D(70) * 2 / 4 + D(30) * 2 / 3
    assert "2/4" in result.explanation.en and "2/3" in result.explanation.en
    assert "late: over 24 h" in (result.records[1].note or "")


def test_utilisation_without_requests_is_100_by_rule() -> None:
    result = utilisation_actual([], DEFAULT_RULES, period="2026-11")
    assert result.value == 100 and "by rule" in result.explanation.en


def test_linked_region_is_weighted_by_support_link_and_names_each_region() -> None:
    regions = [LinkedRegion(1, "R1", "城东片区", D(2)), LinkedRegion(2, "R2", "城西片区", D(1))]
    result = linked_region_actual(regions, {1: RecordedValue(11, D(90)), 2: RecordedValue(12, D(78))},
                                  period="2026-11", own_region=False)
    assert result.value == D(2 * 90 + 78) / 3
    assert [(r.kind, r.label, r.weight, r.value) for r in result.records] == [
        (RecordKind.REGION, "城东片区 (R1)", D(2), D(90)), (RecordKind.REGION, "城西片区 (R2)", D(1), D(78))]
    assert "城东片区 (R1) weight 2" in result.explanation.en and "城西片区 (R2) 权重 1" in result.explanation.zh


def test_a_linked_region_without_a_value_is_listed_and_left_out() -> None:
    regions = [LinkedRegion(1, "R1", "城东片区", D(2)), LinkedRegion(2, "R2", "城西片区", D(1))]
    result = linked_region_actual(regions, {2: RecordedValue(12, D(78))}, period="2026-11", own_region=False)
    assert result.value == D(78)
    assert not result.records[0].included and "left out" in (result.records[0].note or "")
    assert linked_region_actual(regions, {}, period="2026-11", own_region=False).value is None


def test_recorded_value_prefers_the_employee_then_the_department() -> None:
    candidates = [Candidate(SubjectKind.EMPLOYEE, "F0001 李娜", None),
                  Candidate(SubjectKind.DEPARTMENT, "市场部 (MKT)", RecordedValue(5, D("87.5")))]
    result = recorded_actual(candidates, period="2026-11")
    assert result.value == D("87.5") and result.level is SubjectKind.DEPARTMENT
    assert result.records[0].id == 5
    assert recorded_actual([Candidate(SubjectKind.EMPLOYEE, "F0001", None)], period="2026-11").value is None


def test_project_attainment_is_the_mean_of_closed_projects() -> None:
    result = project_actual([ClosedProject(1, "光网", D("0.9")), ClosedProject(2, "专线", D("0.6"))],
                            period="2026-11")
    assert result.value == D(75)
    assert project_actual([], period="2026-11").value is None
