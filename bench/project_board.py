"""Project board (500 cards with assignees, comments and ratings): GraphQL `project(id)` vs hand-written SQL + JSON.

Both run in one process on the same database, interleaved, and must return the same JSON; the figure that matters
is the latency ratio. Run: `.venv/bin/python -m bench.project_board [--rounds N] [--tasks N]`.
"""

from __future__ import annotations

import argparse
import asyncio
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from tortoise import Tortoise

from backend.app import create_api
from backend.domain.access import SYSTEM
from backend.domain.org import DepartmentKind, Role
from backend.domain.projects import Goal, GoalKind
from backend.events.memory import MemoryEventBus
from backend.graphql.ids import encode_id
from backend.persistence.migrations import upgrade
from backend.persistence.models import BoardColumn, Task, TaskComment, TaskRating
from backend.services import org, projects
from backend.services.auth import viewer_for
from backend.services.security import issue_session_token
from backend.services.uow import UnitOfWork
from backend.settings import load_settings
from bench._harness import measure, report, scratch_database_url

SECRET = "bench-secret-key-long-enough-for-hs256-signing"
QUERY = """query($id: ID!) { project(id: $id) { id name status bonusPool columns { id name position wipLimit
  tasks { id position version title dueDate storyPoints assignee { id employeeNo name }
    comments { id body author { employeeNo name } } ratings { rating rater { employeeNo } } } } } }"""
SQL_PROJECT = "SELECT id, name, status, bonus_pool FROM project WHERE id = ?"
SQL_COLUMNS = "SELECT id, name, position, wip_limit FROM board_column WHERE project_id = ? ORDER BY position"
SQL_TASKS = """SELECT t.id, t.column_id, t.position, t.version, t.title, t.due_date, t.story_points, t.assignee_id,
  e.employee_no, e.name FROM task t LEFT JOIN employee e ON e.id = t.assignee_id WHERE t.project_id = ?
  ORDER BY t.column_id, t.position"""
SQL_COMMENTS = """SELECT c.id, c.task_id, c.body, e.employee_no, e.name FROM task_comment c
  JOIN employee e ON e.id = c.author_id WHERE c.project_id = ? ORDER BY c.id"""
SQL_RATINGS = """SELECT r.task_id, r.rating, e.employee_no FROM task_rating r JOIN employee e ON e.id = r.rater_id
  WHERE r.project_id = ? ORDER BY r.id"""


async def seed(tasks: int) -> tuple[int, int]:
    """An organisation of 12, one project whose board holds `tasks` cards; returns (viewer id, project id)."""
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await org.create_region(uow=uow, code="R1", name="城东片区")
        await org.create_department(uow=uow, code="MKT", name="市场部", kind=DepartmentKind.FRONTLINE)
        await org.create_department(uow=uow, code="TECH", name="技术支撑部", kind=DepartmentKind.BACKEND)
        people = []
        for index in range(12):
            frontline = index % 2 == 0
            employee = await org.hire_employee(uow=uow, data=org.HireData(
                employee_no=f"E{index:04d}", name=f"员工{index}", department_code="MKT" if frontline else "TECH",
                region_code="R1" if frontline else None, position="职员", base_salary=Decimal("9000.00"),
                target_bonus=Decimal(0), hire_date=date(2025, 1, 1),
                roles=(Role.MANAGER,) if index == 0 else (Role.STAFF,)))
            people.append(employee.id)
    return people[1], await seed_project(people, tasks)


async def seed_project(people: list[int], tasks: int) -> int:
    """A project owned by people[0] (a manager) with the others as members, whose board holds `tasks` cards."""
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        project = await projects.create_project(uow=uow, data=projects.ProjectData(
            name="城东光网升级", bonus_pool=Decimal("50000.00"), owner_id=people[0], started_on=date(2026, 9, 1),
            goals=[Goal(kind=GoalKind.DELIVERY, weight=Decimal(1), target_date=date(2026, 12, 31))],
            member_ids=people[1:]))
    columns = [c.id for c in await BoardColumn.filter(project_id=project.id).order_by("position")]
    now = datetime.now(UTC)
    counts: dict[int, int] = defaultdict(int)
    cards = []
    for index in range(tasks):
        column = columns[min(index * len(columns) // tasks, len(columns) - 1)]
        cards.append(Task(project_id=project.id, column_id=column, position=counts[column], title=f"任务 {index}",
                          description="", assignee_id=people[index % len(people)] if index % 7 else None,
                          due_date=date(2026, 12, 1 + index % 28), story_points=index % 8, version=1,
                          created_at=now, updated_at=now))
        counts[column] += 1
    await Task.bulk_create(cards)
    stored = await Task.filter(project_id=project.id).values("id", "column_id", "assignee_id")
    await TaskComment.bulk_create([TaskComment(task_id=row["id"], project_id=project.id, author_id=people[1],
                                               body="进展顺利", created_at=now) for row in stored[::2]])
    await TaskRating.bulk_create([TaskRating(task_id=row["id"], project_id=project.id, rater_id=people[0], rating=4,
                                             created_at=now) for row in stored
                                  if row["column_id"] == columns[-1] and row["assignee_id"] not in (None, people[0])])
    return project.id


def _date(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def _money(value: Any) -> str:
    return f"{Decimal(str(value)).quantize(Decimal('0.01'))}"


async def hand_written(request: Request) -> Response:
    """The baseline: authenticate the same way, five hand-written queries, JSON in the same shape."""
    viewer = await viewer_for(request.headers.get("authorization"), secret_key=SECRET)
    if not viewer.is_authenticated:
        return Response(status_code=401)
    pk = int(request.query_params["id"])
    connection = Tortoise.get_connection("default")
    project = (await connection.execute_query_dict(SQL_PROJECT, [pk]))[0]
    columns = await connection.execute_query_dict(SQL_COLUMNS, [pk])
    tasks = await connection.execute_query_dict(SQL_TASKS, [pk])
    comments: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in await connection.execute_query_dict(SQL_COMMENTS, [pk]):
        comments[row["task_id"]].append({"id": encode_id("TaskComment", row["id"]), "body": row["body"],
                                         "author": {"employeeNo": row["employee_no"], "name": row["name"]}})
    ratings: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in await connection.execute_query_dict(SQL_RATINGS, [pk]):
        ratings[row["task_id"]].append({"rating": row["rating"], "rater": {"employeeNo": row["employee_no"]}})
    by_column: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in tasks:
        assignee = None if row["assignee_id"] is None else {
            "id": encode_id("Employee", row["assignee_id"]), "employeeNo": row["employee_no"], "name": row["name"]}
        by_column[row["column_id"]].append({
            "id": encode_id("Task", row["id"]), "position": row["position"], "version": row["version"],
            "title": row["title"], "dueDate": _date(row["due_date"]), "storyPoints": row["story_points"],
            "assignee": assignee, "comments": comments.get(row["id"], []), "ratings": ratings.get(row["id"], [])})
    body = {"data": {"project": {
        "id": encode_id("Project", pk), "name": project["name"], "status": project["status"],
        "bonusPool": _money(project["bonus_pool"]),
        "columns": [{"id": encode_id("BoardColumn", c["id"]), "name": c["name"], "position": c["position"],
                     "wipLimit": c["wip_limit"], "tasks": by_column.get(c["id"], [])} for c in columns]}}}
    return Response(orjson.dumps(body), media_type="application/json")


async def main(rounds: int, tasks: int) -> None:
    database_url = scratch_database_url()
    await upgrade(database_url)
    settings = replace(load_settings(), database_url=database_url, secret_key=SECRET, event_bus_url="memory://",
                       introspection=False, graphiql=False)
    app = create_api(settings)
    app.router.routes.append(Route("/baseline/board", hand_written))
    async with app.router.lifespan_context(app):
        viewer_id, project_id = await seed(tasks)
        token = issue_session_token(employee_id=viewer_id, secret_key=SECRET, ttl_seconds=3600)[0]
        headers = {"authorization": f"Bearer {token}"}
        variables = {"id": encode_id("Project", project_id)}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            async def graphql() -> object:
                response = await client.post("/graphql", json={"query": QUERY, "variables": variables},
                                             headers=headers)
                return response.json()

            async def baseline() -> object:
                response = await client.get("/baseline/board", params={"id": project_id}, headers=headers)
                return response.json()

            graphql_body, baseline_body = await graphql(), await baseline()
            assert graphql_body == baseline_body, "the two endpoints must return the same JSON"
            samples = await measure({"hand-written SQL + JSON": baseline, f"GraphQL project(id) {tasks} cards":
                                     graphql}, rounds=rounds, warmup=5)
    print(f"project board, {tasks} cards with assignees, comments and ratings, {rounds} interleaved rounds, SQLite")
    report(samples, baseline="hand-written SQL + JSON")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--tasks", type=int, default=500)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rounds, arguments.tasks))
