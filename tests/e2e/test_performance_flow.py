"""Performance assessment in the browser, against a real `tandem serve` with the demo: a staff member on a phone
sees how a scorecard line was made; HR imports a file with a bad row and sees the report, nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_login_desk import sign_in

pytestmark = pytest.mark.e2e


def test_staff_see_each_scorecard_line_explained_on_a_phone(browser: Browser, tandem_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        sign_in(page, tandem_url, "F0001", "tandem-staff")
        expect(page.locator("#desk-name")).to_have_text("李娜")
        page.click("#nav-menu")  # on a phone the navigation sits in the header's menu
        page.click("#nav-performance-menu")
        expect(page).to_have_url(re.compile(r"/performance/?$"))
        expect(page.locator("#scorecard-title")).to_have_text("我的绩效")
        expect(page.locator("#scorecard-total")).not_to_have_text("—")

        # The line adjusted on appeal shows the computed score, both reasons and who decided.
        adjusted = page.locator("#line-NEW_CUSTOMERS")
        expect(adjusted.locator(".line-score")).to_have_text("100.00")
        expect(adjusted.locator(".adjustment-decision")).to_contain_text("同意补计")
        expect(adjusted.locator(".line-appeal-status")).to_have_text("申诉已采纳")

        # A linked region metric names the region it came from; its records open on demand.
        conversion = page.locator("#line-CONVERSION")
        expect(conversion.locator(".line-explanation")).to_contain_text("城东片区 (R-EAST)")
        expect(conversion.locator(".line-formula")).to_contain_text("min(120, 100 ×")
        conversion.locator(".line-records-toggle").click()
        expect(conversion.locator(".scorecard-record")).to_contain_text("城东片区 (R-EAST)")

        # Support utilisation says how it was computed from the requests she raised.
        expect(page.locator("#line-UTIL .line-explanation")).to_contain_text("提交需求")
        page.click("#language-toggle")
        expect(page.locator("#scorecard-title")).to_have_text("My scorecard")
        expect(page.locator("#line-UTIL .line-explanation")).to_contain_text("requests submitted")
    finally:
        context.close()


def test_hr_imports_a_file_with_a_bad_row_and_sees_the_report(page: Page, tandem_url: str, tmp_path: Path) -> None:
    values = tmp_path / "绩效数据.csv"
    values.write_text("工号,指标编码,期间,实际值\nF0001,NEW_CUSTOMERS,2026-01,13\nF0404,NEW_CUSTOMERS,2026-01,12\n",
                      encoding="utf-8-sig")
    sign_in(page, tandem_url, "HR0001", "tandem-hr")
    expect(page.locator("#desk-name")).to_have_text("周敏")
    page.goto(tandem_url + "/performance/admin")
    expect(page.locator("#admin-title")).to_have_text("绩效管理")
    page.click("#tab-import")
    page.set_input_files("#import-file input[type=file]", str(values))
    page.click("#import-check")

    expect(page.locator("#import-invalid")).to_have_text("未写入任何数据。")
    problems = page.locator("#import-problems .import-problem")
    # Line 2 is fine; line 3 names nobody: the report lists it with its line, and nothing is written.
    expect(problems.filter(has_text="F0404")).to_contain_text("3")
    expect(problems.filter(has_text="F0404")).to_contain_text("没有工号为“F0404”的员工")
    expect(page.locator("#import-run")).to_be_disabled()
