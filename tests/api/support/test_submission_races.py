"""Resending one submission while the first send is still in its transaction (PostgreSQL).

A device that loses the answer sends the same clientRequestId again. A `Gate` holds the first send just before
(or just after) its INSERT while the resend runs: exactly one request and one timeline entry exist afterwards,
both sends answer with that request, and only one says it created it. SQLite runs one transaction at a time,
so these are skipped there (scripts/test runs them on PostgreSQL).
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from backend.persistence.models import SupportRequest, SupportRequestEvent
from tests.api.conftest import Org, gql, requires_postgres
from tests.api.support.test_lifecycle import SUBMIT, submit_input
from tests.support.races import Gate, blocked_on_a_lock

pytestmark = [pytest.mark.asyncio(loop_scope="session"), *requires_postgres]


async def _send(client: httpx.AsyncClient, org: Org, client_id: str) -> dict[str, Any]:
    result = await gql(client, SUBMIT, {"input": submit_input(client_id)}, token=org.staff)
    assert "errors" not in result, result
    payload: dict[str, Any] = result["data"]["submitSupportRequest"]
    return payload


@pytest.mark.parametrize("pause", ["before its insert", "after its insert"])
async def test_a_resend_racing_the_first_send_creates_exactly_one_request(
        client: httpx.AsyncClient, small_org: Org, monkeypatch: pytest.MonkeyPatch, pause: str) -> None:
    insert = SupportRequest.bulk_create

    async def nothing() -> None:
        return None

    gate = Gate(nothing)  # the first call (the first send's) waits there; the resend's passes

    async def insert_with_a_pause(*args: Any, **kwargs: Any) -> Any:
        if pause == "before its insert":
            await gate()
        result = await insert(*args, **kwargs)
        if pause == "after its insert":
            await gate()  # inserted, not yet committed
        return result

    monkeypatch.setattr(SupportRequest, "bulk_create", insert_with_a_pause)

    first = asyncio.create_task(_send(client, small_org, "offline-77"))
    await gate.wait_reached()
    resend = asyncio.create_task(_send(client, small_org, "offline-77"))
    if pause == "before its insert":
        # The resend found nothing either, inserts and commits while the first send waits.
        await asyncio.wait_for(asyncio.shield(resend), 10)
    else:
        # The resend's insert waits for the first send's uncommitted row (the unique index).
        assert await blocked_on_a_lock(resend), "the resend did not wait for the first send's row"
    gate.open()
    answers = await asyncio.gather(first, resend)

    assert [a["__typename"] for a in answers] == ["SupportRequestSuccess"] * 2, answers
    assert len({a["request"]["id"] for a in answers}) == 1
    winner = 1 if pause == "before its insert" else 0
    assert [a["created"] for a in answers] == [i == winner for i in range(2)]
    stored = await SupportRequest.all().values("id", "client_request_id", "timeline_length")
    assert [(r["client_request_id"], r["timeline_length"]) for r in stored] == [("offline-77", 1)]
    events = await SupportRequestEvent.all().values_list("request_id", "sequence", "action")
    assert events == [(stored[0]["id"], 1, "SUBMIT")]


async def test_twenty_concurrent_resends_create_exactly_one_request(client: httpx.AsyncClient, small_org: Org) -> None:
    sends = [gql(client, SUBMIT, {"input": submit_input("flaky-network-7")}, token=small_org.staff)
             for _ in range(20)]
    results = await asyncio.gather(*sends)

    payloads = [r["data"]["submitSupportRequest"] for r in results]
    assert all(p["__typename"] == "SupportRequestSuccess" for p in payloads), payloads
    assert len({p["request"]["id"] for p in payloads}) == 1
    assert sum(p["created"] for p in payloads) == 1
    assert await SupportRequest.all().count() == 1
    assert await SupportRequestEvent.all().count() == 1
