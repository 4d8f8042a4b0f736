"""The SLA clock through the API: it runs from submission (not from the customer's report), and a reopen undoes
the resolution — its time, its SLA verdict, its points and the `breached` filter all follow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from backend.domain.access import SYSTEM
from backend.domain.support import Category, Priority
from backend.events.memory import MemoryEventBus
from backend.graphql.ids import encode_id
from backend.persistence.models import SupportRequest
from backend.services import support
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, gql, token_for
from tests.api.support.test_lifecycle import RESOLVE, SUBMIT, _call, submit_input

pytestmark = pytest.mark.asyncio(loop_scope="session")

ONE = """query($id: ID!) { supportRequest(id: $id) { status submittedAt responseDueAt resolutionDueAt resolvedAt
  figures { responseSlaMet resolutionSlaMet slaBreached resolutionMinutes supportPoints lateHandoff } } }"""
BREACHED = """query($b: Boolean!) { supportRequests(first: 10, breached: $b) { nodes { clientRequestId } } }"""


async def _one(client: httpx.AsyncClient, org: Org, request_id: str) -> dict[str, Any]:
    result = await gql(client, ONE, {"id": request_id}, token=org.hr)
    assert "errors" not in result, result
    request: dict[str, Any] = result["data"]["supportRequest"]
    return request


async def _breached(client: httpx.AsyncClient, org: Org, breached: bool) -> list[str]:
    result = await gql(client, BREACHED, {"b": breached}, token=org.hr)
    return [node["clientRequestId"] for node in result["data"]["supportRequests"]["nodes"]]


async def test_an_open_requests_clock_runs_from_submission_not_from_the_customer_report(
        client: httpx.AsyncClient, small_org: Org) -> None:
    # Handed over 30 h after the customer called (a late handoff, the frontline's fault): the backend's URGENT
    # clock (30 min to accept, 4 h to resolve) still starts only now, so nothing is breached yet.
    reported = datetime.now(UTC) - timedelta(hours=30)
    submitted = await _call(client, SUBMIT, {"input": submit_input("late-handoff", customerReportedAt=reported.isoformat())},
                            small_org.staff)
    request = await _one(client, small_org, submitted["request"]["id"])

    submitted_at = datetime.fromisoformat(request["submittedAt"])
    assert submitted_at - reported >= timedelta(hours=30)
    assert datetime.fromisoformat(request["responseDueAt"]) == submitted_at + timedelta(minutes=30)
    assert datetime.fromisoformat(request["resolutionDueAt"]) == submitted_at + timedelta(hours=4)
    assert request["figures"] == {"responseSlaMet": None, "resolutionSlaMet": None, "slaBreached": False,
                                  "resolutionMinutes": None, "supportPoints": None, "lateHandoff": True}
    assert await _breached(client, small_org, False) == ["late-handoff"]
    assert await _breached(client, small_org, True) == []


async def test_a_reopen_clears_the_resolution_and_its_verdict(client: httpx.AsyncClient, small_org: Org) -> None:
    # Submitted 5 h ago as URGENT (resolve within 4 h), resolved after 1 h, reopened after 2 h: the deadline has
    # passed with the request open again, so it is breached now, and it earns nothing until resolved again.
    t0 = datetime.now(UTC) - timedelta(hours=5)
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        submission = await support.submit_request(uow=uow, at=t0, data=support.SubmitData(
            client_request_id="reopened", region_code="R1", department_code="TECH", category=Category.FAULT_REPAIR,
            priority=Priority.URGENT, title="光猫反复掉线", description="", customer_reported_at=t0 - timedelta(hours=1),
            submitter_id=small_org.staff_id))
        request_pk = submission.request.id
        await support.accept_request(uow=uow, request_id=request_pk, assignee_id=small_org.backend_id,
                                     at=t0 + timedelta(minutes=10))
        await support.start_request(uow=uow, request_id=request_pk, at=t0 + timedelta(minutes=20))
        await support.resolve_request(uow=uow, request_id=request_pk, note="重启", at=t0 + timedelta(hours=1))
    request_id = encode_id("SupportRequest", request_pk)

    resolved = await _one(client, small_org, request_id)
    assert (resolved["status"], resolved["resolvedAt"]) == ("RESOLVED", (t0 + timedelta(hours=1)).isoformat())
    assert resolved["figures"] == {"responseSlaMet": True, "resolutionSlaMet": True, "slaBreached": False,
                                   "resolutionMinutes": "60", "supportPoints": "2.4", "lateHandoff": False}
    assert (await _breached(client, small_org, False), await _breached(client, small_org, True)) == (["reopened"], [])

    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await support.reopen_request(uow=uow, request_id=request_pk, reason="又掉线了", at=t0 + timedelta(hours=2))

    reopened = await _one(client, small_org, request_id)
    assert (reopened["status"], reopened["resolvedAt"]) == ("REOPENED", None)
    assert reopened["figures"] == {"responseSlaMet": True, "resolutionSlaMet": False, "slaBreached": True,
                                   "resolutionMinutes": None, "supportPoints": None, "lateHandoff": False}
    assert (await _breached(client, small_org, False), await _breached(client, small_org, True)) == ([], ["reopened"])

    # Resolved again, 5 h after submission: late, so half the points (URGENT 3 × unrated 0.8 × breached 0.5).
    backend = token_for(small_org.backend_id)
    await _call(client, "mutation($id: ID!) { startSupportRequest(id: $id) { __typename } }", {"id": request_id},
                backend)
    again = await _call(client, RESOLVE, {"id": request_id}, backend)
    assert again["request"]["figures"]["resolutionSlaMet"] is False
    assert again["request"]["figures"]["supportPoints"] == "1.2"
    assert await _breached(client, small_org, True) == ["reopened"]


LIST = """query($b: Boolean) { supportRequests(first: 20, breached: $b) { nodes { clientRequestId
  figures { slaBreached } } } }"""


async def test_the_breached_filter_agrees_with_every_requests_own_verdict(client: httpx.AsyncClient,
                                                                          small_org: Org) -> None:
    now = datetime.now(UTC)
    minutes = timedelta(minutes=1)
    # name: (priority, submitted ago, accepted after, resolved after, cancelled after)
    shapes: dict[str, tuple[Priority, timedelta, timedelta | None, timedelta | None, timedelta | None]] = {
        "waiting-in-time": (Priority.URGENT, 10 * minutes, None, None, None),
        "waiting-too-long": (Priority.URGENT, 60 * minutes, None, None, None),
        "accepted-late-then-cancelled": (Priority.URGENT, 120 * minutes, 45 * minutes, None, 50 * minutes),
        "in-progress-in-time": (Priority.NORMAL, 120 * minutes, 60 * minutes, None, None),
        "resolved-in-time": (Priority.URGENT, 180 * minutes, 10 * minutes, 60 * minutes, None),
        "resolved-late": (Priority.URGENT, 360 * minutes, 10 * minutes, 300 * minutes, None),
    }
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        for name, (priority, ago, accepted, resolved, cancelled) in shapes.items():
            t0 = now - ago
            submission = await support.submit_request(uow=uow, at=t0, data=support.SubmitData(
                client_request_id=name, region_code="R1", department_code="TECH", category=Category.OTHER,
                priority=priority, title=name, description="", customer_reported_at=t0,
                submitter_id=small_org.staff_id))
            pk = submission.request.id
            if accepted is not None:
                await support.accept_request(uow=uow, request_id=pk, assignee_id=small_org.backend_id,
                                             at=t0 + accepted)
            if cancelled is not None:
                await support.cancel_request(uow=uow, request_id=pk, at=t0 + cancelled)
            if resolved is not None:
                await support.start_request(uow=uow, request_id=pk, at=t0 + accepted)  # type: ignore[operator]
                await support.resolve_request(uow=uow, request_id=pk, note=None, at=t0 + resolved)

    async def names(breached: bool | None) -> dict[str, bool]:
        result = await gql(client, LIST, {"b": breached}, token=small_org.hr)
        assert "errors" not in result, result
        return {n["clientRequestId"]: n["figures"]["slaBreached"] for n in result["data"]["supportRequests"]["nodes"]}

    verdicts = await names(None)
    assert verdicts == {"waiting-in-time": False, "waiting-too-long": True, "accepted-late-then-cancelled": False,
                        "in-progress-in-time": False, "resolved-in-time": False, "resolved-late": True}
    assert await names(True) == {name: True for name, breached in verdicts.items() if breached}
    assert await names(False) == {name: False for name, breached in verdicts.items() if not breached}


async def test_a_request_is_judged_by_the_deadlines_fixed_when_it_was_submitted(client: httpx.AsyncClient,
                                                                               small_org: Org) -> None:
    # As if submitted under an older rule set: 10 minutes to accept and 20 to resolve, not URGENT's 30 min / 4 h.
    submitted = await _call(client, SUBMIT, {"input": submit_input("older-rules")}, small_org.staff)
    row = await SupportRequest.get(client_request_id="older-rules")
    await SupportRequest.filter(id=row.id).update(
        submitted_at=row.submitted_at - timedelta(minutes=15), response_due_at=row.submitted_at - timedelta(minutes=5),
        resolution_due_at=row.submitted_at + timedelta(minutes=5))
    query = """query($id: ID!) { supportRequest(id: $id) { figures { responseLimitMinutes resolutionLimitMinutes
      responseSlaMet resolutionSlaMet slaBreached } } }"""
    result = await gql(client, query, {"id": submitted["request"]["id"]}, token=small_org.hr)
    assert result["data"]["supportRequest"]["figures"] == {
        "responseLimitMinutes": "10", "resolutionLimitMinutes": "20", "responseSlaMet": False,
        "resolutionSlaMet": None, "slaBreached": True}
