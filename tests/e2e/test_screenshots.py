"""Screenshots of My desk, a board, a project's page, the bottlenecks page, the Rules page and the order form, at
1366 and 375 px wide, in
Chinese and English, taken from the real system. They go to a temporary folder on every run (so the pages are
checked to render); TANDEM_UPDATE_DOCS=1 writes them to docs/screenshots/, where the README links them."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.flows import DESKTOP, PHONE, api_token, gql, signed_in

pytestmark = pytest.mark.e2e

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"1366": DESKTOP, "375": {**PHONE, "height": 812}}
PROJECTS = "{ projects(mine: true) { id name status } }"


@pytest.fixture(scope="module")
def demo_project(tandem_url: str) -> dict[str, Any]:
    """The demo's largest open project the manager works on."""
    projects = gql(tandem_url, PROJECTS, token=api_token(tandem_url, "M0001"))["projects"]
    open_ones = [p for p in projects if p["status"] != "CLOSED"]
    assert open_ones, projects
    return open_ones[-1]


def last_month() -> str:
    first = dt.date.today().replace(day=1)
    previous = first - dt.timedelta(days=1)
    return f"{previous.year:04d}-{previous.month:02d}"


def shoot(page: Page, folder: Path, name: str) -> None:
    page.wait_for_timeout(400)  # the last paint after the state arrived
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("width", ["1366", "375"])
def test_screenshots_of_the_main_pages(browser: Browser, tandem_url: str, demo_project: dict[str, Any],
                                       tmp_path: Path, width: str, language: str) -> None:
    folder = DOCS if os.environ.get("TANDEM_UPDATE_DOCS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    suffix = f"{width}-{language}"
    words = {"zh": ("我的工作台", "目标", "发现的瓶颈"), "en": ("My desk", "Goals", "Flagged bottlenecks")}[language]
    with signed_in(browser, tandem_url, "M0001", viewport=SIZES[width], language=language) as (_, page):
        expect(page.locator("#desk-name")).to_have_text("王建国")
        expect(page.locator("body")).to_contain_text(words[0])
        expect(page.locator("#desk-projects")).to_contain_text(demo_project["name"])
        expect(page.locator("html")).to_have_attribute("lang", "zh-CN" if language == "zh" else "en")
        expect(page.locator("#reward-counters .reward-counter").first).to_be_visible()
        shoot(page, folder, f"desk-{suffix}")

        page.goto(f"{tandem_url}/projects/{demo_project['id']}/board")
        expect(page.locator("#board[data-ready='true']")).to_be_visible()
        expect(page.locator("#board-live")).to_be_visible()
        shoot(page, folder, f"board-{suffix}")

        page.goto(f"{tandem_url}/projects/{demo_project['id']}")
        expect(page.locator("#project-shares .member-share").first).to_be_visible()
        expect(page.locator("body")).to_contain_text(words[1])
        shoot(page, folder, f"project-{suffix}")

        page.goto(f"{tandem_url}/analytics?period={last_month()}")
        expect(page.locator("#chart-sla")).to_be_visible()
        expect(page.locator("body")).to_contain_text(words[2])
        shoot(page, folder, f"analytics-{suffix}")

        page.goto(f"{tandem_url}/rules")
        expect(page.locator("#rules-example [data-key='share_b1']")).to_be_visible()
        shoot(page, folder, f"rules-{suffix}")

        page.goto(f"{tandem_url}/orders")  # a manager records orders for anyone
        expect(page.locator("#order-submit")).to_have_attribute("data-client-order-id", re.compile(r"^[0-9a-f-]{36}$"))
        expect(page.locator("#order-employeeId option").nth(1)).to_be_attached()
        shoot(page, folder, f"orders-{suffix}")
