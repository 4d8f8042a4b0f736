"""Build board objects from the rows a few queries return (STACK-NOTES: for board-sized lists, shaping the
data in the top resolver beats a DataLoader per relation). Nothing here queries per card."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

import strawberry

from backend.domain.access import Viewer
from backend.domain.org import DepartmentKind, Role
from backend.domain.projects import Allocation, BoardEventKind, ProjectStatus, visible_member_amounts
from backend.graphql.context import Info
from backend.graphql.ids import encode_id
from backend.graphql.projects.types import (
    AllocationType,
    BoardChangeKind,
    BoardColumnType,
    BoardHistoryEntry,
    BoardPerson,
    ComponentLineType,
    GoalAttainmentType,
    GoalType,
    MemberShareType,
    ParticipationType,
    ProjectMemberType,
    ProjectSummary,
    ProjectType,
    SideShareType,
    TaskCard,
    TaskCommentType,
    TaskRatingType,
    TaskType,
)
from backend.persistence.models import Employee, Project
from backend.persistence.raw import as_datetime
from backend.services import projects
from backend.services.projects import Board, BoardParts


class People:
    """One BoardPerson per employee in a response."""

    def __init__(self) -> None:
        self._cache: dict[int, BoardPerson] = {}

    def get(self, pk: int | None, employee_no: str | None, name: str | None) -> BoardPerson | None:
        if pk is None:
            return None
        person = self._cache.get(pk)
        if person is None:
            person = self._cache[pk] = BoardPerson(id=encode_id("Employee", pk), employee_no=employee_no or "",
                                                   name=name or "")
        return person


def board_node(board: Board) -> ProjectType:
    people = People()
    comments: dict[int, list[TaskCommentType]] = defaultdict(list)
    for row in board.comments:
        comments[row["task_id"]].append(TaskCommentType(
            id=encode_id("TaskComment", row["id"]), body=row["body"], created_at=row["created_at"],
            author=people.get(row["author_id"], row["author__employee_no"], row["author__name"])))  # type: ignore[arg-type]
    ratings: dict[int, list[TaskRatingType]] = defaultdict(list)
    for row in board.ratings:
        ratings[row["task_id"]].append(TaskRatingType(
            rating=row["rating"], rater=people.get(row["rater_id"], row["rater__employee_no"],  # type: ignore[arg-type]
                                                   row["rater__name"])))
    column_ids = {c["id"]: encode_id("BoardColumn", c["id"]) for c in board.columns}
    by_column: dict[int, list[TaskType]] = defaultdict(list)
    for row in board.tasks:
        by_column[row["column_id"]].append(TaskType(
            id=encode_id("Task", row["id"]), column_id=column_ids[row["column_id"]], position=row["position"],
            version=row["version"], title=row["title"], description=row["description"],
            assignee=people.get(row["assignee_id"], row["assignee__employee_no"], row["assignee__name"]),
            due_date=row["due_date"], story_points=row["story_points"], comments=comments.get(row["id"], []),
            ratings=ratings.get(row["id"], [])))
    columns = [BoardColumnType(id=column_ids[c["id"]], name=c["name"], position=c["position"],
                               wip_limit=c["wip_limit"], tasks=by_column.get(c["id"], [])) for c in board.columns]
    members = [ProjectMemberType(
        employee=people.get(m["employee_id"], m["employee__employee_no"], m["employee__name"]),  # type: ignore[arg-type]
        side=DepartmentKind(m["side"]), department_name=m["employee__department__name"], joined_on=m["joined_on"])
        for m in board.members]
    project = board.project
    owner = people.get(project.owner_id, project.owner_no, project.owner_name)
    return ProjectType(
        pk=project.id, id=encode_id("Project", project.id), name=project.name, description=project.description,
        status=project.status, owner=owner,  # type: ignore[arg-type]
        started_on=project.started_on, bonus_pool=project.bonus_pool,
        side_split_frontline=Decimal(project.side_split_frontline), delivered_on=project.delivered_on,
        actual_satisfaction=project.actual_satisfaction, actual_revenue=project.actual_revenue,
        closed_at=project.closed_at,
        goals=[GoalType(kind=g.kind, weight=g.weight, target_date=g.target_date, target_value=g.target_value)
               for g in board.goals],
        members=members, columns=columns, task_count=len(board.tasks), record=board.record, goal_rules=board.goals)


def parts_from(info: Info) -> BoardParts:
    """The board parts a `project(id)` selection needs (field names anywhere below it)."""
    names = _names(info.selected_fields)
    return BoardParts(goals="goals" in names or "allocation" in names, columns="columns" in names,
                      tasks="tasks" in names or "taskCount" in names, members="members" in names,
                      comments="comments" in names, ratings="ratings" in names, record="allocation" in names)


def _names(selections: Any) -> set[str]:
    found: set[str] = set()
    for selection in selections:
        name = getattr(selection, "name", None)
        if name:
            found.add(name)
        found |= _names(getattr(selection, "selections", []) or [])
    return found


async def project_node(project_id: int, parts: BoardParts = BoardParts()) -> ProjectType | None:
    board = await projects.load_board(project_id, parts)
    if board is None:
        return None
    return board_node(board)


def summary_node(project: Project, owner_no: str, owner_name: str) -> ProjectSummary:
    return ProjectSummary(id=encode_id("Project", project.id), name=project.name, status=project.status,
                          owner=BoardPerson(id=encode_id("Employee", project.owner_id), employee_no=owner_no,
                                            name=owner_name),
                          bonus_pool=project.bonus_pool, started_on=project.started_on)


def card_node(snapshot: dict[str, Any]) -> TaskCard:
    """A card from a board event's JSON snapshot (no database read)."""
    assignee = None
    if snapshot.get("assignee_id") is not None:
        assignee = BoardPerson(id=encode_id("Employee", snapshot["assignee_id"]),
                               employee_no=snapshot.get("assignee_no") or "", name=snapshot.get("assignee_name") or "")
    due = snapshot.get("due_date")
    return TaskCard(id=encode_id("Task", snapshot["id"]), column_id=encode_id("BoardColumn", snapshot["column_id"]),
                    position=snapshot["position"], version=snapshot["version"], title=snapshot["title"],
                    description=snapshot["description"], assignee=assignee,
                    due_date=dt.date.fromisoformat(due) if due else None, story_points=snapshot["story_points"])


async def amounts_visible_to(viewer: Viewer, member_ids: list[int]) -> frozenset[int]:
    """Whose individual amounts the viewer may read (domain/projects.visible_member_amounts)."""
    if not member_ids:
        return frozenset()
    if viewer.has_role(Role.MANAGER) and not viewer.is_hr and viewer.employee_id not in member_ids:
        rows = await Employee.filter(id__in=member_ids).values_list("id", "department_id")
        departments = {int(pk): int(department) for pk, department in rows}
    else:  # departments only matter to a manager who is not otherwise entitled
        departments = dict.fromkeys(member_ids, 0)
    return visible_member_amounts(viewer, member_departments=departments)


def allocation_node(allocation: Allocation, *, frozen: bool, visible: frozenset[int]) -> AllocationType:
    return AllocationType(
        frozen=frozen, rule_version=allocation.rule_version, pool=allocation.pool, attainment=allocation.attainment,
        bonus=allocation.bonus, undistributed=allocation.undistributed,
        weight_points=allocation.weights["points"], weight_feedback=allocation.weights["feedback"],
        weight_participation=allocation.weights["participation"], rounding=allocation.rounding,
        goals=[GoalAttainmentType(kind=g.kind, weight=g.weight, target=g.target, actual=g.actual,
                                  attainment=g.attainment, formula=g.formula, assumed=g.assumed)
               for g in allocation.goals],
        sides=[SideShareType(side=s.side, split=s.split, effective_split=s.effective_split,
                             exact_amount=s.exact_amount, amount=s.amount, leftover_cent=s.leftover_cent,
                             members=s.members) for s in allocation.sides],
        members=[MemberShareType(
            employee=BoardPerson(id=encode_id("Employee", m.employee_id), employee_no=m.employee_no, name=m.name),
            side=m.side, equal_share=m.equal_share,
            **({"share": m.share, "exact_amount": m.exact_amount, "amount": m.amount,
                "leftover_cent": m.leftover_cent} if m.employee_id in visible else
               {"share": None, "exact_amount": None, "amount": None, "leftover_cent": None}),
            participation=ParticipationType(moves=m.moves, comments=m.comments, cards_rated=m.cards_rated),
            components=[ComponentLineType(component=c.component, value=c.value, side_total=c.side_total,
                                          weight=c.weight, effective_weight=c.effective_weight, part=c.part,
                                          basis=c.basis)
                        for c in m.components]) for m in allocation.members])


def history_nodes(rows: list[dict[str, Any]]) -> list[BoardHistoryEntry]:
    people = People()
    return [BoardHistoryEntry(
        sequence=row["id"], kind=BoardEventKind(row["kind"]), at=as_datetime(row["at"]),  # type: ignore[arg-type]
        actor=people.get(row["actor_id"], row["actor__employee_no"], row["actor__name"]),
        task_id=strawberry.ID(encode_id("Task", row["task_id"])) if row["task_id"] else None,
        before=row["before"], after=row["after"]) for row in rows]


__all__ = ["BoardChangeKind", "ProjectStatus", "allocation_node", "board_node", "card_node", "history_nodes",
           "project_node", "summary_node"]
