"""Shared bench helpers: a throwaway migrated database, and a timer that interleaves the contenders."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path


def scratch_database_url() -> str:
    return f"sqlite://{Path(tempfile.mkdtemp(prefix='tandem-bench-')) / 'bench.sqlite3'}"


async def measure(contenders: dict[str, Callable[[], Awaitable[object]]], *, rounds: int,
                  warmup: int = 20) -> dict[str, list[float]]:
    """Latency samples (seconds) per contender, taken in alternation so machine noise hits all alike."""
    for call in contenders.values():
        for _ in range(warmup):
            await call()
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, call in contenders.items():
            started = time.perf_counter()
            await call()
            samples[name].append(time.perf_counter() - started)
    return samples


def report(samples: dict[str, list[float]], *, baseline: str) -> None:
    base_median = statistics.median(samples[baseline])
    print(f"{'contender':<28}{'median ms':>11}{'p90 ms':>9}{'req/s':>9}{'× baseline':>12}")
    for name, values in samples.items():
        ordered = sorted(values)
        median = statistics.median(ordered)
        p90 = ordered[int(0.9 * (len(ordered) - 1))]
        print(f"{name:<28}{median * 1000:>11.2f}{p90 * 1000:>9.2f}{1 / median:>9.0f}{base_median / median:>12.2f}")
