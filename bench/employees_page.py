"""Employees page (100 rows with department and region): GraphQL vs a hand-written JOIN + JSON endpoint.

Both run in one process on the same database, interleaved; the figure that matters is the throughput ratio
GraphQL / hand-written (target ≥ 0.6). Run: `.venv/bin/python -m bench.employees_page [--rounds N]`.
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import replace
from datetime import date
from decimal import Decimal

import httpx
import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from tortoise import Tortoise

from backend.app import create_api
from backend.domain.access import SYSTEM
from backend.domain.org import DepartmentKind, Role
from backend.events.memory import MemoryEventBus
from backend.graphql.ids import encode_id
from backend.persistence.migrations import upgrade
from backend.services import org
from backend.services.auth import viewer_for
from backend.services.security import issue_session_token
from backend.services.uow import UnitOfWork
from backend.settings import load_settings
from bench._harness import measure, report, scratch_database_url

SECRET = "bench-secret-key-long-enough-for-hs256-signing"
PAGE_SIZE = 100
QUERY = """{ employees(first: 100) { pageInfo { hasNextPage endCursor } edges { cursor node {
  id employeeNo name position department { code name kind } region { code name } } } } }"""
JOIN_SQL = """SELECT e.id, e.employee_no, e.name, e.position, d.code AS d_code, d.name AS d_name, d.kind AS d_kind,
  r.code AS r_code, r.name AS r_name FROM employee e JOIN department d ON d.id = e.department_id
  LEFT JOIN region r ON r.id = e.region_id ORDER BY e.id LIMIT ?"""


async def seed() -> int:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        for code in ("R1", "R2", "R3"):
            await org.create_region(uow=uow, code=code, name=f"片区{code}")
        await org.create_department(uow=uow, code="MKT", name="市场部", kind=DepartmentKind.FRONTLINE)
        await org.create_department(uow=uow, code="TECH", name="技术支撑部", kind=DepartmentKind.BACKEND)
        first = None
        for index in range(PAGE_SIZE + 20):
            frontline = index % 4 != 0
            employee = await org.hire_employee(uow=uow, data=org.HireData(
                employee_no=f"E{index:04d}", name=f"员工{index}", department_code="MKT" if frontline else "TECH",
                region_code=f"R{index % 3 + 1}" if frontline else None, position="职员",
                base_salary=Decimal("9000.00"), target_bonus=Decimal(0), hire_date=date(2025, 1, 1),
                roles=(Role.HR,) if index == 0 else (Role.STAFF,)))
            first = first or employee.id
    assert first is not None
    return first


async def hand_written(request: Request) -> Response:
    """The baseline: authenticate the same way, one JOIN, JSON in the same shape."""
    viewer = await viewer_for(request.headers.get("authorization"), secret_key=SECRET)
    if not viewer.is_authenticated:
        return Response(status_code=401)
    rows = await Tortoise.get_connection("default").execute_query_dict(JOIN_SQL, [PAGE_SIZE + 1])
    edges = []
    for row in rows[:PAGE_SIZE]:
        cursor = encode_id("Employee", row["id"])
        edges.append({"cursor": cursor, "node": {
            "id": cursor, "employeeNo": row["employee_no"], "name": row["name"], "position": row["position"],
            "department": {"code": row["d_code"], "name": row["d_name"], "kind": row["d_kind"]},
            "region": {"code": row["r_code"], "name": row["r_name"]} if row["r_code"] else None}})
    body = {"data": {"employees": {"pageInfo": {"hasNextPage": len(rows) > PAGE_SIZE,
                                                "endCursor": edges[-1]["cursor"] if edges else None},
                                   "edges": edges}}}
    return Response(orjson.dumps(body), media_type="application/json")


async def main(rounds: int) -> None:
    database_url = scratch_database_url()
    await upgrade(database_url)
    settings = replace(load_settings(), database_url=database_url, secret_key=SECRET, event_bus_url="memory://",
                       introspection=False, graphiql=False)
    app = create_api(settings)
    app.router.routes.append(Route("/baseline/employees", hand_written))
    async with app.router.lifespan_context(app):
        token = issue_session_token(employee_id=await seed(), secret_key=SECRET, ttl_seconds=3600)[0]
        headers = {"authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            async def graphql() -> object:
                response = await client.post("/graphql", json={"query": QUERY}, headers=headers)
                return response.json()

            async def baseline() -> object:
                response = await client.get("/baseline/employees", headers=headers)
                return response.json()

            graphql_body, baseline_body = await graphql(), await baseline()
            assert graphql_body == baseline_body, "the two endpoints must return the same JSON"
            samples = await measure({"hand-written JOIN + JSON": baseline, "GraphQL employees(first:100)": graphql},
                                    rounds=rounds)
    print(f"employees page, {PAGE_SIZE} rows with department and region, {rounds} interleaved rounds, SQLite")
    report(samples, baseline="hand-written JOIN + JSON")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=300)
    asyncio.run(main(parser.parse_args().rounds))
