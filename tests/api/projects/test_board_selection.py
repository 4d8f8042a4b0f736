"""project(id) reads only the parts of the board its selection asks for, and gives the same figures either way."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Org, count_queries, gql
from tests.api.projects.conftest import make_project
from tests.api.projects.test_board_query import FULL_BOARD, fill

pytestmark = pytest.mark.asyncio(loop_scope="session")

HEADER = """query($id: ID!) { project(id: $id) { id name status bonusPool sideSplitFrontline owner { employeeNo name } } }"""
CARDS = """query($id: ID!) { project(id: $id) { id taskCount columns { id name tasks { id title assignee { name } } } } }"""


async def test_a_header_reads_the_project_alone_and_matches_the_full_board(client: httpx.AsyncClient,
                                                                          small_org: Org) -> None:
    board = await make_project(small_org)
    await fill(board, small_org, 30)
    full = (await gql(client, FULL_BOARD, {"id": board.id}, token=small_org.staff))["data"]["project"]

    with count_queries() as counter:
        header = (await gql(client, HEADER, {"id": board.id}, token=small_org.staff))["data"]["project"]
    # the viewer, then the project with its owner: no goals, columns, cards, members, comments or ratings
    assert len(counter.statements) == 2, counter.statements
    assert header == {key: full[key] for key in header}

    with count_queries() as counter:
        cards = (await gql(client, CARDS, {"id": board.id}, token=small_org.staff))["data"]["project"]
    tables = " ".join(counter.statements)
    assert len(counter.statements) == 4, counter.statements  # viewer, project, columns, cards
    assert "task_comment" not in tables and "task_rating" not in tables and "project_member" not in tables
    assert cards["taskCount"] == full["taskCount"] == 30
    assert [[(t["id"], t["title"], t["assignee"]) for t in c["tasks"]] for c in cards["columns"]] == \
        [[(t["id"], t["title"], t["assignee"] and {"name": t["assignee"]["name"]}) for t in c["tasks"]]
         for c in full["columns"]]
