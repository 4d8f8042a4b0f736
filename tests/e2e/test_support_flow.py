"""A frontline employee raises a support request from the browser, against a real `tandem serve`."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_login_desk import sign_in

pytestmark = pytest.mark.e2e


def test_frontline_staff_submit_a_request_and_see_it_listed_as_submitted(page: Page, tandem_url: str) -> None:
    title = f"光节点掉线 e2e-{time.time_ns()}"
    sign_in(page, tandem_url, "F0001", "tandem-staff")
    expect(page.locator("#desk-name")).to_have_text("李娜")

    page.click("#nav-support")
    expect(page).to_have_url(re.compile(r"/requests$"))
    expect(page.locator("#requests-title")).to_have_text("协同需求")
    page.click("#request-new")
    expect(page.locator("#request-region")).to_have_value("R-EAST")  # the user's own region
    expect(page.locator("#request-reported-at")).not_to_have_value("")  # now
    page.select_option("#request-department", "TECH")
    page.select_option("#request-priority", "URGENT")
    page.fill("#request-title", title)
    page.fill("#request-description", "城东 3 号光节点掉线，影响约 200 户。")
    page.click("#request-submit")

    expect(page.locator("#request-notice")).to_have_text("需求已提交。")
    row = page.locator(".request-row", has_text=title)
    expect(row).to_have_count(1)
    expect(row.locator(".request-status")).to_have_text("已提交")
    expect(row).to_contain_text("技术支撑部")
    expect(row).to_contain_text("紧急")

    row.click()
    expect(page.locator("#request-title")).to_have_text(title)
    expect(page.locator("#request-status")).to_have_text("已提交")
    expect(page.locator("#action-cancel-ask")).to_be_visible()  # the submitter may cancel it
    expect(page.locator("#action-accept")).to_have_count(0)  # but not accept it
    expect(page.locator("#request-live")).to_be_visible()
