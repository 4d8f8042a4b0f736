"""Live at scale over real websockets: however many subscribers a topic has, an event costs one bus attachment,
one payload build, one GraphQL execution and one encoding per process; viewer-dependent fields are never shared
with a viewer they do not fit; a subscriber who stops reading is dropped without holding the others back."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from backend.domain.events import board_channel, employee_channel
from backend.events.bus import RESYNC
from backend.events.fanout import Fanout
from backend.graphql.ids import encode_id
from backend.graphql.live import SLOW_SUBSCRIBER_CLOSE_CODE
from backend.services import org
from tests.api.conftest import Org, gql, token_for
from tests.api.projects.conftest import ProjectBoard, new_task
from tests.support.ws import GraphQLSocket, graphql_socket

pytestmark = pytest.mark.asyncio(loop_scope="session")

BOARD_SUBSCRIPTION = """subscription($id: ID!) { boardChanged(projectId: $id) { kind sequence
  task { id title columnId position } project { columns { id tasks { id } } } } }"""
BOARD_WITH_DESCRIPTIONS = """subscription($id: ID!) { boardChanged(projectId: $id) { kind
  task { title description } } }"""
EMPLOYEE_SUBSCRIPTION = """subscription($id: ID) { employeeChanged(employeeId: $id) { kind
  employee { employeeNo position baseSalary targetBonus } } }"""


def fanout_of(api: Starlette) -> Fanout:
    fanout: Fanout = api.state.graphql.fanout
    return fanout


@contextlib.asynccontextmanager
async def sockets(url: str, tokens: list[str]) -> AsyncIterator[list[GraphQLSocket]]:
    async with contextlib.AsyncExitStack() as stack:
        yield [await stack.enter_async_context(graphql_socket(url, token)) for token in tokens]


async def first_payload(socket_: GraphQLSocket) -> dict[str, Any]:
    message = await socket_.receive()
    assert message["type"] == "next", message
    data: dict[str, Any] = message["payload"]["data"]
    return data


@pytest.mark.parametrize("subscribers", [1, 12])
async def test_an_event_costs_one_attachment_build_execution_and_encoding_whatever_the_audience(
        client: httpx.AsyncClient, small_org: Org, board: ProjectBoard, ws_url: str, api: Starlette,
        subscribers: int) -> None:
    fanout = fanout_of(api)
    bus = api.state.graphql.bus
    frames = api.state.graphql.frames
    tokens = [small_org.manager, small_org.staff, token_for(small_org.backend_id)] * subscribers
    async with sockets(ws_url, tokens[:subscribers]) as clients:
        before_current = (fanout.stats.builds, fanout.stats.executions)
        for socket_ in clients:
            await socket_.subscribe(BOARD_SUBSCRIPTION, {"id": board.id})
        currents = [(await first_payload(s))["boardChanged"] for s in clients]
        assert {c["kind"] for c in currents} == {"CURRENT"}
        current_cost = (fanout.stats.builds - before_current[0], fanout.stats.executions - before_current[1])
        assert bus.handlers(board_channel(board.pk)) == 1  # one attachment for all of them

        before = (fanout.stats.builds, fanout.stats.executions, frames.encodings, fanout.stats.attaches)
        for title in ("甲", "乙", "丙"):
            await new_task(client, small_org.staff, board, title)
        received = [[(await first_payload(s))["boardChanged"]["task"]["title"] for _ in range(3)] for s in clients]
        cost = (fanout.stats.builds - before[0], fanout.stats.executions - before[1], frames.encodings - before[2],
                fanout.stats.attaches - before[3])

    assert received == [["甲", "乙", "丙"]] * subscribers
    assert current_cost == (1, 1)  # the board was loaded and executed once for every subscriber connecting
    assert cost == (3, 3, 3, 0)  # per event: one build, one execution, one encoding; no new attachment
    assert bus.handlers(board_channel(board.pk)) == 0  # the last one leaving detaches the topic


async def test_pay_fields_in_a_shared_payload_reach_only_those_who_may_see_them(
        client: httpx.AsyncClient, small_org: Org, ws_url: str, api: Starlette) -> None:
    fanout = fanout_of(api)
    staff = encode_id("Employee", small_org.staff_id)
    # The employee (own pay), HR (everyone's pay), a manager and a colleague (nobody's pay but their own).
    viewers = [small_org.staff, small_org.hr, small_org.manager, token_for(small_org.other_staff_id)]
    async with sockets(ws_url, viewers) as clients:
        for socket_ in clients:
            await socket_.subscribe(EMPLOYEE_SUBSCRIPTION, {"id": staff})
        currents = [(await first_payload(s))["employeeChanged"]["employee"] for s in clients]
        before = fanout.stats.executions
        await gql(client, """mutation($input: TransferEmployeeInput!) { transferEmployee(input: $input) {
                   __typename } }""", {"input": {"employeeId": staff, "effectiveDate": org.today().isoformat(),
                                                 "position": "组长"}}, token=small_org.hr)
        changes = [(await first_payload(s))["employeeChanged"]["employee"] for s in clients]
        executions = fanout.stats.executions - before

    for seen in (currents, changes):
        assert [e["baseSalary"] for e in seen] == ["10000.00", "10000.00", None, None]
        assert [e["targetBonus"] for e in seen] == ["20000.00", "20000.00", None, None]
    assert {e["position"] for e in changes} == {"组长"}
    assert executions == 2  # one for those who see this pay, one for those who do not


async def test_a_subscriber_that_stops_reading_is_dropped_and_the_others_get_everything(
        client: httpx.AsyncClient, small_org: Org, board: ProjectBoard, ws_url: str, api: Starlette) -> None:
    fanout = fanout_of(api)
    bus = api.state.graphql.bus
    channel = board_channel(board.pk)
    events = 200
    big = "x" * 100_000  # 20 MB in all (uncompressed): more than the slow client's socket buffers hold
    previous_size, fanout.queue_size = fanout.queue_size, 8
    try:
        async with connect(ws_url, subprotocols=["graphql-transport-ws"], max_size=None, compression=None,  # type: ignore[list-item]
                           max_queue=1) as slow:
            await slow.send(json.dumps({"type": "connection_init",
                                        "payload": {"authorization": f"Bearer {small_org.staff}"}}))
            assert json.loads(await slow.recv())["type"] == "connection_ack"
            await slow.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
                "query": BOARD_WITH_DESCRIPTIONS, "variables": {"id": board.id}}}))
            async with graphql_socket(ws_url, small_org.manager) as fast:
                await fast.subscribe(BOARD_WITH_DESCRIPTIONS, {"id": board.id})
                await first_payload(fast)  # CURRENT
                while fanout.listeners(channel) < 2:
                    await asyncio.sleep(0.01)
                # `slow` never reads from here on.
                for n in range(events):
                    await bus.publish(channel, {"sequence": 10_000 + n, "kind": "TASK_UPDATED", "actor_id": None,
                                                "occurred_at": "2026-11-02T03:04:05+00:00", "project_id": board.pk,
                                                "task": {"id": n + 1, "column_id": board.column_pks[0],
                                                         "position": 0, "version": 1, "title": f"card {n}",
                                                         "description": big, "story_points": 0}})
                    got = (await first_payload(fast))["boardChanged"]["task"]["title"]
                    assert got == f"card {n}"  # the fast subscriber is never held back by the slow one
                assert fanout.stats.drops >= 1
            close_code = None
            with contextlib.suppress(ConnectionClosed):
                while True:
                    await asyncio.wait_for(slow.recv(), 10)
            close_code = slow.close_code
    finally:
        fanout.queue_size = previous_size
    assert close_code == SLOW_SUBSCRIBER_CLOSE_CODE


async def test_after_an_interruption_of_the_bus_the_current_state_is_sent_again(
        client: httpx.AsyncClient, small_org: Org, board: ProjectBoard, ws_url: str, api: Starlette) -> None:
    await new_task(client, small_org.staff, board, "已有")
    async with graphql_socket(ws_url, small_org.staff) as socket_:
        await socket_.subscribe(BOARD_SUBSCRIPTION, {"id": board.id})
        first = (await first_payload(socket_))["boardChanged"]
        # What the Redis bus delivers after it reconnected (messages may have been lost meanwhile).
        await api.state.graphql.bus.publish(board_channel(board.pk), RESYNC)
        again = (await first_payload(socket_))["boardChanged"]
    assert (first["kind"], again["kind"]) == ("CURRENT", "CURRENT")
    assert again["project"] == first["project"]


async def test_a_reconnecting_subscriber_gets_the_current_state_first(
        client: httpx.AsyncClient, small_org: Org, board: ProjectBoard, ws_url: str) -> None:
    async with graphql_socket(ws_url, small_org.staff) as socket_:
        await socket_.subscribe(BOARD_SUBSCRIPTION, {"id": board.id})
        before = (await first_payload(socket_))["boardChanged"]
    created = await new_task(client, small_org.staff, board, "断线期间")
    async with graphql_socket(ws_url, small_org.staff) as socket_:
        await socket_.subscribe(BOARD_SUBSCRIPTION, {"id": board.id})
        after = (await first_payload(socket_))["boardChanged"]
    tasks_before = [t["id"] for c in before["project"]["columns"] for t in c["tasks"]]
    tasks_after = [t["id"] for c in after["project"]["columns"] for t in c["tasks"]]
    assert after["kind"] == "CURRENT" and after["sequence"] > before["sequence"]
    assert created["id"] not in tasks_before and created["id"] in tasks_after


async def test_the_directory_and_one_employee_are_separate_topics(small_org: Org, ws_url: str,
                                                                  api: Starlette) -> None:
    fanout = fanout_of(api)
    async with graphql_socket(ws_url, small_org.hr) as socket_:
        await socket_.subscribe(EMPLOYEE_SUBSCRIPTION, {"id": encode_id("Employee", small_org.staff_id)})
        await first_payload(socket_)
        assert fanout.listeners(employee_channel(small_org.staff_id)) == 1
        assert fanout.listeners(employee_channel(small_org.other_staff_id)) == 0


async def test_project_amounts_in_a_shared_board_reach_only_those_who_may_see_them(
        client: httpx.AsyncClient, small_org: Org, board: ProjectBoard, ws_url: str) -> None:
    """A member sees every member's amount; the owner-manager (not a member) only those of his own department's
    members (SPEC §7) — on the same board, from one topic, with one GraphQL document."""
    document = """subscription($id: ID!) { boardChanged(projectId: $id) { kind
      project { allocation { members { employee { employeeNo } amount } } } } }"""
    async with sockets(ws_url, [small_org.staff, small_org.manager]) as clients:
        for socket_ in clients:
            await socket_.subscribe(document, {"id": board.id})
        seen = [{m["employee"]["employeeNo"]: m["amount"]
                 for m in (await first_payload(s))["boardChanged"]["project"]["allocation"]["members"]}
                for s in clients]
    member_view, manager_view = seen
    assert set(member_view) == set(manager_view) == {"F0001", "F0002", "B0001"}
    assert None not in member_view.values()
    assert manager_view["B0001"] == member_view["B0001"]  # his department's member
    assert manager_view["F0001"] is None and manager_view["F0002"] is None
