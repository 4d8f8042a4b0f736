"""Cross-department projects: the list, one project with its goals and bonus, its board, the board's live
changes and every board and project write (frontend/operations/projects.graphql)."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncGenerator
from typing import Any

from frontend.api import transport
from frontend.api.documents import operation
from frontend.api.transport import Event, FieldError, refusal, selected, text

PROJECTS = operation("Projects")
PROJECT_OVERVIEW = operation("ProjectOverview")
PROJECT_ALLOCATION = operation("ProjectAllocation")
BOARD = operation("Board")
CARD_HISTORY = operation("CardHistory")
BOARD_CHANGED = operation("BoardChanged")
CREATE_PROJECT = operation("CreateProject")
CONFIGURE_PROJECT = operation("ConfigureProject")
ADD_PROJECT_MEMBER = operation("AddProjectMember")
DELIVER_PROJECT = operation("DeliverProject")
CLOSE_PROJECT = operation("CloseProject")
CREATE_TASK = operation("CreateTask")
UPDATE_TASK = operation("UpdateTask")
ASSIGN_TASK = operation("AssignTask")
MOVE_TASK = operation("MoveTask")
COMMENT_TASK = operation("CommentTask")
RATE_TASK = operation("RateTask")


@dataclasses.dataclass(frozen=True)
class ProjectSummary:
    id: str = ""
    name: str = ""
    status: str = ""
    bonus_pool: str = ""
    started_on: str = ""
    owner_id: str = ""
    owner_name: str = ""


@dataclasses.dataclass(frozen=True)
class Comment:
    id: str = ""
    body: str = ""
    created_at: str = ""
    author_id: str = ""
    author_name: str = ""


@dataclasses.dataclass(frozen=True)
class Rating:
    rating: int = 0
    rater_id: str = ""
    rater_name: str = ""


@dataclasses.dataclass(frozen=True)
class Card:
    """A card of the board. Cards from a change or a write (TaskCard) come without comments and ratings: the
    board keeps the ones it has (frontend/state/board.py)."""

    id: str = ""
    column_id: str = ""
    position: int = 0
    version: int = 0
    title: str = ""
    description: str = ""
    due_date: str = ""
    story_points: int = 0
    assignee_id: str = ""
    assignee_name: str = ""
    comments: tuple[Comment, ...] = ()
    ratings: tuple[Rating, ...] = ()


@dataclasses.dataclass(frozen=True)
class Column:
    id: str = ""
    name: str = ""
    position: int = 0
    wip_limit: int | None = None
    cards: tuple[Card, ...] = ()


@dataclasses.dataclass(frozen=True)
class Member:
    id: str = ""
    employee_no: str = ""
    name: str = ""
    side: str = ""
    department_name: str = ""
    joined_on: str = ""


@dataclasses.dataclass(frozen=True)
class Board:
    project_id: str = ""
    name: str = ""
    status: str = ""
    owner_id: str = ""
    owner_name: str = ""
    members: tuple[Member, ...] = ()
    columns: tuple[Column, ...] = ()
    # The last change applied (boardChanged's sequence): older ones are already in.
    sequence: int = 0


@dataclasses.dataclass(frozen=True)
class Goal:
    kind: str = ""
    weight: str = ""
    target_date: str = ""
    target_value: str = ""


@dataclasses.dataclass(frozen=True)
class GoalAttainment:
    kind: str = ""
    weight: str = ""
    target: str = ""
    actual: str = ""
    attainment: str = ""
    formula: str = ""
    assumed: bool = False


@dataclasses.dataclass(frozen=True)
class SideShare:
    side: str = ""
    split: str = ""
    effective_split: str = ""
    exact_amount: str = ""
    amount: str = ""
    leftover_cent: bool = False
    members: int = 0


@dataclasses.dataclass(frozen=True)
class ComponentLine:
    component: str = ""
    value: str = ""
    side_total: str = ""
    weight: str = ""
    effective_weight: str = ""
    part: str = ""
    basis: str = ""


@dataclasses.dataclass(frozen=True)
class MemberShare:
    employee_id: str = ""
    employee_no: str = ""
    name: str = ""
    side: str = ""
    share: str = ""
    equal_share: bool = False
    exact_amount: str = ""
    amount: str = ""
    leftover_cent: bool = False
    moves: int = 0
    comments: int = 0
    cards_rated: int = 0
    components: tuple[ComponentLine, ...] = ()


@dataclasses.dataclass(frozen=True)
class Allocation:
    frozen: bool = False
    rule_version: str = ""
    pool: str = ""
    attainment: str = ""
    bonus: str = ""
    undistributed: str = ""
    rounding: str = ""
    weight_points: str = ""
    weight_feedback: str = ""
    weight_participation: str = ""
    goals: tuple[GoalAttainment, ...] = ()
    sides: tuple[SideShare, ...] = ()
    members: tuple[MemberShare, ...] = ()


@dataclasses.dataclass(frozen=True)
class ProjectDetail:
    id: str = ""
    name: str = ""
    description: str = ""
    status: str = ""
    started_on: str = ""
    bonus_pool: str = ""
    side_split_frontline: str = ""
    delivered_on: str = ""
    actual_satisfaction: str = ""
    actual_revenue: str = ""
    closed_at: str = ""
    task_count: int = 0
    owner_id: str = ""
    owner_name: str = ""
    goals: tuple[Goal, ...] = ()
    members: tuple[Member, ...] = ()
    columns: tuple[Column, ...] = ()
    allocation: Allocation = Allocation()


@dataclasses.dataclass(frozen=True)
class BoardChange:
    """One event of boardChanged: CURRENT (the whole `board`), a card's change, a comment, a rating."""

    kind: str = ""
    sequence: int = 0
    occurred_at: str = ""
    actor_id: str = ""
    actor_name: str = ""
    card: Card | None = None
    from_column_id: str = ""
    from_position: int | None = None
    comment: Comment | None = None
    rating: Rating | None = None
    board: Board | None = None


@dataclasses.dataclass(frozen=True)
class HistoryEntry:
    sequence: int = 0
    kind: str = ""
    at: str = ""
    actor_name: str = ""
    # For a move: the card's column after it (the board log's own column number).
    after: dict[str, Any] = dataclasses.field(default_factory=dict)


def _person(node: dict[str, Any] | None) -> tuple[str, str, str]:
    node = node or {}
    return text(node.get("id")), node.get("employeeNo") or "", node.get("name") or ""


def parse_comment(node: dict[str, Any]) -> Comment:
    author_id, _, author_name = _person(node.get("author"))
    return Comment(id=text(node.get("id")), body=node.get("body") or "", created_at=text(node.get("createdAt")),
                   author_id=author_id, author_name=author_name)


def parse_rating(node: dict[str, Any]) -> Rating:
    rater_id, _, rater_name = _person(node.get("rater"))
    return Rating(rating=int(node.get("rating") or 0), rater_id=rater_id, rater_name=rater_name)


def parse_card(node: dict[str, Any]) -> Card:
    assignee_id, _, assignee_name = _person(node.get("assignee"))
    return Card(
        id=str(node["id"]), column_id=text(node.get("columnId")), position=int(node.get("position") or 0),
        version=int(node.get("version") or 0), title=node.get("title") or "", description=node.get("description") or "",
        due_date=text(node.get("dueDate")), story_points=int(node.get("storyPoints") or 0),
        assignee_id=assignee_id, assignee_name=assignee_name,
        # A TaskCard (a change, a write) has no comments or ratings: only a board's Task does.
        comments=tuple(parse_comment(c) for c in selected(node, "comments") or ()),
        ratings=tuple(parse_rating(r) for r in selected(node, "ratings") or ()),
    )


def parse_member(node: dict[str, Any]) -> Member:
    employee_id, employee_no, name = _person(node.get("employee"))
    return Member(id=employee_id, employee_no=employee_no, name=name, side=node.get("side") or "",
                  department_name=node.get("departmentName") or "", joined_on=text(node.get("joinedOn")))


def parse_column(node: dict[str, Any]) -> Column:
    return Column(id=str(node["id"]), name=node.get("name") or "", position=int(node.get("position") or 0),
                  wip_limit=node.get("wipLimit"),
                  cards=tuple(parse_card(t) for t in selected(node, "tasks") or ()))


def parse_board(node: dict[str, Any], *, sequence: int = 0) -> Board:
    owner_id, _, owner_name = _person(node.get("owner"))
    return Board(project_id=str(node["id"]), name=node.get("name") or "", status=node.get("status") or "",
                 owner_id=owner_id, owner_name=owner_name,
                 members=tuple(parse_member(m) for m in node.get("members") or ()),
                 columns=tuple(parse_column(c) for c in node.get("columns") or ()), sequence=sequence)


def parse_allocation(node: dict[str, Any]) -> Allocation:
    return Allocation(
        frozen=bool(node.get("frozen")), rule_version=node.get("ruleVersion") or "", pool=text(node.get("pool")),
        attainment=text(node.get("attainment")), bonus=text(node.get("bonus")),
        undistributed=text(node.get("undistributed")), rounding=node.get("rounding") or "",
        weight_points=text(node.get("weightPoints")), weight_feedback=text(node.get("weightFeedback")),
        weight_participation=text(node.get("weightParticipation")),
        goals=tuple(GoalAttainment(kind=g.get("kind") or "", weight=text(g.get("weight")), target=g.get("target") or "",
                                   actual=text(g.get("actual")), attainment=text(g.get("attainment")),
                                   formula=g.get("formula") or "", assumed=bool(g.get("assumed")))
                    for g in node.get("goals") or ()),
        sides=tuple(SideShare(side=s.get("side") or "", split=text(s.get("split")),
                              effective_split=text(s.get("effectiveSplit")), exact_amount=text(s.get("exactAmount")),
                              amount=text(s.get("amount")), leftover_cent=bool(s.get("leftoverCent")),
                              members=int(s.get("members") or 0)) for s in node.get("sides") or ()),
        members=tuple(_member_share(m) for m in node.get("members") or ()),
    )


def _member_share(node: dict[str, Any]) -> MemberShare:
    employee_id, employee_no, name = _person(node.get("employee"))
    participation = node.get("participation") or {}
    return MemberShare(
        employee_id=employee_id, employee_no=employee_no, name=name, side=node.get("side") or "",
        share=text(node.get("share")), equal_share=bool(node.get("equalShare")),
        exact_amount=text(node.get("exactAmount")), amount=text(node.get("amount")),
        leftover_cent=bool(node.get("leftoverCent")), moves=int(participation.get("moves") or 0),
        comments=int(participation.get("comments") or 0), cards_rated=int(participation.get("cardsRated") or 0),
        components=tuple(ComponentLine(component=c.get("component") or "", value=text(c.get("value")),
                                       side_total=text(c.get("sideTotal")), weight=text(c.get("weight")),
                                       effective_weight=text(c.get("effectiveWeight")), part=text(c.get("part")),
                                       basis=c.get("basis") or "") for c in node.get("components") or ()),
    )


def parse_project(node: dict[str, Any]) -> ProjectDetail:
    owner_id, _, owner_name = _person(node.get("owner"))
    return ProjectDetail(
        id=str(node["id"]), name=node.get("name") or "", description=node.get("description") or "",
        status=node.get("status") or "", started_on=text(node.get("startedOn")), bonus_pool=text(node.get("bonusPool")),
        side_split_frontline=text(node.get("sideSplitFrontline")), delivered_on=text(node.get("deliveredOn")),
        actual_satisfaction=text(node.get("actualSatisfaction")), actual_revenue=text(node.get("actualRevenue")),
        closed_at=text(node.get("closedAt")), task_count=int(node.get("taskCount") or 0),
        owner_id=owner_id, owner_name=owner_name,
        goals=tuple(Goal(kind=g.get("kind") or "", weight=text(g.get("weight")), target_date=text(g.get("targetDate")),
                         target_value=text(g.get("targetValue"))) for g in node.get("goals") or ()),
        members=tuple(parse_member(m) for m in node.get("members") or ()),
        columns=tuple(parse_column(c) for c in node.get("columns") or ()),
        allocation=parse_allocation(node.get("allocation") or {}),
    )


def parse_change(node: dict[str, Any]) -> BoardChange:
    actor_id, _, actor_name = _person(node.get("actor"))
    sequence = int(node.get("sequence") or 0)
    return BoardChange(
        kind=node.get("kind") or "", sequence=sequence, occurred_at=text(node.get("occurredAt")),
        actor_id=actor_id, actor_name=actor_name,
        card=parse_card(node["task"]) if node.get("task") else None,
        from_column_id=text(node.get("fromColumnId")), from_position=node.get("fromPosition"),
        comment=parse_comment(node["comment"]) if node.get("comment") else None,
        rating=parse_rating(node["rating"]) if node.get("rating") else None,
        board=parse_board(node["project"], sequence=sequence) if node.get("project") else None,
    )


async def fetch_projects(token: str, *, mine: bool = False) -> list[ProjectSummary]:
    data = await transport.execute(PROJECTS, {"mine": mine or None}, token=token)
    return [ProjectSummary(id=str(p["id"]), name=p.get("name") or "", status=p.get("status") or "",
                           bonus_pool=text(p.get("bonusPool")), started_on=text(p.get("startedOn")),
                           owner_id=_person(p.get("owner"))[0], owner_name=_person(p.get("owner"))[2])
            for p in data.get("projects") or ()]


async def fetch_project(token: str, project_id: str) -> ProjectDetail | None:
    data = await transport.execute(PROJECT_OVERVIEW, {"id": project_id}, token=token)
    return parse_project(data["project"]) if data.get("project") else None


async def fetch_allocation(token: str, project_id: str) -> Allocation | None:
    data = await transport.execute(PROJECT_ALLOCATION, {"id": project_id}, token=token)
    return parse_allocation(data["project"]["allocation"]) if data.get("project") else None


async def fetch_board(token: str, project_id: str) -> Board | None:
    data = await transport.execute(BOARD, {"id": project_id}, token=token)
    return parse_board(data["project"]) if data.get("project") else None


async def fetch_card_history(token: str, project_id: str, task_id: str, *, first: int = 20) -> list[HistoryEntry]:
    data = await transport.execute(CARD_HISTORY, {"id": project_id, "taskId": task_id, "first": first}, token=token)
    rows = (data.get("project") or {}).get("history") or ()
    return [HistoryEntry(sequence=int(h.get("sequence") or 0), kind=h.get("kind") or "", at=text(h.get("at")),
                         actor_name=_person(h.get("actor"))[2], after=h.get("after") or {}) for h in rows]


async def watch_board(token: str, project_id: str, *,
                      heartbeat_seconds: float) -> AsyncGenerator[BoardChange | None, None]:
    """The board as it is now (CURRENT), then every change; None after every `heartbeat_seconds` without news."""
    events = transport.subscribe(token, [(BOARD_CHANGED, {"projectId": project_id})],
                                 heartbeat_seconds=heartbeat_seconds)
    async with contextlib.aclosing(events):
        async for item in events:
            if item is None:
                yield None
            elif isinstance(item, Event):
                yield parse_change(item.data["boardChanged"])


ProjectResult = ProjectDetail | FieldError
CardResult = Card | FieldError


async def _project_write(document: str, field: str, variables: dict[str, Any], token: str) -> ProjectResult:
    payload = (await transport.execute(document, variables, token=token))[field]
    refused = refusal(payload, "project")
    return refused if refused is not None else parse_project(payload["project"])


async def create_project(token: str, project: dict[str, Any]) -> ProjectResult:
    """`project`: CreateProjectInput's fields (camelCase)."""
    return await _project_write(CREATE_PROJECT, "createProject", {"input": project}, token)


async def configure_project(token: str, changes: dict[str, Any]) -> ProjectResult:
    """`changes`: ConfigureProjectInput's fields (camelCase), `projectId` included."""
    return await _project_write(CONFIGURE_PROJECT, "configureProject", {"input": changes}, token)


async def add_project_member(token: str, project_id: str, employee_id: str) -> ProjectResult:
    return await _project_write(ADD_PROJECT_MEMBER, "addProjectMember",
                                {"projectId": project_id, "employeeId": employee_id}, token)


async def deliver_project(token: str, project_id: str, delivered_on: str) -> ProjectResult:
    return await _project_write(DELIVER_PROJECT, "deliverProject",
                                {"projectId": project_id, "deliveredOn": delivered_on}, token)


async def close_project(token: str, project_id: str, *, delivered_on: str | None, satisfaction: str | None,
                        revenue: str | None) -> ProjectResult:
    return await _project_write(CLOSE_PROJECT, "closeProject",
                                {"projectId": project_id, "deliveredOn": delivered_on, "satisfaction": satisfaction,
                                 "revenue": revenue}, token)


async def _task_write(document: str, field: str, variables: dict[str, Any], token: str) -> CardResult:
    payload = (await transport.execute(document, variables, token=token))[field]
    refused = refusal(payload, "task")
    return refused if refused is not None else parse_card(payload["task"])


async def create_task(token: str, task: dict[str, Any]) -> CardResult:
    return await _task_write(CREATE_TASK, "createTask", {"input": task}, token)


async def update_task(token: str, changes: dict[str, Any]) -> CardResult:
    return await _task_write(UPDATE_TASK, "updateTask", {"input": changes}, token)


async def assign_task(token: str, task_id: str, assignee_id: str | None, expected_version: int) -> CardResult:
    return await _task_write(ASSIGN_TASK, "assignTask", {"taskId": task_id, "assigneeId": assignee_id,
                                                         "expectedVersion": expected_version}, token)


async def move_task(token: str, task_id: str, column_id: str, position: int, expected_version: int) -> CardResult:
    """A stale `expected_version` is refused with CONFLICT; a move over the column's WIP limit with VALIDATION."""
    return await _task_write(MOVE_TASK, "moveTask", {"taskId": task_id, "columnId": column_id, "position": position,
                                                     "expectedVersion": expected_version}, token)


async def comment_task(token: str, task_id: str, body: str) -> tuple[Comment, Card] | FieldError:
    payload = (await transport.execute(COMMENT_TASK, {"taskId": task_id, "body": body}, token=token))["commentTask"]
    refused = refusal(payload, "comment")
    return refused if refused is not None else (parse_comment(payload["comment"]), parse_card(payload["task"]))


async def rate_task(token: str, task_id: str, rating: int) -> tuple[Rating, Card] | FieldError:
    payload = (await transport.execute(RATE_TASK, {"taskId": task_id, "rating": rating}, token=token))["rateTask"]
    refused = refusal(payload, "rating")
    return refused if refused is not None else (parse_rating(payload["rating"]), parse_card(payload["task"]))
