"""What a move does to the other cards (only the cards after the gap it leaves and after the place it lands
move up or down; other columns never), what it logs and publishes, whose done work counts toward the bonus,
and who is named in the logs and audit of delivering and closing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from backend.domain.access import SYSTEM, Viewer, ViewerKind
from backend.domain.events import board_channel
from backend.domain.org import Role
from backend.events.memory import MemoryEventBus
from backend.persistence.models import AuditEntry, BoardEvent, Project, Task
from backend.services import projects
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org
from tests.api.projects.conftest import ProjectBoard, make_project

pytestmark = pytest.mark.asyncio(loop_scope="session")

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


def employee(employee_id: int, no: str, role: Role = Role.STAFF) -> Viewer:
    return Viewer(kind=ViewerKind.EMPLOYEE, employee_id=employee_id, employee_no=no, roles=frozenset({role}))


async def as_(actor: Viewer, call: Callable[[UnitOfWork], Awaitable[Any]],
              bus: MemoryEventBus | None = None) -> Any:
    async with UnitOfWork(bus=bus or MemoryEventBus(), actor=actor) as uow:
        return await call(uow)


async def card(actor: Viewer, board: ProjectBoard, title: str, column: int, *, assignee: int | None = None,
               points: int = 0) -> Task:
    task: Task = await as_(actor, lambda uow: projects.create_task(uow=uow, at=T0, data=projects.TaskData(
        project_id=board.pk, title=title, column_id=board.column_pks[column], assignee_id=assignee,
        story_points=points)))
    return task


async def layout(board: ProjectBoard) -> list[list[str]]:
    """Each column's card titles in position order (positions checked to be 0..n-1)."""
    columns = []
    for pk in board.column_pks:
        tasks = await Task.filter(column_id=pk).order_by("position")
        assert [t.position for t in tasks] == list(range(len(tasks)))
        columns.append([t.title for t in tasks])
    return columns


async def test_a_move_shifts_only_the_cards_after_its_gap_and_after_its_landing(small_org: Org,
                                                                                board: ProjectBoard) -> None:
    staff = employee(small_org.staff_id, "F0001")
    for title in ("a0", "a1", "a2"):
        await card(staff, board, title, 0)
    for title in ("b0", "b1", "b2"):
        await card(staff, board, title, 1)
    for title in ("c0", "c1", "c2"):
        await card(staff, board, title, 2)
    moving = await Task.get(title="a1")
    bus = MemoryEventBus()
    published: list[dict[str, Any]] = []
    await bus.attach(board_channel(board.pk), published.append)
    await as_(staff, lambda uow: projects.move_task(uow=uow, task_id=moving.id, column_id=board.column_pks[1],
                                                    position=2, expected_version=moving.version, at=T0), bus)
    # a2 closes the gap a1 left; b2 makes room (b0, b1 stay); column c keeps its cards where they were.
    assert await layout(board) == [["a0", "a2"], ["b0", "b1", "a1", "b2"], ["c0", "c1", "c2"], []]
    event = await BoardEvent.filter(task_id=moving.id, kind="TASK_MOVED").get()
    assert (event.before["column_id"], event.before["position"]) == (board.column_pks[0], 1)
    assert (event.after["column_id"], event.after["position"], event.after["version"]) == (
        board.column_pks[1], 2, moving.version + 1)
    [message] = published
    assert (message["kind"], message["actor_id"], message["sequence"]) == ("TASK_MOVED", small_org.staff_id, event.id)
    assert (message["task"], message["from_column_id"], message["from_position"]) == (
        event.after, board.column_pks[0], 1)


async def test_only_each_members_cards_in_the_last_column_count_as_done(small_org: Org, board: ProjectBoard) -> None:
    staff = employee(small_org.staff_id, "F0001")
    await card(staff, board, "done 1", 3, assignee=small_org.backend_id, points=3)
    await card(staff, board, "done 2", 3, assignee=small_org.backend_id, points=5)
    await card(staff, board, "in review", 2, assignee=small_org.backend_id, points=20)
    await card(staff, board, "done, nobody's", 3, points=13)
    await card(staff, board, "doing", 1, assignee=small_org.staff_id, points=2)
    points = {c.employee_no: c.points_done for c in await projects.contributions(board.pk)}
    assert points == {"F0001": Decimal(0), "F0002": Decimal(0), "B0001": Decimal(8)}


async def test_delivering_and_closing_name_who_did_it(small_org: Org, board: ProjectBoard) -> None:
    manager = employee(small_org.manager_id, "M0001", Role.MANAGER)
    await as_(manager, lambda uow: projects.deliver_project(uow=uow, project_id=board.pk, at=T0,
                                                            delivered_on=date(2026, 11, 1)))
    delivered = await BoardEvent.filter(project_id=board.pk, kind="BOARD_CONFIGURED").order_by("-id").first()
    assert delivered is not None and delivered.actor_id == small_org.manager_id
    await as_(manager, lambda uow: projects.close_project(
        uow=uow, project_id=board.pk, delivered_on=None, satisfaction=Decimal("81"), revenue=Decimal("600000"),
        at=T0 + timedelta(days=1)))
    audit = await AuditEntry.filter(action="project.close").get()
    assert (audit.actor, audit.entity, audit.entity_id) == ("employee:M0001", "project", str(board.pk))
    attainment = (Decimal(29) / 30 + Decimal("0.9") + 2) / 4
    project = await Project.get(id=board.pk)
    assert (audit.after["status"], audit.after["revenue"], audit.after["rule_version"]) == (
        "CLOSED", "600000", project.rule_version)
    assert Decimal(audit.after["attainment"]) == attainment
    closed = await BoardEvent.filter(project_id=board.pk, kind="PROJECT_CLOSED").get()
    assert closed.actor_id == small_org.manager_id
    assert (closed.after["status"], closed.after["bonus"], closed.after["satisfaction"], closed.after["revenue"]) == (
        "CLOSED", "9666.67", "81", "600000")
    assert closed.after["member:F0001"] == audit.after["member:F0001"]


async def test_an_edit_logs_and_publishes_the_card_as_changed(small_org: Org, board: ProjectBoard) -> None:
    staff = employee(small_org.staff_id, "F0001")
    task = await card(staff, board, "勘察", 0, points=3)
    bus = MemoryEventBus()
    published: list[dict[str, Any]] = []
    await bus.attach(board_channel(board.pk), published.append)
    edited: Task = await as_(staff, lambda uow: projects.update_task(
        uow=uow, task_id=task.id, changes=projects.TaskChanges(title="现场勘察", story_points=5),
        expected_version=task.version, at=T0 + timedelta(hours=1)), bus)
    assert (edited.title, edited.story_points, edited.version, edited.updated_at) == (
        "现场勘察", 5, task.version + 1, T0 + timedelta(hours=1))
    event = await BoardEvent.filter(task_id=task.id, kind="TASK_UPDATED").get()
    assert (event.before["title"], event.before["story_points"]) == ("勘察", 3)
    assert (event.after["title"], event.after["story_points"], event.after["version"]) == ("现场勘察", 5, task.version + 1)
    assert [m["task"] for m in published] == [event.after]


async def test_participation_counts_this_projects_members_own_actions_only(small_org: Org,
                                                                           board: ProjectBoard) -> None:
    other = await make_project(small_org)
    staff = employee(small_org.staff_id, "F0001")
    mine = await card(staff, board, "本项目", 0)
    theirs = await card(staff, other, "别的项目", 0)
    await as_(staff, lambda uow: projects.move_task(uow=uow, task_id=theirs.id, column_id=other.column_pks[1],
                                                    position=0, expected_version=theirs.version, at=T0))
    # The system moving a card in its own name (no member named) is logged without an actor and counts for nobody.
    await as_(SYSTEM, lambda uow: projects.move_task(uow=uow, task_id=mine.id, column_id=board.column_pks[1],
                                                     position=0, expected_version=mine.version, at=T0))
    assert (await BoardEvent.filter(task_id=mine.id, kind="TASK_MOVED").get()).actor_id is None
    counted = {c.employee_no: (c.moves, c.participation) for c in await projects.contributions(board.pk)}
    assert counted == {"F0001": (0, 0), "F0002": (0, 0), "B0001": (0, 0)}
    assert {c.employee_no: c.moves for c in await projects.contributions(other.pk)}["F0001"] == 1
