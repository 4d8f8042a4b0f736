"""Publishing schemes through the API: typed errors naming the guardrail and the weight, nothing written when
refused, immutable versions, effective dates, position schemes, retries."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from backend.persistence.models import AuditEntry, SchemeVersion
from tests.api.conftest import gql, table_counts, token_for
from tests.api.performance.conftest import ERR, PERIOD, Performance

pytestmark = pytest.mark.asyncio(loop_scope="session")

PUBLISH = f"""mutation($input: PublishSchemeInput!) {{ publishScheme(input: $input) {{ __typename {ERR}
  ... on PublishSchemeSuccess {{ created scheme {{ id version effectiveFrom name position kind ruleVersion
    department {{ code }} lines {{ indicator {{ code }} weight target }} }} }} }} }}"""


def tech(satisfaction: str, *, effective: str = "2026-11", **extra: Any) -> dict[str, Any]:
    rest = 100 - float(satisfaction)
    return {"input": {"departmentCode": "TECH", "effectiveFrom": effective, **extra, "lines": [
        {"indicatorCode": "SAT", "weight": satisfaction, "target": "90"},
        {"indicatorCode": "RETENTION", "weight": f"{rest:.2f}", "target": "85"}]}}


async def publish(client: httpx.AsyncClient, token: str, variables: dict[str, Any]) -> dict[str, Any]:
    result = await gql(client, PUBLISH, variables, token=token)
    assert "errors" not in result, result
    payload: dict[str, Any] = result["data"]["publishScheme"]
    return payload


@pytest.mark.parametrize(("weight", "accepted"), [("20", True), ("30", True), ("19.99", False), ("30.01", False)])
async def test_the_backend_guardrail_at_its_bounds(client: httpx.AsyncClient, assessed: Performance, weight: str,
                                                   accepted: bool) -> None:
    before = await table_counts()
    result = await publish(client, assessed.org.hr, tech(weight))
    if accepted:
        assert result["__typename"] == "PublishSchemeSuccess", result
        assert (result["scheme"]["version"], result["scheme"]["effectiveFrom"]) == (2, "2026-11")
        return
    assert (result["code"], result["field"]) == ("VALIDATION", "lines.0.weight")
    assert "frontline satisfaction" in result["message"] and "[20, 30]" in result["message"]
    assert weight in result["message"]
    assert await table_counts() == before


async def test_the_frontline_guardrail_and_the_sum(client: httpx.AsyncClient, assessed: Performance) -> None:
    def mkt(utilisation: str, visits: str) -> dict[str, Any]:
        return {"input": {"departmentCode": "MKT", "effectiveFrom": "2026-11", "lines": [
            {"indicatorCode": "UTIL", "weight": utilisation, "target": "90"},
            {"indicatorCode": "VISITS", "weight": visits, "target": "40"}]}}

    low = await publish(client, assessed.org.hr, mkt("14.99", "85.01"))
    assert "support utilisation" in low["message"] and "[15, 20]" in low["message"] and "14.99" in low["message"]
    assert (await publish(client, assessed.org.hr, mkt("15", "85")))["__typename"] == "PublishSchemeSuccess"
    assert (await publish(client, assessed.org.hr, mkt("20", "80")))["__typename"] == "PublishSchemeSuccess"
    high = await publish(client, assessed.org.hr, mkt("20.01", "79.99"))
    assert "20.01" in high["message"]
    uneven = await publish(client, assessed.org.hr, mkt("20", "79"))
    assert (uneven["field"], "sum to 99" in uneven["message"]) == ("lines", True)


async def test_versions_are_immutable_and_a_retry_creates_nothing(client: httpx.AsyncClient,
                                                                 assessed: Performance) -> None:
    first = await publish(client, assessed.org.hr, tech("25", note="Q4"))
    again = await publish(client, assessed.org.hr, tech("25", note="Q4"))
    assert first["created"] is True and again["created"] is False
    assert first["scheme"]["id"] == again["scheme"]["id"]
    versions = await SchemeVersion.filter(scheme__department__code="TECH").order_by("version")
    assert [(v.version, v.effective_from) for v in versions] == [(1, "2026-01"), (2, "2026-11")]
    entry = await AuditEntry.filter(action="performance.scheme.publish").order_by("-id").first()
    assert entry is not None and entry.before and entry.before["version"] == 1 and entry.after
    assert entry.after["line:SAT"] == "25 @ 90"
    # The period before the new version still uses version 1.
    card = await assessed.scorecard(client, _employee(assessed.org.backend_id), assessed.org.hr, period=PERIOD)
    assert card["scheme"]["version"] == 1


def _employee(pk: int) -> str:
    from backend.graphql.ids import encode_id

    return encode_id("Employee", pk)


async def test_only_hr_publishes_and_bad_input_is_typed(client: httpx.AsyncClient, assessed: Performance) -> None:
    refused = await publish(client, assessed.org.manager, tech("25"))
    assert refused["code"] == "PERMISSION_DENIED"
    unknown = await publish(client, assessed.org.hr, {"input": {"departmentCode": "TECH", "effectiveFrom": "2026-11",
                                                              "lines": [{"indicatorCode": "NOPE", "weight": "100",
                                                                         "target": "1"}]}})
    assert (unknown["code"], unknown["field"]) == ("NOT_FOUND", "lines.0.indicatorCode")
    no_scope = await publish(client, assessed.org.hr, {"input": {"effectiveFrom": "2026-11", "lines": []}})
    assert no_scope["field"] == "departmentCode"
    bad_period = await publish(client, assessed.org.hr, tech("25", effective="2026-13"))
    assert bad_period["field"] == "effectiveFrom"


async def test_a_position_scheme_is_more_specific_than_the_department(client: httpx.AsyncClient,
                                                                      assessed: Performance) -> None:
    position = await publish(client, assessed.org.hr, {"input": {
        "position": "职员", "kind": "FRONTLINE", "effectiveFrom": "2026-01", "name": "一线职员方案", "lines": [
            {"indicatorCode": "UTIL", "weight": "15", "target": "90"},
            {"indicatorCode": "VISITS", "weight": "85", "target": "40"}]}})
    assert position["__typename"] == "PublishSchemeSuccess", position
    staff = await assessed.scorecard(client, _employee(assessed.org.staff_id), assessed.org.staff)
    assert staff["scheme"]["name"] == "一线职员方案"
    # Backend staff with the same position keep their department's scheme (the position scheme is frontline).
    backend = await assessed.scorecard(client, _employee(assessed.org.backend_id), token_for(assessed.org.backend_id))
    assert backend["scheme"]["name"] != "一线职员方案"
