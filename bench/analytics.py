"""bottlenecks(period) at 10k / 50k / 200k requests in one month, in SQL (what the API runs) against the Python
reference (every request loaded into Python), with the longest event-loop stall seen while each runs.

Run in its own process by `python -m bench` (Tortoise keeps one global context per process):
`python -m bench.analytics --database-url URL --sizes 10000,50000,200000` prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from backend.app import create_api
from backend.persistence.migrations import upgrade
from backend.persistence.models import Department, Region
from backend.services import support
from backend.settings import load_settings
from bench.support_requests import PERIOD, SECRET, seed_history, seed_organisation


async def _timed(call: Callable[[], Awaitable[Any]]) -> tuple[float, float, Any]:
    """(seconds, longest loop stall in seconds, result): a ticker every 5 ms notes how late it wakes."""
    stall = 0.0
    running = True

    async def ticker() -> None:
        nonlocal stall
        while running:
            before = time.perf_counter()
            await asyncio.sleep(0.005)
            stall = max(stall, time.perf_counter() - before - 0.005)

    watcher = asyncio.create_task(ticker())
    await asyncio.sleep(0.02)
    started = time.perf_counter()
    result = await call()
    elapsed = time.perf_counter() - started
    running = False
    await watcher
    return elapsed, stall, result


async def main(database_url: str, sizes: list[int], python_up_to: int, rounds: int) -> dict[str, Any]:
    await upgrade(database_url)
    settings = replace(load_settings(), database_url=database_url, secret_key=SECRET, event_bus_url="memory://")
    app = create_api(settings)
    results = []
    async with app.router.lifespan_context(app):
        _, frontline, backend = await seed_organisation()
        departments = [d.id for d in await Department.filter(kind="BACKEND").order_by("id")]
        departments.append((await Department.get(code="MKT")).id)
        regions = [r.id for r in await Region.all()]
        loaded = 0
        for size in sizes:
            await seed_history(frontline, backend, departments, regions, size - loaded, first=loaded)
            loaded = size

            async def in_sql() -> Any:
                return await support.bottlenecks(period=PERIOD, zone=settings.timezone)

            async def in_python() -> Any:
                return await support.bottlenecks_in_python(period=PERIOD, zone=settings.timezone)

            async def idle() -> None:  # what the machine alone does to the loop meanwhile (shared, noisy)
                await asyncio.sleep(1.0)

            idle_stall = (await _timed(idle))[1]
            runs = [await _timed(in_sql) for _ in range(rounds)]
            row: dict[str, Any] = {"requests": size, "sql_s": statistics.median(r[0] for r in runs),
                                   "sql_stall_ms": max(r[1] for r in runs) * 1000, "idle_stall_ms": idle_stall * 1000,
                                   "flags": len(runs[-1][2].report.bottlenecks)}
            if size <= python_up_to:
                seconds, stall, reference = await _timed(in_python)
                row |= {"python_s": seconds, "python_stall_ms": stall * 1000,
                        "same_figures": reference.report == runs[-1][2].report}
            results.append(row)
    return {"database": database_url.split("://", 1)[0], "sizes": results}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--sizes", default="10000,50000,200000")
    parser.add_argument("--python-up-to", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    output = asyncio.run(main(args.database_url, [int(s) for s in args.sizes.split(",")], args.python_up_to,
                              args.rounds))
    sys.stdout.write(json.dumps(output) + "\n")
