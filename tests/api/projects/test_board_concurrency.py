"""Racing board writes on PostgreSQL, each request in its own transaction on its own connection.

The races are made to happen, not hoped for: a `Gate` holds one move between its read of the board and its
write, while a second move runs (or waits for the project's row lock), or another connection changes the
card. SQLite runs one transaction at a time, so these tests are skipped there (scripts/test runs them on
PostgreSQL).
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from backend.persistence.models import BoardEvent, Task
from backend.services import projects
from tests.api.conftest import Org, requires_postgres, token_for
from tests.api.projects.conftest import ProjectBoard, assert_dense, make_project, move, new_task, read_board
from tests.support.races import Gate, blocked_on_a_lock, separate_connection

pytestmark = [pytest.mark.asyncio(loop_scope="session"), *requires_postgres]


async def _board_rows(project_pk: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    tasks = await Task.filter(project_id=project_pk).order_by("id").values()
    events = await BoardEvent.filter(project_id=project_pk).order_by("id").values()
    return tasks, events


def _is_card(pk: int) -> Any:
    return lambda uow, task, *args, **kwargs: task.id == pk


async def test_a_write_between_the_read_and_the_update_loses_the_versioned_update(
        client: httpx.AsyncClient, small_org: Org, board: ProjectBoard, monkeypatch: pytest.MonkeyPatch) -> None:
    card = await new_task(client, small_org.staff, board, "割接方案")
    for title in ("勘察", "复核"):
        await new_task(client, small_org.staff, board, title)
    await new_task(client, small_org.staff, board, "已在进行", column=1)
    card_pk = (await Task.get(project_id=board.pk, title="割接方案")).id

    async def someone_else_edits_the_card(uow: Any, task: Any, *args: Any) -> None:
        # Another writer that does not take the project lock, on its own connection, commits first.
        async with separate_connection() as connection:
            await connection.execute(f'UPDATE "{Task._meta.db_table}" SET version = version + 1, title = $1 '
                                     "WHERE id = $2", "割接方案（已改）", task.id)

    gate = Gate(projects.task_snapshot, when=_is_card(card_pk), before=someone_else_edits_the_card)
    gate.open()  # no pause: the concurrent write is what this test injects
    monkeypatch.setattr(projects, "task_snapshot", gate)
    tasks_before, events_before = await _board_rows(board.pk)

    lost = await move(client, small_org.staff, card, board.columns[1], 0)

    assert gate.reached.is_set(), "the concurrent write was not injected between the read and the update"
    assert (lost["__typename"], lost["code"], lost["field"]) == ("OperationError", "CONFLICT", "expectedVersion")
    tasks_after, events_after = await _board_rows(board.pk)
    expected = [{**row, "title": "割接方案（已改）", "version": 2} if row["id"] == card_pk else row
                for row in tasks_before]
    assert tasks_after == expected  # only the other writer's change: no move, no shifted neighbours
    assert events_after == events_before
    assert_dense(await read_board(client, small_org.staff, board))


async def test_the_project_lock_holds_the_wip_limit_and_positions_against_a_racing_move(
        client: httpx.AsyncClient, small_org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    board = await make_project(small_org, wip_limits=(None, 3, None, None))
    first, second = (await new_task(client, small_org.staff, board, "A"), await new_task(client, small_org.staff,
                                                                                          board, "B"))
    for title in ("C", "D"):
        await new_task(client, small_org.staff, board, title, column=1)  # "Doing" holds 2 of 3
    first_pk = (await Task.get(project_id=board.pk, title="A")).id
    gate = Gate(projects.task_snapshot, when=_is_card(first_pk))
    monkeypatch.setattr(projects, "task_snapshot", gate)

    # A's move has counted Doing (2 others: room for one) and holds the project's lock when it pauses.
    moving_a = asyncio.create_task(move(client, small_org.staff, first, board.columns[1], 0))
    await gate.wait_reached()
    moving_b = asyncio.create_task(move(client, token_for(small_org.backend_id), second, board.columns[1], 0))
    b_waited_for_the_lock = await blocked_on_a_lock(moving_b)
    gate.open()
    a_result, b_result = await asyncio.gather(moving_a, moving_b)

    assert b_waited_for_the_lock, f"B's move did not wait for A's lock: {b_result}"
    assert a_result["__typename"] == "TaskSuccess", a_result
    assert (b_result["__typename"], b_result["code"], b_result["field"]) == ("OperationError", "VALIDATION",
                                                                             "columnId")
    project = await read_board(client, small_org.staff, board)
    assert_dense(project)
    assert [t["title"] for t in project["columns"][1]["tasks"]] == ["A", "C", "D"]
    assert [t["title"] for t in project["columns"][0]["tasks"]] == ["B"]


async def test_two_clients_move_the_same_card_at_once(client: httpx.AsyncClient, small_org: Org,
                                                      board: ProjectBoard) -> None:
    tasks = [await new_task(client, small_org.staff, board, f"卡片{i}") for i in range(5)]
    backend = token_for(small_org.backend_id)
    for round_ in range(5):
        card = (await read_board(client, small_org.staff, board))["columns"]
        current = next(t for column in card for t in column["tasks"] if t["id"] == tasks[round_]["id"])
        seen = {**tasks[round_], "version": current["version"]}

        first, second = await asyncio.gather(move(client, small_org.staff, seen, board.columns[1], 0),
                                             move(client, backend, seen, board.columns[2], 0))

        outcomes = sorted([first["__typename"], second["__typename"]])
        assert outcomes == ["OperationError", "TaskSuccess"], (first, second)
        loser = first if first["__typename"] == "OperationError" else second
        winner = second if loser is first else first
        assert loser["code"] == "CONFLICT"
        assert winner["task"]["version"] == seen["version"] + 1
        stored = await Task.get(project_id=board.pk, title=f"卡片{round_}")
        assert stored.version == seen["version"] + 1
        assert_dense(await read_board(client, small_org.staff, board))
    assert await BoardEvent.filter(project_id=board.pk, kind="TASK_MOVED").count() == 5


async def test_many_concurrent_moves_never_corrupt_the_board(client: httpx.AsyncClient, small_org: Org) -> None:
    board = await make_project(small_org, wip_limits=(None, 3, None, None))
    tokens = [small_org.staff, token_for(small_org.other_staff_id), token_for(small_org.backend_id)]
    tasks = [await new_task(client, small_org.staff, board, f"T{i}") for i in range(8)]

    # Everyone moves every card into "Doing" (WIP 3) at once, each with the version they saw (1).
    results = await asyncio.gather(*(move(client, tokens[i % 3], task, board.columns[1], i % 2)
                                     for i, task in enumerate(tasks * 2)))

    wins = [r for r in results if r["__typename"] == "TaskSuccess"]
    codes = sorted(r["code"] for r in results if r["__typename"] == "OperationError")
    assert len(wins) == 3  # the WIP limit holds under concurrency
    assert set(codes) <= {"CONFLICT", "VALIDATION"} and len(codes) == 13
    project = await read_board(client, small_org.staff, board)
    assert_dense(project)
    assert len(project["columns"][1]["tasks"]) == 3 and len(project["columns"][0]["tasks"]) == 5
