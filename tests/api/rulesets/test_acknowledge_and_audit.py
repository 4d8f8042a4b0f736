"""acknowledgeRuleSet (idempotent, audited), HR's list of who has not acknowledged, the audit log's cursor pages
and filters, and its CSV export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from backend.domain.access import SYSTEM
from backend.events.memory import MemoryEventBus
from backend.services import clock
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, gql, table_rows, token_for
from tests.api.rulesets.test_publish import NOW, publish

pytestmark = pytest.mark.asyncio(loop_scope="session")

ACK = """mutation($v: String!) { acknowledgeRuleSet(version: $v) { __typename
  ... on OperationError { code field } ... on AcknowledgeRuleSetSuccess { version created acknowledgedAt } } }"""
WHO = """query($v: String, $first: Int!, $after: String) { ruleSetAcknowledgements(version: $v, first: $first,
  after: $after) { version unacknowledgedCount unacknowledged { employeeNo } pageInfo { hasNextPage endCursor } } }"""
MINE = "{ ruleSet { version acknowledgedByMe } }"
LOG = """query($filter: AuditLogFilter, $first: Int!, $after: String) { auditLog(filter: $filter, first: $first,
  after: $after) { edges { cursor node { id at actor action entity entityId before after } }
  pageInfo { hasNextPage endCursor } } }"""


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


async def ack(client: httpx.AsyncClient, token: str, version: str = "1") -> dict[str, Any]:
    result = await gql(client, ACK, {"v": version}, token=token)
    payload: dict[str, Any] = result["data"]["acknowledgeRuleSet"]
    return payload


async def who(client: httpx.AsyncClient, token: str, **variables: Any) -> dict[str, Any]:
    result = await gql(client, WHO, {"first": 50, **variables}, token=token)
    assert "errors" not in result, result
    found: dict[str, Any] = result["data"]["ruleSetAcknowledgements"]
    return found


async def test_acknowledging_is_recorded_once_and_hr_sees_who_has_not(
        client: httpx.AsyncClient, small_org: Org) -> None:
    assert (await who(client, small_org.hr))["unacknowledgedCount"] == 5
    first = await ack(client, small_org.staff)
    assert (first["__typename"], first["version"], first["created"]) == ("AcknowledgeRuleSetSuccess", "1", True)
    assert first["acknowledgedAt"] == NOW.isoformat()
    rows = await table_rows()
    again = await ack(client, small_org.staff)
    assert again["created"] is False and await table_rows() == rows  # idempotent: nothing written
    assert [r["action"] for r in rows["audit_entry"]].count("ruleset.acknowledge") == 1
    assert (await gql(client, MINE, token=small_org.staff))["data"]["ruleSet"]["acknowledgedByMe"] is True
    assert (await gql(client, MINE, token=small_org.manager))["data"]["ruleSet"]["acknowledgedByMe"] is False

    listed = await who(client, small_org.hr)
    assert listed["version"] == "1" and listed["unacknowledgedCount"] == 4
    assert [e["employeeNo"] for e in listed["unacknowledged"]] == ["HR0001", "F0002", "M0001", "B0001"]
    page = await who(client, small_org.hr, first=3)
    assert page["pageInfo"]["hasNextPage"] is True and len(page["unacknowledged"]) == 3
    rest = await who(client, small_org.hr, first=3, after=page["pageInfo"]["endCursor"])
    assert [e["employeeNo"] for e in rest["unacknowledged"]] == ["B0001"] and not rest["pageInfo"]["hasNextPage"]


async def test_a_future_version_can_be_acknowledged_and_listed(client: httpx.AsyncClient, small_org: Org) -> None:
    await publish(client, small_org.hr, accrualRatio="0.14")
    assert (await ack(client, small_org.manager, "2"))["created"] is True
    assert (await who(client, small_org.hr, v="2"))["unacknowledgedCount"] == 4
    assert (await who(client, small_org.hr))["unacknowledgedCount"] == 5  # version 1 is still in force
    missing = await ack(client, small_org.manager, "9")
    assert (missing["code"], missing["field"]) == ("NOT_FOUND", "version")


async def test_left_employees_are_not_asked(client: httpx.AsyncClient, small_org: Org) -> None:
    from backend.services import org

    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await org.record_leave(uow=uow, employee_id=small_org.other_staff_id, last_day=datetime(2026, 11, 1).date())
    listed = await who(client, small_org.hr)
    assert "F0002" not in [e["employeeNo"] for e in listed["unacknowledged"]]


async def test_only_hr_lists(client: httpx.AsyncClient, small_org: Org) -> None:
    for token in (small_org.staff, small_org.manager):
        result = await gql(client, WHO, {"first": 5}, token=token)
        assert result["data"] is None and result["errors"]


async def log(client: httpx.AsyncClient, token: str, **variables: Any) -> dict[str, Any]:
    result = await gql(client, LOG, {"first": 50, **variables}, token=token)
    assert "errors" not in result, result
    found: dict[str, Any] = result["data"]["auditLog"]
    return found


async def test_the_audit_log_pages_newest_first_and_filters(client: httpx.AsyncClient, small_org: Org) -> None:
    await publish(client, small_org.hr, accrualRatio="0.14")
    await ack(client, small_org.staff)
    await ack(client, small_org.manager)
    everything = await log(client, small_org.hr)
    cursors = [e["cursor"] for e in everything["edges"]]
    assert len(cursors) == len(set(cursors)) > 3 and everything["pageInfo"]["hasNextPage"] is False
    newest = everything["edges"][0]["node"]
    assert (newest["action"], newest["actor"]) == ("ruleset.acknowledge", "employee:M0001")

    pages, after = [], None
    while True:
        page = await log(client, small_org.hr, first=2, after=after)
        pages.append([e["cursor"] for e in page["edges"]])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert [c for p in pages for c in p] == [e["cursor"] for e in everything["edges"]]

    rules = await log(client, small_org.hr, filter={"action": "ruleset."})
    assert [e["node"]["action"] for e in rules["edges"]] == ["ruleset.acknowledge", "ruleset.acknowledge",
                                                            "ruleset.publish"]
    by_hr = await log(client, small_org.hr, filter={"actor": "employee:HR0001", "entity": "rule_set"})
    assert [e["node"]["entityId"] for e in by_hr["edges"]] == ["2"]
    published = by_hr["edges"][0]["node"]
    assert '"accrualRatio": "0.12"' in published["before"] and '"accrualRatio": "0.14"' in published["after"]
    later = await log(client, small_org.hr, filter={"from": "2099-01-01T00:00:00+00:00"})
    assert later["edges"] == []
    window = await log(client, small_org.hr, filter={"from": "2000-01-01T00:00:00+00:00",
                                                     "to": "2099-01-01T00:00:00+00:00", "action": "ruleset.publish"})
    assert len(window["edges"]) == 1


async def test_only_hr_reads_the_audit_log(client: httpx.AsyncClient, small_org: Org) -> None:
    for token in (small_org.staff, small_org.manager, None):
        result = await gql(client, LOG, {"first": 5}, token=token)
        assert result["data"] is None and result["errors"]


async def test_the_audit_log_exports_as_csv(client: httpx.AsyncClient, small_org: Org) -> None:
    await publish(client, small_org.hr, accrualRatio="0.14", note="计提，上调")
    await ack(client, small_org.staff)
    response = await client.get("/exports/audit.csv", params={"action": "ruleset."},
                                headers={"authorization": f"Bearer {small_org.hr}"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["action"] for r in rows] == ["ruleset.publish", "ruleset.acknowledge"]  # oldest first
    assert rows[0]["actor"] == "employee:HR0001" and '"note": "计提，上调"' in rows[0]["after"]
    assert datetime.fromisoformat(rows[0]["at"]).tzinfo is not None

    everything = await client.get("/exports/audit.csv", headers={"authorization": f"Bearer {small_org.hr}"})
    assert len(list(csv.DictReader(io.StringIO(everything.content.decode("utf-8-sig"))))) == \
        len((await table_rows())["audit_entry"])


@pytest.mark.parametrize(("token", "params", "status"), [
    (None, {}, 401), ("staff", {}, 403), ("manager", {}, 403), ("bad", {}, 401),
    ("hr", {"from": "yesterday"}, 400), ("hr", {"to": "2026-11-01T00:00:00"}, 400),
])
async def test_the_export_refuses(client: httpx.AsyncClient, small_org: Org, token: str | None,
                                  params: dict[str, str], status: int) -> None:
    tokens = {"staff": small_org.staff, "manager": small_org.manager, "hr": small_org.hr, "bad": "x.y.z"}
    headers = {"authorization": f"Bearer {tokens[token]}"} if token else {}
    response = await client.get("/exports/audit.csv", params=params, headers=headers)
    assert response.status_code == status, response.text


async def test_a_large_log_streams_in_batches(client: httpx.AsyncClient, small_org: Org,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from backend.persistence.models import AuditEntry
    from backend.services import audit_log

    monkeypatch.setattr(audit_log, "EXPORT_BATCH", 7)
    await AuditEntry.bulk_create([AuditEntry(actor="system", action="bulk", entity="x", entity_id=str(i),
                                             at=datetime(2026, 11, 1, tzinfo=UTC)) for i in range(50)])
    chunks = []
    async with client.stream("GET", "/exports/audit.csv", params={"action": "bulk"},
                             headers={"authorization": f"Bearer {token_for(small_org.hr_id)}"}) as response:
        async for chunk in response.aiter_text():
            chunks.append(chunk)
    rows = list(csv.DictReader(io.StringIO("".join(chunks).lstrip("\ufeff"))))
    assert [r["entity_id"] for r in rows] == [str(i) for i in range(50)]
