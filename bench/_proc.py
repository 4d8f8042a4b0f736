"""Processes for the benches: a scratch database, the server under test, load generators; all on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

PYTHON = sys.executable
ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = os.environ.get("TANDEM_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_SERVER = os.environ.get("TANDEM_BENCH_REDIS", "redis://127.0.0.1:6379/0")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


_SCRATCH: list[Path] = []


def scratch_dir() -> Path:
    """A folder for a run's databases and files; `remove_scratch` deletes them all."""
    path = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    _SCRATCH.append(path)
    return path


def remove_scratch() -> None:
    while _SCRATCH:
        shutil.rmtree(_SCRATCH.pop(), ignore_errors=True)


async def _pg(statement: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A throwaway PostgreSQL database, dropped afterwards."""
    name = f"tandem_bench_{os.getpid()}_{int(time.time())}"
    asyncio.run(_pg(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        asyncio.run(_pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def seed(database_url: str, workdir: Path, *, cards: int = 160) -> dict[str, Any]:
    out = workdir / "seed.json"
    subprocess.run([PYTHON, "-m", "bench.seed", "--database-url", database_url, "--out", str(out),
                    "--cards", str(cards)], check=True, cwd=ROOT, env=_env(database_url, workdir, "memory://"))
    data: dict[str, Any] = json.loads(out.read_text())
    return data


def _env(database_url: str, workdir: Path, bus_url: str) -> dict[str, str]:
    from bench.seed import SECRET

    env = {key: value for key, value in os.environ.items() if not key.startswith("TANDEM_")}
    env.update(TANDEM_DATABASE_URL=database_url, TANDEM_EVENT_BUS_URL=bus_url, TANDEM_SECRET_KEY=SECRET,
               TANDEM_DATA_DIR=str(workdir), TANDEM_GRAPHIQL="0", TANDEM_INTROSPECTION="0",
               # The fan-out clients are 1,000 people on one loopback address sharing one token; in the field
               # each has their own token and address, which the default limits (20 / 200) are made for.
               TANDEM_WEBSOCKETS_PER_TOKEN="5000", TANDEM_WEBSOCKETS_PER_ADDRESS="5000",
               PYTHONPATH=str(ROOT))
    return env


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    workers: int
    pids: list[int] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        """The processes serving requests: the server itself, or its worker children."""
        parent = psutil.Process(self.process.pid)
        children = parent.children()
        return [child.pid for child in children] if self.workers > 1 else [parent.pid]

    def peak_rss_mib(self) -> float:
        """Peak resident memory (VmHWM) summed over the serving processes, since they started."""
        total = 0
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        return total / 1024

    def rss_mib(self) -> float:
        return sum(psutil.Process(pid).memory_info().rss for pid in self.worker_pids()) / 2**20


@contextlib.contextmanager
def server(database_url: str, workdir: Path, *, bus_url: str = "memory://", workers: int = 1) -> Iterator[Server]:
    port = free_port()
    process = subprocess.Popen([PYTHON, "-m", "bench.server", "--port", str(port), "--workers", str(workers)],
                               cwd=ROOT, env=_env(database_url, workdir, bus_url))
    running = Server(port=port, process=process, workers=workers)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{running.base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the bench server did not start")
            time.sleep(0.2)
        if workers > 1:  # let every worker finish its lifespan
            time.sleep(2.0)
        yield running
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def post_json(url: str, body: dict[str, Any], token: str | None = None) -> Any:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"content-type": "application/json",
                                              **({"authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def get_json(url: str, token: str | None = None) -> Any:
    request = urllib.request.Request(url, headers={"authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def load(port: int, *, path: str, method: str = "POST", body: bytes = b"", token: str, concurrency: int,
         seconds: float, warmup: float = 0.5, workdir: Path) -> dict[str, Any]:
    """One closed-loop run of bench.loadgen in its own process."""
    arguments = [PYTHON, "-m", "bench.loadgen", "--port", str(port), "--path", path, "--method", method,
                 "--header", f"authorization: Bearer {token}", "--concurrency", str(concurrency),
                 "--seconds", str(seconds), "--warmup", str(warmup)]
    if body:
        body_file = workdir / f"body-{abs(hash(body))}.json"
        body_file.write_bytes(body)
        arguments += ["--body-file", str(body_file)]
    completed = subprocess.run(arguments, check=True, cwd=ROOT, capture_output=True)
    result: dict[str, Any] = json.loads(completed.stdout)
    return result
