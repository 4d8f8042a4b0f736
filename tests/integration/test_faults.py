"""Faults (issue 11), each on servers of its own so that breaking them disturbs nobody else: the event bus
restarted under two workers (subscriptions recover by themselves and get the current state first), PostgreSQL
restarted under load (clear, retryable errors meanwhile, then recovery) — without restarting Tandem."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from backend.graphql.ids import encode_id
from tests.integration.test_redis_bus import REPO, TANDEM, _free_port, _wait_ready
from tests.support.ws import graphql_socket

needs_redis_server = pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs the redis-server binary")


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


@needs_redis_server
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


PG_BIN = Path("/usr/lib/postgresql/15/bin")


class PrivatePostgres:
    """A throwaway PostgreSQL cluster of our own (initdb as the postgres user), so stopping it mid-test harms
    no one else's database."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = _free_port()

    def _ctl(self, *args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D", str(self.directory / "data"),
                        "-o", f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1",
                        "-l", str(self.directory / "log"), "-w", *args], check=True, capture_output=True, timeout=60)

    def create(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        shutil.chown(self.directory, "postgres")
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "initdb"), "-D", str(self.directory / "data"),
                        "-A", "trust", "-U", "postgres"], check=True, capture_output=True, timeout=120)
        self.start()
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "createdb"), "-h", "127.0.0.1",
                        "-p", str(self.port), "-U", "postgres", "tandem"], check=True, capture_output=True)

    def start(self) -> None:
        self._ctl("start")

    def stop(self) -> None:
        self._ctl("-m", "immediate", "stop")  # as a crash would

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/tandem"


def _can_run_private_postgres() -> bool:
    return os.geteuid() == 0 and (PG_BIN / "initdb").exists() and shutil.which("runuser") is not None


@pytest.fixture
def worker_on_private_postgres(tmp_path: Path) -> Iterator[tuple[PrivatePostgres, int]]:
    if not _can_run_private_postgres():
        pytest.skip("needs root and PostgreSQL's server binaries to run a private cluster")
    # Outside tmp_path: pytest's folders are closed to other users, and the cluster runs as postgres.
    database = PrivatePostgres(Path(tempfile.mkdtemp(prefix="tandem-pg-")))
    database.create()
    env = {**os.environ, "TANDEM_DATA_DIR": str(tmp_path), "TANDEM_DATABASE_URL": database.url,
           "TANDEM_SECRET_KEY": "shared-secret-of-at-least-32-bytes-long!"}
    subprocess.run([*TANDEM, "create-admin", "--employee-no", "ADMIN1", "--password", "admin-password"],
                   cwd=REPO, env=env, check=True, capture_output=True, timeout=120)
    port = _free_port()
    worker = subprocess.Popen([*TANDEM, "serve", "--api-only", "--port", str(port)], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_ready(port, worker, time.monotonic() + 60)
        yield database, port
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
        with contextlib.suppress(Exception):
            database.stop()
        shutil.rmtree(database.directory, ignore_errors=True)


async def test_postgresql_restarted_under_load_gives_clear_errors_then_recovers_by_itself(
        worker_on_private_postgres: tuple[PrivatePostgres, int]) -> None:
    database, port = worker_on_private_postgres
    answers: list[tuple[str, int, str]] = []
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
        login = await client.post("/graphql", json={"query": 'mutation { login(employeeNo: "ADMIN1", '
                                                            'password: "admin-password") { ... on LoginSuccess '
                                                            "{ token } } }"})
        headers = {"authorization": f"Bearer {login.json()['data']['login']['token']}"}
        phase = "before"

        async def load() -> None:
            while phase != "done":
                response = await client.post("/graphql", headers=headers,
                                             json={"query": "{ me { employeeNo } departments { code } }"})
                answers.append((phase, response.status_code, response.text))
                await asyncio.sleep(0.02)

        clients = [asyncio.create_task(load()) for _ in range(4)]
        await asyncio.sleep(0.5)
        phase = "down"
        await asyncio.to_thread(database.stop)
        await asyncio.sleep(1.0)
        phase = "restarting"
        await asyncio.to_thread(database.start)
        async with asyncio.timeout(30):  # recovery without restarting Tandem
            while not any(p == "restarting" and status == 200 for p, status, _ in answers):
                await asyncio.sleep(0.05)
        phase = "after"
        await asyncio.sleep(0.5)
        phase = "done"
        await asyncio.gather(*clients)

    by_phase = {p: {status for q, status, _ in answers if q == p} for p in ("before", "down", "after")}
    assert by_phase["before"] == {200} and by_phase["after"] == {200}
    assert 503 in by_phase["down"] and by_phase["down"] <= {200, 503}  # answers in flight may still succeed
    refused = next(text for p, status, text in answers if status == 503)
    assert "SERVICE_UNAVAILABLE" in refused and "try again" in refused
    assert all(status in (200, 503) for _, status, _ in answers)  # never a bare 500


POSTGRES_SERVER = os.environ.get("TANDEM_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
SECRET = "shared-secret-of-at-least-32-bytes-long!"
SEED_PROJECT = """
import asyncio, sys
from tortoise import Tortoise
from backend.persistence.config import tortoise_config
from backend.persistence.models import Project
from bench.project_board import seed
async def main(url):
    await Tortoise.init(config=tortoise_config(url))
    _, project = await seed(12)
    print((await Project.get(id=project)).owner_id, project)
    await Tortoise.close_connections()
asyncio.run(main(sys.argv[1]))
"""


async def _postgres(database: str, action: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(POSTGRES_SERVER + "/postgres")
    try:
        if action == "create":
            await connection.execute(f'CREATE DATABASE "{database}"')
        else:
            await connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    finally:
        await connection.close()


async def test_a_worker_killed_while_closing_a_project_leaves_no_partial_allocation(tmp_path: Path) -> None:
    import asyncpg

    from backend.services.security import issue_session_token

    name = f"tandem_fault_{os.getpid()}"
    await _postgres(name, "create")
    url = f"{POSTGRES_SERVER}/{name}"
    env = {**os.environ, "TANDEM_DATA_DIR": str(tmp_path), "TANDEM_DATABASE_URL": url, "TANDEM_SECRET_KEY": SECRET}
    worker = None
    try:
        subprocess.run([*TANDEM, "migrate"], cwd=REPO, env=env, check=True, capture_output=True, timeout=120)
        seeded = subprocess.run([sys.executable, "-c", SEED_PROJECT, url], cwd=REPO, env=env, check=True,
                                capture_output=True, text=True, timeout=120).stdout.split()
        owner, project = int(seeded[-2]), int(seeded[-1])
        token = issue_session_token(employee_id=owner, secret_key=SECRET, ttl_seconds=600)[0]
        port = _free_port()
        worker = subprocess.Popen([*TANDEM, "serve", "--api-only", "--port", str(port)], cwd=REPO, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_ready(port, worker, time.monotonic() + 60)

        # Hold the allocation table: the close runs until its first allocation row, then waits inside its
        # transaction (project already marked closed there) — the moment to kill the worker.
        blocker = await asyncpg.connect(url)
        transaction = blocker.transaction()
        await transaction.start()
        await blocker.execute("LOCK TABLE project_allocation IN ACCESS EXCLUSIVE MODE")
        close = f"""mutation {{ closeProject(projectId: "{encode_id('Project', project)}", deliveredOn: "2026-11-30",
            satisfaction: "95", revenue: "100000.00") {{ __typename }} }}"""
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            pending = asyncio.create_task(client.post("/graphql", json={"query": close},
                                                      headers={"authorization": f"Bearer {token}"}))
            async with asyncio.timeout(20):  # until the close is waiting on our lock
                while not (waiting := await blocker.fetchval(
                        "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' "
                        "AND pid <> pg_backend_pid()", name)):
                    await asyncio.sleep(0.05)
            # …inside the transaction that has already updated the project row (marked it closed).
            held = await blocker.fetch("SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                       "WHERE l.pid = $1 AND c.relname = 'project' AND l.granted", waiting)
            assert "RowExclusiveLock" in {row["mode"] for row in held}
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
            with contextlib.suppress(httpx.HTTPError):
                await pending
        await transaction.rollback()
        await blocker.close()

        checker = await asyncpg.connect(url)
        try:
            async with asyncio.timeout(20):  # the orphaned transaction ends once PostgreSQL notices its client is gone
                while await checker.fetchval("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 "
                                             "AND state LIKE 'idle in transaction%'", name):
                    await asyncio.sleep(0.05)
            status = await checker.fetchval("SELECT status FROM project WHERE id = $1", project)
            allocations = await checker.fetchval("SELECT count(*) FROM project_allocation WHERE project_id = $1",
                                                 project)
        finally:
            await checker.close()
        assert (status, allocations) == ("ACTIVE", 0)  # nothing of the half-done close is visible

        # A restarted worker closes it properly.
        worker = subprocess.Popen([*TANDEM, "serve", "--api-only", "--port", str(port)], cwd=REPO, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_ready(port, worker, time.monotonic() + 60)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            again = await client.post("/graphql", json={"query": close}, headers={"authorization": f"Bearer {token}"})
        checker = await asyncpg.connect(url)
        try:
            members = await checker.fetchval("SELECT count(*) FROM project_member WHERE project_id = $1", project)
            allocations = await checker.fetchval("SELECT count(*) FROM project_allocation WHERE project_id = $1",
                                                 project)
        finally:
            await checker.close()
        assert again.json()["data"]["closeProject"]["__typename"] == "ProjectSuccess", again.text
        assert allocations == members > 0
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait(15)
        await _postgres(name, "drop")


SEED_FUND_YEAR = """
import asyncio, sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from tortoise import Tortoise
from backend.domain.access import SYSTEM
from backend.domain.rewards import OrderType
from backend.domain.support import Priority
from backend.events.memory import MemoryEventBus
from backend.persistence.config import tortoise_config
from backend.services import org, orders
from backend.services.uow import UnitOfWork
from tests.api.conftest import build_org
from tests.api.rewards.conftest import RewardsOrg, resolved_request

async def main(url):
    await Tortoise.init(config=tortoise_config(url))
    base = await build_org()
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await org.link_support(uow=uow, department_code="TECH", region_code="R1", weight=Decimal(1))
        await org.set_region_target(uow=uow, region_code="R1", period="2025-03", revenue_target=Decimal("100000.00"))
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await orders.record_order(uow=uow, data=orders.OrderData(
            client_order_id="fault-fund-1", employee_id=base.staff_id, region_code="R1", customer="幸福小区",
            type=OrderType.NEW, amount=Decimal("150000.00"), occurred_at=datetime(2025, 3, 10, 3, tzinfo=UTC)))
    world = RewardsOrg(base=base, b2_id=base.backend_id)
    await resolved_request(world, client_id="fault-q-1", assignee=base.backend_id, priority=Priority.URGENT,
                           submitted=datetime(2025, 3, 3, 3, tzinfo=UTC), resolved_after=timedelta(hours=1), rating=5)
    print(base.hr_id)
    await Tortoise.close_connections()
asyncio.run(main(sys.argv[1]))
"""


async def test_a_worker_killed_while_settling_the_fund_leaves_no_partial_settlement(tmp_path: Path) -> None:
    import asyncpg

    from backend.services.security import issue_session_token

    name = f"tandem_fault_fund_{os.getpid()}"
    await _postgres(name, "create")
    url = f"{POSTGRES_SERVER}/{name}"
    env = {**os.environ, "TANDEM_DATA_DIR": str(tmp_path), "TANDEM_DATABASE_URL": url, "TANDEM_SECRET_KEY": SECRET}
    worker = None
    settle = 'mutation { settleCollaborationFund(year: 2025, profit: "1000000.00") { __typename } }'
    try:
        subprocess.run([*TANDEM, "migrate"], cwd=REPO, env=env, check=True, capture_output=True, timeout=120)
        seeded = subprocess.run([sys.executable, "-c", SEED_FUND_YEAR, url], cwd=REPO, env=env, check=True,
                                capture_output=True, text=True, timeout=120).stdout.split()
        token = issue_session_token(employee_id=int(seeded[-1]), secret_key=SECRET, ttl_seconds=600)[0]
        headers = {"authorization": f"Bearer {token}"}
        port = _free_port()
        worker = subprocess.Popen([*TANDEM, "serve", "--api-only", "--port", str(port)], cwd=REPO, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_ready(port, worker, time.monotonic() + 60)

        # Hold the shares table: the settlement writes its settlement row, then waits on our lock for its shares
        # inside its transaction — the moment to kill the worker.
        blocker = await asyncpg.connect(url)
        transaction = blocker.transaction()
        await transaction.start()
        await blocker.execute("LOCK TABLE fund_share IN ACCESS EXCLUSIVE MODE")
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            pending = asyncio.create_task(client.post("/graphql", json={"query": settle}, headers=headers))
            async with asyncio.timeout(20):
                while not (waiting := await blocker.fetchval(
                        "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' "
                        "AND pid <> pg_backend_pid()", name)):
                    await asyncio.sleep(0.05)
            held = await blocker.fetch("SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                       "WHERE l.pid = $1 AND c.relname = 'fund_settlement' AND l.granted", waiting)
            assert "RowExclusiveLock" in {row["mode"] for row in held}  # its settlement row is written, uncommitted
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
            with contextlib.suppress(httpx.HTTPError):
                await pending
        await transaction.rollback()
        await blocker.close()

        checker = await asyncpg.connect(url)
        try:
            async with asyncio.timeout(20):
                while await checker.fetchval("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 "
                                             "AND state LIKE 'idle in transaction%'", name):
                    await asyncio.sleep(0.05)
            visible = (await checker.fetchval("SELECT count(*) FROM fund_settlement"),
                       await checker.fetchval("SELECT count(*) FROM fund_share"))
        finally:
            await checker.close()
        assert visible == (0, 0)  # nothing of the half-done settlement

        worker = subprocess.Popen([*TANDEM, "serve", "--api-only", "--port", str(port)], cwd=REPO, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_ready(port, worker, time.monotonic() + 60)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            again = await client.post("/graphql", json={"query": settle}, headers=headers)
        checker = await asyncpg.connect(url)
        try:
            shares = await checker.fetch("SELECT amount FROM fund_share")
            fund = await checker.fetchval("SELECT fund FROM fund_settlement")
        finally:
            await checker.close()
        assert again.json()["data"]["settleCollaborationFund"]["__typename"] == "SettleFundSuccess", again.text
        # 1,000,000 × 8 % = 80,000.00, all to R1 (the only qualifying region), every cent allocated.
        assert len(shares) == 2 and sum(row["amount"] for row in shares) == fund == Decimal("80000.00")
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait(15)
        await _postgres(name, "drop")
