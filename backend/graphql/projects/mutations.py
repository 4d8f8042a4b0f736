"""Project mutations: one input, one use case, a Success | OperationError payload each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, TypeVar

import strawberry

from backend.domain.projects import ColumnSpec, Goal, GoalKind
from backend.graphql.context import Info
from backend.graphql.errors import OperationError
from backend.graphql.ids import decode_id, encode_id
from backend.graphql.permissions import IsAuthenticated, IsEmployee, MutationGuard
from backend.graphql.projects.loaders import People, project_node
from backend.graphql.projects.types import (
    BoardPerson,
    GoalKindEnum,
    ProjectType,
    TaskCard,
    TaskCommentType,
    TaskRatingType,
)
from backend.graphql.run import checked, run_use_case
from backend.graphql.scalars import DecimalNumber, Money
from backend.persistence.models import Employee, Project, Task, TaskComment, TaskRating
from backend.services import projects

T = TypeVar("T")


@strawberry.input
class GoalInput:
    kind: GoalKindEnum  # type: ignore[valid-type]
    weight: DecimalNumber = Decimal(1)  # type: ignore[valid-type]
    target_date: dt.date | None = strawberry.field(default=None, description="DELIVERY: the due date.")
    target_value: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="SATISFACTION: a score 0–100; REVENUE: yuan.")


@strawberry.input
class ColumnInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="An existing column to keep.")
    name: str
    wip_limit: int | None = None


@strawberry.input
class CreateProjectInput:
    name: str
    description: str = ""
    owner_id: strawberry.ID | None = strawberry.field(default=None, description="Default: you.")
    started_on: dt.date | None = None
    bonus_pool: Money  # type: ignore[valid-type]
    side_split_frontline: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="The frontline share in [0, 1]; default from the rule set (0.6).")
    goals: list[GoalInput]
    columns: list[ColumnInput] | None = strawberry.field(default=None,
                                                         description="Default: To do, Doing, Review, Done.")
    member_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input
class ConfigureProjectInput:
    project_id: strawberry.ID
    name: str | None = None
    description: str | None = None
    bonus_pool: Money | None = None  # type: ignore[valid-type]
    side_split_frontline: DecimalNumber | None = None  # type: ignore[valid-type]
    goals: list[GoalInput] | None = strawberry.field(default=None, description="Replaces every goal.")
    columns: list[ColumnInput] | None = strawberry.field(
        default=None, description="The board's columns in order; an omitted column must be empty.")


@strawberry.input
class CreateTaskInput:
    project_id: strawberry.ID
    title: str
    description: str = ""
    column_id: strawberry.ID | None = strawberry.field(default=None, description="Default: the first column.")
    assignee_id: strawberry.ID | None = None
    due_date: dt.date | None = None
    story_points: int = 0


@strawberry.input
class UpdateTaskInput:
    task_id: strawberry.ID
    expected_version: int | None = strawberry.field(default=None,
                                                    description="When given, a stale version is a CONFLICT.")
    title: str | None = None
    description: str | None = None
    due_date: dt.date | None = None
    clear_due_date: bool = False
    story_points: int | None = None


@strawberry.type
class ProjectSuccess:
    project: ProjectType


@strawberry.type
class TaskSuccess:
    task: TaskCard


@strawberry.type
class TaskCommentSuccess:
    comment: TaskCommentType
    task: TaskCard


@strawberry.type
class TaskRatingSuccess:
    rating: TaskRatingType
    task: TaskCard


ProjectPayload = Annotated[ProjectSuccess | OperationError, strawberry.union("ProjectPayload")]
TaskPayload = Annotated[TaskSuccess | OperationError, strawberry.union("TaskPayload")]
TaskCommentPayload = Annotated[TaskCommentSuccess | OperationError, strawberry.union("TaskCommentPayload")]
TaskRatingPayload = Annotated[TaskRatingSuccess | OperationError, strawberry.union("TaskRatingPayload")]

def _ids(**values: tuple[str, str | None]) -> Callable[[], dict[str, int | None]]:
    """Decode opaque ids (type name, value) by argument name; None stays None."""
    def build() -> dict[str, int | None]:
        return {name: decode_id(kind, value, field=name) if value is not None else None
                for name, (kind, value) in values.items()}
    return build


def _goals(goals: list[GoalInput]) -> list[Goal]:
    return [Goal(kind=GoalKind(g.kind), weight=g.weight, target_date=g.target_date, target_value=g.target_value)
            for g in goals]


def _columns(columns: list[ColumnInput]) -> list[ColumnSpec]:
    return [ColumnSpec(name=c.name, wip_limit=c.wip_limit,
                       id=decode_id("BoardColumn", c.id, field="columns.id") if c.id else None) for c in columns]


async def _project_success(result: Project | OperationError) -> ProjectSuccess | OperationError:
    if isinstance(result, OperationError):
        return result
    node = await project_node(result.id)
    assert node is not None, "the project was committed a moment ago"
    return ProjectSuccess(project=node)


async def card(task_id: int) -> TaskCard:
    row = await Task.filter(id=task_id).select_related("assignee").get()
    assignee = None
    if row.assignee is not None:
        assignee = BoardPerson(id=encode_id("Employee", row.assignee.id), employee_no=row.assignee.employee_no,
                               name=row.assignee.name)
    return TaskCard(id=encode_id("Task", row.id), column_id=encode_id("BoardColumn", row.column_id),
                    position=row.position, version=row.version, title=row.title, description=row.description,
                    assignee=assignee, due_date=row.due_date, story_points=row.story_points)


async def _task_success(result: Task | OperationError) -> TaskSuccess | OperationError:
    if isinstance(result, OperationError):
        return result
    return TaskSuccess(task=await card(result.id))


async def _person(employee_id: int) -> BoardPerson:
    employee = await Employee.get(id=employee_id)
    person = People().get(employee.id, employee.employee_no, employee.name)
    assert person is not None
    return person


async def _run(info: Info, use_case: Any, ids: Callable[[], Any], **kwargs: Any) -> Any:
    decoded = checked(ids)
    if isinstance(decoded, OperationError):
        return decoded
    return await run_use_case(info.context, use_case, **{**decoded, **kwargs})


@strawberry.type
class ProjectMutation:
    @strawberry.mutation(extensions=[MutationGuard(IsAuthenticated, IsEmployee)],
                         description="A manager or HR creates a project. Its members are exactly `memberIds`: "
                                     "creating or owning a project makes nobody a member (add yourself if you work "
                                     "on it).")
    async def create_project(self, info: Info, input: CreateProjectInput) -> ProjectPayload:
        def build() -> dict[str, Any]:
            owner = decode_id("Employee", input.owner_id, field="ownerId") if input.owner_id else None
            members = [decode_id("Employee", m, field="memberIds") for m in input.member_ids]
            return {"data": projects.ProjectData(
                name=input.name, description=input.description, owner_id=owner, started_on=input.started_on,
                bonus_pool=input.bonus_pool, side_split_frontline=input.side_split_frontline,
                goals=_goals(input.goals), columns=_columns(input.columns) if input.columns is not None else None,
                member_ids=members)}
        return await _project_success(await _run(info, projects.create_project, build))

    @strawberry.mutation(extensions=[MutationGuard(IsAuthenticated, IsEmployee)],
                         description="The owner or a manager changes the pool, side split, goals or columns.")
    async def configure_project(self, info: Info, input: ConfigureProjectInput) -> ProjectPayload:
        def build() -> dict[str, Any]:
            return {"project_id": decode_id("Project", input.project_id, field="projectId"),
                    "changes": projects.ProjectChanges(
                        name=input.name, description=input.description, bonus_pool=input.bonus_pool,
                        side_split_frontline=input.side_split_frontline,
                        goals=_goals(input.goals) if input.goals is not None else None,
                        columns=_columns(input.columns) if input.columns is not None else None)}
        return await _project_success(await _run(info, projects.configure_project, build))

    @strawberry.mutation(extensions=[MutationGuard(IsAuthenticated, IsEmployee)],
                         description="The owner or a manager adds a member (side: their department's kind today).")
    async def add_project_member(self, info: Info, project_id: strawberry.ID,
                                 employee_id: strawberry.ID) -> ProjectPayload:
        result = await _run(info, projects.add_member, _ids(project_id=("Project", project_id),
                                                            employee_id=("Employee", employee_id)))
        if isinstance(result, OperationError):
            return result
        return await _project_success(await Project.get(id=result.project_id))

    @strawberry.mutation(extensions=[MutationGuard(IsAuthenticated, IsEmployee)],
                         description="A member adds a card at the end of a column (within its WIP limit).")
    async def create_task(self, info: Info, input: CreateTaskInput) -> TaskPayload:
        def build() -> dict[str, Any]:
            ids = _ids(project_id=("Project", input.project_id), column_id=("BoardColumn", input.column_id),
                       assignee_id=("Employee", input.assignee_id))()
            return {"data": projects.TaskData(
                project_id=ids["project_id"], title=input.title, description=input.description,  # type: ignore[arg-type]
                column_id=ids["column_id"], assignee_id=ids["assignee_id"], due_date=input.due_date,
                story_points=input.story_points)}
        return await _task_success(await _run(info, projects.create_task, build))

    @strawberry.mutation(extensions=[MutationGuard(IsAuthenticated, IsEmployee)],
                         description="A member edits a card's title, description, due date or story points.")
    async def update_task(self, info: Info, input: UpdateTaskInput) -> TaskPayload:
        def build() -> dict[str, Any]:
            return {"task_id": decode_id("Task", input.task_id, field="taskId"),
                    "expected_version": input.expected_version,
                    "changes": projects.TaskChanges(title=input.title, description=input.description,
                                                    due_date=input.due_date, clear_due_date=input.clear_due_date,
                                                    story_points=input.story_points)}
        return await _task_success(await _run(info, projects.update_task, build))

    @strawberry.mutation(extensions=[MutationGuard(IsAuthenticated, IsEmployee)],
                         description="A member assigns a card to a member (null: unassign).")
    async def assign_task(self, info: Info, task_id: strawberry.ID, assignee_id: strawberry.ID | None,
                          expected_version: int | None = None) -> TaskPayload:
        return await _task_success(await _run(
            info, projects.assign_task, _ids(task_id=("Task", task_id), assignee_id=("Employee", assignee_id)),
            expected_version=expected_version))

    @strawberry.mutation(extensions=[MutationGuard(IsAuthenticated, IsEmployee)],
                         description="Move a card to a column and position. A stale `expectedVersion` is a "
                                     "CONFLICT; a move over the column's WIP limit is a VALIDATION error.")
    async def move_task(self, info: Info, task_id: strawberry.ID, column_id: strawberry.ID, position: int,
                        expected_version: int) -> TaskPayload:
        return await _task_success(await _run(
            info, projects.move_task, _ids(task_id=("Task", task_id), column_id=("BoardColumn", column_id)),
            position=position, expected_version=expected_version))

    @strawberry.mutation(extensions=[MutationGuard(IsAuthenticated, IsEmployee)])
    async def comment_task(self, info: Info, task_id: strawberry.ID, body: str) -> TaskCommentPayload:
        result = await _run(info, projects.comment_task, _ids(task_id=("Task", task_id)), body=body)
        if isinstance(result, OperationError):
            return result
        comment: TaskComment = result
        return TaskCommentSuccess(
            comment=TaskCommentType(id=encode_id("TaskComment", comment.id), body=comment.body,
                                    created_at=comment.created_at, author=await _person(comment.author_id)),
            task=await card(comment.task_id))

    @strawberry.mutation(extensions=[MutationGuard(IsAuthenticated, IsEmployee)],
                         description="Rate a done card 1–5 (not your own); rating again replaces your rating.")
    async def rate_task(self, info: Info, task_id: strawberry.ID, rating: int) -> TaskRatingPayload:
        result = await _run(info, projects.rate_task, _ids(task_id=("Task", task_id)), rating=rating)
        if isinstance(result, OperationError):
            return result
        record: TaskRating = result
        return TaskRatingSuccess(rating=TaskRatingType(rating=record.rating, rater=await _person(record.rater_id)),
                                 task=await card(record.task_id))

    @strawberry.mutation(extensions=[MutationGuard(IsAuthenticated, IsEmployee)],
                         description="ACTIVE → DELIVERED: record the delivery date (the board stays open).")
    async def deliver_project(self, info: Info, project_id: strawberry.ID, delivered_on: dt.date) -> ProjectPayload:
        return await _project_success(await _run(
            info, projects.deliver_project, _ids(project_id=("Project", project_id)), delivered_on=delivered_on))

    @strawberry.mutation(extensions=[MutationGuard(IsAuthenticated, IsEmployee)],
                         description="Record the actuals (the delivery date unless already delivered), compute the "
                                     "allocation and freeze it.")
    async def close_project(self, info: Info, project_id: strawberry.ID, delivered_on: dt.date | None = None,
                            satisfaction: DecimalNumber | None = None,  # type: ignore[valid-type]
                            revenue: Money | None = None) -> ProjectPayload:  # type: ignore[valid-type]
        return await _project_success(await _run(
            info, projects.close_project, _ids(project_id=("Project", project_id)), delivered_on=delivered_on,
            satisfaction=satisfaction, revenue=revenue))
