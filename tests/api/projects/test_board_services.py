"""The project services directly: what a board write stores and logs, what each refusal says, the contributions
behind the bonus, and what delivering and closing record."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from backend.domain.access import SYSTEM, Viewer, ViewerKind
from backend.domain.errors import DomainError
from backend.domain.org import Role
from backend.events.memory import MemoryEventBus
from backend.persistence.models import (
    AuditEntry,
    BoardEvent,
    Project,
    ProjectAllocation,
    ProjectGoal,
    Task,
    TaskRating,
)
from backend.services import projects
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, table_rows
from tests.api.projects.conftest import ProjectBoard, make_project

pytestmark = pytest.mark.asyncio(loop_scope="session")

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


def member(org: Org, employee_id: int, no: str) -> Viewer:
    return Viewer(kind=ViewerKind.EMPLOYEE, employee_id=employee_id, employee_no=no, roles=frozenset({Role.STAFF}))


async def as_(actor: Viewer, call: Callable[[UnitOfWork], Awaitable[Any]]) -> Any:
    async with UnitOfWork(bus=MemoryEventBus(), actor=actor) as uow:
        return await call(uow)


async def refused(actor: Viewer, call: Callable[[UnitOfWork], Awaitable[Any]]) -> tuple[str, str, str | None]:
    before = await table_rows()
    with pytest.raises(DomainError) as error:
        await as_(actor, call)
    assert await table_rows() == before
    return error.value.code.value, error.value.message, error.value.field


async def test_board_writes_store_and_log_what_they_did(small_org: Org, board: ProjectBoard) -> None:
    staff = member(small_org, small_org.staff_id, "F0001")
    first = await as_(staff, lambda uow: projects.create_task(uow=uow, at=T0, data=projects.TaskData(
        project_id=board.pk, title="勘察", assignee_id=small_org.backend_id, story_points=3)))
    second = await as_(staff, lambda uow: projects.create_task(uow=uow, at=T0, data=projects.TaskData(
        project_id=board.pk, title="设计", column_id=board.column_pks[0])))
    assert [(t.column_id, t.position, t.version, t.created_at, t.updated_at) for t in (first, second)] == [
        (board.column_pks[0], 0, 1, T0, T0), (board.column_pks[0], 1, 1, T0, T0)]

    moved = await as_(staff, lambda uow: projects.move_task(uow=uow, task_id=first.id, column_id=board.column_pks[3],
                                                            position=0, expected_version=1,
                                                            at=T0 + timedelta(minutes=1)))
    stored = await Task.get(id=first.id)
    assert (moved.version, stored.version, stored.column_id, stored.position, stored.updated_at) == (
        2, 2, board.column_pks[3], 0, T0 + timedelta(minutes=1))
    assert (await Task.get(id=second.id)).position == 0  # the gap it left is closed
    event = await BoardEvent.filter(project_id=board.pk, kind="TASK_MOVED").get()
    assert (event.actor_id, event.task_id, event.at) == (small_org.staff_id, first.id, T0 + timedelta(minutes=1))
    assert (event.before["column_id"], event.before["position"], event.before["version"]) == (
        board.column_pks[0], 0, 1)
    assert (event.after["column_id"], event.after["position"], event.after["version"]) == (
        board.column_pks[3], 0, 2)
    assert event.after["assignee_no"] == "B0001" and event.after["title"] == "勘察"

    rater = member(small_org, small_org.other_staff_id, "F0002")
    await as_(rater, lambda uow: projects.rate_task(uow=uow, task_id=first.id, rating=3, at=T0))
    again = await as_(rater, lambda uow: projects.rate_task(uow=uow, task_id=first.id, rating=5,
                                                            at=T0 + timedelta(hours=1)))
    assert (again.rating, again.created_at) == (5, T0 + timedelta(hours=1))
    assert await TaskRating.filter(task_id=first.id).count() == 1  # a re-rating replaces
    rated = await BoardEvent.filter(project_id=board.pk, kind="TASK_RATED").order_by("id")
    assert [(e.before, e.after["rating"], e.after["rater_id"]) for e in rated] == [
        (None, 3, small_org.other_staff_id), ({"rating": 3}, 5, small_org.other_staff_id)]

    # The system records board work on a member's behalf; the member is the actor.
    await as_(SYSTEM, lambda uow: projects.move_task(uow=uow, task_id=second.id, column_id=board.column_pks[1],
                                                     position=0, expected_version=1, at=T0,
                                                     author_id=small_org.other_staff_id))
    assert (await BoardEvent.filter(task_id=second.id, kind="TASK_MOVED").get()).actor_id == small_org.other_staff_id

    contributions = {c.employee_no: (c.points_done, c.ratings, c.participation)
                     for c in await projects.contributions(board.pk)}
    # F0001 moved one card; F0002 rated one card twice (a re-rating adds no participation) and moved one (through
    # the system). The owner created the project but is not a member.
    assert contributions == {"F0001": (Decimal(0), (), 1), "F0002": (Decimal(0), (), 2),
                             "B0001": (Decimal(3), (5,), 0)}


async def test_board_refusals_say_why(small_org: Org, board: ProjectBoard) -> None:
    staff = member(small_org, small_org.staff_id, "F0001")
    outsider = Viewer(kind=ViewerKind.EMPLOYEE, employee_id=small_org.hr_id, employee_no="HR0001",
                      roles=frozenset({Role.HR}))
    task = await as_(staff, lambda uow: projects.create_task(uow=uow, at=T0, data=projects.TaskData(
        project_id=board.pk, title="勘察")))
    other = await make_project(small_org)

    cases: list[tuple[Viewer, Callable[[UnitOfWork], Awaitable[Any]], tuple[str, str, str | None]]] = [
        (staff, lambda uow: projects.create_task(uow=uow, data=projects.TaskData(project_id=999_999, title="x")),
         ("NOT_FOUND", "no such project", "projectId")),
        (staff, lambda uow: projects.create_task(uow=uow, data=projects.TaskData(
            project_id=board.pk, title="x", column_id=other.column_pks[0])),
         ("NOT_FOUND", "the column is not on this board", "columnId")),
        (staff, lambda uow: projects.create_task(uow=uow, data=projects.TaskData(
            project_id=board.pk, title="x", assignee_id=small_org.hr_id)),
         ("VALIDATION", "tasks are assigned to members of the project", "assigneeId")),
        (outsider, lambda uow: projects.create_task(uow=uow, data=projects.TaskData(project_id=board.pk, title="x")),
         ("PERMISSION_DENIED", "only members of the project may change its board", None)),
        (staff, lambda uow: projects.create_task(uow=uow, author_id=small_org.backend_id, data=projects.TaskData(
            project_id=board.pk, title="x")),
         ("PERMISSION_DENIED", "only the system may act on behalf of another member", None)),
        (SYSTEM, lambda uow: projects.create_task(uow=uow, author_id=small_org.hr_id, data=projects.TaskData(
            project_id=board.pk, title="x")),
         ("PERMISSION_DENIED", "only members of the project may change its board", None)),
        (staff, lambda uow: projects.move_task(uow=uow, task_id=999_999, column_id=board.column_pks[1], position=0,
                                               expected_version=1),
         ("NOT_FOUND", "no such task", "taskId")),
        (staff, lambda uow: projects.move_task(uow=uow, task_id=task.id, column_id=other.column_pks[1], position=0,
                                               expected_version=1),
         ("NOT_FOUND", "the column is not on this board", "columnId")),
        (staff, lambda uow: projects.update_task(uow=uow, task_id=task.id, expected_version=7,
                                                 changes=projects.TaskChanges(title="y")),
         ("CONFLICT", "the card changed since you saw it (version 7, now 1)", "expectedVersion")),
        (SYSTEM, lambda uow: projects.rate_task(uow=uow, task_id=task.id, rating=4),
         ("VALIDATION", "a rating needs a rater", "authorId")),
        (staff, lambda uow: projects.deliver_project(uow=uow, project_id=board.pk, delivered_on=date(2026, 11, 1)),
         ("PERMISSION_DENIED", "only the project owner or a manager may configure or close this project", None)),
        (SYSTEM, lambda uow: projects.deliver_project(uow=uow, project_id=board.pk, at=T0,
                                                      delivered_on=T0.date() + timedelta(days=1)),
         ("VALIDATION", "the delivery date cannot be in the future", "deliveredOn")),
        (SYSTEM, lambda uow: projects.close_project(uow=uow, project_id=board.pk, delivered_on=None,
                                                    satisfaction=Decimal(90), revenue=Decimal(1)),
         ("VALIDATION", "record the delivery date", "deliveredOn")),
        (SYSTEM, lambda uow: projects.close_project(uow=uow, project_id=board.pk, delivered_on=date(2026, 10, 1),
                                                    satisfaction=None, revenue=Decimal(1)),
         ("VALIDATION", "the project has a satisfaction goal: record the customer satisfaction", "satisfaction")),
        (SYSTEM, lambda uow: projects.close_project(uow=uow, project_id=board.pk, delivered_on=date(2026, 10, 1),
                                                    satisfaction=Decimal(90), revenue=None),
         ("VALIDATION", "the project has a revenue goal: record the revenue", "revenue")),
        (SYSTEM, lambda uow: projects.close_project(uow=uow, project_id=board.pk, at=T0,
                                                    delivered_on=T0.date() + timedelta(days=1),
                                                    satisfaction=Decimal(90), revenue=Decimal(1)),
         ("VALIDATION", "the delivery date cannot be in the future", "deliveredOn")),
    ]
    for actor, call, expected in cases:
        assert await refused(actor, call) == expected, expected

    # A stale write that got past the first check still loses at the versioned UPDATE.
    stale = await Task.get(id=task.id)
    await Task.filter(id=task.id).update(version=2)
    with pytest.raises(DomainError) as lost:
        await as_(staff, lambda uow: projects._bump(uow, stale, 1, title="z"))
    assert (lost.value.message, lost.value.field) == ("the card changed since you saw it; reload it and try again",
                                                      "expectedVersion")


async def test_delivering_and_closing_record_the_outcome(small_org: Org, board: ProjectBoard) -> None:
    delivered = await as_(SYSTEM, lambda uow: projects.deliver_project(uow=uow, project_id=board.pk, at=T0,
                                                                       delivered_on=date(2026, 11, 1)))
    assert (delivered.status.value, delivered.delivered_on) == ("DELIVERED", date(2026, 11, 1))
    audit = await AuditEntry.filter(action="project.deliver").get()
    assert (audit.entity, audit.entity_id, audit.before, audit.after) == (
        "project", str(board.pk), {"status": "ACTIVE"}, {"status": "DELIVERED", "delivered_on": "2026-11-01"})
    logged = await BoardEvent.filter(project_id=board.pk, kind="BOARD_CONFIGURED").order_by("-id").first()
    assert logged is not None and logged.after == {"status": "DELIVERED", "delivered_on": "2026-11-01"}
    assert await refused(SYSTEM, lambda uow: projects.deliver_project(uow=uow, project_id=board.pk,
                                                                      delivered_on=date(2026, 11, 1))) == (
        "INVALID_TRANSITION", "a delivered project cannot be delivered again", None)
    goals = projects.goals_of(list(await ProjectGoal.filter(project_id=board.pk)))
    estimate = await projects.estimate(await Project.get(id=board.pk), goals=goals, as_of=date(2026, 12, 1))
    assert [(g.kind.value, g.assumed, g.actual) for g in estimate.goals] == [
        ("DELIVERY", False, "2026-11-01"), ("SATISFACTION", True, None), ("REVENUE", True, None)]
    assert estimate.attainment == (Decimal(29) / 30 + 1 + 2) / 4  # the known delivery, the rest assumed met

    closed = await as_(SYSTEM, lambda uow: projects.close_project(
        uow=uow, project_id=board.pk, delivered_on=None, satisfaction=Decimal("81"), revenue=Decimal("600000"),
        at=T0 + timedelta(days=1)))
    project = await Project.get(id=board.pk)
    assert (closed.status.value, project.delivered_on, project.actual_satisfaction, project.actual_revenue,
            project.closed_at, project.rule_version) == (
        "CLOSED", date(2026, 11, 1), Decimal(81), Decimal("600000.00"), T0 + timedelta(days=1), "1")
    # A = (1 × 29/30 + 1 × 0.9 + 2 × 1) / 4; bonus = 10,000 × A, half-up.
    assert project.bonus_amount == Decimal("9666.67")
    assert Decimal(project.attainment) == ((Decimal(29) / 30 + Decimal("0.9") + 2) / 4).quantize(Decimal("1e-18"))
    rows = await ProjectAllocation.filter(project_id=board.pk).order_by("employee_id").values(
        "employee_id", "side", "amount", "rule_version", "closed_at")
    assert sum(r["amount"] for r in rows) == Decimal("9666.67")
    assert {(r["side"], r["rule_version"], r["closed_at"]) for r in rows} == {
        ("FRONTLINE", "1", T0 + timedelta(days=1)), ("BACKEND", "1", T0 + timedelta(days=1))}
    audit = await AuditEntry.filter(action="project.close").get()
    assert audit.before == {"status": "DELIVERED"}
    assert (audit.after["bonus"], audit.after["satisfaction"], audit.after["delivered_on"],
            audit.after["member:F0001"]) == ("9666.67", "81", "2026-11-01",
                                             str(next(r["amount"] for r in rows
                                                      if r["employee_id"] == small_org.staff_id)))
    frozen = await projects.estimate(project, goals=goals, as_of=date(2027, 1, 1))
    assert frozen.bonus == Decimal("9666.67") and frozen == projects.Allocation.from_json(project.allocation)
