"""boardChanged: a project's board changes, pushed after commit, in order, with enough to patch a board."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any

import strawberry

from backend.domain.events import board_channel
from backend.events.fanout import Shared, Topic
from backend.graphql.context import Info
from backend.graphql.ids import decode_id, encode_id
from backend.graphql.live import listen
from backend.graphql.projects.loaders import People, card_node, project_node
from backend.graphql.projects.permissions import CanReadProjects
from backend.graphql.projects.types import (
    BoardChangeKind,
    BoardPerson,
    ProjectType,
    TaskCard,
    TaskCommentType,
    TaskRatingType,
)
from backend.persistence.models import Employee


@strawberry.type(description="One change of a board. Apply a TASK_MOVED by removing the card from "
                             "(fromColumnId, fromPosition) and inserting it at (task.columnId, task.position); "
                             "other cards keep their order. `sequence` increases with every change of a project.")
class BoardChange:
    kind: BoardChangeKind
    sequence: int
    occurred_at: dt.datetime
    actor: BoardPerson | None
    task: TaskCard | None
    from_column_id: strawberry.ID | None
    from_position: int | None
    comment: TaskCommentType | None
    rating: TaskRatingType | None
    project: ProjectType | None = strawberry.field(description="The whole board: only with CURRENT, and with "
                                                               "BOARD_CONFIGURED, MEMBER_ADDED and PROJECT_CLOSED.")


class _Actors:
    """Names of the people in a topic's events, read once each per process (kept on the topic)."""

    def __init__(self) -> None:
        self.people = People()
        self._known: dict[int, BoardPerson | None] = {}

    async def get(self, employee_id: int | None) -> BoardPerson | None:
        if employee_id is None:
            return None
        if employee_id not in self._known:
            row = await Employee.filter(id=employee_id).values("employee_no", "name")
            self._known[employee_id] = self.people.get(employee_id, row[0]["employee_no"], row[0]["name"]) \
                if row else None
        return self._known[employee_id]


async def _change(message: dict[str, Any], actors: _Actors) -> BoardChange:
    kind = BoardChangeKind(message["kind"])
    actor = await actors.get(message["actor_id"])
    comment = rating = None
    if message.get("comment"):
        c = message["comment"]
        comment = TaskCommentType(id=encode_id("TaskComment", c["id"]), body=c["body"],
                                  created_at=dt.datetime.fromisoformat(c["created_at"]),
                                  author=actors.people.get(c["author_id"], c["author_no"], c["author_name"]))  # type: ignore[arg-type]
    if message.get("rating"):
        r = message["rating"]
        rating = TaskRatingType(rating=r["rating"], rater=await actors.get(r["rater_id"]))  # type: ignore[arg-type]
    project = None
    if kind in (BoardChangeKind.BOARD_CONFIGURED, BoardChangeKind.MEMBER_ADDED, BoardChangeKind.PROJECT_CLOSED):
        project = await project_node(message["project_id"])
    return BoardChange(
        kind=kind, sequence=message["sequence"], occurred_at=dt.datetime.fromisoformat(message["occurred_at"]),
        actor=actor, task=card_node(message["task"]) if message.get("task") else None,
        from_column_id=encode_id("BoardColumn", message["from_column_id"]) if message.get("from_column_id") else None,
        from_position=message.get("from_position"), comment=comment, rating=rating, project=project)


@dataclass(frozen=True, slots=True)
class _CurrentBoard:
    sequence: int
    change: Shared[BoardChange] | None  # None: no such project


async def _current_board(project_id: int) -> _CurrentBoard:
    """The board and the sequence it reflects, read consistently: if a change lands while the board is read,
    read again, so the CURRENT board and its sequence always agree (a patch is never applied twice)."""
    while True:
        before = await _last_sequence(project_id)
        board = await project_node(project_id)
        if board is None:
            return _CurrentBoard(sequence=before, change=None)
        if await _last_sequence(project_id) == before:
            return _CurrentBoard(sequence=before, change=Shared(BoardChange(
                kind=BoardChangeKind.CURRENT, sequence=before, occurred_at=dt.datetime.now(dt.UTC), actor=None,
                task=None, from_column_id=None, from_position=None, comment=None, rating=None, project=board)))


@strawberry.type
class ProjectSubscription:
    @strawberry.subscription(permission_classes=[CanReadProjects],
                             description="The board first (CURRENT), then every change after it is committed. "
                                         "After a lost connection to the event bus, CURRENT is sent again.")
    async def board_changed(self, info: Info, project_id: strawberry.ID) -> AsyncGenerator[BoardChange, None]:
        pk = decode_id("Project", project_id, field="projectId")
        async with listen(info, board_channel(pk), prepare=_prepare_change) as listener:
            # Shared by everyone connecting until the board's next change (one load, not one per connection).
            current = await listener.topic.once("current", lambda: _current_board(pk))
            if current.change is None:
                return
            yield current.change  # type: ignore[misc]  # a Shared value: executed once for all (graphql/live.py)
            last = current.sequence
            async for delivery in listener:
                if delivery.resync:
                    current = await listener.topic.once("current", lambda: _current_board(pk))
                    if current.change is None:
                        return
                    yield current.change  # type: ignore[misc]
                    last = current.sequence
                    continue
                message = delivery.message
                if message["sequence"] <= last:
                    continue  # already part of the CURRENT board
                last = message["sequence"]
                yield delivery.prepared  # type: ignore[misc]


async def _prepare_change(message: dict[str, Any], topic: Topic) -> BoardChange:
    """Built once per event for the topic, before any subscriber sees it."""
    return await _change(message, topic.state.setdefault("actors", _Actors()))


async def _last_sequence(project_id: int) -> int:
    from backend.persistence.models import BoardEvent

    row = await BoardEvent.filter(project_id=project_id).order_by("-id").first().values("id")
    return int(row["id"]) if row else 0
