"""The Rules page driven directly (no browser), with the gateway replaced by fakes: the worked example from the
parameters in force, sections and history, acknowledging, and HR's draft → preview → publish with guardrail
errors on the input they name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from frontend import api
from frontend.api import rules as gateway
from frontend.api import rules_preview as preview_gateway
from frontend.state.rules_example import split, worked_example
from frontend.state.rules_publish import PublishState, changed_values
from frontend.state.rules_state import RulesState, example_parameters, sections_of
from tests.frontend.test_states import fresh_state, run_handler
from tests.frontend.test_support_states import FRONTLINE, HR

PARAMETERS: dict[str, Any] = {
    "handoffThresholdHours": "24", "unratedSatisfactionFactor": "0.8", "breachedSlaFactor": "0.5",
    "priorityWeights": [{"priority": "URGENT", "weight": "3"}, {"priority": "HIGH", "weight": "2"},
                        {"priority": "NORMAL", "weight": "1"}, {"priority": "LOW", "weight": "0.5"}],
    "commissionRateNew": "0.03", "commissionRateRenewal": "0.01", "accrualRatio": "0.12",
    "orderAmountCeiling": "10000000.00", "linkageSlope": "0.5", "linkageUpliftCap": "0.25",
    "projectDeliveryGraceDays": 30,
}


def entry(name: str, section: str, kind: str = "DECIMAL", value: str = "") -> dict[str, str]:
    return {"name": name, "section": section, "kind": kind, "labelZh": name + "（中）", "labelEn": name,
            "descriptionZh": "说明", "descriptionEn": "what it does", "value": value}


RULE_SET: dict[str, Any] = {
    "version": "2", "effectiveFrom": "2026-11-15T16:00:00+00:00", "effectiveDate": "2026-11-16",
    "publishedAt": "2026-11-10T02:00:00+00:00", "publishedBy": "周敏", "note": "计提上调", "inForce": True,
    "previousVersion": "1", "acknowledgedByMe": False,
    "entries": [entry("priorityWeights", "SUPPORT", "WEIGHTS"), entry("sla", "SUPPORT", "SLA", "URGENT 30 min / 4 h"),
                entry("commissionRateNew", "COMMISSION", value="0.03"), entry("accrualRatio", "COMMISSION"),
                entry("projectDeliveryGraceDays", "PROJECTS", "INTEGER"), entry("newThing", "LATER")],
    "parameters": PARAMETERS,
}


def test_the_worked_example_is_spec_11_under_the_defaults_and_follows_the_parameters() -> None:
    values = gateway.parse_values(PARAMETERS)
    lines = {line.key: line.result for line in worked_example(example_parameters(values))}
    assert lines == {"commission": "3,000.00", "accrual": "360.00", "kept": "2,640.00", "points_b1": "3",
                     "points_b2": "0.4", "share_b1": "317.65", "share_b2": "42.35", "linkage": "×1.05"}

    higher = example_parameters({**values, "accrualRatio": "0.15", "priorityWeights.NORMAL": "2"})
    lines = {line.key: (line.arithmetic, line.result) for line in worked_example(higher)}
    assert lines["accrual"] == ("3,000.00 × 0.15", "450.00")
    assert lines["points_b2"] == ("2 × 4/5 × 0.5", "0.8")
    assert lines["share_b1"][1] == "355.26" and lines["share_b2"][1] == "94.74"  # 450 × 3/3.8, the rest


def test_a_split_gives_whole_cents_that_sum_to_the_total_ties_by_employee_number() -> None:
    assert split(Decimal("0.01"), [("B2", Decimal(1)), ("B1", Decimal(1))]) == {"B2": Decimal("0.00"),
                                                                               "B1": Decimal("0.01")}
    shares = split(Decimal("100.00"), [("B1", Decimal(1)), ("B2", Decimal(1)), ("B3", Decimal(1))])
    assert shares == {"B1": Decimal("33.34"), "B2": Decimal("33.33"), "B3": Decimal("33.33")}


def test_entries_are_grouped_by_section_in_the_spec_s_order() -> None:
    info, values = gateway.parse_rule_set(RULE_SET)
    assert [s.section for s in sections_of(info.entries)] == ["COMMISSION", "SUPPORT", "PROJECTS", "LATER"]
    assert values["priorityWeights.URGENT"] == "3" and values["projectDeliveryGraceDays"] == "30"
    assert (info.version, info.in_force, info.acknowledged) == ("2", True, False)


class FakeRules:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.profiles = {"token-f": FRONTLINE, "token-hr": HR}
        self.acknowledged: list[str] = []
        self.published: list[dict[str, Any]] = []
        self.previews: list[tuple[dict[str, Any], str]] = []
        self.publish_answer: gateway.RuleSetInfo | api.FieldError = gateway.RuleSetInfo(version="3")
        self.preview_answer: preview_gateway.Preview | api.FieldError = preview_gateway.Preview(
            period="2026-11", gainers=1, losers=1, total=preview_gateway.Impact(commission="0", pool_share="120.00", bonus="0",
                                                          total="120.00"),
            people=(preview_gateway.Impact("F0001 李娜", "-90.00", "0", "0", "-90.00"),
                    preview_gateway.Impact("B0001 陈静", "0", "210.00", "0", "210.00"),
                    preview_gateway.Impact("B0002 张伟", "0", "0", "0", "0")))
        monkeypatch.setattr(api, "fetch_me", self.fetch_me)
        for name in ("fetch_rule_set", "fetch_history", "acknowledge", "fetch_unacknowledged", "publish"):
            monkeypatch.setattr(gateway, name, getattr(self, name))
        monkeypatch.setattr(preview_gateway, "preview", self.preview)

    async def fetch_me(self, token: str) -> api.Profile | None:
        return self.profiles.get(token)

    async def fetch_rule_set(self, token: str, at: str | None = None) -> tuple[gateway.RuleSetInfo, dict[str, str]]:
        node = {**RULE_SET, "acknowledgedByMe": bool(self.acknowledged)}
        return gateway.parse_rule_set(node)

    async def fetch_history(self, token: str) -> list[gateway.RuleSetInfo]:
        return [gateway.parse_history_entry({**RULE_SET, "changes": [
            {"name": "accrualRatio", "labelZh": "协同计提比例", "labelEn": "Accrual ratio", "before": "0.12",
             "after": "0.15"}]})]

    async def acknowledge(self, token: str, version: str) -> api.FieldError | None:
        self.acknowledged.append(version)
        return None

    async def fetch_unacknowledged(self, token: str, version: str | None = None) -> gateway.Unacknowledged:
        return gateway.Unacknowledged(version="2", count=2, names=("F0001 李娜 · 市场部", "B0001 陈静 · 技术支撑部"))

    async def publish(self, token: str, draft: dict[str, Any]) -> gateway.RuleSetInfo | api.FieldError:
        self.published.append(draft)
        return self.publish_answer

    async def preview(self, token: str, draft: dict[str, Any], period: str) -> preview_gateway.Preview | api.FieldError:
        self.previews.append((draft, period))
        return self.preview_answer


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeRules:
    return FakeRules(monkeypatch)


async def test_everyone_reads_the_rules_in_force_and_acknowledges_them(fake: FakeRules) -> None:
    rules = fresh_state(RulesState)
    rules.token = "token-f"
    await run_handler(RulesState.load.fn(rules))

    assert rules.in_force.version == "2" and not rules.has_acknowledged
    assert rules.in_force.published_at == "2026-11-10 10:00"  # the organisation's clock
    assert [line.result for line in rules.example][:3] == ["3,000.00", "360.00", "2,640.00"]
    assert [(c.label_en, c.before, c.after) for c in rules.history[0].changes] == [("Accrual ratio", "0.12",
                                                                                    "0.15")]
    assert rules.unacknowledged_count == -1  # only HR sees who has not

    await run_handler(RulesState.acknowledge.fn(rules))

    assert fake.acknowledged == ["2"] and rules.has_acknowledged


async def test_hr_sees_who_has_not_acknowledged(fake: FakeRules) -> None:
    rules = fresh_state(RulesState)
    rules.token = "token-hr"
    await run_handler(RulesState.load.fn(rules))

    assert rules.unacknowledged_count == 2 and rules.unacknowledged[0] == "F0001 李娜 · 市场部"


async def hr_draft(fake: FakeRules) -> PublishState:
    state = fresh_state(PublishState)
    state.token = "token-hr"
    await run_handler(RulesState.load.fn(state))
    await run_handler(PublishState.open_draft.fn(state))
    return state


async def test_a_draft_is_previewed_before_it_can_be_published_and_only_as_previewed(fake: FakeRules) -> None:
    state = await hr_draft(fake)
    assert [f.name for f in state.fields] == ["commissionRateNew", "accrualRatio", "priorityWeights.URGENT",
                                              "priorityWeights.HIGH", "priorityWeights.NORMAL",
                                              "priorityWeights.LOW", "projectDeliveryGraceDays"]
    PublishState.set_value.fn(state, "accrualRatio", "0.15")
    PublishState.set_value.fn(state, "priorityWeights.NORMAL", "1.0")  # the same number: not a change
    assert state.changed_count == 1 and not state.can_publish

    await run_handler(PublishState.preview.fn(state))

    draft, period = fake.previews[0]
    assert draft["parameters"] == {"accrualRatio": "0.15"} and period == state.preview_periods[0]
    assert [(row.name, row.total, row.gains) for row in state.impact] == [("B0001 陈静", "+¥210.00", True),
                                                                          ("F0001 李娜", "¥-90.00", False)]
    assert state.can_publish and (state.impact_gainers, state.impact_losers) == (1, 1)
    PublishState.set_note.fn(state, "计提上调")
    assert state.can_publish  # a note changes nobody's figures
    PublishState.set_value.fn(state, "accrualRatio", "0.14")
    assert not state.can_publish  # this draft was not previewed
    await run_handler(PublishState.publish.fn(state))
    assert fake.published == []

    await run_handler(PublishState.preview.fn(state))
    await run_handler(PublishState.publish.fn(state))

    assert fake.published[0]["parameters"] == {"accrualRatio": "0.14"}
    assert state.published_version == "3" and state.fields == []


async def test_a_guardrail_refusal_shows_on_the_input_it_names(fake: FakeRules) -> None:
    state = await hr_draft(fake)
    PublishState.set_value.fn(state, "accrualRatio", "0.2")
    fake.preview_answer = api.FieldError("VALIDATION", "accrualRatio is 0.2, outside its guardrail [0.10, 0.15]",
                                         "parameters.accrualRatio")

    await run_handler(PublishState.preview.fn(state))

    assert (state.error_field, state.error_code) == ("accrualRatio", "VALIDATION")
    assert "[0.10, 0.15]" in state.error_message and not state.can_publish
    PublishState.set_value.fn(state, "accrualRatio", "0.13")
    assert state.error_field == ""  # fixing the input clears its error


def test_only_real_changes_go_into_the_draft() -> None:
    assert changed_values({"a": "0.120", "b": "2", "c": "x"}, {"a": "0.12", "b": "3", "c": "x"}) == {"b": "2"}
    assert gateway.parameters_input({"priorityWeights.LOW": "1", "priorityWeights.URGENT": "4",
                                     "projectDeliveryGraceDays": "14"}) == {
        "priorityWeights": [{"priority": "URGENT", "weight": "4"}, {"priority": "LOW", "weight": "1"}],
        "projectDeliveryGraceDays": 14}
