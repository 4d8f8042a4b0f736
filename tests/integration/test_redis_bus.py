"""The Redis bus: fan-out in order, and employeeChanged crossing from server process A to B."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import httpx
import pytest

from backend.events import create_event_bus
from backend.events.redis import RedisEventBus
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


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[int, int]]:
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
        yield ports
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


async def test_employee_changed_crosses_processes_through_redis(two_servers: tuple[int, int]) -> None:
    port_a, port_b = two_servers
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port_a}") as server_a:
        login = await server_a.post("/graphql", json={"query": 'mutation { login(employeeNo: "ADMIN1", '
                                                                'password: "admin-password") { ... on LoginSuccess '
                                                                "{ token } } }"})
        token = login.json()["data"]["login"]["token"]
        headers = {"authorization": f"Bearer {token}"}

        async with graphql_socket(f"ws://127.0.0.1:{port_b}/graphql", token) as socket_b:
            await socket_b.subscribe("subscription { employeeChanged { kind employee { employeeNo name } } }")
            await asyncio.sleep(0.3)  # the subscription must be confirmed by Redis before the publish
            hired = await server_a.post("/graphql", headers=headers, json={"query": """mutation {
                hireEmployee(input: {employeeNo: "B0042", name: "孙丽", departmentCode: "HR", position: "专员",
                baseSalary: "7000.00", hireDate: "2026-01-05"}) { __typename } }"""})
            event = await socket_b.receive(timeout=10)

    assert hired.json()["data"]["hireEmployee"]["__typename"] == "EmployeeSuccess"
    assert event["payload"]["data"]["employeeChanged"] == {"kind": "HIRED",
                                                           "employee": {"employeeNo": "B0042", "name": "孙丽"}}
