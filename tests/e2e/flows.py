"""Helpers of the browser tests: the API as a second person acts through it, and signed-in browser contexts."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import httpx
from playwright.sync_api import Browser, BrowserContext, Page, expect

PASSWORDS = {"HR0001": "tandem-hr", "M0001": "tandem-manager", "F0001": "tandem-staff"}
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1366, "height": 860}


def gql(base_url: str, query: str, variables: dict[str, Any] | None = None, token: str = "") -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(base_url + "/graphql", json={"query": query, "variables": variables or {}},
                          headers=headers, trust_env=False, timeout=30)
    payload: dict[str, Any] = response.json()
    assert "errors" not in payload, payload
    return payload["data"]


def api_token(base_url: str, employee_no: str) -> str:
    data = gql(base_url, "mutation($n: String!, $p: String!) { login(employeeNo: $n, password: $p) {"
                         " ... on LoginSuccess { token } } }", {"n": employee_no, "p": PASSWORDS[employee_no]})
    token: str = data["login"]["token"]
    return token


def employee_id(base_url: str, token: str) -> str:
    employee: str = gql(base_url, "{ me { id } }", token=token)["me"]["id"]
    return employee


def sign_in(page: Page, base_url: str, employee_no: str) -> None:
    page.goto(base_url + "/login")
    for attempt in range(3):
        # On a loaded machine the page may still hydrate after the first fill and blank the field: try again.
        page.fill("#employee-no", employee_no)
        page.fill("#password", PASSWORDS[employee_no])
        page.click("#login-submit")
        try:
            expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"), timeout=10_000)  # My desk, not /login/
            return
        except AssertionError:
            if attempt == 2 or page.input_value("#employee-no") == employee_no:
                raise


@contextmanager
def signed_in(browser: Browser, base_url: str, employee_no: str, *, viewport: dict[str, int] = DESKTOP,
              language: str = "zh") -> Iterator[tuple[BrowserContext, Page]]:
    context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1)
    context.set_default_timeout(20_000)
    if language == "en":
        context.add_init_script("window.localStorage.setItem('tandem.language', 'en')")
    page = context.new_page()
    try:
        sign_in(page, base_url, employee_no)
        yield context, page
    finally:
        context.close()


CREATE_PROJECT = """mutation($input: CreateProjectInput!) { createProject(input: $input) {
  ... on ProjectSuccess { project { id columns { id name } } } ... on OperationError { code message } } }"""
CREATE_TASK = """mutation($input: CreateTaskInput!) { createTask(input: $input) {
  ... on TaskSuccess { task { id version columnId } } ... on OperationError { code message } } }"""
MOVE_TASK = """mutation($t: ID!, $c: ID!, $p: Int!, $v: Int!) { moveTask(taskId: $t, columnId: $c, position: $p,
  expectedVersion: $v) { ... on TaskSuccess { task { id version } } ... on OperationError { code message } } }"""


def create_project(base_url: str, token: str, *, name: str, members: list[str], cards: int,
                   columns: list[tuple[str, int | None]] | None = None) -> dict[str, Any]:
    """A project owned by the token's employee, with `members` and `cards` cards in its first column."""
    specs = columns or [("待办", None), ("进行中", 2), ("完成", None)]
    project = gql(base_url, CREATE_PROJECT, {"input": {
        "name": name, "bonusPool": "30000.00",
        "goals": [{"kind": "DELIVERY", "weight": "2", "targetDate": (date.today() + timedelta(days=60)).isoformat()},
                  {"kind": "SATISFACTION", "targetValue": "90"}],
        "columns": [{"name": n, "wipLimit": w} for n, w in specs], "memberIds": members}}, token=token)
    created = project["createProject"]["project"]
    column_ids = [c["id"] for c in created["columns"]]
    tasks = []
    for number in range(cards):
        task = gql(base_url, CREATE_TASK, {"input": {
            "projectId": created["id"], "title": f"卡片 {number + 1:03d}", "columnId": column_ids[0],
            "storyPoints": number % 5 + 1, "assigneeId": members[number % len(members)],
            "dueDate": (date.today() + timedelta(days=number % 20 - 5)).isoformat()}}, token=token)
        tasks.append(task["createTask"]["task"])
    return {"id": created["id"], "columns": column_ids, "tasks": tasks}


def move_via_api(base_url: str, token: str, task: dict[str, Any], column_id: str, position: int = 0) -> dict[str, Any]:
    moved = gql(base_url, MOVE_TASK, {"t": task["id"], "c": column_id, "p": position, "v": task["version"]},
                token=token)["moveTask"]
    assert "task" in moved, moved
    task["version"] = moved["task"]["version"]
    return task


def wait_for_board(page: Page) -> None:
    expect(page.locator("#board[data-ready='true']")).to_be_visible()
    expect(page.locator("#board-live")).to_be_visible()


def column(page: Page, column_id: str) -> Any:
    return page.locator(f".board-column[data-column-id='{column_id}']")


def card(page: Page, task_id: str) -> Any:
    return page.locator(f".board-card[data-task-id='{task_id}']")


def settle(seconds: float = 0.3) -> None:
    time.sleep(seconds)
