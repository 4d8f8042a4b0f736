"""A project with a board, built through the services: the manager owns it; two frontline staff and one backend
engineer are members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest_asyncio

from backend.domain.access import SYSTEM
from backend.domain.projects import ColumnSpec, Goal, GoalKind
from backend.events.memory import MemoryEventBus
from backend.graphql.ids import encode_id
from backend.persistence.models import BoardColumn
from backend.services import projects
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, gql

DUE = date(2026, 10, 31)
ERR = "... on OperationError { code message field }"
CARD = "id columnId position version title storyPoints assignee { employeeNo }"
MOVE = f"""mutation($t: ID!, $c: ID!, $p: Int!, $v: Int!) {{ moveTask(taskId: $t, columnId: $c, position: $p,
  expectedVersion: $v) {{ __typename ... on TaskSuccess {{ task {{ {CARD} }} }} {ERR} }} }}"""
CREATE_TASK = f"""mutation($input: CreateTaskInput!) {{ createTask(input: $input) {{ __typename
  ... on TaskSuccess {{ task {{ {CARD} }} }} {ERR} }} }}"""
BOARD = """query($id: ID!) { project(id: $id) { id name status taskCount
  columns { id name wipLimit tasks { id position version title assignee { employeeNo } comments { body }
    ratings { rating } } } } }"""


@dataclass
class ProjectBoard:
    id: str
    pk: int
    columns: list[str]  # opaque ids, in order
    column_pks: list[int]


async def make_project(org: Org, *, wip_limits: tuple[int | None, ...] = (None, None, None, None),
                       pool: str = "10000.00", member_ids: list[int] | None = None) -> ProjectBoard:
    """Owned by the manager, who is not thereby a member; by default two frontline staff and the backend engineer
    are the members."""
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        project = await projects.create_project(uow=uow, data=projects.ProjectData(
            name="城东光网升级", bonus_pool=Decimal(pool), owner_id=org.manager_id, started_on=date(2026, 9, 1),
            goals=[Goal(kind=GoalKind.DELIVERY, weight=Decimal(1), target_date=DUE),
                   Goal(kind=GoalKind.SATISFACTION, weight=Decimal(1), target_value=Decimal(90)),
                   Goal(kind=GoalKind.REVENUE, weight=Decimal(2), target_value=Decimal("500000.00"))],
            columns=[ColumnSpec(name, limit) for name, limit in zip(("To do", "Doing", "Review", "Done"), wip_limits,
                                                                     strict=True)],
            member_ids=[org.staff_id, org.other_staff_id, org.backend_id] if member_ids is None else member_ids))
    column_pks = [c.id for c in await BoardColumn.filter(project_id=project.id).order_by("position")]
    return ProjectBoard(id=encode_id("Project", project.id), pk=project.id, column_pks=column_pks,
                        columns=[encode_id("BoardColumn", pk) for pk in column_pks])


@pytest_asyncio.fixture(loop_scope="session")
async def board(small_org: Org) -> ProjectBoard:
    return await make_project(small_org)


async def new_task(client: httpx.AsyncClient, token: str, board: ProjectBoard, title: str, *,
                   column: int = 0, assignee: int | None = None, points: int = 0) -> dict[str, Any]:
    variables = {"input": {"projectId": board.id, "title": title, "columnId": board.columns[column],
                           "storyPoints": points,
                           "assigneeId": encode_id("Employee", assignee) if assignee else None}}
    result = await gql(client, CREATE_TASK, variables, token=token)
    payload: dict[str, Any] = result["data"]["createTask"]
    assert payload["__typename"] == "TaskSuccess", payload
    return payload["task"]


async def move(client: httpx.AsyncClient, token: str, task: dict[str, Any], column: str, position: int,
               version: int | None = None) -> dict[str, Any]:
    result = await gql(client, MOVE, {"t": task["id"], "c": column, "p": position,
                                      "v": task["version"] if version is None else version}, token=token)
    assert "errors" not in result, result
    payload: dict[str, Any] = result["data"]["moveTask"]
    return payload


async def read_board(client: httpx.AsyncClient, token: str, board: ProjectBoard) -> dict[str, Any]:
    result = await gql(client, BOARD, {"id": board.id}, token=token)
    assert "errors" not in result, result
    project: dict[str, Any] = result["data"]["project"]
    return project


def assert_dense(project: dict[str, Any]) -> None:
    """Every column's positions are 0..n-1 and no card is on the board twice."""
    seen: list[str] = []
    for column in project["columns"]:
        assert [t["position"] for t in column["tasks"]] == list(range(len(column["tasks"]))), column
        seen.extend(t["id"] for t in column["tasks"])
    assert len(seen) == len(set(seen)) == project["taskCount"]
