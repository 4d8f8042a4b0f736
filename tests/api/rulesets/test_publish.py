"""publishRuleSet, ruleSet(at) and ruleSets through the API: effective dates, inheritance, guardrails that write
nothing, immutability, the history with its diff."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from backend.services import clock
from tests.api.conftest import Org, gql, table_rows

pytestmark = pytest.mark.asyncio(loop_scope="session")

# 2026-11-10 10:00 in Shanghai.
NOW = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)

PUBLISH = """mutation($input: PublishRuleSetInput!) { publishRuleSet(input: $input) {
  __typename ... on OperationError { code message field }
  ... on PublishRuleSetSuccess { ruleSet { version effectiveFrom effectiveDate publishedBy note inForce
    previousVersion changes { name labelZh labelEn before after }
    parameters { accrualRatio handoffThresholdHours sla { priority responseMinutes resolutionMinutes } } } } } }"""
AT = """query($at: DateTime) { ruleSet(at: $at) { version inForce effectiveDate
  parameters { accrualRatio commissionRateNew sla { priority responseMinutes resolutionMinutes }
    priorityWeights { priority weight } performanceCoefficientBands { minScore coefficient }
    backendSatisfactionWeight { low high } projectDeliveryGraceDays }
  entries { name section labelZh labelEn descriptionZh descriptionEn value } } }"""
HISTORY = """{ ruleSets { version effectiveDate previousVersion note publishedBy
  changes { name before after } } }"""


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def publish_input(effective: str = "2026-11-16", note: str = "计提上调", **parameters: Any) -> dict[str, Any]:
    return {"effectiveFrom": effective, "note": note, "parameters": parameters or {"accrualRatio": "0.14"}}


async def publish(client: httpx.AsyncClient, token: str, **kwargs: Any) -> dict[str, Any]:
    result = await gql(client, PUBLISH, {"input": publish_input(**kwargs)}, token=token)
    assert "errors" not in result, result
    payload: dict[str, Any] = result["data"]["publishRuleSet"]
    return payload


async def rule_set(client: httpx.AsyncClient, token: str, at: str | None = None) -> dict[str, Any]:
    result = await gql(client, AT, {"at": at}, token=token)
    assert "errors" not in result, result
    found: dict[str, Any] = result["data"]["ruleSet"]
    return found


async def test_version_1_is_the_spec_defaults_in_plain_language(client: httpx.AsyncClient, small_org: Org) -> None:
    found = await rule_set(client, small_org.staff)
    assert (found["version"], found["inForce"]) == ("1", True)
    p = found["parameters"]
    assert (p["accrualRatio"], p["commissionRateNew"], p["projectDeliveryGraceDays"]) == ("0.12", "0.03", 30)
    assert p["sla"][0] == {"priority": "URGENT", "responseMinutes": 30, "resolutionMinutes": 240}
    assert p["priorityWeights"][-1] == {"priority": "LOW", "weight": "0.5"}
    assert p["performanceCoefficientBands"][0] == {"minScore": "90", "coefficient": "1.2"}
    assert p["backendSatisfactionWeight"] == {"low": "20", "high": "30"}
    accrual = next(e for e in found["entries"] if e["name"] == "accrualRatio")
    assert accrual["labelZh"] == "协同计提比例" and accrual["section"] == "COMMISSION" and accrual["value"] == "0.12"
    assert "10–15 %" in accrual["descriptionEn"] and accrual["descriptionZh"]
    assert len(found["entries"]) == 36


async def test_publish_inherits_the_rest_and_applies_from_its_date(client: httpx.AsyncClient, small_org: Org) -> None:
    sla = [{"priority": "URGENT", "responseMinutes": 20, "resolutionMinutes": 180}]
    payload = await publish(client, small_org.hr, accrualRatio="0.14", sla=sla)
    assert payload["__typename"] == "PublishRuleSetSuccess", payload
    published = payload["ruleSet"]
    assert (published["version"], published["effectiveDate"], published["inForce"]) == ("2", "2026-11-16", False)
    assert published["effectiveFrom"] == "2026-11-15T16:00:00+00:00"  # 00:00 in Shanghai
    assert published["publishedBy"] == "employee:HR0001" and published["previousVersion"] == "1"
    assert [(c["name"], c["before"], c["after"]) for c in published["changes"]] == [
        ("sla.URGENT", "URGENT 30 min / 4 h", "URGENT 20 min / 3 h"), ("accrualRatio", "0.12", "0.14")]
    assert published["parameters"]["handoffThresholdHours"] == "24"  # inherited
    assert published["parameters"]["sla"][1] == {"priority": "HIGH", "responseMinutes": 120,
                                                 "resolutionMinutes": 1440}

    before = await rule_set(client, small_org.staff, "2026-11-15T15:59:59+00:00")
    after = await rule_set(client, small_org.staff, "2026-11-16T00:00:00+08:00")
    assert (before["version"], before["parameters"]["accrualRatio"]) == ("1", "0.12")
    assert (after["version"], after["parameters"]["accrualRatio"]) == ("2", "0.14")
    assert (await rule_set(client, small_org.staff))["version"] == "1"  # still in force today


async def test_history_lists_each_version_with_its_changes(client: httpx.AsyncClient, small_org: Org) -> None:
    await publish(client, small_org.hr, effective="2026-11-16", accrualRatio="0.14")
    await publish(client, small_org.hr, effective="2026-12-01", note="12 月", fundRatio="0.06", accrualRatio="0.14")
    result = await gql(client, HISTORY, token=small_org.manager)
    versions = result["data"]["ruleSets"]
    assert [(v["version"], v["effectiveDate"], v["previousVersion"]) for v in versions] == [
        ("3", "2026-12-01", "2"), ("2", "2026-11-16", "1"), ("1", "2000-01-01", None)]
    assert versions[0]["changes"] == [{"name": "fundRatio", "before": "0.08", "after": "0.06"}]
    assert len(versions[2]["changes"]) == 36 and versions[2]["changes"][0]["before"] is None


@pytest.mark.parametrize(("parameters", "field", "words"), [
    ({"accrualRatio": "0.16"}, "parameters.accrualRatio", ("accrualRatio", "0.16", "0.10", "0.15")),
    ({"fundRatio": "0.11"}, "parameters.fundRatio", ("0.11", "0.10")),
    ({"projectWeightPoints": "0.6"}, "parameters.projectWeightPoints", ("sum to 1",)),
    ({"sla": [{"priority": "SOON", "responseMinutes": 5, "resolutionMinutes": 10}]}, "parameters.sla", ("SOON",)),
])
async def test_a_guardrail_breach_is_refused_and_writes_nothing(
        client: httpx.AsyncClient, small_org: Org, parameters: dict[str, Any], field: str,
        words: tuple[str, ...]) -> None:
    before = await table_rows()
    payload = await publish(client, small_org.hr, **parameters)
    assert payload["__typename"] == "OperationError" and payload["code"] == "VALIDATION", payload
    assert payload["field"] == field and all(w in payload["message"] for w in words), payload
    assert await table_rows() == before
    assert (await rule_set(client, small_org.staff, "2027-01-01T00:00:00+08:00"))["version"] == "1"


@pytest.mark.parametrize(("effective", "code", "words"), [
    ("2026-11-10", "VALIDATION", ("tomorrow", "2026-11-11")),  # today
    ("2026-11-01", "VALIDATION", ("tomorrow",)),  # the past
])
async def test_the_effective_date_must_be_after_today(client: httpx.AsyncClient, small_org: Org, effective: str,
                                                      code: str, words: tuple[str, ...]) -> None:
    before = await table_rows()
    payload = await publish(client, small_org.hr, effective=effective)
    assert (payload["__typename"], payload["code"], payload["field"]) == ("OperationError", code, "effectiveFrom")
    assert all(w in payload["message"] for w in words), payload
    assert await table_rows() == before


async def test_versions_are_immutable_a_new_one_must_follow_the_latest(
        client: httpx.AsyncClient, small_org: Org) -> None:
    await publish(client, small_org.hr, effective="2026-12-01", accrualRatio="0.14")
    before = await table_rows()
    for effective in ("2026-12-01", "2026-11-20"):  # on, or before, the latest version's date: it would rewrite it
        payload = await publish(client, small_org.hr, effective=effective, accrualRatio="0.11")
        assert (payload["__typename"], payload["code"], payload["field"]) == ("OperationError", "CONFLICT",
                                                                              "effectiveFrom"), payload
    same = await publish(client, small_org.hr, effective="2026-12-05", accrualRatio="0.14")
    assert (same["code"], same["field"]) == ("VALIDATION", "parameters"), same  # changes nothing
    assert await table_rows() == before
    assert (await rule_set(client, small_org.staff, "2026-12-02T00:00:00+08:00"))["parameters"]["accrualRatio"] \
        == "0.14"


async def test_publishing_writes_an_audit_entry(client: httpx.AsyncClient, small_org: Org) -> None:
    await publish(client, small_org.hr, accrualRatio="0.14")
    rows = (await table_rows())["audit_entry"]
    entry = next(r for r in rows if r["action"] == "ruleset.publish")
    assert (entry["actor"], entry["entity"], entry["entity_id"]) == ("employee:HR0001", "rule_set", "2")
    assert entry["before"] == {"version": "1", "accrualRatio": "0.12"}
    assert entry["after"]["accrualRatio"] == "0.14" and entry["after"]["effective_from"] == "2026-11-15T16:00:00+00:00"


async def test_only_hr_publishes(client: httpx.AsyncClient, small_org: Org) -> None:
    for token in (small_org.staff, small_org.manager):
        payload = await publish(client, token)
        assert (payload["__typename"], payload["code"]) == ("OperationError", "PERMISSION_DENIED")
    assert (await gql(client, AT, {"at": None}))["data"] is None  # nobody signed in: no rules either
