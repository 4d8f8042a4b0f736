"""A real Tandem (demo data, `tandem serve` on a free port) and headless Chromium for the browser tests."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"]
# The first start may install the frontend's node packages and build it; later starts take ~15 s.
SERVER_READY_TIMEOUT_SECONDS = 240.0
SERVER_STOP_TIMEOUT_SECONDS = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def tandem_executable() -> str:
    beside_python = Path(sys.executable).with_name("tandem")
    return str(beside_python) if beside_python.exists() else (shutil.which("tandem") or "tandem")


def is_ready(base_url: str) -> bool:
    """The SPA answers and the API has its database (its lifespan ran): `me` is null, not an error."""
    try:
        page = httpx.get(base_url + "/", timeout=2, trust_env=False)
        api = httpx.post(base_url + "/graphql", json={"query": "{ me { id } }"}, timeout=2, trust_env=False)
    except httpx.HTTPError:
        return False
    return page.status_code == 200 and api.status_code == 200 and api.json() == {"data": {"me": None}}


def log_tail(log_file: Path, lines: int = 40) -> str:
    return "\n".join(log_file.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="session")
def tandem_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a freshly started Tandem with the demo organisation; stopped with SIGTERM afterwards.
    TANDEM_E2E_URL points the tests at a server already running with the demo data (while developing)."""
    if os.environ.get("TANDEM_E2E_URL"):
        yield os.environ["TANDEM_E2E_URL"].rstrip("/")
        return
    data_dir = tmp_path_factory.mktemp("tandem-e2e")
    env = {
        **os.environ,
        "TANDEM_DATABASE_URL": f"sqlite://{data_dir / 'db.sqlite3'}",
        "TANDEM_DATA_DIR": str(data_dir),
    }
    subprocess.run([tandem_executable(), "demo"], cwd=REPO_ROOT, env=env, check=True, capture_output=True)

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_file = data_dir / "serve.log"
    with log_file.open("wb") as log:
        server = subprocess.Popen(
            [tandem_executable(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + SERVER_READY_TIMEOUT_SECONDS
        while not is_ready(base_url):
            if server.poll() is not None:
                pytest.fail(f"tandem serve exited with {server.returncode}:\n{log_tail(log_file)}")
            if time.monotonic() > deadline:
                pytest.fail(f"tandem serve not ready after {SERVER_READY_TIMEOUT_SECONDS:.0f} s:\n{log_tail(log_file)}")
            time.sleep(0.5)
        yield base_url
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=SERVER_STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()
            pytest.fail(f"tandem serve ignored SIGTERM for {SERVER_STOP_TIMEOUT_SECONDS:.0f} s")


# Module scope, not session: sync Playwright keeps an event loop running in this thread while it is
# open, and pytest-asyncio cannot run the async tests of later modules inside it.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is not installed: scripts/setup --test installs Debian package `chromium`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile per test: nobody signed in, default language."""
    context = browser.new_context(viewport={"width": 1100, "height": 720}, locale="zh-CN")
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()
