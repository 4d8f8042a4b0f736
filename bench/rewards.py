"""Rewards ledger at scale (issue 8): recordOrder throughput, live counter latency, per-event cost vs orders held.

1. Records N orders (default 100,000) into one period through the service (SQLite, one writer, as SQLite runs
   one transaction at a time): events/s, and the median cost of an order when the period already holds ~1,000
   orders against ~N orders (the running totals keep the ratio near 1).
2. A real server on the same database and a separate client process with 1, 100 and 1,000 websocket
   subscribers to `rewardCounterUpdated` of the backend staff sharing the region's pool: each recordOrder over
   HTTP moves every share, and the delay from the mutation's response to each subscriber's frame is measured on
   one clock (p50/p99; a frame that beats the response counts as 0 and is counted).

Run: `.venv/bin/python -m bench.rewards [--orders N] [--subscribers 1,100,1000] [--events E] [--quick]`.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench import _proc

RECORD = """mutation($input: RecordOrderInput!) { recordOrder(input: $input) { __typename
  ... on OperationError { code message } } }"""
LIVE = """subscription($id: ID!) { rewardCounterUpdated(employeeId: $id) { employeeNo period
  poolContribution { amount } commissionNet { amount } } }"""
BACKEND_STAFF = 10


# --- seeding and the in-process throughput run ----------------------------------------------------------


async def _seed(database_url: str) -> dict[str, Any]:
    from tortoise import Tortoise

    from backend.domain.access import SYSTEM
    from backend.domain.org import DepartmentKind, Role
    from backend.domain.support import Category, Priority
    from backend.events.memory import MemoryEventBus
    from backend.persistence.config import tortoise_config
    from backend.persistence.migrations import upgrade
    from backend.services import clock, org, support
    from backend.services.uow import UnitOfWork

    await upgrade(database_url)
    await Tortoise.init(config=tortoise_config(database_url))
    now = clock.now()
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        for code in ("R1", "R2", "R3", "R4"):
            await org.create_region(uow=uow, code=code, name=f"片区{code}")
            await org.create_department(uow=uow, code=f"MKT{code}", name=f"市场{code}", kind=DepartmentKind.FRONTLINE)
        await org.create_department(uow=uow, code="TECH", name="技术支撑部", kind=DepartmentKind.BACKEND)
        for code in ("R1", "R2", "R3", "R4"):
            await org.link_support(uow=uow, department_code="TECH", region_code=code, weight=Decimal(1))

        async def hire(no: str, department: str, region: str | None, roles: tuple[Role, ...] = (Role.STAFF,)) -> int:
            employee = await org.hire_employee(uow=uow, data=org.HireData(
                employee_no=no, name=no, department_code=department, region_code=region, position="职员",
                base_salary=Decimal("8000.00"), target_bonus=Decimal("10000.00"), hire_date=date(2024, 1, 1),
                roles=roles))
            return employee.id

        hr = await hire("HR1", "TECH", None, (Role.HR,))
        frontline = [(await hire(f"F{n:03d}", f"MKTR{n % 4 + 1}", f"R{n % 4 + 1}"), f"R{n % 4 + 1}")
                     for n in range(40)]
        backend = [await hire(f"B{n:03d}", "TECH", None) for n in range(BACKEND_STAFF)]
    for n, assignee in enumerate(backend):  # every backend employee resolved one request from R1 this period
        async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
            at = now - timedelta(minutes=90)
            submission = await support.submit_request(uow=uow, at=at, data=support.SubmitData(
                client_request_id=f"seed-{n}", region_code="R1", department_code="TECH", category=Category.OTHER,
                priority=list(Priority)[n % 4], title="t", description="", customer_reported_at=at,
                submitter_id=frontline[0][0]))
            await support.accept_request(uow=uow, request_id=submission.request.id, assignee_id=assignee, at=at)
            await support.start_request(uow=uow, request_id=submission.request.id, at=at)
            await support.resolve_request(uow=uow, request_id=submission.request.id, note=None,
                                          at=now - timedelta(minutes=30))
    return {"hr": hr, "frontline": frontline, "backend": backend}


async def _throughput(database_url: str, orders: int, window: int) -> dict[str, Any]:
    from tortoise import Tortoise

    from backend.domain.access import SYSTEM
    from backend.domain.rewards import OrderType
    from backend.events.memory import MemoryEventBus
    from backend.services import clock
    from backend.services.orders import OrderData, record_order
    from backend.services.uow import UnitOfWork

    world = await _seed(database_url)
    bus = MemoryEventBus()
    occurred = clock.now() - timedelta(minutes=5)
    frontline = world["frontline"]
    latencies: list[float] = []
    started = time.perf_counter()
    for n in range(orders):
        employee, region = frontline[n % len(frontline)]
        data = OrderData(client_order_id=f"bench-{n}", employee_id=employee, region_code=region, customer="c",
                         type=OrderType.NEW if n % 3 else OrderType.RENEWAL,
                         amount=Decimal(1000 + (n * 7919) % 900_000) / 100, occurred_at=occurred)
        t0 = time.perf_counter()
        async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
            await record_order(uow=uow, data=data)
        latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    await Tortoise.close_connections()
    early = latencies[1000:1000 + window] if orders >= 1000 + window else latencies[:window]
    late = latencies[-window:]
    return {"orders": orders, "seconds": elapsed, "events_per_second": orders / elapsed,
            "early_ms": statistics.median(early) * 1000, "late_ms": statistics.median(late) * 1000,
            "ratio": statistics.median(late) / statistics.median(early), "world": world}


# --- the live latency run (driver side) -------------------------------------------------------------------


def _live(database_url: str, workdir: Path, world: dict[str, Any], counts: list[int], events: int) -> list[Any]:
    from backend.graphql.ids import encode_id
    from backend.services.security import issue_session_token
    from bench.seed import SECRET

    token = issue_session_token(employee_id=world["hr"], secret_key=SECRET, ttl_seconds=3600)[0]
    employee, region = next(f for f in world["frontline"] if f[1] == "R1")
    results = []
    with _proc.server(database_url, workdir) as server:
        for count in counts:
            arguments = [_proc.PYTHON, "-m", "bench.rewards", "--client", "--port", str(server.port),
                         "--subscribers", str(count), "--events", str(events), "--token", token,
                         "--frontline", encode_id("Employee", employee), "--region", region,
                         "--watch", ",".join(encode_id("Employee", b) for b in world["backend"])]
            completed = subprocess.run(arguments, cwd=_proc.ROOT, capture_output=True, timeout=900)
            if completed.returncode:
                raise RuntimeError(completed.stderr.decode()[-2000:])
            results.append(json.loads(completed.stdout))
    return results


# --- the subscriber process -------------------------------------------------------------------------------


async def _client(args: argparse.Namespace) -> dict[str, Any]:
    import httpx
    from websockets.asyncio.client import connect

    watch = args.watch.split(",")
    url = f"ws://127.0.0.1:{args.port}/graphql"
    received: list[asyncio.Queue[float]] = []
    sockets = []
    readers: list[asyncio.Future[None]] = []

    async def subscriber(index: int) -> None:
        queue: asyncio.Queue[float] = asyncio.Queue()
        received.append(queue)
        socket = await connect(url, subprotocols=["graphql-transport-ws"], max_size=None)  # type: ignore[list-item]
        sockets.append(socket)
        await socket.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {args.token}"}}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
            "query": LIVE, "variables": {"id": watch[index % len(watch)]}}}))
        first = json.loads(await socket.recv())
        assert first["type"] == "next", first

        async def read() -> None:
            async for raw in socket:
                message = json.loads(raw)
                if message.get("type") == "next":
                    queue.put_nowait(time.perf_counter())
                elif message.get("type") == "ping":
                    await socket.send(json.dumps({"type": "pong"}))

        readers.append(asyncio.ensure_future(read()))

    for start in range(0, args.subscribers, 100):  # connect in batches
        await asyncio.gather(*(subscriber(i) for i in range(start, min(start + 100, args.subscribers))))
    delays: list[float] = []
    early = 0
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{args.port}", timeout=60,
                                 headers={"authorization": f"Bearer {args.token}"}) as http:
        for n in range(args.events):
            occurred = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
            response = await http.post("/graphql", json={"query": RECORD, "variables": {"input": {
                "clientOrderId": f"live-{args.subscribers}-{n}-{time.time_ns()}", "employeeId": args.frontline,
                "regionCode": args.region, "customer": "c", "type": "NEW", "amount": "12345.67",
                "occurredAt": occurred}}})
            answered = time.perf_counter()
            assert response.json()["data"]["recordOrder"]["__typename"] == "RecordOrderSuccess", response.text
            for queue in received:
                arrived = await asyncio.wait_for(queue.get(), 30)
                early += arrived < answered
                delays.append(max(0.0, arrived - answered))
            await asyncio.sleep(0.05)
    for socket in sockets:
        await socket.close()
    ordered = sorted(delays)
    return {"subscribers": args.subscribers, "events": args.events, "frames": len(delays), "before_response": early,
            "p50_ms": ordered[len(ordered) // 2] * 1000, "p99_ms": ordered[int(0.99 * (len(ordered) - 1))] * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--subscribers", default="1,100,1000")
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run, not figures to quote")
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    for hidden in ("--port", "--token", "--frontline", "--region", "--watch"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        args.port, args.subscribers = int(args.port), int(args.subscribers)
        print(json.dumps(asyncio.run(_client(args))))
        return
    orders, window, events = (args.orders, 500, args.events) if not args.quick else (1_500, 200, 3)
    counts = [int(c) for c in args.subscribers.split(",")] if not args.quick else [1, 10]
    workdir = _proc.scratch_dir()
    try:
        database_url = f"sqlite://{workdir / 'rewards.sqlite3'}"
        result = asyncio.run(_throughput(database_url, orders, window))
        print(f"recordOrder, in-process, SQLite: {result['orders']:,} orders in {result['seconds']:.1f} s = "
              f"{result['events_per_second']:.0f} events/s")
        print(f"per-event cost: median {result['early_ms']:.2f} ms with ~1,000 orders in the period, "
              f"{result['late_ms']:.2f} ms with ~{orders:,}: ratio {result['ratio']:.2f}")
        for live in _live(database_url, workdir, result["world"], counts, events):
            print(f"rewardCounterUpdated, {live['subscribers']:>5} subscriber(s), {live['events']} orders over HTTP: "
                  f"response → frame p50 {live['p50_ms']:.1f} ms, p99 {live['p99_ms']:.1f} ms "
                  f"({live['before_response']} of {live['frames']} frames arrived before the response)")
    finally:
        _proc.remove_scratch()


if __name__ == "__main__":
    main()
