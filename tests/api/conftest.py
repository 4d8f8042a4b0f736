"""API fixtures: one migrated database and one running app per session; tables emptied before each test."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
import uvicorn
from starlette.applications import Starlette
from tortoise import Tortoise

from backend.app import create_api
from backend.domain.access import SYSTEM, Scope, Viewer, ViewerKind
from backend.domain.org import DepartmentKind, Role
from backend.events.memory import MemoryEventBus
from backend.persistence.config import dialect_of
from backend.persistence.migrations import upgrade
from backend.services import auth, org, rulesets
from backend.services.security import issue_session_token
from backend.services.uow import UnitOfWork
from backend.settings import load_settings
from tests.conftest import TEST_DATABASE_URL, session_database_url

TEST_SECRET = "test-secret-key-of-enough-length-for-hs256"


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def api() -> AsyncIterator[Starlette]:
    database_url = session_database_url()
    await upgrade(database_url)
    settings = replace(load_settings(), database_url=database_url, secret_key=TEST_SECRET,
                       event_bus_url="memory://")
    app = create_api(settings)
    async with app.router.lifespan_context(app):
        yield app
    if database_url != TEST_DATABASE_URL:  # a mutant's own file (see session_database_url)
        for leftover in Path(database_url.removeprefix("sqlite://")).parent.glob(f"{Path(database_url).name}*"):
            leftover.unlink()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def ws_url(api: Starlette) -> AsyncIterator[str]:
    """The session's app (lifespan already running) behind a real server on a loopback port."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(api, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    yield f"ws://127.0.0.1:{port}/graphql"
    server.should_exit = True
    await task


@pytest_asyncio.fixture(loop_scope="session")
async def client(api: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    await _empty_tables()
    throttle = getattr(api.state.graphql, "login_throttle", None)
    if throttle is not None:  # failed sign-ins of one test must not lock the next one out
        await throttle.reset()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://tandem.test") as c:
        yield c


async def _empty_tables() -> None:
    rulesets.invalidate()  # the versions cached in memory go with the table's rows
    connection = Tortoise.get_connection("default")
    tables = [model._meta.db_table for model in Tortoise.apps["models"].values() if model._meta.db_table != "aerich"]
    if dialect_of(TEST_DATABASE_URL) == "postgres":
        await connection.execute_script(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    else:
        deletes = "".join(f'DELETE FROM "{t}";' for t in tables)
        await connection.execute_script(f"PRAGMA foreign_keys=OFF;{deletes}PRAGMA foreign_keys=ON;")


async def gql(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None,
              token: str | None = None) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def token_for(employee_id: int) -> str:
    return issue_session_token(employee_id=employee_id, secret_key=TEST_SECRET, ttl_seconds=3600)[0]


@dataclass
class Org:
    """A small organisation: two regions, a frontline and a backend department, HR, staff, a manager."""

    hr_id: int
    staff_id: int
    other_staff_id: int
    manager_id: int
    backend_id: int

    @property
    def hr(self) -> str:
        return token_for(self.hr_id)

    @property
    def staff(self) -> str:
        return token_for(self.staff_id)

    @property
    def manager(self) -> str:
        return token_for(self.manager_id)


async def build_org() -> Org:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        for code, name in (("R1", "城东片区"), ("R2", "城西片区")):
            await org.create_region(uow=uow, code=code, name=name, targets=[("2026-11", Decimal("1000000.00"))])
        await org.create_department(uow=uow, code="MKT", name="市场部", kind=DepartmentKind.FRONTLINE)
        await org.create_department(uow=uow, code="TECH", name="技术支撑部", kind=DepartmentKind.BACKEND)
        await org.create_department(uow=uow, code="HR", name="人力资源部", kind=DepartmentKind.BACKEND)

        async def hire(no: str, name: str, dept: str, region: str | None, roles: tuple[Role, ...]) -> int:
            employee = await org.hire_employee(uow=uow, data=org.HireData(
                employee_no=no, name=name, department_code=dept, region_code=region, position="职员",
                base_salary=Decimal("10000.00"), target_bonus=Decimal("20000.00"), hire_date=date(2024, 1, 1),
                roles=roles))
            return employee.id

        return Org(
            hr_id=await hire("HR0001", "周敏", "HR", None, (Role.HR,)),
            staff_id=await hire("F0001", "李娜", "MKT", "R1", (Role.STAFF,)),
            other_staff_id=await hire("F0002", "张伟", "MKT", "R2", (Role.STAFF,)),
            manager_id=await hire("M0001", "王建国", "TECH", None, (Role.MANAGER,)),
            backend_id=await hire("B0001", "陈静", "TECH", None, (Role.STAFF,)),
        )


@pytest_asyncio.fixture(loop_scope="session")
async def small_org(client: httpx.AsyncClient) -> Org:
    return await build_org()


class QueryCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.statements.append(record.getMessage())


@contextmanager
def count_queries() -> Iterator[QueryCounter]:
    """Every SQL statement Tortoise sends (its client logs each at DEBUG)."""
    logger = logging.getLogger("tortoise.db_client")
    counter = QueryCounter()
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(previous)


async def table_counts() -> dict[str, int]:
    """Rows per table. Counts miss a refused UPDATE: to show that a mutation wrote nothing, compare
    `table_rows()` before and after instead."""
    return {model._meta.db_table: await model.all().count()
            for model in Tortoise.apps["models"].values() if model._meta.db_table != "aerich"}


async def table_rows() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (audit log and event logs included), in primary-key order: a refused
    mutation must leave this exactly as it was, so an UPDATE or DELETE that slipped through shows too."""
    return {model._meta.db_table: list(await model.all().order_by(model._meta.pk_attr).values())
            for model in Tortoise.apps["models"].values() if model._meta.db_table != "aerich"}


async def hire(no: str, name: str, department: str, region: str | None, *roles: Role) -> int:
    """One more employee (hired 2024-01-01) for a test that needs someone the small organisation lacks."""
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        employee = await org.hire_employee(uow=uow, data=org.HireData(
            employee_no=no, name=name, department_code=department, region_code=region, position="职员",
            base_salary=Decimal("10000.00"), target_bonus=Decimal("20000.00"), hire_date=date(2024, 1, 1),
            roles=roles or (Role.STAFF,)))
    return employee.id


async def create_department(code: str, name: str, kind: DepartmentKind) -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await org.create_department(uow=uow, code=code, name=name, kind=kind)


async def partner_token(org_: Org, *scopes: Scope) -> str:
    """A partner (API) token with these scopes, created by the organisation's HR user."""
    hr_user = Viewer(kind=ViewerKind.EMPLOYEE, employee_id=org_.hr_id, employee_no="HR0001",
                     roles=frozenset({Role.HR}))
    async with UnitOfWork(bus=MemoryEventBus(), actor=hr_user) as uow:
        issued = await auth.create_api_token(uow=uow, name="partner", scopes=list(scopes))
    return issued.token


# SQLite runs one transaction at a time, so a race cannot happen there: tests that make two transactions
# overlap run on PostgreSQL (scripts/test runs tests/api there too) and say so when skipped on SQLite.
# Use as a module's pytestmark (with its asyncio mark) or spread over a test's decorators.
requires_postgres = [pytest.mark.postgres, pytest.mark.skipif(
    dialect_of(TEST_DATABASE_URL) != "postgres",
    reason="needs PostgreSQL (TANDEM_TEST_DATABASE_URL): SQLite serialises transactions, so no race can happen")]


pytestmark = pytest.mark.asyncio(loop_scope="session")
