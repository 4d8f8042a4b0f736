"""A closed-loop HTTP/1.1 load generator, run as its own process: C connections, each sending the next request
as soon as the previous response is in, for a fixed time.

Why not httpx or locust: both parse HTTP in Python at ~150–400 µs of CPU per request, which on a 2-core
machine takes a good share of the core the server needs and pulls a GraphQL ÷ hand-written ratio towards 1.
This client sends pre-encoded request bytes over keep-alive connections and reads responses by
Content-Length (uvicorn always sends it for these endpoints): ~15–30 µs of CPU per request. It reports its own
CPU time so a reader can check it stayed small.

Run: `python -m bench.loadgen --port P --path /graphql --body-file F --header 'authorization: Bearer …'
--concurrency 8 --seconds 5` → one JSON line: requests, errors, rps, latency percentiles (ms), client CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from typing import Any


def build_request(method: str, path: str, headers: list[str], body: bytes) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "host: 127.0.0.1", "connection: keep-alive", *headers]
    if body:
        lines += ["content-type: application/json", f"content-length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    async def call(self, request: bytes) -> tuple[int, bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
                break
        body = await self.reader.readexactly(length) if length else b""
        return status, body


async def run(port: int, request: bytes, concurrency: int, seconds: float, warmup: float) -> dict[str, Any]:
    connections = []
    for _ in range(concurrency):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        connections.append(Connection(reader, writer))
    latencies: list[float] = []
    errors = 0
    started = time.perf_counter()
    measure_from = started + warmup
    stop_at = measure_from + seconds

    async def loop(connection: Connection) -> None:
        nonlocal errors
        clock = time.perf_counter
        while True:
            sent = clock()
            if sent >= stop_at:
                return
            status, _ = await connection.call(request)
            received = clock()
            if sent >= measure_from:
                latencies.append(received - sent)
                if status != 200:
                    errors += 1

    cpu_before = os.times()
    await asyncio.gather(*(loop(c) for c in connections))
    cpu_after = os.times()
    for connection in connections:
        connection.writer.close()
    latencies.sort()
    count = len(latencies)

    def percentile(fraction: float) -> float:
        return latencies[min(count - 1, int(fraction * count))] * 1000 if count else float("nan")

    cpu = (cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system)
    return {"requests": count, "errors": errors, "rps": count / seconds, "p50_ms": percentile(0.5),
            "p90_ms": percentile(0.9), "p99_ms": percentile(0.99), "client_cpu_us_per_request":
            cpu / max(1, count) * 1e6}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--method", default="POST")
    parser.add_argument("--body-file")
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    args = parser.parse_args(argv)
    body = open(args.body_file, "rb").read() if args.body_file else b""  # noqa: SIM115
    request = build_request(args.method, args.path, args.header, body)
    import uvloop  # uvicorn[standard] brings it; the server runs on it too

    result = uvloop.run(run(args.port, request, args.concurrency, args.seconds, args.warmup))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
