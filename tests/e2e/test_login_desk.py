"""Signing in through the browser and seeing one's own desk, against a real `tandem serve`."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


def sign_in(page: Page, base_url: str, employee_no: str, password: str) -> None:
    page.goto(base_url + "/")
    expect(page).to_have_url(re.compile(r"/login$"))  # the desk sends anonymous visitors away
    page.fill("#employee-no", employee_no)
    page.fill("#password", password)
    page.click("#login-submit")


def graphql(base_url: str, query: str, variables: dict[str, Any] | None = None, token: str = "") -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(
        base_url + "/graphql", json={"query": query, "variables": variables or {}}, headers=headers, trust_env=False
    )
    payload: dict[str, Any] = response.json()
    assert "errors" not in payload, payload
    return payload["data"]


def test_a_wrong_password_is_refused_with_a_chinese_message(page: Page, tandem_url: str) -> None:
    sign_in(page, tandem_url, "HR0001", "not-the-password")

    expect(page.locator("#login-error")).to_have_text("工号或密码不正确。")
    expect(page).to_have_url(re.compile(r"/login$"))


def test_hr_signs_in_and_sees_their_desk_in_chinese(page: Page, tandem_url: str) -> None:
    sign_in(page, tandem_url, "HR0001", "tandem-hr")

    expect(page.locator("#desk-name")).to_have_text("周敏")
    expect(page.locator("#desk-employee-no")).to_have_text("HR0001")
    expect(page.locator("#desk-roles")).to_contain_text("人力资源")
    expect(page.locator("#desk-base-salary")).to_have_text(re.compile(r"^¥[\d,]+\.\d\d$"))
    body = page.locator("body")
    for label in ("我的工作台", "工号", "部门", "岗位", "入职日期", "状态", "基本工资", "目标奖金", "退出登录"):
        expect(body).to_contain_text(label)
    expect(page.locator("#desk-live")).to_be_visible()  # the live subscription is up
    if os.environ.get("TANDEM_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))

    page.click("#language-toggle")
    expect(page.locator("body")).to_contain_text("Base salary")
    expect(page.locator("#desk-roles")).to_contain_text("HR")

    page.click("#logout")
    expect(page).to_have_url(re.compile(r"/login$"))


def test_a_transfer_shows_on_the_open_desk_without_a_reload(page: Page, tandem_url: str) -> None:
    sign_in(page, tandem_url, "HR0001", "tandem-hr")
    expect(page.locator("#desk-live")).to_be_visible()
    login = graphql(
        tandem_url,
        'mutation { login(employeeNo: "HR0001", password: "tandem-hr") { ... on LoginSuccess { token } } }',
    )
    token = login["login"]["token"]
    me = graphql(tandem_url, "{ me { id } }", token=token)["me"]
    page.evaluate("window.__tandemSameDocument = true")  # gone if the page reloads

    promotion = {"employeeId": me["id"], "effectiveDate": datetime.date.today().isoformat(), "position": "人力资源总监"}
    transfer = graphql(
        tandem_url,
        "mutation($input: TransferEmployeeInput!) { transferEmployee(input: $input) { __typename } }",
        {"input": promotion},
        token=token,
    )

    assert transfer["transferEmployee"]["__typename"] == "EmployeeSuccess"
    expect(page.locator("#desk-position")).to_have_text("人力资源总监", timeout=10_000)
    assert page.evaluate("window.__tandemSameDocument === true"), "the desk reloaded to show the change"
