"""The Redis bus: fan-out in order, and employeeChanged crossing from server process A to B."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import pytest
import redis.asyncio as aioredis
from websockets.exceptions import ConnectionClosed

from backend.events import create_event_bus
from backend.events.redis import RedisEventBus, client_name, split_channel_prefix
from backend.graphql.access_watch import AUTHORITY_ENDED_CLOSE_CODE
from backend.graphql.ids import encode_id
from tests.conftest import TEST_REDIS_URL
from tests.support.ws import graphql_socket

pytestmark = pytest.mark.redis
REPO = Path(__file__).resolve().parents[2]
TANDEM = [sys.executable, "-m", "backend.cli"]


async def test_redis_bus_delivers_in_order_to_every_subscriber() -> None:
    bus = create_event_bus(TEST_REDIS_URL)
    assert isinstance(bus, RedisEventBus)
    channel = f"test-{uuid4().hex}"
    await bus.connect()
    try:
        async with bus.subscribe(channel) as first, bus.subscribe(channel) as second:
            for n in range(5):
                await bus.publish(channel, {"n": n, "text": "周敏"})
            got_first = [await first.get(2) for _ in range(5)]
            got_second = [await second.get(2) for _ in range(5)]
        assert [m["n"] for m in got_first if m] == [0, 1, 2, 3, 4]
        assert got_second == got_first
        assert got_first[0] == {"n": 0, "text": "周敏"}
    finally:
        await bus.disconnect()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_ready(port: int, process: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on {port} exited with {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise TimeoutError(f"server on {port} did not become ready")


@dataclass
class Worker:
    port: int
    pid: int


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[Worker, Worker]]:
    env = {**os.environ, "TANDEM_DATA_DIR": str(tmp_path), "TANDEM_DATABASE_URL": f"sqlite://{tmp_path}/db.sqlite3",
           "TANDEM_EVENT_BUS_URL": TEST_REDIS_URL, "TANDEM_SECRET_KEY": "shared-secret-of-at-least-32-bytes-long!"}
    subprocess.run([*TANDEM, "create-admin", "--employee-no", "ADMIN1", "--password", "admin-password"],
                   cwd=REPO, env=env, check=True, capture_output=True, timeout=120)
    ports = (_free_port(), _free_port())
    processes = [subprocess.Popen([*TANDEM, "serve", "--api-only", "--port", str(port)], cwd=REPO, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for port in ports]
    try:
        deadline = time.monotonic() + 60
        for port, process in zip(ports, processes, strict=True):
            _wait_ready(port, process, deadline)
        yield Worker(ports[0], processes[0].pid), Worker(ports[1], processes[1].pid)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


async def _subscribers(channel: str) -> int:
    """How many Redis connections subscribe to one of this run's channels (PUBSUB NUMSUB)."""
    server, prefix = split_channel_prefix(TEST_REDIS_URL)
    client = aioredis.Redis.from_url(server)
    try:
        counts = await client.pubsub_numsub(prefix + channel)
        return int(counts[0][1])
    finally:
        await client.aclose()


async def _pubsub_connections(pid: int) -> int:
    """Connections of one worker process that hold subscriptions (named by the bus, CLIENT LIST)."""
    server, _ = split_channel_prefix(TEST_REDIS_URL)
    client = aioredis.Redis.from_url(server)
    try:
        return sum(1 for entry in await client.client_list()
                   if entry.get("name") == client_name(pid) and int(entry.get("sub", 0)) > 0)
    finally:
        await client.aclose()


async def _until(check: Callable[[], Awaitable[bool]], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not await check():
            await asyncio.sleep(0.02)


async def test_events_cross_workers_through_one_redis_connection_per_worker(
        two_servers: tuple[Worker, Worker]) -> None:
    worker_a, worker_b = two_servers
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{worker_a.port}") as server_a:
        login = await server_a.post("/graphql", json={"query": 'mutation { login(employeeNo: "ADMIN1", '
                                                                'password: "admin-password") { ... on LoginSuccess '
                                                                "{ token } } }"})
        token = login.json()["data"]["login"]["token"]
        headers = {"authorization": f"Bearer {token}"}
        directory = "subscription { employeeChanged { kind employee { employeeNo name } } }"
        async with contextlib.AsyncExitStack() as stack:
            on_b = [await stack.enter_async_context(graphql_socket(f"ws://127.0.0.1:{worker_b.port}/graphql", token))
                    for _ in range(5)]
            on_a = await stack.enter_async_context(graphql_socket(f"ws://127.0.0.1:{worker_a.port}/graphql", token))
            for socket_ in [*on_b, on_a]:
                await socket_.subscribe(directory)
            # Confirmed by Redis before anything is published: one subscription per worker, not per subscriber.
            await _until(lambda: _equals(_subscribers("employees"), 2))
            # A second topic on worker B rides on the same connection.
            me = await stack.enter_async_context(graphql_socket(f"ws://127.0.0.1:{worker_b.port}/graphql", token))
            await me.subscribe("subscription($id: ID) { employeeChanged(employeeId: $id) { kind } }",
                               {"id": encode_id("Employee", 1)})
            assert (await me.receive(timeout=10))["payload"]["data"]["employeeChanged"]["kind"] == "CURRENT"
            await _until(lambda: _equals(_subscribers("employee:1"), 1))

            hired = await server_a.post("/graphql", headers=headers, json={"query": """mutation {
                hireEmployee(input: {employeeNo: "B0042", name: "孙丽", departmentCode: "HR", position: "专员",
                baseSalary: "7000.00", hireDate: "2026-01-05"}) { __typename } }"""})
            events = [(await socket_.receive(timeout=10))["payload"]["data"]["employeeChanged"]
                      for socket_ in [*on_b, on_a]]
            connections = (await _pubsub_connections(worker_a.pid), await _pubsub_connections(worker_b.pid))

    assert hired.json()["data"]["hireEmployee"]["__typename"] == "EmployeeSuccess"
    assert events == [{"kind": "HIRED", "employee": {"employeeNo": "B0042", "name": "孙丽"}}] * 6
    assert connections == (1, 1)


async def _equals(count: Awaitable[int], expected: int) -> bool:
    return await count == expected


async def test_a_token_revoked_on_one_worker_stops_the_subscription_on_the_other(
        two_servers: tuple[Worker, Worker]) -> None:
    worker_a, worker_b = two_servers
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{worker_b.port}") as server_b:
        login = await server_b.post("/graphql", json={"query": 'mutation { login(employeeNo: "ADMIN1", '
                                                                'password: "admin-password") { ... on LoginSuccess '
                                                                "{ token } } }"})
        headers = {"authorization": f"Bearer {login.json()['data']['login']['token']}"}
        created = await server_b.post("/graphql", headers=headers, json={"query": """mutation {
            createApiToken(name: "payroll", scopes: [READ_PAYROLL, READ_EMPLOYEES]) {
              ... on ApiTokenCreated { token apiToken { id } } } }"""})
        partner = created.json()["data"]["createApiToken"]

        async def hire(number: str) -> httpx.Response:
            return await server_b.post("/graphql", headers=headers, json={"query": f"""mutation {{
                hireEmployee(input: {{employeeNo: "{number}", name: "孙丽", departmentCode: "HR", position: "专员",
                baseSalary: "7000.00", hireDate: "2026-01-05"}}) {{ __typename }} }}"""})

        async with graphql_socket(f"ws://127.0.0.1:{worker_a.port}/graphql", partner["token"]) as on_a:
            await on_a.subscribe("subscription { employeeChanged { kind employee { employeeNo baseSalary } } }")
            await _until(lambda: _equals(_subscribers("employees"), 1))  # worker A's topic, confirmed by Redis
            started = time.perf_counter()
            hired = await hire("B0042")
            change = await on_a.receive(timeout=10)
            print(f"\nworker B mutation → worker A subscriber: {(time.perf_counter() - started) * 1000:.0f} ms")
            revoked = await server_b.post("/graphql", headers=headers, json={
                "query": "mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }",
                "variables": {"id": partner["apiToken"]["id"]}})
            await hire("B0043")  # would carry pay to a token that may no longer read it
            closed_with = None
            try:
                while True:
                    message = await on_a.receive(timeout=10)
                    assert message["type"] != "next", f"pushed after the revocation: {message}"
            except ConnectionClosed:
                closed_with = on_a.connection.close_code

    assert hired.json()["data"]["hireEmployee"]["__typename"] == "EmployeeSuccess", hired.text
    assert change["payload"]["data"]["employeeChanged"] == {
        "kind": "HIRED", "employee": {"employeeNo": "B0042", "baseSalary": "7000.00"}}
    assert revoked.json()["data"]["revokeApiToken"]["__typename"] == "ApiTokenRevoked"
    assert closed_with == AUTHORITY_ENDED_CLOSE_CODE


async def _login(server: httpx.AsyncClient) -> str:
    login = await server.post("/graphql", json={"query": 'mutation { login(employeeNo: "ADMIN1", password: '
                                                        '"admin-password") { ... on LoginSuccess { token } } }'})
    token: str = login.json()["data"]["login"]["token"]
    return token


async def _hire_staff(server: httpx.AsyncClient, headers: dict[str, str], number: str) -> str:
    hired = await server.post("/graphql", headers=headers, json={"query": f"""mutation {{
        hireEmployee(input: {{employeeNo: "{number}", name: "孙丽", departmentCode: "HR", position: "专员",
        baseSalary: "7000.00", hireDate: "2026-01-05", password: "staff-password"}}) {{
        ... on EmployeeSuccess {{ employee {{ id }} }} }} }}"""})
    employee_id: str = hired.json()["data"]["hireEmployee"]["employee"]["id"]
    return employee_id


async def _closed_code(socket_: Any) -> int | None:
    try:
        while True:
            message = await socket_.receive(timeout=10)
            assert message["type"] != "next", f"pushed after the authority ended: {message}"
    except ConnectionClosed:
        return int(socket_.connection.close_code)


async def test_signing_out_or_leaving_on_one_worker_closes_sockets_on_the_other(
        two_servers: tuple[Worker, Worker]) -> None:
    worker_a, worker_b = two_servers
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{worker_b.port}") as server_b:
        headers = {"authorization": f"Bearer {await _login(server_b)}"}
        staff = await _hire_staff(server_b, headers, "B0050")
        leaver = await _hire_staff(server_b, headers, "B0051")
        sessions = {}
        for number in ("B0050", "B0051"):
            login = await server_b.post("/graphql", json={"query": f'mutation {{ login(employeeNo: "{number}", '
                                                                   'password: "staff-password") { ... on LoginSuccess '
                                                                   "{ token } } }"})
            sessions[number] = login.json()["data"]["login"]["token"]
        follow = "subscription($id: ID) { employeeChanged(employeeId: $id) { kind } }"
        async with graphql_socket(f"ws://127.0.0.1:{worker_a.port}/graphql", sessions["B0050"]) as staff_on_a, \
                graphql_socket(f"ws://127.0.0.1:{worker_a.port}/graphql", sessions["B0051"]) as leaver_on_a:
            await staff_on_a.subscribe(follow, {"id": staff})
            await leaver_on_a.subscribe(follow, {"id": leaver})
            assert (await staff_on_a.receive(timeout=10))["payload"]["data"]["employeeChanged"]["kind"] == "CURRENT"
            assert (await leaver_on_a.receive(timeout=10))["payload"]["data"]["employeeChanged"]["kind"] == "CURRENT"
            signed_out = await server_b.post("/graphql", json={"query": "mutation { logout { __typename } }"},
                                             headers={"authorization": f"Bearer {sessions['B0050']}"})
            left = await server_b.post("/graphql", headers=headers, json={
                "query": "mutation($id: ID!, $d: Date!) { recordLeave(employeeId: $id, lastDay: $d) { __typename } }",
                "variables": {"id": leaver, "d": "2026-01-31"}})
            codes = (await _closed_code(staff_on_a), await _closed_code(leaver_on_a))
        refused = await server_b.post("/graphql", json={"query": "{ me { employeeNo } }"},
                                      headers={"authorization": f"Bearer {sessions['B0050']}"})

    assert signed_out.json()["data"]["logout"]["__typename"] == "LogoutSuccess"
    assert left.json()["data"]["recordLeave"]["__typename"] == "EmployeeSuccess"
    assert codes == (AUTHORITY_ENDED_CLOSE_CODE, AUTHORITY_ENDED_CLOSE_CODE)
    assert refused.json()["data"]["me"] is None


async def test_a_worker_killed_mid_stream_loses_nothing_for_a_subscriber_who_reconnects(
        two_servers: tuple[Worker, Worker]) -> None:
    worker_a, worker_b = two_servers
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{worker_b.port}") as server_b:
        headers = {"authorization": f"Bearer {await _login(server_b)}"}
        employee = await _hire_staff(server_b, headers, "B0060")
        follow = "subscription($id: ID) { employeeChanged(employeeId: $id) { kind employee { position } } }"
        transfer = """mutation($id: ID!, $p: String!, $d: Date!) { transferEmployee(input: {employeeId: $id,
            effectiveDate: $d, position: $p}) { __typename } }"""
        async with graphql_socket(f"ws://127.0.0.1:{worker_a.port}/graphql", headers["authorization"][7:]) as on_a:
            await on_a.subscribe(follow, {"id": employee})
            assert (await on_a.receive(timeout=10))["payload"]["data"]["employeeChanged"]["kind"] == "CURRENT"
            os.kill(worker_a.pid, signal.SIGKILL)  # mid-stream: the subscriber's worker dies
            committed = await server_b.post("/graphql", headers=headers, json={
                "query": transfer, "variables": {"id": employee, "p": "组长", "d": "2026-06-01"}})
            with contextlib.suppress(ConnectionClosed, TimeoutError):
                await on_a.receive(timeout=10)
        # The client reconnects (to the worker still up): the current state first includes what it missed.
        async with graphql_socket(f"ws://127.0.0.1:{worker_b.port}/graphql", headers["authorization"][7:]) as on_b:
            await on_b.subscribe(follow, {"id": employee})
            current = (await on_b.receive(timeout=10))["payload"]["data"]["employeeChanged"]

    assert committed.json()["data"]["transferEmployee"]["__typename"] == "EmployeeSuccess", committed.text
    assert current == {"kind": "CURRENT", "employee": {"position": "组长"}}
