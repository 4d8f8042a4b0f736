"""The backend's queue, live: changes of followed departments patch the shown list (insert in order, update,
take out what no longer matches the filters) without a reload; reconnecting reads the list again."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import AsyncGenerator
from typing import Any

import pytest

from frontend import api
from frontend.pages.requests import RequestsState
from frontend.state import live
from frontend.state.queue import QueueFilters, apply_change, followed_departments, followed_requests, row_of
from tests.frontend.test_states import fresh_state, run_handler
from tests.frontend.test_support_states import ENGINEER, FRONTLINE, HR, REQUEST, TECH_MANAGER, FakeSupportGateway

NOW = dt.datetime(2026, 11, 28, 3, 0, tzinfo=dt.UTC)
OLDER = api.summary_of(REQUEST)  # submitted 02:00
NEWER = dataclasses.replace(OLDER, id="U3VwcG9ydFJlcXVlc3Q6Mg", title="机房空调告警", submitted_at="2026-11-28T02:40:00+00:00")
NEWEST = dataclasses.replace(OLDER, id="U3VwcG9ydFJlcXVlc3Q6Mw", title="OLT 板卡告警", submitted_at="2026-11-28T02:50:00+00:00")


def rows_of(*requests: api.SupportRequestSummary) -> list[Any]:
    return [row_of(r, ENGINEER, NOW) for r in requests]


def test_a_new_request_is_inserted_newest_first_and_marked_new() -> None:
    rows = rows_of(NEWEST, OLDER)

    patched = apply_change(rows, NEWER, filters=QueueFilters(), me=ENGINEER, now=NOW)

    assert [row.title for row in patched] == ["OLT 板卡告警", "机房空调告警", "光节点掉线"]
    assert [row.is_new for row in patched] == [False, True, False]
    assert patched[1].actions == ("accept",)


def test_a_change_of_a_shown_request_updates_it_in_place() -> None:
    rows = rows_of(NEWER, OLDER)
    accepted = dataclasses.replace(OLDER, status="ACCEPTED", assignee_id=ENGINEER.id, assignee_name=ENGINEER.name,
                                   accepted_at="2026-11-28T02:20:00+00:00")

    patched = apply_change(rows, accepted, filters=QueueFilters(), me=ENGINEER, now=NOW)

    assert [row.id for row in patched] == [NEWER.id, OLDER.id]
    assert (patched[1].status, patched[1].assignee_name, patched[1].actions) == ("ACCEPTED", "赵工", ("start",))
    assert patched[1].due_kind == "resolution"


def test_a_request_that_stops_matching_the_filters_leaves_and_one_that_never_did_stays_out() -> None:
    unassigned = QueueFilters(scope="unassigned")
    rows = rows_of(NEWER, OLDER)
    taken = dataclasses.replace(OLDER, status="ACCEPTED", assignee_id=ENGINEER.id)
    elsewhere = dataclasses.replace(NEWEST, region_code="R-WEST")

    after_accept = apply_change(rows, taken, filters=unassigned, me=ENGINEER, now=NOW)
    after_other_region = apply_change(after_accept, elsewhere, filters=QueueFilters(region_code="R-EAST"),
                                      me=ENGINEER, now=NOW)

    assert [row.id for row in after_accept] == [NEWER.id]
    assert [row.id for row in after_other_region] == [NEWER.id]


@pytest.mark.parametrize(("filters", "change", "shown"), [
    (QueueFilters(status="SUBMITTED"), OLDER, True),
    (QueueFilters(status="RESOLVED"), OLDER, False),
    (QueueFilters(priority="URGENT"), OLDER, True),
    (QueueFilters(priority="LOW"), OLDER, False),
    (QueueFilters(scope="mine"), dataclasses.replace(OLDER, assignee_id=ENGINEER.id), True),
    (QueueFilters(scope="mine"), OLDER, False),
    (QueueFilters(breached=True), dataclasses.replace(OLDER, sla_breached=True), True),
    (QueueFilters(breached=True), OLDER, False),
    (QueueFilters(search="光节点"), OLDER, True),
    (QueueFilters(search="olt"), NEWEST, True),
    (QueueFilters(search="空调"), OLDER, False),
])
def test_live_changes_are_matched_like_the_api_filters(filters: QueueFilters, change: api.SupportRequestSummary,
                                                       shown: bool) -> None:
    assert filters.matches(change, ENGINEER) is shown


def test_who_follows_which_queue() -> None:
    backend = ["NOC", "TECH"]
    assert followed_departments(ENGINEER, backend) == ["TECH"]
    assert followed_departments(TECH_MANAGER, backend) == ["TECH"]
    assert followed_departments(HR, backend) == ["NOC", "TECH"]
    frontline_manager = dataclasses.replace(FRONTLINE, roles=("MANAGER",))
    assert followed_departments(frontline_manager, backend) == ["NOC", "TECH"]
    assert followed_departments(FRONTLINE, backend) == []
    done = dataclasses.replace(NEWER, status="CONFIRMED")
    assert followed_requests(FRONTLINE, rows_of(OLDER, done), []) == [OLDER.id]  # their own open requests


class FakeQueue:
    """Stands in for api.watch_support_queue: plays scripts of Connected, rows, heartbeats, failures."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *scripts: list[Any]) -> None:
        self.scripts = list(scripts)
        self.calls: list[dict[str, Any]] = []
        self.before_each_item: Any = None
        monkeypatch.setattr(api, "watch_support_queue", self.watch)
        monkeypatch.setattr(live, "LIVE_RETRY_SECONDS", 0)

    async def watch(self, token: str, *, department_codes: Any = (), request_ids: Any = (),
                    heartbeat_seconds: float) -> AsyncGenerator[api.QueueItem, None]:
        self.calls.append({"departments": list(department_codes), "requests": list(request_ids)})
        script = self.scripts.pop(0) if self.scripts else [api.GatewayError("UNAUTHENTICATED", "end of test")]
        for item in script:
            if self.before_each_item is not None:
                self.before_each_item()
            if isinstance(item, api.GatewayError):
                raise item
            yield item


async def queue_of(token: str) -> RequestsState:
    state = fresh_state(RequestsState)
    state.token = token
    await run_handler(RequestsState.load.fn(state))
    return state


async def follow(state: RequestsState) -> list[Any]:
    return [update async for update in RequestsState.follow_queue.fn(state)]


async def test_a_new_request_appears_in_the_open_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    gateway = FakeSupportGateway(monkeypatch)
    state = await queue_of("token-eng")
    new_one = dataclasses.replace(NEWER, submitted_at="2026-11-28T04:00:00+00:00")
    queue = FakeQueue(monkeypatch, [api.Connected(), new_one, None])

    await follow(state)

    assert queue.calls[0] == {"departments": ["TECH"], "requests": []}
    assert [row.title for row in state.rows] == ["机房空调告警", "光节点掉线"]
    assert state.rows[0].is_new and state.new_count == 1
    assert not state.is_live
    assert len(gateway.list_calls) == 1  # the first connection needs no second read


async def test_a_reconnected_queue_reads_the_list_again(monkeypatch: pytest.MonkeyPatch) -> None:
    gateway = FakeSupportGateway(monkeypatch)
    state = await queue_of("token-eng")
    missed = api.SupportRequestDetail(**{**vars(REQUEST), "id": NEWEST.id, "title": "断线期间的新需求",
                                         "submitted_at": "2026-11-28T05:00:00+00:00"})
    queue = FakeQueue(monkeypatch, [api.Connected(), api.GatewayError("NETWORK", "reset")],
                      [api.Connected(), None])
    queue.before_each_item = lambda: gateway.requests.setdefault(missed.id, missed) if len(queue.calls) == 2 else None

    await follow(state)

    assert len(queue.calls) == 3  # dropped, reconnected, then refused at the end of the script
    assert [row.title for row in state.rows][:1] == ["断线期间的新需求"]
    assert len(gateway.list_calls) == 2


async def test_the_queue_stops_following_when_the_tab_signs_out(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeSupportGateway(monkeypatch)
    state = await queue_of("token-eng")
    queue = FakeQueue(monkeypatch, [api.Connected(), None, NEWER, NEWEST])
    ticks = iter([lambda: None, lambda: None, lambda: state._end_session()])
    queue.before_each_item = lambda: next(ticks, lambda: None)()

    await follow(state)

    assert len(queue.calls) == 1
    assert NEWEST.id not in [row.id for row in state.rows]


async def test_frontline_staff_follow_their_own_open_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeSupportGateway(monkeypatch)
    state = await queue_of("token-f")
    resolved = dataclasses.replace(OLDER, status="RESOLVED", resolved_at="2026-11-28T02:55:00+00:00")
    queue = FakeQueue(monkeypatch, [api.Connected(), resolved])

    await follow(state)

    assert queue.calls[0] == {"departments": [], "requests": [REQUEST.id]}
    assert state.rows[0].status == "RESOLVED"
