"""Project and board types. Board fields are plain attributes filled by one set of queries (loaders.py):
no resolver per card, so a 500-card board completes on the plain-field path."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry
from graphql import GraphQLError
from strawberry import Private

from backend.domain.projects import BoardEventKind, Goal, GoalKind, ProjectStatus
from backend.graphql.context import Info
from backend.graphql.ids import decode_id
from backend.graphql.org.types import DepartmentKindEnum
from backend.graphql.scalars import DecimalNumber, Money
from backend.persistence.models import Project
from backend.services import projects
from backend.services.org import today

ProjectStatusEnum = strawberry.enum(ProjectStatus, name="ProjectStatus")
GoalKindEnum = strawberry.enum(GoalKind, name="GoalKind",
                               description="DELIVERY (a due date), SATISFACTION (score 0–100), REVENUE (yuan).")
BoardEventKindEnum = strawberry.enum(BoardEventKind, name="BoardEventKind")


@strawberry.enum(description="CURRENT is the whole board, sent first to a new subscriber; then every change.")
class BoardChangeKind(str, Enum):
    CURRENT = "CURRENT"
    TASK_CREATED = "TASK_CREATED"
    TASK_UPDATED = "TASK_UPDATED"
    TASK_ASSIGNED = "TASK_ASSIGNED"
    TASK_MOVED = "TASK_MOVED"
    TASK_COMMENTED = "TASK_COMMENTED"
    TASK_RATED = "TASK_RATED"
    MEMBER_ADDED = "MEMBER_ADDED"
    BOARD_CONFIGURED = "BOARD_CONFIGURED"
    PROJECT_CLOSED = "PROJECT_CLOSED"


@strawberry.type(description="An employee as a board shows them.")
class BoardPerson:
    id: strawberry.ID
    employee_no: str
    name: str


@strawberry.type(name="ProjectMember", description="A member; `side` is their department's kind on the day they "
                                                   "joined, and stays so.")
class ProjectMemberType:
    employee: BoardPerson
    side: DepartmentKindEnum  # type: ignore[valid-type]
    department_name: str
    joined_on: dt.date


@strawberry.type(name="ProjectGoal")
class GoalType:
    kind: GoalKindEnum  # type: ignore[valid-type]
    weight: DecimalNumber  # type: ignore[valid-type]
    target_date: dt.date | None = strawberry.field(description="DELIVERY: the due date.")
    target_value: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        description="SATISFACTION: a score 0–100; REVENUE: yuan.")


@strawberry.type(name="TaskComment")
class TaskCommentType:
    id: strawberry.ID
    body: str
    created_at: dt.datetime
    author: BoardPerson


@strawberry.type(name="TaskRating", description="A member's 1–5 rating of a done task.")
class TaskRatingType:
    rating: int
    rater: BoardPerson


@strawberry.type(description="A card's own fields: what a board change carries.")
class TaskCard:
    id: strawberry.ID
    column_id: strawberry.ID
    position: int = strawberry.field(description="0-based, dense within the column.")
    version: int = strawberry.field(description="Send it back as `expectedVersion` when moving the card.")
    title: str
    description: str
    assignee: BoardPerson | None
    due_date: dt.date | None
    story_points: int


@strawberry.type(name="Task")
class TaskType:
    id: strawberry.ID
    column_id: strawberry.ID
    position: int
    version: int
    title: str
    description: str
    assignee: BoardPerson | None
    due_date: dt.date | None
    story_points: int
    comments: list[TaskCommentType]
    ratings: list[TaskRatingType]


@strawberry.type(name="BoardColumn")
class BoardColumnType:
    id: strawberry.ID
    name: str
    position: int
    wip_limit: int | None
    tasks: list[TaskType]


@strawberry.type(name="GoalAttainment", description="One goal's attainment in [0, 1] and how it was found.")
class GoalAttainmentType:
    kind: GoalKindEnum  # type: ignore[valid-type]
    weight: DecimalNumber  # type: ignore[valid-type]
    target: str
    actual: str | None = strawberry.field(description="Null while open: the estimate assumes the goal met.")
    attainment: DecimalNumber  # type: ignore[valid-type]
    formula: str
    assumed: bool


@strawberry.type(name="SideShare", description="The bonus share of one side (frontline or backend).")
class SideShareType:
    side: DepartmentKindEnum  # type: ignore[valid-type]
    split: DecimalNumber  # type: ignore[valid-type]
    effective_split: DecimalNumber = strawberry.field(  # type: ignore[valid-type]
        description="The split applied: 1 when the other side has no members, 0 when this one has none.")
    exact_amount: DecimalNumber  # type: ignore[valid-type]
    amount: Money = strawberry.field(  # type: ignore[valid-type]
        description="floor(exactAmount to the cent) + 0.01 when `leftoverCent` (largest remainder).")
    leftover_cent: bool = strawberry.field(description="Received one of the cents left after flooring; when the "
                                                       "two sides' remainders tie, the frontline does.")
    members: int


@strawberry.type(name="ContributionLine", description="One component of a member's share of their side.")
class ComponentLineType:
    component: str = strawberry.field(description="points, feedback or participation")
    value: DecimalNumber  # type: ignore[valid-type]
    side_total: DecimalNumber  # type: ignore[valid-type]
    weight: DecimalNumber = strawberry.field(description="The rule's weight.")  # type: ignore[valid-type]
    effective_weight: DecimalNumber = strawberry.field(  # type: ignore[valid-type]
        description="weight / Σ weights of the components whose side total is not 0; 0 if this one's is.")
    part: DecimalNumber = strawberry.field(  # type: ignore[valid-type]
        description="effectiveWeight × value / sideTotal")
    basis: str = strawberry.field(description="What the value counts, in words (for participation: each move and "
                                              "comment, and each card rated once however often re-rated).")


@strawberry.type(name="Participation", description="What a member's participation counted.")
class ParticipationType:
    moves: int
    comments: int
    cards_rated: int = strawberry.field(description="Cards rated: a rating counts once per rater and card.")


@strawberry.type(name="MemberAllocation", description="A member's share. The contribution lines are readable by every "
                 "colleague; share and amounts only by the member, the project's members, the member's managers, "
                 "HR and read:payroll partners (null for others).")
class MemberShareType:
    employee: BoardPerson
    side: DepartmentKindEnum  # type: ignore[valid-type]
    components: list[ComponentLineType]
    share: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        description="Of the side's amount: Σ parts, or 1/members when the side recorded nothing (equalShare).")
    equal_share: bool
    exact_amount: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        description="side amount × share")
    amount: Money | None = strawberry.field(  # type: ignore[valid-type]
        description="floor(exactAmount to the cent) + 0.01 when `leftoverCent` (largest remainder, ties by "
                    "employee number).")
    leftover_cent: bool | None
    participation: ParticipationType


@strawberry.type(name="ProjectAllocation",
                 description="pool × attainment → sides → members. Frozen at close; a live estimate before.")
class AllocationType:
    frozen: bool
    rule_version: str
    pool: Money  # type: ignore[valid-type]
    attainment: DecimalNumber = strawberry.field(  # type: ignore[valid-type]
        description="Σ goal weight × attainment / Σ goal weight")
    bonus: Money = strawberry.field(description="pool × attainment, half-up to the cent")  # type: ignore[valid-type]
    undistributed: Money  # type: ignore[valid-type]
    weight_points: DecimalNumber  # type: ignore[valid-type]
    weight_feedback: DecimalNumber  # type: ignore[valid-type]
    weight_participation: DecimalNumber  # type: ignore[valid-type]
    goals: list[GoalAttainmentType]
    sides: list[SideShareType]
    members: list[MemberShareType]
    rounding: str = strawberry.field(description="How amounts become whole cents: largest remainder; a tie between "
                                                 "the sides goes to the frontline, between members to the lower "
                                                 "employee number.")


@strawberry.type(name="BoardHistoryEntry", description="One entry of the board's event log.")
class BoardHistoryEntry:
    sequence: int
    kind: BoardEventKindEnum  # type: ignore[valid-type]
    at: dt.datetime
    actor: BoardPerson | None
    task_id: strawberry.ID | None
    before: strawberry.scalars.JSON | None
    after: strawberry.scalars.JSON | None


@strawberry.type(name="ProjectSummary")
class ProjectSummary:
    id: strawberry.ID
    name: str
    status: ProjectStatusEnum  # type: ignore[valid-type]
    owner: BoardPerson
    bonus_pool: Money  # type: ignore[valid-type]
    started_on: dt.date


@strawberry.type(name="Project")
class ProjectType:
    pk: Private[int]
    id: strawberry.ID
    name: str
    description: str
    status: ProjectStatusEnum  # type: ignore[valid-type]
    owner: BoardPerson
    started_on: dt.date
    bonus_pool: Money  # type: ignore[valid-type]
    side_split_frontline: DecimalNumber = strawberry.field(  # type: ignore[valid-type]
        description="The frontline share of the bonus; the backend gets the rest.")
    delivered_on: dt.date | None
    actual_satisfaction: DecimalNumber | None  # type: ignore[valid-type]
    actual_revenue: Money | None  # type: ignore[valid-type]
    closed_at: dt.datetime | None
    goals: list[GoalType]
    members: list[ProjectMemberType]
    columns: list[BoardColumnType]
    task_count: int
    record: Private[Project | None]
    goal_rules: Private[list[Goal]]

    @strawberry.field(description="Frozen at close; before that each member's live estimate (goals assumed met, "
                                  "lateness so far counted), with every input and weight.")
    async def allocation(self, info: Info) -> AllocationType:
        from backend.graphql.projects.loaders import allocation_node, amounts_visible_to

        # The model is read with the board when the selection asks for the allocation (see parts_from).
        record = self.record or await projects.project_row(self.pk)
        if record is None:
            raise GraphQLError("no such project")
        allocation = await projects.estimate(record, goals=self.goal_rules, as_of=today())
        visible = await amounts_visible_to(info.context.viewer, [m.employee_id for m in allocation.members])
        return allocation_node(allocation, frozen=record.status is ProjectStatus.CLOSED, visible=visible)

    @strawberry.field(description="The board's event log, newest first (creates, moves, comments, ratings, ...).")
    async def history(self, info: Info, first: int = 50, before: int | None = None,
                      task_id: strawberry.ID | None = None) -> list[BoardHistoryEntry]:
        from backend.graphql.projects.loaders import history_nodes

        if not 1 <= first <= 500:
            raise GraphQLError("first must be between 1 and 500")
        task_pk = decode_id("Task", task_id, field="taskId") if task_id else None
        rows = await projects.board_history(self.pk, first=first, before_id=before, task_id=task_pk)
        return history_nodes(rows)
