"""The bench's pieces import, and its quick mode's smallest case runs end to end (no figure is asserted)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("module", ["bench.__main__", "bench.http", "bench.fanout", "bench.fanout_client",
                                    "bench.loadgen", "bench.server", "bench.seed", "bench.analytics",
                                    "bench.rewards"])
def test_bench_modules_import(module: str) -> None:
    importlib.import_module(module)


def test_the_quick_bench_runs_its_smallest_case(tmp_path: Path) -> None:
    output = tmp_path / "bench.md"
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "http,fanout", "--subscribers", "3",
         "--output", str(output)], cwd=ROOT, capture_output=True, timeout=600)
    assert completed.returncode == 0, completed.stderr.decode()[-3000:]
    table = output.read_text()
    assert "| figure | now | target | met/missed |" in table
    assert "GraphQL ÷ hand-written JSON" in table and "`boardChanged`" in table
