"""Run the production SPA (Reflex frontend + the GraphQL API) on one port; `tandem serve` calls `run_spa`."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

REPO_ROOT = Path(__file__).resolve().parents[1]
TOOLS_SCRIPT = REPO_ROOT / "scripts" / "frontend-tools"
# After SIGTERM, Reflex and its Granian workers get this long to finish before they are killed.
STOP_GRACE_SECONDS = 20.0


def reflex_command(host: str, port: int) -> list[str]:
    beside_python = Path(sys.executable).with_name("reflex")
    reflex = str(beside_python) if beside_python.exists() else (shutil.which("reflex") or "reflex")
    # In prod Reflex serves the built frontend, its event socket and the mounted API on one port.
    return [reflex, "run", "--env", "prod", "--frontend-port", str(port), "--backend-port", str(port),
            "--backend-host", host]  # fmt: skip


def run_spa(host: str, port: int, workers: int | None) -> int:
    """Run `reflex run --env prod` from the repository root until it exits or we get SIGTERM/SIGINT.

    `scripts/frontend-tools exec` installs the pinned Node/bun when missing and puts them on PATH.
    Returns the server's exit code, or 0 after a requested stop.
    """
    if not (REPO_ROOT / "rxconfig.py").exists() or not TOOLS_SCRIPT.exists():
        print(f"tandem: the SPA runs from a source checkout; {REPO_ROOT} has no rxconfig.py", file=sys.stderr)
        return 2
    # The tools script prepares .web with this same interpreter (the one that has Reflex).
    env = {**os.environ, "FRONTEND_TOOLS_PYTHON": sys.executable}
    if workers:
        # More than one worker also needs REFLEX_REDIS_URL so the workers share per-tab state.
        env["GRANIAN_WORKERS"] = str(workers)
    # A session of its own: a terminal's Ctrl-C reaches only us, and we stop the server's whole group.
    server = subprocess.Popen(
        [str(TOOLS_SCRIPT), "exec", *reflex_command(host, port)], cwd=REPO_ROOT, env=env, start_new_session=True
    )
    stop_requested_at: float | None = None

    def request_stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stop_requested_at
        if stop_requested_at is None:
            stop_requested_at = time.monotonic()
        # Reflex prod ignores SIGINT when not in the foreground; SIGTERM stops it.
        with contextlib.suppress(ProcessLookupError):
            server.send_signal(signal.SIGTERM)

    previous_handlers = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        while True:
            try:
                return_code = server.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                if stop_requested_at is not None and time.monotonic() - stop_requested_at > STOP_GRACE_SECONDS:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(server.pid, signal.SIGKILL)
    finally:
        for sig, handler in previous_handlers.items():
            signal.signal(sig, handler)
        # Workers or bun left behind by the server must not outlive `tandem serve`.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(server.pid, signal.SIGKILL)
    return 0 if stop_requested_at is not None else return_code
