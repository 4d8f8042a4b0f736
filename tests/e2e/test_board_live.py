"""The board in two browsers at once, against a real `tandem serve`: a card dragged in one appears moved in the
other within a second without a reload; a move made from a stale view shows the conflict and who moved the
card; a move over a WIP limit is refused on screen."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, expect

from tests.e2e.flows import (
    api_token,
    card,
    column,
    create_project,
    employee_id,
    move_via_api,
    signed_in,
    wait_for_board,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def project(tandem_url: str) -> dict[str, Any]:
    owner = api_token(tandem_url, "HR0001")
    staff = api_token(tandem_url, "F0001")
    members = [employee_id(tandem_url, owner), employee_id(tandem_url, staff)]
    created = create_project(tandem_url, owner, name=f"看板联动 {time.time_ns()}", members=members, cards=6)
    return {**created, "owner": owner, "staff": staff}


@pytest.fixture
def two_boards(browser: Browser, tandem_url: str, project: dict[str, Any]) -> Iterator[tuple[Page, Page]]:
    with signed_in(browser, tandem_url, "HR0001") as (_, mover), signed_in(browser, tandem_url, "F0001") as (_, watcher):
        for page in (mover, watcher):
            page.goto(f"{tandem_url}/projects/{project['id']}/board")
            wait_for_board(page)
        yield mover, watcher


def test_a_card_dragged_in_one_browser_moves_in_the_other_within_a_second(
        two_boards: tuple[Page, Page], project: dict[str, Any]) -> None:
    mover, watcher = two_boards
    task = project["tasks"][0]
    done = project["columns"][2]
    watcher.evaluate("window.__notReloaded = true")

    mover.drag_and_drop(f".board-card[data-task-id='{task['id']}']",
                        f".board-column[data-column-id='{done}'] .board-column-cards")
    expect(column(mover, done).locator(f"[data-task-id='{task['id']}']")).to_be_visible()
    started = time.monotonic()
    expect(column(watcher, done).locator(f"[data-task-id='{task['id']}']")).to_be_visible(timeout=1000)

    assert time.monotonic() - started < 1.0
    assert watcher.evaluate("window.__notReloaded") is True  # patched in place, not reloaded
    expect(column(watcher, project["columns"][0]).locator(f"[data-task-id='{task['id']}']")).to_have_count(0)
    task["version"] += 1


def hold_server_messages(page: Page) -> dict[str, bool]:
    """Route the page's Reflex websocket and drop what the server sends while `hold` is set: a phone that
    missed an update and still shows the card where it was."""
    switch = {"hold": False}

    def route(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        ws.on_message(lambda message: server.send(message))
        server.on_message(lambda message: None if switch["hold"] else ws.send(message))

    page.route_web_socket(re.compile(r"/_event/"), route)
    return switch


def test_a_move_from_a_stale_view_shows_the_conflict_and_who_moved_the_card(
        browser: Browser, tandem_url: str, project: dict[str, Any]) -> None:
    task = project["tasks"][1]
    todo, doing = project["columns"][0], project["columns"][1]
    with signed_in(browser, tandem_url, "F0001") as (_, page):
        switch = hold_server_messages(page)
        page.goto(f"{tandem_url}/projects/{project['id']}/board")
        wait_for_board(page)
        switch["hold"] = True
        move_via_api(tandem_url, project["owner"], task, doing)  # 周敏 (HR) moves it; this browser misses it
        page.wait_for_timeout(500)  # (sync Playwright handles the socket's messages only inside its calls)
        switch["hold"] = False
        expect(column(page, todo).locator(f"[data-task-id='{task['id']}']")).to_be_visible()  # still stale

        card(page, task["id"]).focus()
        page.keyboard.press("Alt+ArrowRight")  # the keyboard move carries the version this browser saw

        notice = page.locator("#board-notice[data-kind='conflict']")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("周敏")
        expect(notice).to_contain_text("进行中")
        expect(column(page, doing).locator(f"[data-task-id='{task['id']}']")).to_be_visible()  # reloaded


def test_a_move_over_the_wip_limit_is_refused_on_screen(browser: Browser, tandem_url: str,
                                                        project: dict[str, Any]) -> None:
    todo, doing = project["columns"][0], project["columns"][1]
    with signed_in(browser, tandem_url, "F0001") as (_, page):
        page.goto(f"{tandem_url}/projects/{project['id']}/board")
        wait_for_board(page)
        while column(page, doing).locator(".board-card").count() < 2:  # fill 进行中 to its limit of 2
            first = column(page, todo).locator(".board-card").first
            first.focus()
            page.keyboard.press("Alt+ArrowRight")
            page.wait_for_timeout(300)
        expect(column(page, doing).locator(".board-column-count")).to_have_text("2 / 2")
        one_more = column(page, todo).locator(".board-card").first
        task_id = one_more.get_attribute("data-task-id")

        page.drag_and_drop(f".board-card[data-task-id='{task_id}']",
                           f".board-column[data-column-id='{doing}'] .board-column-cards")

        notice = page.locator("#board-notice[data-kind='wip']")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("进行中")
        expect(notice).to_contain_text("2")
        expect(column(page, todo).locator(f"[data-task-id='{task_id}']")).to_be_visible()  # stayed where it was
        expect(column(page, doing).locator(".board-card")).to_have_count(2)
