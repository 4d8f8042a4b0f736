"""A worker killed with SIGKILL during a stream of recordOrder calls (PostgreSQL): every order it acknowledged
exists exactly once, resending what was not acknowledged to a restarted worker completes the stream without a
duplicate, and every sum of the ledger balances (checked in SQL, exactly, on the database itself)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.integration.test_redis_bus import REPO, TANDEM, _free_port, _wait_ready

PG_SERVER = os.environ.get("TANDEM_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
RECORD = """mutation($input: RecordOrderInput!) { recordOrder(input: $input) { __typename
  ... on RecordOrderSuccess { created order { clientOrderId } } ... on OperationError { code message } } }"""
STREAM = 240
SENDERS = 6


async def _pg_ready() -> bool:
    try:
        connection = await asyncpg.connect(f"{PG_SERVER}/postgres", timeout=3)
    except (OSError, asyncpg.PostgresError):
        return False
    await connection.close()
    return True


@pytest.fixture
def database() -> Iterator[str]:
    if not asyncio.run(_pg_ready()):
        pytest.skip("needs a PostgreSQL server (TANDEM_TEST_POSTGRES)")
    name = f"tandem_fault_{os.getpid()}"

    async def do(statement: str) -> None:
        connection = await asyncpg.connect(f"{PG_SERVER}/postgres")
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(do(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(do(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        asyncio.run(do(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _worker(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([*TANDEM, "serve", "--api-only", "--port", str(port)], cwd=REPO, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_ready(port, process, time.monotonic() + 60)
    return process


async def _call(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None) -> Any:
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}})
    response.raise_for_status()
    return response.json()


async def _seed(client: httpx.AsyncClient) -> str:
    for mutation in ('createRegion(input: {code: "R1", name: "城东"})',
                     'createDepartment(input: {code: "MKT", name: "市场部", kind: FRONTLINE})',
                     'hireEmployee(input: {employeeNo: "F0001", name: "李娜", departmentCode: "MKT", regionCode: "R1", '
                     'position: "客户经理", baseSalary: "8000.00", hireDate: "2024-01-01"})'):
        body = await _call(client, f"mutation {{ {mutation} {{ __typename }} }}")
        assert "Success" in str(body), body
    found = await _call(client, '{ employees(first: 5, departmentCode: "MKT") { nodes { id } } }')
    employee_id: str = found["data"]["employees"]["nodes"][0]["id"]
    return employee_id


def _order(client_id: str, employee_id: str, n: int) -> dict[str, Any]:
    return {"input": {"clientOrderId": client_id, "employeeId": employee_id, "regionCode": "R1", "customer": "c",
                      "type": "NEW" if n % 2 else "RENEWAL", "amount": f"{1000 + n * 37}.{n % 100:02d}",
                      "occurredAt": "2026-11-10T10:00:00+08:00"}}


async def test_sigkill_during_a_stream_of_orders_loses_and_duplicates_nothing(database: str, tmp_path: Path) -> None:
    env = {**os.environ, "TANDEM_DATA_DIR": str(tmp_path), "TANDEM_DATABASE_URL": database,
           "TANDEM_SECRET_KEY": "shared-secret-of-at-least-32-bytes-long!"}
    subprocess.run([*TANDEM, "create-admin", "--employee-no", "ADMIN1", "--password", "admin-password"],
                   cwd=REPO, env=env, check=True, capture_output=True, timeout=120)
    first_port, second_port = _free_port(), _free_port()
    worker = _worker(env, first_port)
    acknowledged: set[str] = set()
    ids = [f"bill-{n:04d}" for n in range(STREAM)]
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{first_port}", timeout=10) as client:
            login = await _call(client, 'mutation { login(employeeNo: "ADMIN1", password: "admin-password") '
                                        "{ ... on LoginSuccess { token } } }")
            token = login["data"]["login"]["token"]
            client.headers["authorization"] = f"Bearer {token}"
            employee_id = await _seed(client)

            async def sender(lane: int) -> None:
                for n in range(lane, STREAM, SENDERS):
                    try:
                        body = await _call(client, RECORD, _order(ids[n], employee_id, n))
                    except (httpx.HTTPError, OSError):
                        return  # the worker is gone: the rest is resent later
                    if body["data"]["recordOrder"]["__typename"] == "RecordOrderSuccess":
                        acknowledged.add(ids[n])

            senders = [asyncio.create_task(sender(lane)) for lane in range(SENDERS)]
            while len(acknowledged) < STREAM // 3:
                await asyncio.sleep(0.01)
            worker.send_signal(signal.SIGKILL)  # mid-stream, transactions in flight
            worker.wait(10)
            await asyncio.gather(*senders)
        assert STREAM // 3 <= len(acknowledged) < STREAM

        before = await _orders(database)
        assert acknowledged <= set(before) and all(before[i] == 1 for i in before)
        await _balances(database)

        worker = _worker(env, second_port)  # the restarted worker; the billing system resends everything
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{second_port}", timeout=30,
                                     headers={"authorization": f"Bearer {token}"}) as client:
            answers = [await _call(client, RECORD, _order(ids[n], employee_id, n)) for n in range(STREAM)]
        created = {a["data"]["recordOrder"]["order"]["clientOrderId"] for a in answers
                   if a["data"]["recordOrder"]["created"]}
        assert created == set(ids) - set(before)  # only what never committed is created now
        after = await _orders(database)
        assert set(after) == set(ids) and all(count == 1 for count in after.values())
        await _balances(database)
    finally:
        with contextlib.suppress(ProcessLookupError):
            worker.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            worker.wait(15)


async def _orders(database: str) -> dict[str, int]:
    connection = await asyncpg.connect(database)
    try:
        rows = await connection.fetch("SELECT client_order_id, count(*) AS n FROM reward_order GROUP BY 1")
    finally:
        await connection.close()
    return {row["client_order_id"]: row["n"] for row in rows}


async def _balances(database: str) -> None:
    connection = await asyncpg.connect(database)
    try:
        # Every order's entries equal its figures; totals equal the sums of entries; pools balance.
        assert await connection.fetchval("""
            SELECT count(*) FROM reward_order o LEFT JOIN (
              SELECT order_id, sum(amount) FILTER (WHERE figure = 'COMMISSION') AS c,
                     sum(amount) FILTER (WHERE figure = 'ACCRUAL') AS a FROM ledger_entry GROUP BY order_id) e
              ON e.order_id = o.id
            WHERE o.status = 'CREDITED' AND (e.c IS DISTINCT FROM o.commission OR e.a IS DISTINCT FROM o.accrual)
        """) == 0
        assert await connection.fetchval("""
            SELECT count(*) FROM reward_employee_total t LEFT JOIN (
              SELECT employee_id, period, sum(amount) FILTER (WHERE figure = 'COMMISSION') AS c,
                     sum(amount) FILTER (WHERE figure = 'ACCRUAL') AS a FROM ledger_entry
              WHERE employee_id IS NOT NULL GROUP BY 1, 2) e USING (employee_id, period)
            WHERE coalesce(e.c, 0) <> t.commission OR coalesce(e.a, 0) <> t.accrual
               OR t.net <> t.commission - t.accrual
        """) == 0
        assert await connection.fetchval("""
            SELECT count(*) FROM (SELECT region_id, period,
              coalesce(sum(amount) FILTER (WHERE figure IN ('ACCRUAL', 'CARRY_IN')), 0) AS came_in,
              coalesce(sum(amount) FILTER (WHERE figure IN ('POOL_SHARE', 'CARRY_OVER')), 0) AS went_out
              FROM ledger_entry WHERE region_id IS NOT NULL GROUP BY 1, 2) p WHERE came_in <> went_out
        """) == 0
        total = await connection.fetchrow("""SELECT
            (SELECT coalesce(sum(amount), 0) FROM ledger_entry WHERE figure = 'COMMISSION') AS commission,
            (SELECT coalesce(sum(net), 0) FROM reward_employee_total) AS net,
            (SELECT coalesce(sum(amount), 0) FROM ledger_entry WHERE figure = 'ACCRUAL') AS accrual""")
        assert total["commission"] == total["net"] + total["accrual"]
    finally:
        await connection.close()
