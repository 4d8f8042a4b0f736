"""The fuzzed app, its small organisation, a token per role, and strategies for the custom scalars (valid values
and the hostile ones of issue 11) shared by the fuzz tests."""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import strategies as st
from tortoise import Tortoise

from backend.app import create_api
from backend.domain.access import SYSTEM, Scope, Viewer, ViewerKind
from backend.domain.org import EARLIEST_DATE, LATEST_DATE, DepartmentKind, Role
from backend.events.memory import MemoryEventBus
from backend.persistence.config import dialect_of, tortoise_config
from backend.persistence.migrations import upgrade
from backend.services import auth, org
from backend.services.security import issue_session_token
from backend.services.uow import UnitOfWork
from backend.settings import load_settings

SECRET = "fuzz-secret-key-that-is-long-enough-for-hs256"
DATABASE_URL = os.environ.get("TANDEM_TEST_DATABASE_URL") or \
    f"sqlite://{Path(os.environ['TANDEM_DATA_DIR']) / 'fuzz.sqlite3'}"


async def _prepare() -> dict[str, str | None]:
    await upgrade(DATABASE_URL)
    await Tortoise.init(config=tortoise_config(DATABASE_URL))
    try:
        await _empty_tables()  # on CI's PostgreSQL the API tests ran in this database just before
        async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
            await org.create_region(uow=uow, code="R1", name="城东片区")
            await org.create_department(uow=uow, code="MKT", name="市场部", kind=DepartmentKind.FRONTLINE)
            await org.create_department(uow=uow, code="TECH", name="技术支撑部", kind=DepartmentKind.BACKEND)
            people = {}
            for role, no, department, region, roles in (
                    ("hr", "HR0001", "TECH", None, (Role.HR,)), ("staff", "F0001", "MKT", "R1", (Role.STAFF,)),
                    ("manager", "M0001", "TECH", None, (Role.MANAGER,)), ("admin", "A0001", "TECH", None, (Role.ADMIN,))):
                people[role] = await org.hire_employee(uow=uow, data=org.HireData(
                    employee_no=no, name=no, department_code=department, region_code=region, position="职员",
                    base_salary=Decimal("1.00"), target_bonus=Decimal(0), hire_date=date(2020, 1, 1), roles=roles))
        hr = Viewer(kind=ViewerKind.EMPLOYEE, employee_id=people["hr"].id, employee_no="HR0001",
                    department_id=people["hr"].department_id, roles=frozenset({Role.HR}))
        async with UnitOfWork(bus=MemoryEventBus(), actor=hr) as uow:
            partner = await auth.create_api_token(uow=uow, name="fuzz partner",
                                                  scopes=[s for s in Scope if s.value.startswith("read:")])
        tokens: dict[str, str | None] = {
            role: issue_session_token(employee_id=person.id, secret_key=SECRET, ttl_seconds=3600)[0]
            for role, person in people.items()}
        return {**tokens, "partner": partner.token, "anonymous": None}
    finally:
        await Tortoise.close_connections()


async def _empty_tables() -> None:
    connection = Tortoise.get_connection("default")
    tables = [m._meta.db_table for m in Tortoise.apps["models"].values() if m._meta.db_table != "aerich"]
    if dialect_of(DATABASE_URL) == "postgres":
        await connection.execute_script(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    else:
        await connection.execute_script("PRAGMA foreign_keys=OFF;" + "".join(f'DELETE FROM "{t}";' for t in tables)
                                        + "PRAGMA foreign_keys=ON;")


TOKENS = asyncio.run(_prepare())
app = create_api(replace(load_settings(), database_url=DATABASE_URL, secret_key=SECRET, event_bus_url="memory://"))

HOSTILE_DECIMALS = ["abc", "NaN", "-Infinity", "Infinity", "1e30", "-1e30", "1e-30", "", " ", "1.2.3", "0x10",
                    "１２", "9" * 41, "1,5", "1e999999", "-0", "0.001", "123456789012345678", "\u0000"]
HOSTILE_DATES = ["0001-01-01", "9999-12-31", "1949-12-31", "2101-01-01", "2026-02-30", "2026-13-01", "", "2026-1-1",
                 "yesterday", "0000-01-01"]


def valid_decimals(*, places: int) -> st.SearchStrategy[str]:
    return st.decimals(min_value=-10, max_value=10**7, places=places, allow_nan=False,
                       allow_infinity=False).map(str)


def hostile_decimals() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE_DECIMALS), st.text(max_size=8))


def valid_dates(*, with_time: bool = False) -> st.SearchStrategy[str]:
    if with_time:
        return st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2030, 12, 31),
                            timezones=st.just(UTC)).map(lambda d: d.isoformat())
    return st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE).map(lambda d: d.isoformat())


def hostile_dates(*, with_time: bool = False) -> st.SearchStrategy[str]:
    suffix = "T08:00:00+08:00" if with_time else ""
    return st.one_of(st.sampled_from([d + suffix if d[:1].isdigit() else d for d in HOSTILE_DATES]),
                     st.text(max_size=12))
