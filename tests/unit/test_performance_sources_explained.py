"""Where actuals come from, in full: each source's value, every record behind it (with what about it counted)
and the explanation in both languages — the person assessed redoes the figure from these alone (SPEC §4, §7)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from backend.domain.performance import Actual, RecordKind, SourceRecord, SubjectKind, Text
from backend.domain.performance_sources import (
    Candidate,
    ClosedProject,
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
from backend.domain.support import figures
from tests.unit.test_performance_sources import NOW, handled, raised, timing

D = Decimal
REQ, REGION = RecordKind.SUPPORT_REQUEST, RecordKind.REGION
P = "2026-11"


def request(pk: int, note: str, *, value: Decimal | None = None, included: bool = True) -> SourceRecord:
    return SourceRecord(kind=REQ, id=pk, label=f"#{pk}", value=value, note=note, included=included)


def test_satisfaction_lists_each_rating_and_the_unrated() -> None:
    assert satisfaction_actual([handled(1, rating=5), handled(2, rating=None), handled(3, rating=3)],
                               period=P) == Actual(
        value=D(80),
        records=(request(1, "rated 5 ★ → 100", value=D(100)), request(2, "not rated yet: not counted", included=False),
                 request(3, "rated 3 ★ → 60", value=D(60))),
        explanation=Text(zh="2026-11 解决的需求 3 个，已评价 2 个（未评价 1 个不计）：满意度 = 评分 × 20 的平均值 = 160 / 2 = 80",
                         en="3 requests resolved in 2026-11, 2 rated (1 unrated, not counted): mean of rating × 20 = "
                            "160 / 2 = 80"))


def test_no_satisfaction_says_whether_nothing_was_resolved_or_nothing_rated() -> None:
    assert satisfaction_actual([handled(1, rating=None)], period=P) == Actual(
        value=None, records=(request(1, "not rated yet: not counted", included=False),),
        explanation=Text(zh="2026-11 解决的需求 1 个，均未评价：本期无满意度",
                         en="1 requests resolved in 2026-11, none rated: no satisfaction this period"))
    assert satisfaction_actual([], period=P).explanation.en == "no requests resolved in 2026-11: no satisfaction this period"


def test_the_sla_rate_lists_each_request_met_or_breached() -> None:
    assert sla_rate_actual([handled(1, rating=5, resolved_after=timedelta(hours=80)), handled(2, rating=None)],
                           period=P) == Actual(
        value=D(50), records=(request(1, "resolution SLA breached"), request(2, "resolution SLA met")),
        explanation=Text(zh="2026-11 解决的需求 2 个，1 个在解决时限内：100 × 1 / 2 = 50",
                         en="2 requests resolved in 2026-11, 1 within their resolution SLA: 100 × 1 / 2 = 50"))
    assert sla_rate_actual([], period=P) == Actual(value=None, explanation=Text(
        zh="2026-11 没有解决的需求：本期无及时率", en="no requests resolved in 2026-11: no SLA rate this period"))


def late_unresolved() -> RaisedRequest:
    t = timing(rating=None, resolved_after=None, handoff=timedelta(hours=30))
    return RaisedRequest(id=4, title="#4", figures=figures(t, DEFAULT_RULES, now=NOW), resolved=False,
                         confirmed_and_rated=False)


def test_utilisation_lists_each_handoff_and_confirmation() -> None:
    result = utilisation_actual([raised(1, late=False, rating=5), raised(2, late=False, rating=None),
                                 late_unresolved()], DEFAULT_RULES, period=P)
    assert result == Actual(
        value=D(70) * 2 / 3 + D(30) * 1 / 2,
        records=(request(1, "handed off within 24 h; resolved, confirmed and rated"),
                 request(2, "handed off within 24 h; resolved, not confirmed"),
                 request(4, "handed off 30 h after the customer report (late: over 24 h)")),
        explanation=Text(
            zh="2026-11 提交需求 3 个（不含取消）：24 小时内转交 2/3，已解决中确认并评价 1/2：70 × 2/3 + 30 × 1/2 = 61.66",
            en="3 requests submitted in 2026-11 (not cancelled): 2/3 handed off within 24 h, 1/2 of the resolved ones "
               "confirmed and rated: 70 × 2/3 + 30 × 1/2 = 61.66"))


def test_utilisation_with_nothing_resolved_counts_the_confirmation_share_as_1_and_names_the_rules_threshold() -> None:
    rules = replace(DEFAULT_RULES, handoff_threshold=timedelta(minutes=80))
    result = utilisation_actual([late_unresolved()], rules, period=P)
    assert result.value == 30  # 70 × 0/1 + 30 × 1
    assert result.records == (request(4, "handed off 30 h after the customer report (late: over 1.3 h)"),)
    assert result.explanation == Text(
        zh="2026-11 提交需求 1 个（不含取消）：1.3 小时内转交 0/1，已解决中确认并评价 无已解决需求，按 1：70 × 0/1 + 30 × "
           "无已解决需求，按 1 = 30",
        en="1 requests submitted in 2026-11 (not cancelled): 0/1 handed off within 1.3 h, 1 (none resolved yet) of "
           "the resolved ones confirmed and rated: 70 × 0/1 + 30 × 1 (none resolved yet) = 30")


def test_a_recorded_value_names_its_level_and_where_it_was_looked_for() -> None:
    assert recorded_actual([Candidate(SubjectKind.EMPLOYEE, "F0001 李娜", RecordedValue(3, D("92.50")))],
                           period=P) == Actual(
        value=D("92.5"), level=SubjectKind.EMPLOYEE,
        records=(SourceRecord(kind=RecordKind.MEASUREMENT, id=3, label="F0001 李娜", value=D("92.5")),),
        explanation=Text(zh="2026-11 录入的本人数值（F0001 李娜）：92.5",
                         en="the employee's own value recorded for 2026-11 (F0001 李娜): 92.5"))
    assert recorded_actual([Candidate(SubjectKind.EMPLOYEE, "F0001 李娜", None),
                            Candidate(SubjectKind.DEPARTMENT, "市场部 (MKT)", None)], period=P) == Actual(
        value=None, explanation=Text(zh="2026-11 尚未录入数值（查找：F0001 李娜、市场部 (MKT)）",
                                     en="no value recorded for 2026-11 (looked for: F0001 李娜, 市场部 (MKT))"))


REGIONS = [LinkedRegion(1, "R1", "城东片区", D(2)), LinkedRegion(2, "R2", "城西片区", D(1)),
           LinkedRegion(3, "R3", "城南片区", D("0.5"))]


def left_out(pk: int, label: str, weight: Decimal) -> SourceRecord:
    return SourceRecord(kind=REGION, id=pk, label=label, weight=weight, note="no value recorded: left out",
                        included=False)


def test_linked_regions_are_weighted_and_each_is_named() -> None:
    assert linked_region_actual(REGIONS, {1: RecordedValue(11, D(90)), 3: RecordedValue(13, D(78))}, period=P,
                                own_region=False) == Actual(
        value=D("87.6"),
        records=(SourceRecord(kind=REGION, id=1, label="城东片区 (R1)", value=D(90), weight=D(2), note="measurement #11"),
                 left_out(2, "城西片区 (R2)", D(1)),
                 SourceRecord(kind=REGION, id=3, label="城南片区 (R3)", value=D(78), weight=D("0.5"),
                              note="measurement #13")),
        explanation=Text(zh="按支撑关联权重加权（城东片区 (R1) 权重 2、城南片区 (R3) 权重 0.5）：(2 × 90 + 0.5 × 78) / 2.5 = 87.6",
                         en="weighted by support link (城东片区 (R1) weight 2, 城南片区 (R3) weight 0.5): "
                            "(2 × 90 + 0.5 × 78) / 2.5 = 87.6"))


def test_without_region_values_there_is_no_actual_and_it_says_why() -> None:
    assert linked_region_actual(REGIONS[:2], {}, period=P, own_region=False) == Actual(
        value=None, records=(left_out(1, "城东片区 (R1)", D(2)), left_out(2, "城西片区 (R2)", D(1))),
        explanation=Text(zh="关联片区 2026-11 均未录入数值：本期无数据", en="no linked region has a value for 2026-11"))
    assert linked_region_actual([], {}, period=P, own_region=False).explanation == Text(
        zh="没有关联片区：本期无数据", en="no linked regions: no data this period")
    assert linked_region_actual([], {}, period=P, own_region=True).explanation == Text(
        zh="员工不属于任何片区：本期无数据", en="the employee belongs to no region: no data this period")


def test_a_frontline_employee_takes_their_own_region_value() -> None:
    assert linked_region_actual(REGIONS[1:2], {2: RecordedValue(12, D("81.5"))}, period=P, own_region=True) == Actual(
        value=D("81.5"),
        records=(SourceRecord(kind=REGION, id=2, label="城西片区 (R2)", value=D("81.5"), weight=D(1),
                              note="measurement #12"),),
        explanation=Text(zh="所在片区 城西片区 (R2) 2026-11 的数值：81.5", en="their region 城西片区 (R2), value for 2026-11: 81.5"))


def test_project_attainment_lists_each_project() -> None:
    assert project_actual([ClosedProject(1, "光网", D("0.91234")), ClosedProject(2, "专线", D("0.6"))],
                          period=P) == Actual(
        value=D("75.617"),
        records=(SourceRecord(kind=RecordKind.PROJECT, id=1, label="光网", value=D("91.234"), note="attainment A = 0.9123"),
                 SourceRecord(kind=RecordKind.PROJECT, id=2, label="专线", value=D(60), note="attainment A = 0.6")),
        explanation=Text(zh="2026-11 结项的参与项目 2 个，目标达成率 × 100 的平均值 = 75.61",
                         en="2 projects they worked on closed in 2026-11: mean attainment × 100 = 75.61"))
    assert project_actual([], period=P) == Actual(value=None, explanation=Text(
        zh="2026-11 没有结项的参与项目：本期无数据", en="no project they worked on closed in 2026-11"))
