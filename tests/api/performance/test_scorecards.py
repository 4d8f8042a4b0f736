"""Scorecards through the API: the linked indicator by support-link weight, support satisfaction, SLA rate and
utilisation from hand-built requests, who sees what, department ranking, bounded SQL."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import httpx
import pytest

from backend.domain.access import SYSTEM
from backend.domain.org import Role
from backend.domain.support import Category, Priority
from backend.events.memory import MemoryEventBus
from backend.graphql.ids import encode_id
from backend.services import measurements, org, support
from backend.services.uow import UnitOfWork
from tests.api.auth.test_auth import CREATE_TOKEN
from tests.api.conftest import count_queries, gql, token_for
from tests.api.performance.conftest import MID_PERIOD, PERIOD, ZONE, Performance

pytestmark = pytest.mark.asyncio(loop_scope="session")
D = Decimal
H = timedelta(hours=1)


async def record(**kwargs: object) -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await measurements.record_measurement(uow=uow, zone=ZONE, at=MID_PERIOD + timedelta(days=10),
                                              data=measurements.MeasurementData(period=PERIOD, **kwargs))  # type: ignore[arg-type]


def score(actual: Decimal, target: Decimal, lower: bool = False) -> Decimal:
    return min(D(120), D(100) * (target / actual if lower else actual / target))


async def test_linked_indicator_is_weighted_by_support_link_and_names_both_regions(
        client: httpx.AsyncClient, assessed: Performance) -> None:
    await record(indicator_code="RETENTION", region_code="R1", value=D(90))
    await record(indicator_code="RETENTION", region_code="R2", value=D(78))
    card = await assessed.scorecard(client, encode_id("Employee", assessed.org.backend_id),
                                    token_for(assessed.org.backend_id))
    line = next(line for line in card["lines"] if line["indicator"]["code"] == "RETENTION")
    expected = (D(2) * 90 + D(1) * 78) / 3  # 86
    assert D(line["actual"]) == expected
    assert D(line["score"]) == score(expected, D(85))
    regions = [(r["kind"], r["label"], r["weight"], r["value"]) for r in line["records"]]
    assert regions == [("REGION", "城东片区 (R1)", "2", "90"), ("REGION", "城西片区 (R2)", "1", "78")]
    assert "城东片区 (R1) weight 2" in line["actualExplanation"]["en"]
    assert "城西片区 (R2) 权重 1" in line["actualExplanation"]["zh"]
    # A frontline employee's own region supplies the same indicator in the frontline scheme.
    staff = await assessed.scorecard(client, encode_id("Employee", assessed.org.staff_id), assessed.org.staff)
    own = next(line for line in staff["lines"] if line["indicator"]["code"] == "RETENTION")
    assert own["actual"] == "90" and [r["label"] for r in own["records"]] == ["城东片区 (R1)"]


async def _request(*, no: int, submitter: int, assignee: int, priority: Priority, handoff: timedelta,
                   resolve_after: timedelta | None, rating: int | None, cancel: bool = False) -> None:
    at = MID_PERIOD + timedelta(hours=no)
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        submitted = await support.submit_request(uow=uow, at=at, data=support.SubmitData(
            client_request_id=f"perf-{no}", region_code="R1", department_code="TECH",
            category=Category.FAULT_REPAIR, priority=priority, title=f"需求 {no}", description="",
            customer_reported_at=at - handoff, submitter_id=submitter))
        request_id = submitted.request.id
        if cancel:
            await support.cancel_request(uow=uow, request_id=request_id, at=at + H)
            return
        if resolve_after is None:
            return
        await support.accept_request(uow=uow, request_id=request_id, assignee_id=assignee, at=at + H / 6)
        await support.start_request(uow=uow, request_id=request_id, at=at + H / 3)
        await support.resolve_request(uow=uow, request_id=request_id, note=None, at=at + resolve_after)
        if rating is not None:
            await support.confirm_request(uow=uow, request_id=request_id, rating=rating, comment=None,
                                          at=at + resolve_after + H)


async def test_support_indicators_match_hand_computed_values(client: httpx.AsyncClient,
                                                             assessed: Performance) -> None:
    o = assessed.org
    common = {"submitter": o.staff_id, "assignee": o.backend_id}
    await _request(no=1, priority=Priority.URGENT, handoff=H, resolve_after=2 * H, rating=5, **common)
    await _request(no=2, priority=Priority.NORMAL, handoff=30 * H, resolve_after=80 * H, rating=None, **common)
    await _request(no=3, priority=Priority.HIGH, handoff=2 * H, resolve_after=5 * H, rating=3, **common)
    await _request(no=4, priority=Priority.LOW, handoff=H, resolve_after=None, rating=None, cancel=True, **common)
    await _request(no=5, priority=Priority.LOW, handoff=25 * H, resolve_after=None, rating=None, **common)
    await record(indicator_code="CYCLE", department_code="TECH", value=D(12))

    backend = await assessed.scorecard(client, encode_id("Employee", o.backend_id), token_for(o.backend_id))
    by_code = {line["indicator"]["code"]: line for line in backend["lines"]}
    # Satisfaction: the two rated requests (5 and 3 stars → 100 and 60); the unrated one is listed, not counted.
    assert D(by_code["SAT"]["actual"]) == D(80)
    assert [r["included"] for r in by_code["SAT"]["records"]] == [True, False, True]
    # SLA rate: of three resolved, #2 took 80 h against NORMAL's 72 h.
    assert D(by_code["SLA"]["actual"]) == D(200) / 3
    # Iteration cycle, lower is better, from the department's value.
    assert by_code["CYCLE"]["actualLevel"] == "DEPARTMENT" and D(by_code["CYCLE"]["score"]) == D(1000) / 12
    # No retention value for the linked regions: not scored, its weight shared by the other lines.
    assert by_code["RETENTION"]["scored"] is False and by_code["RETENTION"]["actual"] is None
    scores = {"SAT": score(D(80), D(90)), "SLA": score(D(200) / 3, D(95)), "CYCLE": score(D(12), D(10), lower=True)}
    weights = {"SAT": D(25), "SLA": D(20), "CYCLE": D(15)}
    expected_total = sum(weights[c] * scores[c] for c in scores) / sum(weights.values())
    assert D(backend["total"]) == expected_total
    assert backend["status"] == "INCOMPLETE" and backend["unscored"] == ["RETENTION"]
    assert D(by_code["SAT"]["effectiveWeight"]) == D(25) * 100 / 60
    assert sum(D(line["contribution"]) for line in backend["lines"]) == expected_total
    assert backend["coefficient"] == "1"  # 80.9… ≥ 80

    # Utilisation of the frontline submitter: four non-cancelled requests, two handed off late (30 h, 25 h);
    # of the three resolved, two confirmed and rated: 70 × 2/4 + 30 × 2/3 = 55.
    staff = await assessed.scorecard(client, encode_id("Employee", o.staff_id), o.staff)
    utilisation = next(line for line in staff["lines"] if line["indicator"]["code"] == "UTIL")
    assert D(utilisation["actual"]) == D(70) * 2 / 4 + D(30) * 2 / 3
    assert len(utilisation["records"]) == 4
    assert sum("late" in r["note"] for r in utilisation["records"]) == 2


async def test_who_sees_a_scorecard(client: httpx.AsyncClient, assessed: Performance) -> None:
    o = assessed.org
    staff_card, backend_card = encode_id("Employee", o.staff_id), encode_id("Employee", o.backend_id)
    query = "query($e: ID!, $p: String!) { scorecard(employeeId: $e, period: $p) { employeeNo } }"

    async def sees(token: str | None, employee: str) -> bool:
        result = await gql(client, query, {"e": employee, "p": PERIOD}, token=token)
        return "errors" not in result and result["data"]["scorecard"] is not None

    assert await sees(o.staff, staff_card) and not await sees(o.staff, backend_card)
    assert not await sees(token_for(o.other_staff_id), staff_card)
    assert await sees(o.manager, backend_card) and not await sees(o.manager, staff_card)
    assert await sees(o.hr, staff_card) and await sees(o.hr, backend_card)
    assert not await sees(None, staff_card)
    created = await gql(client, CREATE_TOKEN, {"name": "BI", "scopes": ["READ_PERFORMANCE"]}, token=o.hr)
    partner = created["data"]["createApiToken"]["token"]
    assert await sees(partner, staff_card) and await sees(partner, backend_card)
    other = (await gql(client, CREATE_TOKEN, {"name": "HRIS", "scopes": ["READ_EMPLOYEES"]},
                       token=o.hr))["data"]["createApiToken"]["token"]
    assert not await sees(other, staff_card)
    # Schemes are rules: every employee reads them.
    schemes = await gql(client, "{ performanceSchemes { department { code } lines { indicator { code } weight } } }",
                        token=token_for(o.other_staff_id))
    assert {s["department"]["code"] for s in schemes["data"]["performanceSchemes"]} == {"TECH", "MKT"}
    bands = await gql(client, "{ performanceScoreBands { minScore coefficient } }", token=o.staff)
    assert bands["data"]["performanceScoreBands"][0] == {"minScore": "90", "coefficient": "1.2"}
    mine = await gql(client, 'query { performanceScheme(period: "2026-10") { name lines { weight } } }',
                     token=o.staff)
    assert [line["weight"] for line in mine["data"]["performanceScheme"]["lines"]] == ["20", "50", "30"]


DEPARTMENT = """query($d: String!, $p: String!) { departmentScorecards(departmentCode: $d, period: $p) {
  frozen members { rank scorecard { employeeNo total employee { name } } }
  distribution { assessed outsideGuide bands { minScore count maxShare overBy message { en } } } } }"""


async def test_department_ranking_and_distribution_in_bounded_queries(client: httpx.AsyncClient,
                                                                      assessed: Performance) -> None:
    o = assessed.org
    await record(indicator_code="VISITS", employee_id=o.staff_id, value=D(48))  # 120 (capped)
    await record(indicator_code="VISITS", employee_id=o.other_staff_id, value=D(30))  # 75
    with count_queries() as few:
        result = await gql(client, DEPARTMENT, {"d": "MKT", "p": PERIOD}, token=o.hr)
    view = result["data"]["departmentScorecards"]
    assert [(m["rank"], m["scorecard"]["employeeNo"]) for m in view["members"]] == [(1, "F0001"), (2, "F0002")]
    assert view["distribution"]["assessed"] == 2
    # Ten more people in the department: the same number of statements.
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        for n in range(10):
            await org.hire_employee(uow=uow, data=org.HireData(
                employee_no=f"F1{n:03d}", name=f"新人{n}", department_code="MKT", region_code="R2", position="职员",
                base_salary=D("1.00"), target_bonus=D(0), hire_date=date(2025, 1, 1), roles=(Role.STAFF,)))
    with count_queries() as many:
        result = await gql(client, DEPARTMENT, {"d": "MKT", "p": PERIOD}, token=o.hr)
    assert len(result["data"]["departmentScorecards"]["members"]) == 12
    assert len(many.statements) == len(few.statements), (few.statements, many.statements)
    # A manager sees only their own department's.
    refused = await gql(client, DEPARTMENT, {"d": "MKT", "p": PERIOD}, token=o.manager)
    assert "errors" in refused
    allowed = await gql(client, DEPARTMENT, {"d": "TECH", "p": PERIOD}, token=o.manager)
    assert {m["scorecard"]["employeeNo"] for m in allowed["data"]["departmentScorecards"]["members"]} == {
        "M0001", "B0001"}


async def test_a_transfer_in_the_period_is_assessed_by_the_department_at_its_end(client: httpx.AsyncClient,
                                                                                 assessed: Performance) -> None:
    o = assessed.org
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await org.transfer_employee(uow=uow, data=org.TransferData(
            employee_id=o.other_staff_id, effective_date=date(2026, 10, 20), department_code="TECH"))
    card = await assessed.scorecard(client, encode_id("Employee", o.other_staff_id), o.hr)
    assert card["department"]["code"] == "TECH" and card["scheme"]["name"].startswith("技术支撑部")
    september = await assessed.scorecard(client, encode_id("Employee", o.other_staff_id), o.hr, period="2026-09")
    assert september["department"]["code"] == "MKT"
    october = await gql(client, DEPARTMENT, {"d": "MKT", "p": PERIOD}, token=o.hr)
    assert [m["scorecard"]["employeeNo"] for m in october["data"]["departmentScorecards"]["members"]] == ["F0001"]


RECORD = """mutation($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { __typename
  ... on OperationError { code field } ... on MeasurementSuccess { changed } } }"""


async def test_managers_record_their_own_department_values_only(client: httpx.AsyncClient,
                                                                assessed: Performance) -> None:
    o = assessed.org

    async def record_as(token: str, **target: str) -> dict[str, str]:
        result = await gql(client, RECORD, {"input": {"indicatorCode": "CYCLE", "period": PERIOD, "value": "11",
                                                      **target}}, token=token)
        payload: dict[str, str] = result["data"]["recordMeasurement"]
        return payload

    assert (await record_as(o.manager, departmentCode="TECH"))["__typename"] == "MeasurementSuccess"
    assert (await record_as(o.manager, employeeId=encode_id("Employee", o.backend_id)))["changed"] is True
    assert (await record_as(o.manager, departmentCode="MKT"))["code"] == "PERMISSION_DENIED"
    assert (await record_as(o.manager, employeeId=encode_id("Employee", o.manager_id)))["code"] == "PERMISSION_DENIED"
    assert (await record_as(token_for(o.backend_id), departmentCode="TECH"))["code"] == "PERMISSION_DENIED"
    assert (await record_as(o.manager, regionCode="R1"))["code"] == "PERMISSION_DENIED"
    region = await gql(client, RECORD, {"input": {"indicatorCode": "RETENTION", "period": PERIOD, "value": "90",
                                                  "employeeId": encode_id("Employee", o.staff_id)}}, token=o.hr)
    assert region["data"]["recordMeasurement"]["field"] == "regionCode"
    computed = await gql(client, RECORD, {"input": {"indicatorCode": "SAT", "period": PERIOD, "value": "90",
                                                    "departmentCode": "TECH"}}, token=o.hr)
    assert computed["data"]["recordMeasurement"]["field"] == "indicatorCode"


CALIBRATION = """query($p: String!) { performanceCalibration(period: $p) { period
  departments { department { code } distribution { assessed outsideGuide bands { count overBy } } }
  outsideGuide { department { code } } } }"""


async def test_calibration_reads_the_organisation_in_bounded_queries(client: httpx.AsyncClient,
                                                                     assessed: Performance) -> None:
    o = assessed.org
    guide = await gql(client, """mutation { setDistributionGuide(input: {bands: [{minScore: "90", maxShare: "0.2"}]})
      { __typename ... on DistributionGuideSuccess { guide { department { code } bands { minScore maxShare } } } } }""",
                      token=o.hr)
    assert guide["data"]["setDistributionGuide"]["guide"]["bands"] == [{"minScore": "90", "maxShare": "0.2"}]
    await record(indicator_code="VISITS", employee_id=o.staff_id, value=D(48))
    await record(indicator_code="VISITS", employee_id=o.other_staff_id, value=D(47))
    with count_queries() as few:
        first = await gql(client, CALIBRATION, {"p": PERIOD}, token=o.hr)
    report = first["data"]["performanceCalibration"]
    mkt = next(d for d in report["departments"] if d["department"]["code"] == "MKT")
    assert mkt["distribution"]["bands"][0] == {"count": 2, "overBy": 2}  # 20 % of 2 people allows none
    assert {d["department"]["code"] for d in report["outsideGuide"]} == {"MKT"}
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        for n in range(8):
            await org.hire_employee(uow=uow, data=org.HireData(
                employee_no=f"B1{n:03d}", name=f"后端{n}", department_code="TECH", region_code=None, position="工程师",
                base_salary=D("1.00"), target_bonus=D(0), hire_date=date(2025, 1, 1), roles=(Role.STAFF,)))
    with count_queries() as many:
        await gql(client, CALIBRATION, {"p": PERIOD}, token=o.hr)
    assert len(many.statements) == len(few.statements)
    refused = await gql(client, CALIBRATION, {"p": PERIOD}, token=o.manager)
    assert "errors" in refused
