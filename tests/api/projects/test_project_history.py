"""The board event log (history view), a member's side as of the day they joined, and column reconfiguration."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import httpx
import pytest

from backend.domain.access import SYSTEM
from backend.domain.org import DepartmentKind
from backend.events.memory import MemoryEventBus
from backend.persistence.models import ProjectMember
from backend.services import org, projects
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, gql
from tests.api.projects.conftest import ERR, ProjectBoard, move, new_task

pytestmark = pytest.mark.asyncio(loop_scope="session")

HISTORY = """query($id: ID!, $task: ID) { project(id: $id) { history(first: 10, taskId: $task) {
  sequence kind actor { employeeNo } taskId before after } } }"""


async def test_history_lists_every_change_newest_first_with_before_and_after(client: httpx.AsyncClient,
                                                                             small_org: Org,
                                                                             board: ProjectBoard) -> None:
    task = await new_task(client, small_org.staff, board, "光缆迁改", points=2)
    await move(client, small_org.staff, task, board.columns[1], 0)
    await gql(client, 'mutation($t: ID!) { commentTask(taskId: $t, body: "开工") { __typename } }',
              {"t": task["id"]}, token=small_org.staff)

    result = await gql(client, HISTORY, {"id": board.id, "task": task["id"]}, token=small_org.hr)

    history = result["data"]["project"]["history"]
    assert [h["kind"] for h in history] == ["TASK_COMMENTED", "TASK_MOVED", "TASK_CREATED"]
    assert [h["sequence"] for h in history] == sorted((h["sequence"] for h in history), reverse=True)
    assert {h["actor"]["employeeNo"] for h in history} == {"F0001"} and {h["taskId"] for h in history} == {task["id"]}
    moved = history[1]
    assert (moved["before"]["position"], moved["before"]["version"]) == (0, 1)
    assert (moved["after"]["column_id"], moved["after"]["version"]) == (board.column_pks[1], 2)
    assert history[0]["after"]["body"] == "开工"


async def test_side_is_the_department_kind_on_the_day_of_joining(client: httpx.AsyncClient, small_org: Org,
                                                                 board: ProjectBoard) -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await org.transfer_employee(uow=uow, data=org.TransferData(
            employee_id=small_org.other_staff_id, effective_date=org.today() - timedelta(days=5),
            department_code="TECH"))
        joined_before = await projects.create_project(uow=uow, data=projects.ProjectData(
            name="转岗前加入", bonus_pool=Decimal("100.00"), owner_id=small_org.manager_id,
            started_on=org.today() - timedelta(days=30), goals=board_goals(),
            member_ids=[small_org.other_staff_id]))
        joined_after = await projects.create_project(uow=uow, data=projects.ProjectData(
            name="转岗后加入", bonus_pool=Decimal("100.00"), owner_id=small_org.manager_id,
            goals=board_goals(), member_ids=[small_org.other_staff_id]))

    sides = [(await ProjectMember.get(project_id=p.id, employee_id=small_org.other_staff_id)).side
             for p in (joined_before, joined_after)]
    assert sides == [DepartmentKind.FRONTLINE, DepartmentKind.BACKEND]


def board_goals() -> list:
    from backend.domain.projects import Goal, GoalKind

    return [Goal(kind=GoalKind.DELIVERY, weight=Decimal(1), target_date=date(2027, 1, 31))]


async def test_a_column_that_holds_cards_cannot_be_removed(client: httpx.AsyncClient, small_org: Org,
                                                           board: ProjectBoard) -> None:
    await new_task(client, small_org.staff, board, "占位")
    configure = f"""mutation($input: ConfigureProjectInput!) {{ configureProject(input: $input) {{ __typename
      ... on ProjectSuccess {{ project {{ columns {{ name }} }} }} {ERR} }} }}"""
    without_first = [{"id": c, "name": n} for c, n in zip(board.columns[1:], ("Doing", "Review", "Done"),
                                                            strict=True)]
    without_second = [{"id": board.columns[0], "name": "To do"},
                      *({"id": c, "name": n} for c, n in zip(board.columns[2:], ("Review", "Done"), strict=True))]

    refused = await gql(client, configure, {"input": {"projectId": board.id, "columns": without_first}},
                        token=small_org.manager)
    removed = await gql(client, configure, {"input": {"projectId": board.id, "columns": without_second}},
                        token=small_org.manager)

    assert (refused["data"]["configureProject"]["code"], refused["data"]["configureProject"]["field"]) == (
        "VALIDATION", "columns")
    assert [c["name"] for c in removed["data"]["configureProject"]["project"]["columns"]] == [
        "To do", "Review", "Done"]
