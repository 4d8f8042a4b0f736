"""Support requests from the field and the backend's live queue, against a real `tandem serve`: a request
submitted online, one submitted offline (kept on the device across a reload, sent exactly once when back
online, photo included), and a new request appearing in a backend manager's open queue."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.flows import PHONE, api_token, gql, signed_in

pytestmark = pytest.mark.e2e

# The smallest JPEG a server accepts as evidence (its content is sniffed, not its name).
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e"
    "1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f00000105"
    "01010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d010203000411051221"
    "31410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748"
    "494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3"
    "b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00"
    "fbd3ffd9")
FIND = """query($s: String) { supportRequests(first: 10, search: $s) {
  nodes { id title clientRequestId attachments { contentType } } } }"""


def fill_request(page: Page, title: str) -> None:
    page.click("#request-new")
    expect(page.locator("#request-region")).to_have_value("R-EAST")  # the user's own region
    expect(page.locator("#request-reported-at")).not_to_have_value("")  # now
    page.select_option("#request-department", "TECH")
    page.select_option("#request-priority", "URGENT")
    page.fill("#request-title", title)
    page.fill("#request-description", "城东 3 号光节点掉线，影响约 200 户。")


def test_frontline_staff_submit_a_request_and_open_it_from_the_notice(browser: Browser, tandem_url: str) -> None:
    title = f"光节点掉线 e2e-{time.time_ns()}"
    with signed_in(browser, tandem_url, "F0001") as (_, page):
        page.click("#nav-support")
        expect(page).to_have_url(re.compile(r"/requests$"))
        expect(page.locator("#requests-title")).to_have_text("协同需求")
        fill_request(page, title)
        page.click("#request-submit")

        expect(page.locator("#request-notice")).to_contain_text("需求已提交。")
        row = page.locator(".request-row", has_text=title)
        expect(row).to_have_count(1)
        expect(row.locator(".request-status")).to_have_text("已提交")
        expect(row).to_contain_text("技术支撑部")
        expect(row).to_contain_text("紧急")
        expect(row.locator(".request-countdown")).to_contain_text("响应还剩")  # the SLA clock runs

        page.click("#request-notice-link")  # no hunting for it in the list
        expect(page.locator("#request-title")).to_have_text(title)
        expect(page.locator("#request-status")).to_have_text("已提交")
        expect(page.locator("#action-cancel-ask")).to_be_visible()  # the submitter may cancel it
        expect(page.locator("#action-accept")).to_have_count(0)  # but not accept it
        expect(page.locator("#request-live")).to_be_visible()
        timeline = page.locator("#request-timeline")
        expect(timeline).to_contain_text("提交")
        expect(timeline).not_to_contain_text("∅")
        expect(page.locator("body")).not_to_contain_text("提交编号")  # the clientRequestId is internal
        expect(page.locator("#request-points-fact")).to_contain_text("解决后计算")  # what the points will be
        expect(page.locator("body")).to_contain_text("尚未评分")  # satisfaction: out of 100 once rated


def test_a_request_submitted_offline_survives_a_reload_and_is_sent_exactly_once(browser: Browser,
                                                                                tandem_url: str) -> None:
    title = f"离线提交 e2e-{time.time_ns()}"
    with signed_in(browser, tandem_url, "F0001", viewport=PHONE) as (context, page):
        page.goto(tandem_url + "/requests")
        expect(page.locator("#request-new")).to_be_visible()
        page.wait_for_function("window.__tandemShellCached === true")  # the app shell is kept on the device

        context.set_offline(True)
        fill_request(page, title)
        page.set_input_files("#request-photo-input", files=[{"name": "pole.jpg", "mimeType": "image/jpeg",
                                                             "buffer": JPEG}])
        expect(page.locator("#request-photos img")).to_have_count(1)
        page.click("#request-submit")
        queued = page.locator(".outbox-item", has_text=title)
        expect(queued).to_have_attribute("data-status", "waiting")
        expect(queued.locator(".outbox-status")).to_have_text("等待发送")
        expect(page.locator("#connection-banner")).to_be_visible()  # translated, not Reflex's developer toast
        expect(page.locator("body")).not_to_contain_text("Cannot connect to server")

        page.reload()  # offline: the service worker serves the page, the outbox is on the device
        expect(page.locator(".outbox-item", has_text=title)).to_have_attribute("data-status", "waiting")
        page.wait_for_timeout(500)

        context.set_offline(False)
        expect(page.locator(".outbox-item", has_text=title)).to_have_count(0, timeout=30_000)
        expect(page.locator("#request-notice")).to_contain_text("需求已提交", timeout=20_000)

    found = gql(tandem_url, FIND, {"s": title}, token=api_token(tandem_url, "F0001"))["supportRequests"]["nodes"]
    assert [node["title"] for node in found] == [title]  # exactly one
    assert [a["contentType"] for a in found[0]["attachments"]] == ["image/jpeg"]


SUBMIT = """mutation($input: SubmitSupportRequestInput!) { submitSupportRequest(input: $input) {
  ... on SupportRequestSuccess { request { id } } } }"""


def test_a_new_request_appears_live_in_the_backend_queue(browser: Browser, tandem_url: str) -> None:
    title = f"队列实时 e2e-{time.time_ns()}"
    with signed_in(browser, tandem_url, "M0001") as (_, page):
        page.goto(tandem_url + "/requests")
        expect(page.locator("#requests-live")).to_be_visible()
        page.evaluate("window.__notReloaded = true")

        reported = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - 600))
        gql(tandem_url, SUBMIT, {"input": {
            "clientRequestId": f"e2e-{time.time_ns()}", "regionCode": "R-EAST", "departmentCode": "TECH",
            "category": "FAULT_REPAIR", "priority": "HIGH", "title": title, "description": "机房空调告警",
            "customerReportedAt": reported}}, token=api_token(tandem_url, "F0001"))

        row = page.locator(".request-row", has_text=title)
        expect(row).to_have_count(1, timeout=10_000)
        expect(row.locator(".row-new")).to_be_visible()
        expect(row.locator(".row-action-accept")).to_be_visible()  # the manager can take it from the list
        assert page.evaluate("window.__notReloaded") is True
