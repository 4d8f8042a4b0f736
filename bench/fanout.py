"""Live fan-out: N websocket subscribers in a separate client process (bench/fanout_client.py), events triggered
over HTTP, against a raw Starlette websocket broadcast of the same frame to the same number of clients on the
same server in the same run. One worker (SQLite, memory bus) or two (PostgreSQL, Redis)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from bench import _proc


def _client(server: _proc.Server, seed: dict[str, Any], kind: str, *, subscribers: int, events: int,
            workdir: Path, frame_out: Path | None = None, payload: Path | None = None) -> dict[str, Any]:
    arguments = [_proc.PYTHON, "-m", "bench.fanout_client", "--port", str(server.port), "--kind", kind,
                 "--subscribers", str(subscribers), "--events", str(events), "--token", seed["hr_token"],
                 "--member-token", seed["member_token"], "--project-id", seed["project_id"],
                 "--task-id", seed["task_id"], "--request-id", seed["request_id"],
                 "--department-code", seed["department_code"]]
    if frame_out:
        arguments += ["--frame-out", str(frame_out)]
    if payload:
        arguments += ["--payload-file", str(payload)]
    completed = subprocess.run(arguments, cwd=_proc.ROOT, capture_output=True, timeout=900)
    if completed.returncode:
        raise RuntimeError(f"fan-out client failed: {completed.stderr.decode()[-2000:]}")
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


class RedisWatch:
    """Counts, while a run goes on, the Redis connections the server's workers hold (CLIENT LIST, matched to the
    workers' sockets) and how many of them are in pub/sub mode; keeps the largest counts seen."""

    def __init__(self, server: _proc.Server, redis_url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(redis_url.split("?", 1)[0])
        self.server = server
        self.max_total = self.max_pubsub = 0
        self.max_pubsub_per_worker: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> RedisWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.client.close()

    def sample(self) -> None:
        ports: dict[int, int] = {}
        for pid in self.server.worker_pids():
            for connection in psutil.Process(pid).net_connections(kind="tcp"):
                if connection.raddr and connection.raddr.port == 6379:
                    ports[connection.laddr.port] = pid
        total = 0
        pubsub: dict[int, int] = {}
        for entry in self.client.client_list():
            port = int(str(entry["addr"]).rsplit(":", 1)[1])
            if port in ports:
                total += 1
                if "P" in str(entry.get("flags", "")) or int(entry.get("sub", 0)) or int(entry.get("psub", 0)):
                    pubsub[ports[port]] = pubsub.get(ports[port], 0) + 1
        self.max_total = max(self.max_total, total)
        self.max_pubsub = max(self.max_pubsub, sum(pubsub.values()))
        for pid, count in pubsub.items():
            self.max_pubsub_per_worker[pid] = max(self.max_pubsub_per_worker.get(pid, 0), count)

    def _poll(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(psutil.Error, OSError, ValueError):
                self.sample()
            self._stop.wait(0.5)


def scenario(server: _proc.Server, seed: dict[str, Any], kind: str, *, subscribers: int, events: int,
             workdir: Path, redis_url: str | None = None) -> dict[str, Any]:
    """GraphQL subscribers of `kind`, then the raw broadcast of the frame they received; server memory between."""
    frame = workdir / f"frame-{kind}.json"
    watch = RedisWatch(server, redis_url) if redis_url else None
    started = time.perf_counter()
    if watch:
        with watch:
            graphql = _client(server, seed, kind, subscribers=subscribers, events=events, workdir=workdir,
                              frame_out=frame)
    else:
        graphql = _client(server, seed, kind, subscribers=subscribers, events=events, workdir=workdir,
                          frame_out=frame)
    graphql["seconds"] = time.perf_counter() - started
    graphql["server_peak_rss_mib"] = server.peak_rss_mib()
    raw = _client(server, seed, "raw", subscribers=subscribers, events=events, workdir=workdir, payload=frame)
    result = {"graphql": graphql, "raw": raw}
    if watch:
        result["redis"] = {"connections": watch.max_total, "pubsub": watch.max_pubsub,
                           "pubsub_per_worker": sorted(watch.max_pubsub_per_worker.values()),
                           "workers": server.workers}
    return result
