"""Project use cases (SPEC §3): projects, members, the kanban board, and the bonus allocation at close.

Every board write locks the project row (so positions and WIP counts stay consistent under concurrency),
appends to the board event log, and records a `BoardChanged` published after commit. Moves are optimistic:
`UPDATE task … WHERE id = ? AND version = ?`, so of two clients moving the same card only one can win.
Services take an optional `at` (historic timestamps for demo data) and, for the system actor only, `author_id`
(the member on whose behalf the system acts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from tortoise.expressions import F, Subquery
from tortoise.functions import Count

from backend.domain import projects as rules
from backend.domain.access import ViewerKind
from backend.domain.errors import Conflict, Duplicate, NotFound, PermissionDenied, ValidationError
from backend.domain.events import BoardChanged
from backend.domain.org import DepartmentKind, clean_text
from backend.domain.org import assignment_on as domain_assignment_on
from backend.domain.projects import (
    Actuals,
    Allocation,
    BoardEventKind,
    ColumnSpec,
    Contribution,
    Goal,
    GoalKind,
    ProjectStatus,
)
from backend.domain.rules import RuleSet
from backend.persistence.models.org import Employee
from backend.persistence.models.projects import (
    BoardColumn,
    BoardEvent,
    Project,
    ProjectAllocation,
    ProjectGoal,
    ProjectMember,
    Task,
    TaskComment,
    TaskRating,
)
from backend.persistence.raw import PreparedQuery, as_date, as_datetime, as_decimal
from backend.services import clock, rulesets
from backend.services.org import assignment_history
from backend.services.uow import UnitOfWork


def _now(at: datetime | None) -> datetime:
    return at if at is not None else clock.now()


async def project_rules(at: datetime, *, connection: Any = None) -> RuleSet:
    """The rule set in force at a project's event: its creation (the default side split), its close (the frozen
    allocation names it), or now for an estimate."""
    return await rulesets.rules_at(at, connection=connection)


def _author(uow: UnitOfWork, author_id: int | None) -> int | None:
    """Who the board records as the actor: the signed-in employee, or for the system a named member."""
    if author_id is not None and uow.actor.kind is not ViewerKind.SYSTEM and author_id != uow.actor.employee_id:
        raise PermissionDenied("only the system may act on behalf of another member")
    return author_id if author_id is not None else uow.actor.employee_id


# --- loading and locking ---------------------------------------------------------------------


async def _project_for_update(uow: UnitOfWork, project_id: int) -> Project:
    project = await Project.filter(id=project_id).using_db(uow.connection).select_for_update().first()
    if project is None:
        raise NotFound("no such project", field="projectId")
    return project


async def _is_member(uow: UnitOfWork, project_id: int, employee_id: int) -> bool:
    return await ProjectMember.filter(project_id=project_id, employee_id=employee_id).using_db(uow.connection) \
        .exists()


async def _board_edit(uow: UnitOfWork, project: Project, author_id: int | None) -> int | None:
    """The board is writable and the actor (or, for the system, the member it acts for) is a member."""
    rules.check_writable(project.status)
    actor = _author(uow, author_id)
    members = {actor} if actor is not None and await _is_member(uow, project.id, actor) else set()
    if uow.actor.kind is ViewerKind.SYSTEM and actor is not None and not members:
        raise PermissionDenied("only members of the project may change its board")
    rules.check_board_edit(uow.actor, member_ids=members)
    return actor


async def _task_for_edit(uow: UnitOfWork, task_id: int,
                         author_id: int | None) -> tuple[Project, Task, Employee | None, int | None]:
    """Lock the card's project, then read the card (and its assignee) under the lock."""
    project = await Project.filter(id__in=Subquery(Task.filter(id=task_id).values("project_id"))) \
        .using_db(uow.connection).select_for_update().first()
    if project is None:
        raise NotFound("no such task", field="taskId")
    actor = await _board_edit(uow, project, author_id)
    task = await Task.filter(id=task_id).using_db(uow.connection).select_related("assignee").first()
    if task is None:
        raise NotFound("no such task", field="taskId")
    return project, task, task.assignee, actor


async def _columns(uow: UnitOfWork, project_id: int) -> list[BoardColumn]:
    return list(await BoardColumn.filter(project_id=project_id).using_db(uow.connection).order_by("position"))


async def _employee(uow: UnitOfWork, employee_id: int, field_name: str) -> Employee:
    employee = await Employee.filter(id=employee_id).using_db(uow.connection).first()
    if employee is None:
        raise NotFound("no such employee", field=field_name)
    return employee


async def task_snapshot(uow: UnitOfWork, task: Task, assignee: Employee | None = None) -> dict[str, Any]:
    """The card as a JSON-safe dict: the board log's before/after and the payload of `BoardChanged`.
    `assignee` saves a read when the caller has the assignee at hand."""
    if task.assignee_id is None:
        assignee = None
    elif assignee is None or assignee.id != task.assignee_id:
        assignee = await _employee(uow, task.assignee_id, "assigneeId")
    return {
        "id": task.id, "project_id": task.project_id, "column_id": task.column_id, "position": task.position,
        "title": task.title, "description": task.description, "assignee_id": task.assignee_id,
        "assignee_no": assignee.employee_no if assignee else None, "assignee_name": assignee.name if assignee else None,
        "due_date": task.due_date.isoformat() if task.due_date else None, "story_points": task.story_points,
        "version": task.version,
    }


async def _log(uow: UnitOfWork, *, project_id: int, kind: BoardEventKind, actor_id: int | None, at: datetime,
               task_id: int | None = None, before: dict[str, Any] | None = None,
               after: dict[str, Any] | None = None, publish: dict[str, Any] | None = None) -> BoardEvent:
    event = await BoardEvent.create(project_id=project_id, actor_id=actor_id, kind=kind, task_id=task_id, at=at,
                                    before=before, after=after, using_db=uow.connection)
    uow.record(BoardChanged(project_id=project_id, sequence=event.id, kind=kind.value, actor_id=actor_id,
                            occurred_at=at, **(publish or {})))
    return event


# --- projects and members ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProjectData:
    name: str
    bonus_pool: Decimal
    goals: list[Goal]
    description: str = ""
    owner_id: int | None = None  # default: the creator
    started_on: date | None = None  # default: today (or the day of `at`)
    side_split_frontline: Decimal | None = None  # default: the rule set's
    columns: list[ColumnSpec] | None = None  # default: To do, Doing, Review, Done
    member_ids: list[int] = field(default_factory=list)


async def create_project(*, uow: UnitOfWork, data: ProjectData, at: datetime | None = None) -> Project:
    if not rules.can_create_project(uow.actor):
        raise PermissionDenied("only a manager or HR may create a project")
    now = _now(at)
    name = clean_text(data.name, field="name")
    description = rules.clean_body(data.description, field="description", required=False)
    pool = rules.clean_pool(data.bonus_pool)
    split = rules.clean_side_split(data.side_split_frontline if data.side_split_frontline is not None
                                   else (await project_rules(now, connection=uow.connection))
                                   .project_side_split_frontline)
    goals = rules.clean_goals(data.goals)
    columns = rules.clean_columns(data.columns if data.columns is not None else rules.default_columns())
    if any(c.id is not None for c in columns):
        raise ValidationError("a new board has no existing columns", field="columns.id")
    owner_id = data.owner_id if data.owner_id is not None else uow.actor.employee_id
    if owner_id is None:
        raise ValidationError("name the project's owner", field="ownerId")
    await _employee(uow, owner_id, "ownerId")
    started_on = data.started_on or clock.local_date(now)
    project = await Project.create(name=name, description=description, owner_id=owner_id,
                                   status=ProjectStatus.ACTIVE, started_on=started_on, bonus_pool=pool,
                                   side_split_frontline=split, using_db=uow.connection)
    for goal in goals:
        await ProjectGoal.create(project=project, kind=goal.kind, weight=goal.weight, target_date=goal.target_date,
                                 target_value=goal.target_value, using_db=uow.connection)
    for index, column in enumerate(columns):
        await BoardColumn.create(project=project, name=column.name, position=index, wip_limit=column.wip_limit,
                                 using_db=uow.connection)
    await uow.audit(action="project.create", entity="project", entity_id=project.id,
                    after={"name": name, "owner_id": owner_id, "bonus_pool": pool, "side_split_frontline": split,
                           **{f"goal:{g.kind.value}": f"weight {g.weight}, target {g.target_date or g.target_value}"
                              for g in goals}})
    # Members are the people who work on the project; creating or owning it makes nobody a member (SPEC §3),
    # so an HR administrator who sets up a frontline team's project takes no share of its bonus.
    for employee_id in dict.fromkeys(data.member_ids):
        await _add_member(uow, project, employee_id, joined_on=started_on, at=now, actor_id=uow.actor.employee_id)
    return project


@dataclass(frozen=True, slots=True)
class ProjectChanges:
    """None keeps the current value."""

    name: str | None = None
    description: str | None = None
    bonus_pool: Decimal | None = None
    side_split_frontline: Decimal | None = None
    goals: list[Goal] | None = None
    columns: list[ColumnSpec] | None = None


async def configure_project(*, uow: UnitOfWork, project_id: int, changes: ProjectChanges,
                            at: datetime | None = None) -> Project:
    project = await _project_for_update(uow, project_id)
    rules.check_configure(uow.actor, owner_id=project.owner_id)
    rules.check_writable(project.status)
    now = _now(at)
    before: dict[str, Any] = {"name": project.name, "bonus_pool": project.bonus_pool,
                              "side_split_frontline": project.side_split_frontline}
    after: dict[str, Any] = {}
    if changes.name is not None:
        project.name = after["name"] = clean_text(changes.name, field="name")
    if changes.description is not None:
        project.description = rules.clean_body(changes.description, field="description", required=False)
    if changes.bonus_pool is not None:
        project.bonus_pool = after["bonus_pool"] = rules.clean_pool(changes.bonus_pool)
    if changes.side_split_frontline is not None:
        project.side_split_frontline = after["side_split_frontline"] = rules.clean_side_split(
            changes.side_split_frontline)
    if changes.goals is not None:
        goals = rules.clean_goals(changes.goals)
        old = await ProjectGoal.filter(project_id=project.id).using_db(uow.connection)
        before["goals"] = "; ".join(f"{g.kind.value} w{g.weight} {g.target_date or g.target_value}" for g in old)
        await ProjectGoal.filter(project_id=project.id).using_db(uow.connection).delete()
        for goal in goals:
            await ProjectGoal.create(project=project, kind=goal.kind, weight=goal.weight,
                                     target_date=goal.target_date, target_value=goal.target_value,
                                     using_db=uow.connection)
        after["goals"] = "; ".join(f"{g.kind.value} w{g.weight} {g.target_date or g.target_value}" for g in goals)
    if changes.columns is not None:
        after["columns"] = await _set_columns(uow, project, rules.clean_columns(changes.columns))
    await project.save(using_db=uow.connection)
    await uow.audit(action="project.configure", entity="project", entity_id=project.id, before=before, after=after)
    await _log(uow, project_id=project.id, kind=BoardEventKind.BOARD_CONFIGURED, actor_id=uow.actor.employee_id,
               at=now, after={k: str(v) for k, v in after.items()})
    return project


async def _set_columns(uow: UnitOfWork, project: Project, columns: list[ColumnSpec]) -> str:
    existing = {c.id: c for c in await _columns(uow, project.id)}
    unknown = [c.id for c in columns if c.id is not None and c.id not in existing]
    if unknown:
        raise NotFound("a column is not on this board", field="columns.id")
    kept = {c.id for c in columns if c.id is not None}
    for column_id in set(existing) - kept:
        if await Task.filter(column_id=column_id).using_db(uow.connection).exists():
            raise ValidationError(f"column {existing[column_id].name!r} still holds tasks: move them first",
                                  field="columns")
        await BoardColumn.filter(id=column_id).using_db(uow.connection).delete()
    for index, spec in enumerate(columns):
        if spec.id is None:
            await BoardColumn.create(project=project, name=spec.name, position=index, wip_limit=spec.wip_limit,
                                     using_db=uow.connection)
            continue
        count = await Task.filter(column_id=spec.id).using_db(uow.connection).count()
        if spec.wip_limit is not None and count > spec.wip_limit:
            raise ValidationError(f"column {spec.name!r} holds {count} tasks, more than the WIP limit",
                                  field="columns.wipLimit")
        await BoardColumn.filter(id=spec.id).using_db(uow.connection).update(
            name=spec.name, position=index, wip_limit=spec.wip_limit)
    return " | ".join(f"{c.name}{f' (WIP {c.wip_limit})' if c.wip_limit else ''}" for c in columns)


async def add_member(*, uow: UnitOfWork, project_id: int, employee_id: int, joined_on: date | None = None,
                     at: datetime | None = None) -> ProjectMember:
    project = await _project_for_update(uow, project_id)
    rules.check_configure(uow.actor, owner_id=project.owner_id)
    rules.check_writable(project.status)
    now = _now(at)
    return await _add_member(uow, project, employee_id, joined_on=joined_on or clock.local_date(now), at=now,
                             actor_id=uow.actor.employee_id)


async def _add_member(uow: UnitOfWork, project: Project, employee_id: int, *, joined_on: date, at: datetime,
                      actor_id: int | None) -> ProjectMember:
    employee = await _employee(uow, employee_id, "employeeId")
    if await ProjectMember.filter(project_id=project.id, employee_id=employee_id).using_db(uow.connection).exists():
        raise Duplicate(f"{employee.name} is already a member", field="employeeId")
    history = await assignment_history(employee_id, connection=uow.connection)
    assignment = domain_assignment_on(history, joined_on, hire_date=employee.hire_date,
                                      leave_date=employee.leave_date)
    if assignment is None:
        raise ValidationError(f"{employee.name} is not employed on {joined_on}", field="employeeId")
    member = await ProjectMember.create(project=project, employee_id=employee_id, side=assignment.department_kind,
                                        department_id_on_join=assignment.department_id, joined_on=joined_on,
                                        using_db=uow.connection)
    await _log(uow, project_id=project.id, kind=BoardEventKind.MEMBER_ADDED, actor_id=actor_id, at=at,
               after={"employee_id": employee_id, "employee_no": employee.employee_no, "name": employee.name,
                      "side": assignment.department_kind.value, "joined_on": joined_on.isoformat()})
    return member


# --- tasks ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskData:
    project_id: int
    title: str
    description: str = ""
    column_id: int | None = None  # default: the first column
    assignee_id: int | None = None
    due_date: date | None = None
    story_points: int = 0


async def create_task(*, uow: UnitOfWork, data: TaskData, at: datetime | None = None,
                      author_id: int | None = None) -> Task:
    project = await _project_for_update(uow, data.project_id)
    actor = await _board_edit(uow, project, author_id)
    now = _now(at)
    title = rules.clean_title(data.title)
    description = rules.clean_body(data.description, field="description", required=False)
    points = rules.clean_story_points(data.story_points)
    columns = await _columns(uow, project.id)
    column = columns[0] if data.column_id is None else next((c for c in columns if c.id == data.column_id), None)
    if column is None:
        raise NotFound("the column is not on this board", field="columnId")
    if data.assignee_id is not None and not await _is_member(uow, project.id, data.assignee_id):
        raise ValidationError("tasks are assigned to members of the project", field="assigneeId")
    count = await Task.filter(column_id=column.id).using_db(uow.connection).count()
    rules.check_room(cards_in_column=count, wip_limit=column.wip_limit)
    task = await Task.create(project=project, column_id=column.id, position=count, title=title,
                             description=description, assignee_id=data.assignee_id, due_date=data.due_date,
                             story_points=points, version=1, created_at=now, updated_at=now, using_db=uow.connection)
    snapshot = await task_snapshot(uow, task)
    await _log(uow, project_id=project.id, kind=BoardEventKind.TASK_CREATED, actor_id=actor, at=now,
               task_id=task.id, after=snapshot, publish={"task": snapshot})
    return task


@dataclass(frozen=True, slots=True)
class TaskChanges:
    title: str | None = None
    description: str | None = None
    due_date: date | None = None
    clear_due_date: bool = False
    story_points: int | None = None


def _check_version(task: Task, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != task.version:
        raise Conflict(f"the card changed since you saw it (version {expected_version}, now {task.version})",
                             field="expectedVersion")


async def _bump(uow: UnitOfWork, task: Task, expected: int, **values: Any) -> None:
    """UPDATE … WHERE id = ? AND version = ?: a concurrent writer that got there first makes this a conflict."""
    updated = await Task.filter(id=task.id, version=expected).using_db(uow.connection).update(
        version=expected + 1, **values)
    if updated != 1:
        raise Conflict("the card changed since you saw it; reload it and try again", field="expectedVersion")
    task.version = expected + 1
    for name, value in values.items():
        setattr(task, name, value)


async def update_task(*, uow: UnitOfWork, task_id: int, changes: TaskChanges, expected_version: int | None = None,
                      at: datetime | None = None, author_id: int | None = None) -> Task:
    project, task, assignee, actor = await _task_for_edit(uow, task_id, author_id)
    _check_version(task, expected_version)
    now = _now(at)
    values: dict[str, Any] = {}
    if changes.title is not None:
        values["title"] = rules.clean_title(changes.title)
    if changes.description is not None:
        values["description"] = rules.clean_body(changes.description, field="description", required=False)
    if changes.clear_due_date:
        values["due_date"] = None
    elif changes.due_date is not None:
        values["due_date"] = changes.due_date
    if changes.story_points is not None:
        values["story_points"] = rules.clean_story_points(changes.story_points)
    if not values:
        raise ValidationError("nothing to change")
    before = await task_snapshot(uow, task, assignee)
    await _bump(uow, task, task.version, updated_at=now, **values)
    after = await task_snapshot(uow, task, assignee)
    await _log(uow, project_id=project.id, kind=BoardEventKind.TASK_UPDATED, actor_id=actor, at=now,
               task_id=task.id, before=before, after=after, publish={"task": after})
    return task


async def assign_task(*, uow: UnitOfWork, task_id: int, assignee_id: int | None,
                      expected_version: int | None = None, at: datetime | None = None,
                      author_id: int | None = None) -> Task:
    project, task, assignee, actor = await _task_for_edit(uow, task_id, author_id)
    _check_version(task, expected_version)
    if assignee_id is not None and not await _is_member(uow, project.id, assignee_id):
        raise ValidationError("tasks are assigned to members of the project", field="assigneeId")
    now = _now(at)
    before = await task_snapshot(uow, task, assignee)
    await _bump(uow, task, task.version, assignee_id=assignee_id, updated_at=now)
    after = await task_snapshot(uow, task)
    await _log(uow, project_id=project.id, kind=BoardEventKind.TASK_ASSIGNED, actor_id=actor, at=now,
               task_id=task.id, before=before, after=after, publish={"task": after})
    return task


async def move_task(*, uow: UnitOfWork, task_id: int, column_id: int, position: int, expected_version: int,
                    at: datetime | None = None, author_id: int | None = None) -> Task:
    project, task, assignee, actor = await _task_for_edit(uow, task_id, author_id)
    target = await BoardColumn.filter(id=column_id, project_id=project.id).using_db(uow.connection).first()
    if target is None:
        raise NotFound("the column is not on this board", field="columnId")
    others = await Task.filter(column_id=column_id).exclude(id=task.id).using_db(uow.connection).count()
    plan = rules.plan_move(task_version=task.version, expected_version=expected_version,
                           from_column_id=task.column_id, to_column_id=column_id, wanted_position=position,
                           others_in_target=others, wip_limit=target.wip_limit)
    now = _now(at)
    before = await task_snapshot(uow, task, assignee)
    from_column, from_position = task.column_id, task.position
    await _bump(uow, task, expected_version, column_id=plan.column_id, position=plan.position, updated_at=now)
    # Close the gap it left, then open one where it lands (other cards keep their own versions).
    await Task.filter(column_id=from_column, position__gt=from_position).exclude(id=task.id) \
        .using_db(uow.connection).update(position=F("position") - 1)
    if plan.position < plan.others_in_target:  # not appended at the end
        await Task.filter(column_id=plan.column_id, position__gte=plan.position).exclude(id=task.id) \
            .using_db(uow.connection).update(position=F("position") + 1)
    after = {**before, "column_id": plan.column_id, "position": plan.position, "version": task.version}
    await _log(uow, project_id=project.id, kind=BoardEventKind.TASK_MOVED, actor_id=actor, at=now,
               task_id=task.id, before=before, after=after,
               publish={"task": after, "from_column_id": from_column, "from_position": from_position})
    return task


async def comment_task(*, uow: UnitOfWork, task_id: int, body: str, at: datetime | None = None,
                       author_id: int | None = None) -> TaskComment:
    project, task, assignee, actor = await _task_for_edit(uow, task_id, author_id)
    if actor is None:
        raise ValidationError("a comment needs an author", field="authorId")
    text = rules.clean_body(body)
    now = _now(at)
    comment = await TaskComment.create(task_id=task.id, project_id=project.id, author_id=actor, body=text,
                                       created_at=now, using_db=uow.connection)
    author = await _employee(uow, actor, "authorId")
    payload = {"id": comment.id, "task_id": task.id, "author_id": actor, "author_no": author.employee_no,
               "author_name": author.name, "body": text, "created_at": now.isoformat()}
    await _log(uow, project_id=project.id, kind=BoardEventKind.TASK_COMMENTED, actor_id=actor, at=now,
               task_id=task.id, after=payload,
               publish={"task": await task_snapshot(uow, task, assignee), "comment": payload})
    return comment


async def rate_task(*, uow: UnitOfWork, task_id: int, rating: int, at: datetime | None = None,
                    author_id: int | None = None) -> TaskRating:
    project, task, assignee, actor = await _task_for_edit(uow, task_id, author_id)
    if actor is None:
        raise ValidationError("a rating needs a rater", field="authorId")
    stars = rules.clean_rating(rating)
    last = await BoardColumn.filter(project_id=project.id).using_db(uow.connection).order_by("-position").first()
    rules.check_rating(rater_id=actor, assignee_id=task.assignee_id,
                       in_last_column=last is not None and task.column_id == last.id)
    now = _now(at)
    existing = await TaskRating.filter(task_id=task.id, rater_id=actor).using_db(uow.connection).first()
    before = {"rating": existing.rating} if existing else None
    if existing is None:
        record = await TaskRating.create(task_id=task.id, project_id=project.id, rater_id=actor, rating=stars,
                                         created_at=now, using_db=uow.connection)
    else:
        existing.rating, existing.created_at = stars, now
        await existing.save(using_db=uow.connection, update_fields=["rating", "created_at"])
        record = existing
    payload = {"task_id": task.id, "rater_id": actor, "rating": stars, "created_at": now.isoformat()}
    await _log(uow, project_id=project.id, kind=BoardEventKind.TASK_RATED, actor_id=actor, at=now,
               task_id=task.id, before=before, after=payload,
               publish={"task": await task_snapshot(uow, task, assignee), "rating": payload})
    return record


# --- contributions, the live estimate and the frozen allocation -----------------------------


async def contributions(project_id: int, *, connection: Any = None) -> list[Contribution]:
    """Each member's inputs: points of their done tasks, ratings on them, and their participation."""
    columns = await BoardColumn.filter(project_id=project_id).using_db(connection).order_by("-position").first()
    members = await ProjectMember.filter(project_id=project_id).using_db(connection).values(
        "employee_id", "side", "employee__employee_no", "employee__name")
    points: dict[int, Decimal] = defaultdict(Decimal)
    ratings: dict[int, list[int]] = defaultdict(list)
    if columns is not None:
        done = await Task.filter(column_id=columns.id, assignee_id__not_isnull=True).using_db(connection).values(
            "id", "assignee_id", "story_points")
        owner = {row["id"]: row["assignee_id"] for row in done}
        for row in done:
            points[row["assignee_id"]] += Decimal(row["story_points"])
        if owner:
            for row in await TaskRating.filter(task_id__in=list(owner)).using_db(connection).order_by("id").values(
                    "task_id", "rating"):
                ratings[owner[row["task_id"]]].append(int(row["rating"]))
    participation = await participation_counts(project_id, connection=connection)
    contributions = []
    for m in members:
        counted = participation.get(m["employee_id"], Participation())
        contributions.append(Contribution(
            employee_id=m["employee_id"], employee_no=m["employee__employee_no"], name=m["employee__name"],
            side=DepartmentKind(m["side"]), points_done=points.get(m["employee_id"], Decimal(0)),
            ratings=tuple(ratings.get(m["employee_id"], ())), participation=counted.total, moves=counted.moves,
            comments=counted.comments, cards_rated=counted.cards_rated))
    return contributions


@dataclass(frozen=True, slots=True)
class Participation:
    moves: int = 0
    comments: int = 0
    cards_rated: int = 0

    @property
    def total(self) -> int:
        return self.moves + self.comments + self.cards_rated


async def participation_counts(project_id: int, *, connection: Any = None) -> dict[int, Participation]:
    """Per member: moves and comments each count; ratings count once per card however often re-rated
    (rules.PARTICIPATION_RULE). One grouped query."""
    rows = await BoardEvent.filter(project_id=project_id, kind__in=[k.value for k in rules.PARTICIPATION_KINDS],
                                   actor_id__not_isnull=True).using_db(connection) \
        .annotate(events=Count("id"), cards=Count("task_id", distinct=True)).group_by("actor_id", "kind") \
        .values("actor_id", "kind", "events", "cards")
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        kind = BoardEventKind(row["kind"])
        counts[int(row["actor_id"])][kind.value] = int(row["cards"] if kind is BoardEventKind.TASK_RATED
                                                       else row["events"])
    return {actor: Participation(moves=by_kind.get(BoardEventKind.TASK_MOVED.value, 0),
                                 comments=by_kind.get(BoardEventKind.TASK_COMMENTED.value, 0),
                                 cards_rated=by_kind.get(BoardEventKind.TASK_RATED.value, 0))
            for actor, by_kind in counts.items()}


def goals_of(rows: list[Any]) -> list[Goal]:
    order = list(GoalKind)
    goals = [Goal(kind=GoalKind(r.kind), weight=Decimal(r.weight), target_date=r.target_date,
                  target_value=None if r.target_value is None else Decimal(r.target_value)) for r in rows]
    return sorted(goals, key=lambda g: order.index(g.kind))


async def estimate(project: Project, *, goals: list[Goal], as_of: date) -> Allocation:
    """What each member would get if the project closed today with its goals met (lateness so far counts)."""
    if project.status is ProjectStatus.CLOSED and project.allocation is not None:
        return Allocation.from_json(project.allocation)
    return rules.allocate_bonus(pool=Decimal(project.bonus_pool), goals=goals,
                                actuals=Actuals(delivered_on=project.delivered_on),
                                side_split_frontline=Decimal(project.side_split_frontline),
                                members=await contributions(project.id), rules=await project_rules(clock.now()),
                                as_of=as_of)


async def deliver_project(*, uow: UnitOfWork, project_id: int, delivered_on: date,
                          at: datetime | None = None) -> Project:
    """ACTIVE → DELIVERED: the delivery date is known; satisfaction and revenue come at close."""
    project = await _project_for_update(uow, project_id)
    rules.check_configure(uow.actor, owner_id=project.owner_id)
    if project.status is not ProjectStatus.ACTIVE:
        raise rules.InvalidTransition(f"a {project.status.value.lower()} project cannot be delivered again")
    now = _now(at)
    actuals = rules.check_actuals(Actuals(delivered_on=delivered_on), started_on=project.started_on)
    if delivered_on > clock.local_date(now):
        raise ValidationError("the delivery date cannot be in the future", field="deliveredOn")
    project.status = ProjectStatus.DELIVERED
    project.delivered_on = actuals.delivered_on
    await project.save(using_db=uow.connection, update_fields=["status", "delivered_on"])
    after = {"status": ProjectStatus.DELIVERED.value, "delivered_on": delivered_on.isoformat()}
    await uow.audit(action="project.deliver", entity="project", entity_id=project.id,
                    before={"status": ProjectStatus.ACTIVE.value}, after=after)
    await _log(uow, project_id=project.id, kind=BoardEventKind.BOARD_CONFIGURED, actor_id=uow.actor.employee_id,
               at=now, after=after)
    return project


async def close_project(*, uow: UnitOfWork, project_id: int, delivered_on: date | None,
                        satisfaction: Decimal | None, revenue: Decimal | None, at: datetime | None = None) -> Project:
    """Record the actuals, compute the allocation and freeze it (rows for payroll, the explanation as JSON).
    `delivered_on` may be left out when the project was marked delivered."""
    project = await _project_for_update(uow, project_id)
    rules.check_configure(uow.actor, owner_id=project.owner_id)
    rules.check_close(project.status)
    now = _now(at)
    delivered_on = delivered_on or project.delivered_on
    if delivered_on is None:
        raise ValidationError("record the delivery date", field="deliveredOn")
    goals = goals_of(list(await ProjectGoal.filter(project_id=project.id).using_db(uow.connection)))
    kinds = {g.kind for g in goals}
    if GoalKind.SATISFACTION in kinds and satisfaction is None:
        raise ValidationError("the project has a satisfaction goal: record the customer satisfaction",
                              field="satisfaction")
    if GoalKind.REVENUE in kinds and revenue is None:
        raise ValidationError("the project has a revenue goal: record the revenue", field="revenue")
    actuals = rules.check_actuals(Actuals(delivered_on=delivered_on, satisfaction=satisfaction, revenue=revenue),
                                  started_on=project.started_on)
    if delivered_on > clock.local_date(now):
        raise ValidationError("the delivery date cannot be in the future", field="deliveredOn")
    ruleset = await project_rules(now, connection=uow.connection)
    allocation = rules.allocate_bonus(pool=Decimal(project.bonus_pool), goals=goals, actuals=actuals,
                                      side_split_frontline=Decimal(project.side_split_frontline),
                                      members=await contributions(project.id, connection=uow.connection),
                                      rules=ruleset)
    before = {"status": project.status.value}
    project.status = ProjectStatus.CLOSED
    project.delivered_on = actuals.delivered_on
    project.actual_satisfaction = actuals.satisfaction
    project.actual_revenue = actuals.revenue
    project.closed_at = now
    project.attainment = allocation.attainment.quantize(Decimal("1e-18"))
    project.bonus_amount = allocation.bonus
    project.rule_version = ruleset.version
    project.allocation = allocation.to_json()
    await project.save(using_db=uow.connection)
    for share in allocation.members:
        await ProjectAllocation.create(project_id=project.id, employee_id=share.employee_id, side=share.side,
                                       amount=share.amount, rule_version=ruleset.version, closed_at=now,
                                       using_db=uow.connection)
    after = {"status": ProjectStatus.CLOSED.value, "delivered_on": delivered_on, "satisfaction": satisfaction,
             "revenue": revenue, "attainment": allocation.attainment, "bonus": allocation.bonus,
             "rule_version": ruleset.version,
             **{f"member:{m.employee_no}": m.amount for m in allocation.members}}
    await uow.audit(action="project.close", entity="project", entity_id=project.id, before=before, after=after)
    await _log(uow, project_id=project.id, kind=BoardEventKind.PROJECT_CLOSED, actor_id=uow.actor.employee_id,
               at=now, after={k: str(v) for k, v in after.items()})
    return project


# --- reads: the whole board in a fixed number of queries --------------------------------------


@dataclass(frozen=True, slots=True)
class BoardParts:
    """Which parts of a board a reader asked for; the others are not read. Default: the whole board."""

    goals: bool = True
    columns: bool = True
    tasks: bool = True
    members: bool = True
    comments: bool = True
    ratings: bool = True
    record: bool = True  # the Project model itself (the allocation estimate reads it)


@dataclass(slots=True)
class Board:
    project: ProjectRow
    record: Project | None
    goals: list[Goal]
    columns: list[dict[str, Any]]
    tasks: list[dict[str, Any]]  # ordered by column position, then position
    members: list[dict[str, Any]]
    comments: list[dict[str, Any]]
    ratings: list[dict[str, Any]]


PROJECT_COLUMNS = ("id", "name", "description", "status", "owner_id", "started_on", "bonus_pool",
                   "side_split_frontline", "delivered_on", "actual_satisfaction", "actual_revenue", "closed_at",
                   "owner__employee_no", "owner__name")
TASK_COLUMNS = ("id", "column_id", "position", "title", "description", "assignee_id", "due_date", "story_points",
                "version", "assignee__employee_no", "assignee__name")
_PROJECT_STATUS = {member.value: member for member in ProjectStatus}


class ProjectRow:
    """A project as a driver row, with the attributes of `Project` a board shows (and its owner's name)."""

    __slots__ = ("actual_revenue", "actual_satisfaction", "bonus_pool", "closed_at", "delivered_on", "description",
                 "id", "name", "owner_id", "owner_name", "owner_no", "side_split_frontline", "started_on", "status")

    @classmethod
    def of(cls, project: Project) -> ProjectRow:
        owner = project.owner
        return cls({"id": project.id, "name": project.name, "description": project.description,
                    "status": project.status.value, "owner_id": project.owner_id, "started_on": project.started_on,
                    "bonus_pool": project.bonus_pool, "side_split_frontline": project.side_split_frontline,
                    "delivered_on": project.delivered_on, "actual_satisfaction": project.actual_satisfaction,
                    "actual_revenue": project.actual_revenue, "closed_at": project.closed_at,
                    "owner__employee_no": owner.employee_no, "owner__name": owner.name})

    def __init__(self, row: dict[str, Any]) -> None:
        self.id: int = row["id"]
        self.name: str = row["name"]
        self.description: str = row["description"]
        self.status: ProjectStatus = _PROJECT_STATUS[row["status"]]
        self.owner_id: int = row["owner_id"]
        self.owner_no: str | None = row["owner__employee_no"]
        self.owner_name: str | None = row["owner__name"]
        self.started_on: date = as_date(row["started_on"])  # type: ignore[assignment]
        self.bonus_pool: Decimal = as_decimal(row["bonus_pool"])  # type: ignore[assignment]
        self.side_split_frontline: Decimal = as_decimal(row["side_split_frontline"])  # type: ignore[assignment]
        self.delivered_on = as_date(row["delivered_on"])
        self.actual_satisfaction = as_decimal(row["actual_satisfaction"])
        self.actual_revenue = as_decimal(row["actual_revenue"])
        self.closed_at = as_datetime(row["closed_at"])


# The board's queries take one argument, the project: each is built once per dialect (pypika costs ~0.3–1 ms a
# build) and then run with the driver's rows.
_BOARD_QUERIES: dict[tuple[str, str], PreparedQuery] = {}
_BOARD_SHAPES: dict[str, Callable[[Any], Any]] = {
    "project": lambda pk: Project.filter(id=pk).values(*PROJECT_COLUMNS),
    "goals": lambda pk: ProjectGoal.filter(project_id=pk).order_by("id").values(
        "kind", "weight", "target_date", "target_value"),
    "columns": lambda pk: BoardColumn.filter(project_id=pk).order_by("position").values(
        "id", "name", "position", "wip_limit"),
    "tasks": lambda pk: Task.filter(project_id=pk).order_by("column_id", "position").values(*TASK_COLUMNS),
    "members": lambda pk: ProjectMember.filter(project_id=pk).order_by("id").values(
        "employee_id", "side", "joined_on", "employee__employee_no", "employee__name", "employee__department__name"),
    "comments": lambda pk: TaskComment.filter(project_id=pk).order_by("id").values(
        "id", "task_id", "body", "created_at", "author_id", "author__employee_no", "author__name"),
    "ratings": lambda pk: TaskRating.filter(project_id=pk).order_by("id").values(
        "task_id", "rating", "rater_id", "rater__employee_no", "rater__name"),
}
_SENTINEL_PROJECT = -7_919_311  # an argument no real id equals, to find where it lands among the parameters


async def _board_rows(part: str, project_id: int) -> list[dict[str, Any]]:
    key = (part, Project._meta.db.capabilities.dialect)
    prepared = _BOARD_QUERIES.get(key)
    if prepared is None:
        prepared = _BOARD_QUERIES[key] = PreparedQuery(_BOARD_SHAPES[part], pk=_SENTINEL_PROJECT)
    return await prepared.fetch(pk=project_id)


async def project_row(project_id: int) -> Project | None:
    """The project with its owner (one JOIN): the owner is often not a member, yet every board names them."""
    return await Project.filter(id=project_id).select_related("owner").first()


async def load_board(project_id: int, parts: BoardParts = BoardParts()) -> Board | None:
    """The project (with its owner) and the parts asked for: at most seven prepared queries, whatever the size."""
    record = None
    if parts.record:
        record = await Project.filter(id=project_id).select_related("owner").first()
        if record is None:
            return None
        project = ProjectRow.of(record)
    else:
        rows = await _board_rows("project", project_id)
        if not rows:
            return None
        project = ProjectRow(rows[0])
    goals = []
    if parts.goals:
        goals = goals_of([SimpleNamespace(**{**row, "target_date": as_date(row["target_date"])})
                          for row in await _board_rows("goals", project_id)])
    columns = await _board_rows("columns", project_id) if parts.columns or parts.tasks else []
    tasks = await _board_rows("tasks", project_id) if parts.tasks else []
    for row in tasks:
        row["due_date"] = as_date(row["due_date"])
    order = {c["id"]: c["position"] for c in columns}
    tasks.sort(key=lambda r: (order.get(r["column_id"], 0), r["position"]))
    members = await _board_rows("members", project_id) if parts.members else []
    for row in members:
        row["joined_on"] = as_date(row["joined_on"])
    comments = await _board_rows("comments", project_id) if parts.comments and parts.tasks else []
    for row in comments:
        row["created_at"] = as_datetime(row["created_at"])
    ratings = await _board_rows("ratings", project_id) if parts.ratings and parts.tasks else []
    return Board(project=project, record=record, goals=goals, columns=columns, tasks=tasks, members=members,
                 comments=comments, ratings=ratings)


async def board_history(project_id: int, *, first: int, before_id: int | None = None,
                        task_id: int | None = None) -> list[dict[str, Any]]:
    """The board event log, newest first."""
    query = BoardEvent.filter(project_id=project_id)
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    if task_id is not None:
        query = query.filter(task_id=task_id)
    rows = await query.order_by("-id").limit(first).values(
        "id", "kind", "task_id", "at", "before", "after", "actor_id", "actor__employee_no", "actor__name")
    return list(rows)


async def projects_of(employee_id: int | None) -> list[Project]:
    """Active and recent projects; an employee's own first."""
    projects = list(await Project.all().order_by("-id").limit(200))
    if employee_id is None:
        return projects
    mine = {int(r["project_id"]) for r in await ProjectMember.filter(employee_id=employee_id).values("project_id")}
    return sorted(projects, key=lambda p: (p.id not in mine, -p.id))
