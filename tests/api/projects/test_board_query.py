"""project(id): the whole board in a constant number of SQL queries, whatever the number of cards."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from backend.persistence.models import Task, TaskComment, TaskRating
from tests.api.conftest import Org, count_queries, gql
from tests.api.projects.conftest import ProjectBoard, assert_dense, make_project

pytestmark = pytest.mark.asyncio(loop_scope="session")

FULL_BOARD = """query($id: ID!) { project(id: $id) { id name status bonusPool sideSplitFrontline taskCount
  owner { employeeNo name } goals { kind weight targetDate targetValue }
  members { side joinedOn departmentName employee { id employeeNo name } }
  columns { id name position wipLimit tasks { id columnId position version title description dueDate storyPoints
    assignee { id employeeNo name } comments { id body createdAt author { employeeNo name } }
    ratings { rating rater { employeeNo } } } }
  allocation { bonus attainment members { employee { employeeNo } amount share
    components { component value sideTotal effectiveWeight } } }
  history(first: 20) { sequence kind at actor { employeeNo } taskId } } }"""


async def fill(board: ProjectBoard, org: Org, count: int) -> None:
    """Cards spread over the columns, with assignees, a comment on every third and ratings on done cards."""
    now = datetime.now(UTC)
    members = [org.staff_id, org.other_staff_id, org.backend_id, org.manager_id]
    per_column: dict[int, int] = {}
    cards = []
    for index in range(count):
        column = board.column_pks[index % len(board.column_pks)]
        position = per_column.get(column, 0)
        per_column[column] = position + 1
        cards.append(Task(project_id=board.pk, column_id=column, position=position, title=f"卡片 {index}",
                          description="描述", assignee_id=members[index % 4] if index % 5 else None,
                          story_points=index % 8, version=1, created_at=now, updated_at=now))
    await Task.bulk_create(cards)
    stored = await Task.filter(project_id=board.pk).values("id", "column_id", "assignee_id")
    comments = [TaskComment(task_id=row["id"], project_id=board.pk, author_id=org.staff_id, body="进展顺利",
                            created_at=now) for row in stored[::3]]
    await TaskComment.bulk_create(comments)
    ratings = [TaskRating(task_id=row["id"], project_id=board.pk, rater_id=org.manager_id, rating=4, created_at=now)
               for row in stored if row["column_id"] == board.column_pks[-1] and row["assignee_id"] not in
               (None, org.manager_id)]
    await TaskRating.bulk_create(ratings)


async def test_board_queries_do_not_grow_with_the_number_of_cards(client: httpx.AsyncClient,
                                                                   small_org: Org) -> None:
    counts = {}
    for size in (10, 500):
        board = await make_project(small_org)
        await fill(board, small_org, size)
        with count_queries() as counter:
            result = await gql(client, FULL_BOARD, {"id": board.id}, token=small_org.staff)
        assert "errors" not in result, result["errors"]
        project = result["data"]["project"]
        assert project["taskCount"] == size
        assert_dense(project)
        counts[size] = len(counter.statements)

    assert counts[10] == counts[500], counts
    # viewer, board (project, goals, columns, cards, members, comments, ratings), estimate (3), history (1)
    assert counts[500] <= 14, counts
