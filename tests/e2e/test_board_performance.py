"""A 500-card board on a phone-sized screen: how soon it is usable, and how fast another person's move shows.
Measured, not asserted against a target (targets are for bench/, not pass/fail); the test fails only when the
board is not usable at all. The figures are printed and, with TANDEM_UPDATE_DOCS=1, written to
docs/board-performance.md."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.flows import PHONE, api_token, column, create_project, employee_id, move_via_api, signed_in

pytestmark = pytest.mark.e2e

CARDS = 500
MOVES = 10
REPORT = Path(__file__).resolve().parents[2] / "docs" / "board-performance.md"
# Records when a card shows in a column (MutationObserver), in the browser's own clock.
WATCH = """
window.__arrivals = {};
new MutationObserver(() => {
  for (const [taskId, columnId] of Object.entries(window.__expect || {})) {
    if (!window.__arrivals[taskId] &&
        document.querySelector(`.board-column[data-column-id='${columnId}'] [data-task-id='${taskId}']`)) {
      window.__arrivals[taskId] = Date.now();
    }
  }
}).observe(document, {subtree: true, childList: true});
"""


@pytest.fixture(scope="module")
def big_board(tandem_url: str) -> dict[str, Any]:
    owner = api_token(tandem_url, "HR0001")
    members = [employee_id(tandem_url, owner), employee_id(tandem_url, api_token(tandem_url, "F0001"))]
    board = create_project(tandem_url, owner, name=f"五百张卡 {time.time_ns()}", members=members, cards=CARDS,
                           columns=[("待办", None), ("进行中", None), ("评审", None), ("完成", None)])
    return {**board, "owner": owner}


def measure(page: Page, url: str, board: dict[str, Any], tandem_url: str) -> dict[str, float]:
    started = time.monotonic()
    page.goto(url)
    expect(page.locator("#board[data-ready='true']")).to_be_visible(timeout=60_000)
    expect(page.locator("#board-live")).to_be_visible(timeout=60_000)
    ready_ms = page.evaluate("window.__tandemBoard.readyAt")
    live_ms = (time.monotonic() - started) * 1000
    assert page.locator(".board-card").count() == CARDS
    latencies, renders = [], []
    target = board["columns"][3]
    for task in board["tasks"][:MOVES]:
        page.evaluate(f"window.__expect = {{'{task['id']}': '{target}'}}")
        patches_before = page.evaluate("window.__tandemBoard.patches.length")
        sent = time.time() * 1000
        move_via_api(tandem_url, board["owner"], task, target)
        expect(column(page, target).locator(f"[data-task-id='{task['id']}']")).to_be_visible(timeout=10_000)
        arrived = page.evaluate(f"window.__arrivals['{task['id']}']")
        latencies.append(arrived - sent)
        patches = page.evaluate(f"window.__tandemBoard.patches.slice({patches_before})")
        renders.append(max(p["ms"] for p in patches) if patches else 0.0)
    # Back where they were, for the next run.
    for task in board["tasks"][:MOVES]:
        move_via_api(tandem_url, board["owner"], task, board["columns"][0])
    # The first move after opening pays for warming up (the browser is still settling the board); reported apart.
    return {"ready_ms": ready_ms, "live_ms": live_ms, "first_move_ms": latencies[0],
            "move_median_ms": statistics.median(latencies[1:]), "move_max_ms": max(latencies[1:]),
            "render_median_ms": statistics.median(renders), "render_max_ms": max(renders)}


def test_a_500_card_board_is_usable_on_a_phone(browser: Browser, tandem_url: str, big_board: dict[str, Any],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    url = f"{tandem_url}/projects/{big_board['id']}/board"
    results = {}
    for label, cpu in (("phone viewport, CPU as is", 1), ("phone viewport, CPU slowed 4x", 4)):
        with signed_in(browser, tandem_url, "F0001", viewport=PHONE) as (context, page):
            page.add_init_script(WATCH)
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
            results[label] = measure(page, url, big_board, tandem_url)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})

    lines = [f"| {label} | {r['ready_ms']:.0f} | {r['live_ms']:.0f} | {r['move_median_ms']:.0f} "
             f"(max {r['move_max_ms']:.0f}; first {r['first_move_ms']:.0f}) | {r['render_median_ms']:.1f} "
             f"(max {r['render_max_ms']:.1f}) |" for label, r in results.items()]
    table = "\n".join([
        f"| {CARDS} cards, 375 × 740 | cards drawn and draggable (ms after navigation start) | live too: "
        "subscription up (ms) | another person's move on screen (ms from the API call to the card in place; "
        f"median of moves 2–{MOVES}) | a patch's render and commit in the browser (ms, median) |",
        "| --- | --- | --- | --- | --- |", *lines])
    with capsys.disabled():  # the figures belong in the run's output
        print("\n\nBoard performance (headless Chromium):\n" + table)
    if os.environ.get("TANDEM_UPDATE_DOCS") == "1":
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text(
            "# A 500-card board on a phone\n\n"
            "Measured by `tests/e2e/test_board_performance.py` (headless Chromium, 375 × 740, the demo server on "
            "the same 2-core machine; `TANDEM_UPDATE_DOCS=1 ./scripts/test` writes this file).\n\n" + table + "\n",
            encoding="utf-8")
    for result in results.values():
        assert result["ready_ms"] > 0 and result["move_median_ms"] > 0
