"""Support requests through the API: the lifecycle by the right people, refusals, idempotent submission."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from backend.graphql.ids import encode_id
from backend.persistence.models import SupportRequest, SupportRequestEvent
from tests.api.conftest import Org, gql, table_counts, token_for

pytestmark = pytest.mark.asyncio(loop_scope="session")

FIELDS = """__typename ... on OperationError { code message field }
  ... on SupportRequestSuccess { created request { id status clientRequestId rating reopenCount timelineIntact
    assignee { employeeNo } submitter { employeeNo } department { code } region { code }
    figures { slaBreached responseSlaMet resolutionSlaMet satisfaction supportPoints lateHandoff handoffDelayMinutes }
    timeline { sequence action fromStatus toStatus actorLabel } } }"""
SUBMIT = f"mutation($input: SubmitSupportRequestInput!) {{ submitSupportRequest(input: $input) {{ {FIELDS} }} }}"
ACCEPT = f"mutation($id: ID!, $a: ID!) {{ acceptSupportRequest(id: $id, assigneeId: $a) {{ {FIELDS} }} }}"
START = f"mutation($id: ID!) {{ startSupportRequest(id: $id) {{ {FIELDS} }} }}"
RESOLVE = f"mutation($id: ID!) {{ resolveSupportRequest(id: $id, note: \"换了光模块\") {{ {FIELDS} }} }}"
CONFIRM = f"mutation($id: ID!, $r: Int!) {{ confirmSupportRequest(id: $id, rating: $r, comment: \"很快\") {{ {FIELDS} }} }}"
REOPEN = f"mutation($id: ID!) {{ reopenSupportRequest(id: $id, reason: \"又断了\") {{ {FIELDS} }} }}"
CANCEL = f"mutation($id: ID!) {{ cancelSupportRequest(id: $id) {{ {FIELDS} }} }}"


def submit_input(client_id: str = "dev-1-0001", **overrides: Any) -> dict[str, Any]:
    reported = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    return {"clientRequestId": client_id, "regionCode": "R1", "departmentCode": "TECH", "category": "FAULT_REPAIR",
            "priority": "URGENT", "title": "小区光缆中断", "description": "3 栋整栋无信号",
            "customerReportedAt": reported, **overrides}


async def _submit(client: httpx.AsyncClient, org: Org, client_id: str = "dev-1-0001") -> str:
    result = await gql(client, SUBMIT, {"input": submit_input(client_id)}, token=org.staff)
    request_id: str = result["data"]["submitSupportRequest"]["request"]["id"]
    return request_id


async def _call(client: httpx.AsyncClient, mutation: str, variables: dict[str, Any], token: str | None) -> dict:
    result = await gql(client, mutation, variables, token=token)
    assert "errors" not in result, result
    payload: dict = next(iter(result["data"].values()))
    return payload


async def test_full_lifecycle_by_the_right_people(client: httpx.AsyncClient, small_org: Org) -> None:
    submitted = await _call(client, SUBMIT, {"input": submit_input()}, small_org.staff)
    request_id = submitted["request"]["id"]
    backend = encode_id("Employee", small_org.backend_id)

    accepted = await _call(client, ACCEPT, {"id": request_id, "a": backend}, token_for(small_org.backend_id))
    started = await _call(client, START, {"id": request_id}, token_for(small_org.backend_id))
    resolved = await _call(client, RESOLVE, {"id": request_id}, token_for(small_org.backend_id))
    confirmed = await _call(client, CONFIRM, {"id": request_id, "r": 5}, small_org.staff)

    assert submitted["created"] is True and submitted["request"]["status"] == "SUBMITTED"
    assert accepted["request"]["assignee"] == {"employeeNo": "B0001"}
    assert [started["request"]["status"], resolved["request"]["status"]] == ["IN_PROGRESS", "RESOLVED"]
    request = confirmed["request"]
    assert request["status"] == "CONFIRMED" and request["rating"] == 5
    assert request["figures"] == {"slaBreached": False, "responseSlaMet": True, "resolutionSlaMet": True,
                                  "satisfaction": 100, "supportPoints": "3", "lateHandoff": False,
                                  "handoffDelayMinutes": request["figures"]["handoffDelayMinutes"]}
    assert [(e["sequence"], e["action"], e["fromStatus"], e["toStatus"]) for e in request["timeline"]] == [
        (1, "SUBMIT", None, "SUBMITTED"), (2, "ACCEPT", "SUBMITTED", "ACCEPTED"),
        (3, "START", "ACCEPTED", "IN_PROGRESS"), (4, "RESOLVE", "IN_PROGRESS", "RESOLVED"),
        (5, "CONFIRM", "RESOLVED", "CONFIRMED")]
    assert request["timeline"][1]["actorLabel"] == "employee:B0001"
    assert request["timelineIntact"] is True


async def test_reopen_then_work_again(client: httpx.AsyncClient, small_org: Org) -> None:
    request_id = await _submit(client, small_org)
    backend = token_for(small_org.backend_id)
    await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.backend_id)}, backend)
    await _call(client, START, {"id": request_id}, backend)
    await _call(client, RESOLVE, {"id": request_id}, backend)

    reopened = await _call(client, REOPEN, {"id": request_id}, small_org.staff)
    restarted = await _call(client, START, {"id": request_id}, backend)

    assert reopened["request"]["status"] == "REOPENED" and reopened["request"]["reopenCount"] == 1
    assert reopened["request"]["figures"]["supportPoints"] is None
    assert restarted["request"]["status"] == "IN_PROGRESS"


async def test_wrong_people_are_refused_and_nothing_changes(client: httpx.AsyncClient, small_org: Org) -> None:
    request_id = await _submit(client, small_org)
    backend_id = encode_id("Employee", small_org.backend_id)
    other_frontline = token_for(small_org.other_staff_id)
    before = await table_counts()

    # Accept: only the target department (TECH); the submitter, another frontliner and HR may not.
    for token in (small_org.staff, other_frontline, small_org.hr):
        refused = await _call(client, ACCEPT, {"id": request_id, "a": backend_id}, token)
        assert refused["code"] in {"PERMISSION_DENIED", "NOT_FOUND"}, refused
    # Cancel: only the submitter.
    for token in (token_for(small_org.backend_id), small_org.manager, small_org.hr):
        assert (await _call(client, CANCEL, {"id": request_id}, token))["code"] == "PERMISSION_DENIED"
    # Anonymous callers and partners never reach the use case.
    assert (await _call(client, CANCEL, {"id": request_id}, None))["code"] == "PERMISSION_DENIED"
    assert await table_counts() == before

    await _call(client, ACCEPT, {"id": request_id, "a": backend_id}, small_org.manager)  # manager assigns B0001
    # Start/resolve: the assignee or the department's manager, not a colleague who is neither.
    assert (await _call(client, START, {"id": request_id}, small_org.staff))["code"] == "PERMISSION_DENIED"
    await _call(client, START, {"id": request_id}, small_org.manager)
    await _call(client, RESOLVE, {"id": request_id}, token_for(small_org.backend_id))
    # Confirm and reopen: only the submitter.
    assert (await _call(client, CONFIRM, {"id": request_id, "r": 4}, small_org.manager))["code"] == \
        "PERMISSION_DENIED"
    assert (await _call(client, REOPEN, {"id": request_id}, small_org.hr))["code"] == "PERMISSION_DENIED"
    assert (await SupportRequest.get()).status.value == "RESOLVED"


async def test_assignee_must_belong_to_the_target_department(client: httpx.AsyncClient, small_org: Org) -> None:
    request_id = await _submit(client, small_org)
    refused = await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.staff_id)},
                          small_org.manager)
    assert (refused["code"], refused["field"]) == ("VALIDATION", "assigneeId")


@pytest.mark.parametrize(("mutation", "variables", "state"), [
    (START, {}, "SUBMITTED"), (RESOLVE, {}, "SUBMITTED"), (CONFIRM, {"r": 5}, "SUBMITTED"),
    (REOPEN, {}, "SUBMITTED"),
])
async def test_invalid_transitions_name_the_state(client: httpx.AsyncClient, small_org: Org, mutation: str,
                                                  variables: dict, state: str) -> None:
    request_id = await _submit(client, small_org)
    token = small_org.staff if mutation in (CONFIRM, REOPEN) else small_org.manager
    before = await table_counts()

    refused = await _call(client, mutation, {"id": request_id, **variables}, token)

    assert refused["code"] == "INVALID_TRANSITION"
    assert f"is {state}" in refused["message"]
    assert await table_counts() == before


async def test_cancelled_request_cannot_be_accepted(client: httpx.AsyncClient, small_org: Org) -> None:
    request_id = await _submit(client, small_org)
    await _call(client, CANCEL, {"id": request_id}, small_org.staff)
    refused = await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.backend_id)},
                          small_org.manager)
    assert refused["code"] == "INVALID_TRANSITION" and "CANCELLED" in refused["message"]


@pytest.mark.parametrize(("overrides", "code", "field"), [
    ({"departmentCode": "MKT"}, "VALIDATION", "departmentCode"),  # a frontline department gives no support
    ({"departmentCode": "NOPE"}, "NOT_FOUND", "departmentCode"),
    ({"regionCode": "NOPE"}, "NOT_FOUND", "regionCode"),
    ({"title": " "}, "VALIDATION", "title"),
    ({"clientRequestId": "has space"}, "VALIDATION", "clientRequestId"),
    ({"customerReportedAt": "2099-01-01T00:00:00+00:00"}, "VALIDATION", "customerReportedAt"),
    ({"customerReportedAt": "2026-01-01T00:00:00"}, "VALIDATION", "customerReportedAt"),
])
async def test_bad_submissions_write_nothing(client: httpx.AsyncClient, small_org: Org, overrides: dict, code: str,
                                             field: str) -> None:
    before = await table_counts()
    refused = await _call(client, SUBMIT, {"input": submit_input(**overrides)}, small_org.staff)
    assert (refused["code"], refused["field"]) == (code, field)
    assert await table_counts() == before


async def test_only_frontline_staff_submit(client: httpx.AsyncClient, small_org: Org) -> None:
    refused = await _call(client, SUBMIT, {"input": submit_input()}, token_for(small_org.backend_id))
    assert refused["code"] == "PERMISSION_DENIED"


async def test_resending_the_same_client_id_returns_the_original(client: httpx.AsyncClient, small_org: Org) -> None:
    first = await _call(client, SUBMIT, {"input": submit_input("offline-42")}, small_org.staff)
    again = await _call(client, SUBMIT, {"input": submit_input("offline-42", title="改过的标题")}, small_org.staff)
    stolen = await _call(client, SUBMIT, {"input": submit_input("offline-42")}, token_for(small_org.other_staff_id))

    assert (first["created"], again["created"]) == (True, False)
    assert again["request"]["id"] == first["request"]["id"]
    assert stolen["code"] == "CONFLICT"  # someone else's id never reveals their request
    assert await SupportRequest.all().count() == 1
    assert await SupportRequestEvent.all().count() == 1


async def test_concurrent_resends_create_exactly_one_request(client: httpx.AsyncClient, small_org: Org) -> None:
    sends = [gql(client, SUBMIT, {"input": submit_input("flaky-network-7")}, token=small_org.staff)
             for _ in range(20)]
    results = await asyncio.gather(*sends)

    payloads = [r["data"]["submitSupportRequest"] for r in results]
    assert all(p["__typename"] == "SupportRequestSuccess" for p in payloads), payloads
    assert len({p["request"]["id"] for p in payloads}) == 1
    assert sum(p["created"] for p in payloads) == 1
    assert await SupportRequest.all().count() == 1
    assert await SupportRequestEvent.all().count() == 1


async def test_tampering_with_the_timeline_shows(client: httpx.AsyncClient, small_org: Org) -> None:
    request_id = await _submit(client, small_org)
    await _call(client, CANCEL, {"id": request_id}, small_org.staff)
    query = "query($id: ID!) { supportRequest(id: $id) { timelineIntact } }"
    assert (await gql(client, query, {"id": request_id}, token=small_org.hr))["data"]["supportRequest"] == {
        "timelineIntact": True}

    await SupportRequestEvent.filter(sequence=2).update(actor_label="employee:HR0001")

    assert (await gql(client, query, {"id": request_id}, token=small_org.hr))["data"]["supportRequest"] == {
        "timelineIntact": False}
