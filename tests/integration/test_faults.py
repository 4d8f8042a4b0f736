"""Faults (issue 11): the event bus restarted under two workers — subscriptions recover by themselves and get the
current state first, then changes flow again — without restarting Tandem. Runs its own Redis server on a free
port, so restarting it disturbs nobody else."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.graphql.ids import encode_id
from tests.integration.test_redis_bus import REPO, TANDEM, _free_port, _wait_ready
from tests.support.ws import graphql_socket

pytestmark = [pytest.mark.redis, pytest.mark.skipif(shutil.which("redis-server") is None,
                                                    reason="needs the redis-server binary")]


class RedisServer:
    def __init__(self, directory: Path) -> None:
        self.port = _free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                                         "--save", "", "--appendonly", "no", "--dir", str(self.directory)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True).stdout.strip() \
                    == b"PONG":
                return
            time.sleep(0.05)
        raise TimeoutError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)  # as a crash would: no goodbye to the clients
            self.process.wait(10)
            self.process = None


@pytest.fixture
def redis_and_two_workers(tmp_path: Path) -> Iterator[tuple[RedisServer, int, int]]:
    redis = RedisServer(tmp_path)
    redis.start()
    env = {**os.environ, "TANDEM_DATA_DIR": str(tmp_path), "TANDEM_DATABASE_URL": f"sqlite://{tmp_path}/db.sqlite3",
           "TANDEM_EVENT_BUS_URL": redis.url, "TANDEM_SECRET_KEY": "shared-secret-of-at-least-32-bytes-long!"}
    subprocess.run([*TANDEM, "create-admin", "--employee-no", "ADMIN1", "--password", "admin-password"],
                   cwd=REPO, env=env, check=True, capture_output=True, timeout=120)
    ports = (_free_port(), _free_port())
    workers = [subprocess.Popen([*TANDEM, "serve", "--api-only", "--port", str(port)], cwd=REPO, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for port in ports]
    try:
        deadline = time.monotonic() + 60
        for port, process in zip(ports, workers, strict=True):
            _wait_ready(port, process, deadline)
        yield redis, ports[0], ports[1]
    finally:
        for process in workers:
            process.send_signal(signal.SIGTERM)
        for process in workers:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        redis.stop()


async def test_after_redis_restarts_subscribers_get_the_current_state_then_changes(
        redis_and_two_workers: tuple[RedisServer, int, int]) -> None:
    redis, port_a, port_b = redis_and_two_workers
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port_b}") as server_b:
        login = await server_b.post("/graphql", json={"query": 'mutation { login(employeeNo: "ADMIN1", '
                                                                'password: "admin-password") { ... on LoginSuccess '
                                                                "{ token } } }"})
        token = login.json()["data"]["login"]["token"]
        headers = {"authorization": f"Bearer {token}"}
        async with graphql_socket(f"ws://127.0.0.1:{port_a}/graphql", token) as on_a:
            await on_a.subscribe("subscription($id: ID) { employeeChanged(employeeId: $id) { kind "
                                 "employee { employeeNo } } }", {"id": encode_id("Employee", 1)})
            await on_a.subscribe("subscription { employeeChanged { kind employee { employeeNo } } }")
            first = await on_a.receive(timeout=10)

            redis.stop()
            await asyncio.sleep(0.5)  # a real outage: both workers lose their connections
            redis.start()
            again = await on_a.receive(timeout=30)  # the reader reconnected and said it may have missed events

            hired = None
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:  # until worker B's publishing connection is back too
                hired = await server_b.post("/graphql", headers=headers, json={"query": """mutation {
                    hireEmployee(input: {employeeNo: "B0042", name: "孙丽", departmentCode: "HR", position: "专员",
                    baseSalary: "7000.00", hireDate: "2026-01-05"}) { __typename } }"""})
                if hired.status_code == 200 and hired.json().get("data"):
                    break
                await asyncio.sleep(0.2)
            change = await on_a.receive(timeout=30)

    assert first["payload"]["data"]["employeeChanged"] == {"kind": "CURRENT", "employee": {"employeeNo": "ADMIN1"}}
    assert again["payload"]["data"]["employeeChanged"] == first["payload"]["data"]["employeeChanged"]
    assert hired is not None and hired.json()["data"]["hireEmployee"]["__typename"] == "EmployeeSuccess"
    assert change["payload"]["data"]["employeeChanged"] == {"kind": "HIRED", "employee": {"employeeNo": "B0042"}}
