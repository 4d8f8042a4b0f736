"""boardChanged over a real graphql-transport-ws socket: the board first, then every change another client makes,
after commit, in order, with enough to patch the board without refetching it."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from backend.domain.access import SYSTEM
from backend.domain.events import BoardChanged, board_channel
from backend.domain.projects import apply_move
from backend.persistence.models import Task
from backend.services import projects
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, gql, token_for
from tests.api.projects.conftest import ProjectBoard, move, new_task, read_board
from tests.support.live import CommitWitnessBus
from tests.support.ws import graphql_socket

pytestmark = pytest.mark.asyncio(loop_scope="session")

SUBSCRIPTION = """subscription($id: ID!) { boardChanged(projectId: $id) { kind sequence occurredAt
  actor { employeeNo } fromColumnId fromPosition
  task { id columnId position version title assignee { employeeNo } }
  comment { body author { employeeNo } } rating { rating rater { employeeNo } }
  project { columns { id tasks { id } } } } }"""


def _board_of(project: dict[str, Any]) -> dict[str, list[str]]:
    return {column["id"]: [t["id"] for t in column["tasks"]] for column in project["columns"]}


async def test_a_subscriber_sees_every_change_by_another_client_in_order(client: httpx.AsyncClient,
                                                                         small_org: Org, board: ProjectBoard,
                                                                         ws_url: str) -> None:
    existing = await new_task(client, small_org.staff, board, "已有卡片")
    backend = token_for(small_org.backend_id)
    async with graphql_socket(ws_url, small_org.manager) as socket_:
        await socket_.subscribe(SUBSCRIPTION, {"id": board.id})
        current = (await socket_.receive())["payload"]["data"]["boardChanged"]
        assert current["kind"] == "CURRENT"
        patched = _board_of(current["project"])

        created = await new_task(client, small_org.staff, board, "新卡片", assignee=small_org.backend_id, points=3)
        moved = await move(client, backend, created, board.columns[3], 0)
        stale = await move(client, small_org.staff, created, board.columns[1], 0)  # version 1: refused, no event
        moved_back = await move(client, small_org.staff, existing, board.columns[3], 0)
        await gql(client, 'mutation($t: ID!) { commentTask(taskId: $t, body: "辛苦了") { __typename } }',
                  {"t": created["id"]}, token=small_org.staff)
        await gql(client, "mutation($t: ID!) { rateTask(taskId: $t, rating: 5) { __typename } }",
                  {"t": created["id"]}, token=small_org.staff)

        changes = [(await socket_.receive())["payload"]["data"]["boardChanged"] for _ in range(5)]

    assert stale["code"] == "CONFLICT" and moved_back["__typename"] == moved["__typename"] == "TaskSuccess"
    assert [c["kind"] for c in changes] == ["TASK_CREATED", "TASK_MOVED", "TASK_MOVED", "TASK_COMMENTED",
                                            "TASK_RATED"]
    sequences = [c["sequence"] for c in changes]
    assert sequences == sorted(sequences) and sequences[0] > current["sequence"]
    assert [c["actor"]["employeeNo"] for c in changes] == ["F0001", "B0001", "F0001", "F0001", "F0001"]
    assert changes[0]["task"]["assignee"] == {"employeeNo": "B0001"}
    assert (changes[1]["fromColumnId"], changes[1]["fromPosition"]) == (board.columns[0], 1)
    assert changes[3]["comment"] == {"body": "辛苦了", "author": {"employeeNo": "F0001"}}
    assert changes[4]["rating"] == {"rating": 5, "rater": {"employeeNo": "F0001"}}

    # Patch the CURRENT board with the changes alone; it matches a fresh read.
    for change in changes:
        task = change["task"]
        if change["kind"] == "TASK_CREATED":
            patched[task["columnId"]].insert(task["position"], task["id"])
        elif change["kind"] == "TASK_MOVED":
            patched = apply_move(patched, task_id=task["id"], to_column_id=task["columnId"],
                                 position=task["position"])
    assert patched == _board_of(await read_board(client, small_org.staff, board))


async def test_events_reach_subscribers_only_after_commit(client: httpx.AsyncClient, small_org: Org,
                                                          board: ProjectBoard) -> None:
    bus = CommitWitnessBus(lambda: Task.filter(project_id=board.pk, title="提交").exists())
    with pytest.raises(RuntimeError):
        async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
            await projects.create_task(uow=uow, data=projects.TaskData(project_id=board.pk, title="回滚"),
                                       author_id=small_org.staff_id)
            raise RuntimeError("boom")
    async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
        await projects.create_task(uow=uow, data=projects.TaskData(project_id=board.pk, title="提交"),
                                   author_id=small_org.staff_id)

    # Only the committed change was published, on the project's own topic, once it was visible to others.
    assert [(channel, visible) for channel, _, visible in bus.published] == [(board_channel(board.pk), True)]
    committed = bus.published[0][1]
    assert committed["type"] == BoardChanged.__name__
    assert committed["task"]["title"] == "提交" and committed["actor_id"] == small_org.staff_id


async def test_other_projects_changes_are_not_sent(client: httpx.AsyncClient, small_org: Org, board: ProjectBoard,
                                                   ws_url: str) -> None:
    from tests.api.projects.conftest import make_project

    other = await make_project(small_org)
    async with graphql_socket(ws_url, small_org.staff) as socket_:
        await socket_.subscribe(SUBSCRIPTION, {"id": board.id})
        await socket_.receive()  # CURRENT
        await new_task(client, small_org.staff, other, "别的项目")
        await new_task(client, small_org.staff, board, "本项目")
        change = (await socket_.receive())["payload"]["data"]["boardChanged"]
        with pytest.raises(asyncio.TimeoutError):
            await socket_.receive(timeout=0.2)
    assert change["task"]["title"] == "本项目"
