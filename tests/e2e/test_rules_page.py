"""The Rules page against a real `tandem serve`: everyone reads the rules in force with SPEC §11's example computed
from them and the history, and acknowledges; HR's draft shows a guardrail breach on its input, and publishing is
offered only once the draft's impact was previewed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.flows import api_token, gql, signed_in

pytestmark = pytest.mark.e2e


def test_everyone_reads_the_rules_in_force_with_the_worked_example_and_acknowledges(browser: Browser,
                                                                                    tandem_url: str) -> None:
    rules = gql(tandem_url, "{ ruleSet { version parameters { commissionRateNew accrualRatio } } }",
                token=api_token(tandem_url, "F0001"))["ruleSet"]
    accrual = (Decimal("100000.00") * Decimal(rules["parameters"]["commissionRateNew"])
               * Decimal(rules["parameters"]["accrualRatio"])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    with signed_in(browser, tandem_url, "F0001", viewport={"width": 375, "height": 740}) as (_, page):
        page.goto(tandem_url + "/rules")

        expect(page.locator("#rules-version")).to_contain_text(rules["version"])
        expect(page.locator("#rules-example [data-key='accrual'] .example-result")).to_have_text(f"{accrual:,.2f}")
        expect(page.locator("[data-section='COMMISSION'] .rule-entry[data-name='accrualRatio']")).to_contain_text(
            rules["parameters"]["accrualRatio"])
        expect(page.locator("#rules-history .rules-version")).not_to_have_count(0)
        if page.locator("#rules-acknowledge").count():
            page.click("#rules-acknowledge")
        expect(page.locator("#rules-acknowledged")).to_be_visible()


def test_hr_sees_a_guardrail_breach_on_its_input_and_publishes_only_a_previewed_draft(browser: Browser,
                                                                                     tandem_url: str) -> None:
    with signed_in(browser, tandem_url, "HR0001") as (_, page):
        page.goto(tandem_url + "/rules")
        expect(page.locator("#rules-unacknowledged")).to_be_visible()
        page.click("#rules-draft")
        page.fill("#draft-accrualRatio", "0.2")
        page.click("#rules-preview")

        error = page.locator(".draft-field[data-name='accrualRatio'] .field-error")
        expect(error).to_contain_text("0.2")
        expect(error).to_contain_text("0.15")  # the bound
        expect(page.locator("#rules-publish")).to_be_disabled()

        page.fill("#draft-accrualRatio", "0.14")
        expect(error).to_have_count(0)
        page.click("#rules-preview")
        expect(page.locator("#rules-impact")).to_be_visible()
        expect(page.locator("#impact-gainers")).to_be_visible()
        expect(page.locator("#rules-publish")).to_be_enabled()
        page.fill("#draft-accrualRatio", "0.13")
        expect(page.locator("#rules-publish")).to_be_disabled()  # not the draft that was previewed
        page.fill("#draft-accrualRatio", "0.14")
        page.click("#rules-preview")
        page.click("#rules-publish")

        expect(page.locator("#rules-published")).to_be_visible()
        published = page.locator("#rules-published").inner_text().split()[-1]
        expect(page.locator(f"#rules-history .rules-version[data-version='{published}']")).to_contain_text("0.14")
