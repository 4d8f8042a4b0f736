"""Appeals (reason, decision, adjustment shown on the line, audited) and locking: a locked period's scorecards
never change — not by a scheme published afterwards, nor by late values or appeals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from backend.graphql.ids import encode_id
from backend.persistence.models import AuditEntry, ScorecardSnapshot
from backend.services.performance import current_period
from tests.api.conftest import gql, table_counts, token_for
from tests.api.performance.conftest import ERR, PERIOD, ZONE, Performance
from tests.api.performance.test_import import upload
from tests.api.performance.test_schemes import publish

pytestmark = pytest.mark.asyncio(loop_scope="session")

RECORD = f"""mutation($input: RecordMeasurementInput!) {{ recordMeasurement(input: $input) {{ __typename {ERR}
  ... on MeasurementSuccess {{ changed measurement {{ value origin subject }} }} }} }}"""
APPEAL = f"""mutation($input: AppealScorecardLineInput!) {{ appealScorecardLine(input: $input) {{ __typename {ERR}
  ... on AppealSuccess {{ created appeal {{ id status reason actualAtAppeal scoreAtAppeal indicator {{ code }} }} }} }} }}"""
DECIDE = f"""mutation($input: DecideAppealInput!) {{ decideAppeal(input: $input) {{ __typename {ERR}
  ... on AppealSuccess {{ appeal {{ id status response decidedBy adjustedActual }} }} }} }}"""
LOCK = f"""mutation($p: String!) {{ lockPerformancePeriod(period: $p) {{ __typename {ERR}
  ... on PerformancePeriodSuccess {{ period {{ period locked scorecards ruleVersion }} }} }} }}"""
QUEUE = """query { performanceAppeals(status: PENDING) { id period reason employee { employeeNo } indicator { code } } }"""


async def call(client: httpx.AsyncClient, query: str, variables: dict[str, Any], token: str) -> dict[str, Any]:
    result = await gql(client, query, variables, token=token)
    assert "errors" not in result, result
    payload: dict[str, Any] = next(iter(result["data"].values()))
    return payload


def line(card: dict[str, Any], code: str) -> dict[str, Any]:
    found: dict[str, Any] = next(item for item in card["lines"] if item["indicator"]["code"] == code)
    return found


async def test_an_appeal_decided_with_an_adjustment_changes_the_score_with_its_reason(
        client: httpx.AsyncClient, assessed: Performance) -> None:
    o = assessed.org
    staff = encode_id("Employee", o.staff_id)
    recorded = await call(client, RECORD, {"input": {"indicatorCode": "VISITS", "period": PERIOD, "value": "36",
                                                     "employeeId": staff}}, o.hr)
    assert recorded["changed"] is True
    same = await call(client, RECORD, {"input": {"indicatorCode": "VISITS", "period": PERIOD, "value": "36.0",
                                                 "employeeId": staff}}, o.hr)
    assert same["changed"] is False
    await call(client, RECORD, {"input": {"indicatorCode": "RETENTION", "period": PERIOD, "value": "90",
                                          "regionCode": "R1"}}, o.hr)
    before = await assessed.scorecard(client, staff, o.staff)
    assert D(line(before, "VISITS")["score"]) == 90

    appeal = await call(client, APPEAL, {"input": {"period": PERIOD, "indicatorCode": "VISITS",
                                                   "reason": "漏计了 10 月 28 日的 4 次拜访"}}, o.staff)
    assert (appeal["created"], appeal["appeal"]["status"], appeal["appeal"]["actualAtAppeal"]) == (True, "PENDING", "36")
    resent = await call(client, APPEAL, {"input": {"period": PERIOD, "indicatorCode": "VISITS",
                                                   "reason": "漏计了 10 月 28 日的 4 次拜访"}}, o.staff)
    assert resent["created"] is False and resent["appeal"]["id"] == appeal["appeal"]["id"]
    queue = await gql(client, QUEUE, token=o.hr)
    assert [(a["employee"]["employeeNo"], a["indicator"]["code"]) for a in queue["data"]["performanceAppeals"]] == [
        ("F0001", "VISITS")]
    assert (await gql(client, QUEUE, token=token_for(o.other_staff_id)))["data"]["performanceAppeals"] == []

    refused_lock = await call(client, LOCK, {"p": PERIOD}, o.hr)
    assert refused_lock["code"] == "CONFLICT" and "pending" in refused_lock["message"]
    not_hr = await call(client, DECIDE, {"input": {"appealId": appeal["appeal"]["id"], "accept": True,
                                                   "response": "同意", "adjustedActual": "40"}}, o.manager)
    assert not_hr["code"] == "PERMISSION_DENIED"
    decided = await call(client, DECIDE, {"input": {"appealId": appeal["appeal"]["id"], "accept": True,
                                                    "response": "核实拜访记录，补计 4 次", "adjustedActual": "40"}}, o.hr)
    assert (decided["appeal"]["status"], decided["appeal"]["decidedBy"]) == ("ACCEPTED", "周敏 (HR0001)")
    twice = await call(client, DECIDE, {"input": {"appealId": appeal["appeal"]["id"], "accept": False,
                                                  "response": "再议"}}, o.hr)
    assert twice["code"] == "INVALID_TRANSITION"

    after = await assessed.scorecard(client, staff, o.staff)
    visits = line(after, "VISITS")
    assert (D(visits["score"]), D(visits["computedScore"]), visits["actual"]) == (D(100), D(90), "36")
    assert visits["adjustment"]["decision"] == "核实拜访记录，补计 4 次"
    assert visits["adjustment"]["reason"] == "漏计了 10 月 28 日的 4 次拜访"
    assert "核实拜访记录" in visits["scoreNote"]["zh"] and visits["appeal"]["status"] == "ACCEPTED"
    # weight 50 × (100 − 90) / 100, to the precision of exact decimal arithmetic (28 digits)
    assert (D(after["total"]) - D(before["total"])).quantize(D("1e-20")) == D(5)
    actions = [e.action for e in await AuditEntry.filter(entity="performance_appeal").order_by("id")]
    assert actions == ["performance.appeal.submit", "performance.appeal.decide"]


D = Decimal


async def test_a_scheme_published_after_a_period_closed_leaves_that_period_unchanged(
        client: httpx.AsyncClient, assessed: Performance) -> None:
    o = assessed.org
    staff = encode_id("Employee", o.staff_id)
    await call(client, RECORD, {"input": {"indicatorCode": "VISITS", "period": PERIOD, "value": "36",
                                          "employeeId": staff}}, o.hr)
    await call(client, RECORD, {"input": {"indicatorCode": "RETENTION", "period": PERIOD, "value": "90",
                                          "regionCode": "R1"}}, o.hr)
    open_card = await assessed.scorecard(client, staff, o.staff)
    assert open_card["frozen"] is False

    not_ended = await call(client, LOCK, {"p": current_period(ZONE)}, o.hr)
    assert (not_ended["code"], not_ended["field"]) == ("VALIDATION", "period")
    staff_lock = await call(client, LOCK, {"p": PERIOD}, o.staff)
    assert staff_lock["code"] == "PERMISSION_DENIED"
    locked = await call(client, LOCK, {"p": PERIOD}, o.hr)
    assert locked["period"]["locked"] is True and locked["period"]["scorecards"] == 5
    assert await ScorecardSnapshot.filter(period=PERIOD).count() == 5
    frozen = await assessed.scorecard(client, staff, o.staff)
    assert frozen["frozen"] is True
    assert {k: v for k, v in frozen.items() if k != "frozen"} == {k: v for k, v in open_card.items() if k != "frozen"}

    # A new scheme for November on: published, and 2026-10 stays exactly as frozen.
    new_lines = [{"indicatorCode": "UTIL", "weight": "15", "target": "95"},
                 {"indicatorCode": "VISITS", "weight": "85", "target": "30"}]
    later = await publish(client, o.hr, {"input": {"departmentCode": "MKT", "effectiveFrom": "2026-11",
                                                   "lines": new_lines}})
    assert later["__typename"] == "PublishSchemeSuccess"
    into_locked = await publish(client, o.hr, {"input": {"departmentCode": "MKT", "effectiveFrom": PERIOD,
                                                         "lines": new_lines}})
    assert (into_locked["code"], into_locked["field"]) == ("CONFLICT", "effectiveFrom")
    assert await assessed.scorecard(client, staff, o.staff) == frozen
    november = await assessed.scorecard(client, staff, o.staff, period="2026-11")
    assert (november["scheme"]["version"], november["frozen"]) == (2, False)

    # Nothing else reaches into the locked period either.
    counts = await table_counts()
    late = await call(client, RECORD, {"input": {"indicatorCode": "VISITS", "period": PERIOD, "value": "40",
                                                 "employeeId": staff}}, o.hr)
    assert late["code"] == "CONFLICT"
    appeal = await call(client, APPEAL, {"input": {"period": PERIOD, "indicatorCode": "VISITS", "reason": "迟到"}},
                        o.staff)
    assert appeal["code"] == "CONFLICT"
    again = await call(client, LOCK, {"p": PERIOD}, o.hr)
    assert again["code"] == "CONFLICT"
    report = await upload(client, o.hr, "late.csv", b"employee_no,indicator_code,period,value\nF0001,VISITS,2026-10,40\n",
                          dry_run=False)
    assert [p["code"] for p in report["problems"]] == ["PERIOD_LOCKED"]
    assert await table_counts() == counts
    assert await assessed.scorecard(client, staff, o.staff) == frozen


async def test_the_coefficient_for_pay_names_its_source_and_becomes_final_at_the_lock(
        client: httpx.AsyncClient, assessed: Performance) -> None:
    from backend.domain.access import SYSTEM
    from backend.events.memory import MemoryEventBus
    from backend.services.calibration import lock_period
    from backend.services.coefficients import performance_coefficient
    from backend.services.uow import UnitOfWork

    o = assessed.org
    await call(client, RECORD, {"input": {"indicatorCode": "VISITS", "period": PERIOD, "value": "36",
                                          "employeeId": encode_id("Employee", o.staff_id)}}, o.hr)
    live = await performance_coefficient(employee_id=o.staff_id, period=PERIOD, zone=ZONE)
    assert (live.frozen, live.scheme is not None, live.coefficient) == (False, True, D("1.2"))
    assert "may still change" in live.explanation.en and "v1" in live.explanation.en
    no_scheme = await performance_coefficient(employee_id=o.hr_id, period=PERIOD, zone=ZONE)
    assert no_scheme.coefficient is None and "no assessment scheme" in no_scheme.explanation.en
    before_hire = await performance_coefficient(employee_id=o.staff_id, period="2023-12", zone=ZONE)
    assert before_hire.coefficient is None and "not employed" in before_hire.explanation.en
    from backend.services.coefficients import performance_coefficients
    from tests.api.conftest import count_queries

    with count_queries() as one:
        await performance_coefficient(employee_id=o.staff_id, period=PERIOD, zone=ZONE)
    with count_queries() as many:
        every = await performance_coefficients(employee_ids=[o.staff_id, o.other_staff_id, o.backend_id, o.hr_id,
                                                             10_000], period=PERIOD, zone=ZONE)
    assert len(many.statements) == len(one.statements)
    assert every[o.staff_id] == live and every[10_000].coefficient is None
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await lock_period(uow=uow, period=PERIOD, zone=ZONE)
    final = await performance_coefficient(employee_id=o.staff_id, period=PERIOD, zone=ZONE)
    assert (final.frozen, final.coefficient, final.total) == (True, live.coefficient, live.total)
