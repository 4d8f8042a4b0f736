"""Support requests through the API: the lifecycle by the right people, refusals, idempotent submission."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from backend.domain.access import Scope
from backend.domain.org import DepartmentKind, Role
from backend.graphql.ids import encode_id
from backend.persistence.models import SupportRequest, SupportRequestEvent
from tests.api.conftest import Org, create_department, gql, hire, partner_token, table_rows, token_for

pytestmark = pytest.mark.asyncio(loop_scope="session")

FIELDS = """__typename ... on OperationError { code message field }
  ... on SupportRequestSuccess { created request { id status clientRequestId rating reopenCount timelineIntact
    assignee { employeeNo } submitter { employeeNo } department { code } region { code }
    customerReportedAt submittedAt responseDueAt resolutionDueAt resolvedAt
    figures { slaBreached responseSlaMet resolutionSlaMet satisfaction supportPoints lateHandoff handoffDelayMinutes
      resolutionMinutes }
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


def _minutes_between(earlier: str, later: str) -> Decimal:
    seconds = int((datetime.fromisoformat(later) - datetime.fromisoformat(earlier)).total_seconds())
    return (Decimal(seconds) / 60).quantize(Decimal("0.1"))


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
    # Handoff delay = submitted − customer reported; resolution time = resolved − submitted (whole seconds,
    # shown as minutes to 0.1). The input says the customer reported 2 h before it was sent.
    figures = request["figures"]
    handoff = _minutes_between(request["customerReportedAt"], request["submittedAt"])
    assert Decimal(120) <= handoff < Decimal(121)
    assert Decimal(figures.pop("handoffDelayMinutes")) == handoff
    assert Decimal(figures.pop("resolutionMinutes")) == _minutes_between(request["submittedAt"],
                                                                        request["resolvedAt"])
    assert figures == {"slaBreached": False, "responseSlaMet": True, "resolutionSlaMet": True, "satisfaction": 100,
                       "supportPoints": "3", "lateHandoff": False}
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


async def _refused(client: httpx.AsyncClient, mutation: str, variables: dict[str, Any],
                   refusals: list[tuple[str | None, str]]) -> None:
    """Each caller is refused with exactly the code given, and the database is left exactly as it was."""
    for token, code in refusals:
        before = await table_rows()
        refused = await _call(client, mutation, variables, token)
        assert (refused["__typename"], refused.get("code")) == ("OperationError", code), (token, refused)
        assert await table_rows() == before, "a refused transition must write nothing"


async def test_wrong_people_are_refused_and_nothing_changes(client: httpx.AsyncClient, small_org: Org) -> None:
    request_id = await _submit(client, small_org)
    backend_id = encode_id("Employee", small_org.backend_id)
    other_frontline = token_for(small_org.other_staff_id)
    partner = await partner_token(small_org, Scope.READ_SUPPORT)

    # Accept: only the target department (TECH). The submitter and HR can read the request but may not accept
    # it; another frontliner cannot even see it.
    await _refused(client, ACCEPT, {"id": request_id, "a": backend_id}, [
        (small_org.staff, "PERMISSION_DENIED"), (other_frontline, "NOT_FOUND"), (small_org.hr, "PERMISSION_DENIED")])
    # Cancel: only the submitter.
    await _refused(client, CANCEL, {"id": request_id}, [
        (token_for(small_org.backend_id), "PERMISSION_DENIED"), (small_org.manager, "PERMISSION_DENIED"),
        (small_org.hr, "PERMISSION_DENIED")])
    # Anonymous callers (told to sign in) and partners (even one that may read support requests) never reach the
    # use case.
    await _refused(client, CANCEL, {"id": request_id}, [(None, "UNAUTHENTICATED"), (partner, "PERMISSION_DENIED")])
    partner_refusal = await _call(client, CANCEL, {"id": request_id}, partner)
    assert partner_refusal["message"] == "Partner tokens are read-only."
    assert (await SupportRequest.get()).status.value == "SUBMITTED"

    await _call(client, ACCEPT, {"id": request_id, "a": backend_id}, small_org.manager)  # manager assigns B0001
    # Start/resolve: the assignee or the department's manager, not a colleague who is neither.
    await _refused(client, START, {"id": request_id}, [(small_org.staff, "PERMISSION_DENIED")])
    await _call(client, START, {"id": request_id}, small_org.manager)
    await _call(client, RESOLVE, {"id": request_id}, token_for(small_org.backend_id))
    # Confirm and reopen: only the submitter.
    await _refused(client, CONFIRM, {"id": request_id, "r": 4}, [(small_org.manager, "PERMISSION_DENIED")])
    await _refused(client, REOPEN, {"id": request_id}, [(small_org.hr, "PERMISSION_DENIED")])
    assert (await SupportRequest.get()).status.value == "RESOLVED"


async def test_a_refusal_says_who_may_act(client: httpx.AsyncClient, small_org: Org) -> None:
    request_id = await _submit(client, small_org)
    accept = await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.backend_id)},
                         small_org.staff)
    cancel = await _call(client, CANCEL, {"id": request_id}, small_org.manager)
    await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.backend_id)},
                small_org.manager)
    start = await _call(client, START, {"id": request_id}, small_org.hr)

    assert [r["message"] for r in (accept, cancel, start)] == [
        "only members of the target department may accept this request",
        "only the submitter may cancel this request",
        "only the assignee or the department's manager may start this request"]


async def test_only_the_manager_of_the_requests_own_department_may_start_or_resolve(
        client: httpx.AsyncClient, small_org: Org) -> None:
    # Two managers who are not TECH's: the submitter's own (frontline) manager, who may read the request, and
    # the manager of another backend department, who may not even see it.
    await create_department("NOC", "网络运维部", DepartmentKind.BACKEND)
    frontline_manager = token_for(await hire("F0900", "刘洋", "MKT", "R1", Role.MANAGER))
    other_backend_manager = token_for(await hire("N0900", "孙磊", "NOC", None, Role.MANAGER))
    request_id = await _submit(client, small_org)
    backend = token_for(small_org.backend_id)
    await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.backend_id)}, backend)
    outsiders = [(frontline_manager, "PERMISSION_DENIED"), (other_backend_manager, "NOT_FOUND"),
                 (small_org.hr, "PERMISSION_DENIED")]

    await _refused(client, START, {"id": request_id}, outsiders)
    started = await _call(client, START, {"id": request_id}, small_org.manager)  # TECH's manager
    await _refused(client, RESOLVE, {"id": request_id}, outsiders)
    resolved = await _call(client, RESOLVE, {"id": request_id}, small_org.manager)

    assert (started["request"]["status"], resolved["request"]["status"]) == ("IN_PROGRESS", "RESOLVED")
    assert [e["actorLabel"] for e in resolved["request"]["timeline"][2:]] == ["employee:M0001", "employee:M0001"]


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
    before = await table_rows()

    refused = await _call(client, mutation, {"id": request_id, **variables}, token)

    assert refused["code"] == "INVALID_TRANSITION"
    assert f"is {state}" in refused["message"]
    assert await table_rows() == before


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
    before = await table_rows()
    refused = await _call(client, SUBMIT, {"input": submit_input(**overrides)}, small_org.staff)
    assert (refused["code"], refused["field"]) == (code, field)
    assert await table_rows() == before


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


async def test_tampering_with_the_timeline_shows(client: httpx.AsyncClient, small_org: Org) -> None:
    request_id = await _submit(client, small_org)
    await _call(client, CANCEL, {"id": request_id}, small_org.staff)
    query = "query($id: ID!) { supportRequest(id: $id) { timelineIntact } }"
    assert (await gql(client, query, {"id": request_id}, token=small_org.hr))["data"]["supportRequest"] == {
        "timelineIntact": True}

    await SupportRequestEvent.filter(sequence=2).update(actor_label="employee:HR0001")

    assert (await gql(client, query, {"id": request_id}, token=small_org.hr))["data"]["supportRequest"] == {
        "timelineIntact": False}
