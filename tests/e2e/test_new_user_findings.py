"""What testing the web app as a new user found, checked in the browser: one tab's sign-out reaches the others,
an expired session says why and comes back to the page, an unknown address is a translated page of the app,
primary buttons have AA contrast, <html lang> follows the language, the phone header is one row, touch targets
are at least 40 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.flows import PASSWORDS, PHONE, signed_in

pytestmark = pytest.mark.e2e


def contrast(page: Page, selector: str) -> float:
    """WCAG contrast ratio of an element's text against its own background."""
    ratio: float = page.eval_on_selector(selector, """element => {
      const rgb = (value) => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); })
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
      const style = getComputedStyle(element);
      const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    }""")
    return ratio


def test_signing_out_in_one_tab_sends_every_tab_to_sign_in(browser: Browser, tandem_url: str) -> None:
    with signed_in(browser, tandem_url, "F0001") as (context, first):
        first.goto(tandem_url + "/requests")
        expect(first.locator(".request-row").first).to_be_visible()
        second = context.new_page()
        second.goto(tandem_url + "/requests")
        expect(second.locator(".request-row").first).to_be_visible()

        first.click("#logout")

        expect(second).to_have_url(re.compile(r"/login/?\?reason=signed_out"))
        expect(second.locator(".request-row")).to_have_count(0)
        expect(second.locator("#login-reason")).to_contain_text("另一个窗口退出登录")


def test_an_expired_session_says_so_and_returns_to_the_page(browser: Browser, tandem_url: str) -> None:
    with signed_in(browser, tandem_url, "F0001") as (_, page):
        page.goto(tandem_url + "/projects")
        expect(page.locator("#projects-title")).to_be_visible()
        page.evaluate("localStorage.setItem('tandem.token', 'a-token-the-server-no-longer-accepts')")

        page.reload()

        expect(page).to_have_url(re.compile(r"/login/?\?next=/projects/?&reason=expired"))
        expect(page.locator("#login-reason")).to_contain_text("登录已过期")
        page.fill("#employee-no", "F0001")
        page.fill("#password", PASSWORDS["F0001"])
        page.click("#login-submit")
        expect(page).to_have_url(re.compile(r"/projects/?$"))  # back where they were


def test_an_unknown_address_is_a_page_of_the_app_with_a_way_back(browser: Browser, tandem_url: str) -> None:
    with signed_in(browser, tandem_url, "F0001") as (_, page):
        page.goto(tandem_url + "/no/such/page")
        expect(page.locator("#not-found-title")).to_have_text("找不到这个页面")
        expect(page.locator("#top-bar")).to_be_visible()
        page.click("#language-toggle")
        expect(page.locator("#not-found-title")).to_have_text("Page not found")
        page.click("#not-found-home")
        expect(page.locator("#desk-name")).to_be_visible()


def test_contrast_language_phone_header_and_touch_targets(browser: Browser, tandem_url: str) -> None:
    with signed_in(browser, tandem_url, "F0001", viewport=PHONE) as (_, page):
        page.goto(tandem_url + "/requests")
        expect(page.locator("#request-new")).to_be_visible()
        assert contrast(page, "#request-new") >= 4.5  # white on the accent (was 3.07:1)

        header = page.locator("#top-bar").bounding_box()
        assert header is not None and header["height"] <= 64  # one row: brand, language, menu
        expect(page.locator("#logout")).to_be_hidden()
        page.click("#nav-menu")
        expect(page.locator("#logout-menu")).to_be_visible()
        page.keyboard.press("Escape")

        small = page.evaluate("""() => [...document.querySelectorAll('button, select, input:not([type=hidden]), [role=button]')]
          .filter((e) => e.offsetParent !== null && !e.closest('[hidden]'))
          // what a finger hits: a checkbox's whole label, a text field's frame
          .map((e) => [e.id || e.className || e.tagName,
                       (e.closest('label') || e.closest('.rt-TextFieldRoot') || e).getBoundingClientRect().height])
          .filter(([, h]) => h > 0 && h < 40)""")
        assert small == []

        expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
        page.click("#language-toggle")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator("#requests-title")).to_have_text("Support requests")
