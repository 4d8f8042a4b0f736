"""Two clients moving the same card at once: exactly one wins, the other gets CONFLICT; the board stays whole.
Runs on SQLite and on PostgreSQL (TANDEM_TEST_DATABASE_URL)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from backend.persistence.models import BoardEvent, Task
from tests.api.conftest import Org, token_for
from tests.api.projects.conftest import ProjectBoard, assert_dense, make_project, move, new_task, read_board

pytestmark = pytest.mark.asyncio(loop_scope="session")


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
