"""My reward counters and the order form driven directly (no browser), with the gateway replaced by fakes; the
counter parser fed with an answer of the API's shape (SPEC §11's F1 and B1)."""

from __future__ import annotations

import copy
from collections.abc import AsyncGenerator
from typing import Any

import pytest

from frontend import api
from frontend.api import rewards as gateway
from frontend.state import live
from frontend.state.order_state import NEW_CLIENT_ID_JS, OrderState, input_of
from frontend.state.rewards_state import RewardsState, counter_views, trend_rows
from tests.frontend.test_states import fresh_state, handler_name, run_handler
from tests.frontend.test_support_states import FRONTLINE, HR


def explained(amount: str, zh: str, en: str, formula: str, inputs: list[dict[str, Any]],
              parts: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"amount": amount, "labelZh": zh, "labelEn": en, "explanation": {
        "formulaZh": formula, "formulaEn": formula, "roundingZh": "四舍五入到分", "roundingEn": "half-up to the cent",
        "ruleVersion": "1", "inputs": inputs, "parts": parts or []}}


def order_input(code: str, value: str) -> dict[str, Any]:
    return {"code": code, "nameZh": "订单金额", "nameEn": "Order amount", "value": value,
            "sources": [{"kind": "ORDER", "id": "po-1", "label": "订单 po-1 · 客户甲"}]}


GROSS = explained("3000.00", "提成", "Commission", "amount × rate", [order_input("amount", "100000.00"),
                                                                      {"code": "rate", "nameZh": "提成比例",
                                                                       "nameEn": "Rate", "value": "0.03",
                                                                       "sources": [{"kind": "RULE_SET", "id": "1",
                                                                                    "label": ""}]}])
ACCRUED = explained("360.00", "协同计提", "Accrual", "commission × accrual ratio", [order_input("commission",
                                                                                            "3000.00")])
NET = explained("2640.00", "提成（净）", "Commission (net)", "gross − accrual", [],
                parts=[{"amount": "3000.00", "labelZh": "提成", "labelEn": "Commission",
                        "explanation": GROSS["explanation"] | {"parts": None}},
                       {"amount": "360.00", "labelZh": "协同计提", "labelEn": "Accrual",
                        "explanation": ACCRUED["explanation"] | {"parts": None}}])
COUNTER: dict[str, Any] = {
    "employeeId": "RW1wbG95ZWU6NA", "period": "2026-11", "ruleVersion": "1",
    "commissionGross": GROSS, "commissionAccrued": ACCRUED, "commissionNet": NET,
    "pendingCommission": explained("0.00", "待确认提成", "Pending", "Σ pending orders × rate", []),
    "poolContribution": explained("0.00", "奖励贡献值", "Contribution", "frontline staff share no pool", []),
    "performanceBonus": None,
    "linkage": {"value": "1.05", "labelZh": "联动系数", "labelEn": "Linkage", "explanation": GROSS["explanation"]},
    "projectBonus": None, "fundEstimate": None,
    "trend": [{"date": "2026-11-02", "commissionNet": "0.00", "poolContribution": "0.00"},
              {"date": "2026-11-28", "commissionNet": "2640.00", "poolContribution": "0.00"}],
}
for part in NET["explanation"]["parts"]:
    part["explanation"].pop("parts")


def counter(**changes: Any) -> gateway.Counter:
    node = copy.deepcopy(COUNTER)
    node.update(changes)
    return gateway.parse_counter(node)


def test_the_counter_keeps_every_figure_with_its_explanation_and_leaves_out_what_does_not_apply() -> None:
    parsed = counter()

    assert [f.key for f in parsed.figures] == ["commissionNet", "commissionGross", "commissionAccrued",
                                               "pendingCommission", "poolContribution", "linkage"]
    net = parsed.figure("commissionNet")
    assert net is not None and net.value == "2640.00"
    assert [(p.label_en, p.amount) for p in net.parts] == [("Commission", "3000.00"), ("Accrual", "360.00")]
    gross = parsed.figure("commissionGross")
    assert gross is not None
    assert [(i.code, i.value, [s.label for s in i.sources]) for i in gross.explanation.inputs] == [
        ("amount", "100000.00", ["订单 po-1 · 客户甲"]), ("rate", "0.03", [""])]
    assert gross.explanation.rule_version == "1"


def test_counters_are_big_numbers_each_with_the_figures_that_explain_it() -> None:
    views = counter_views(counter())

    assert [(v.key, v.value_text) for v in views] == [("commissionNet", "¥2,640.00"),
                                                      ("pendingCommission", "¥0.00"), ("poolContribution", "¥0.00")]
    net = views[0]
    assert [f.key for f in net.figures] == ["commissionNet", "commissionGross", "commissionAccrued"]
    assert [(p.label_zh, p.value_text) for p in net.figures[0].parts] == [("提成", "¥3,000.00"),
                                                                          ("协同计提", "¥360.00")]
    rate = net.figures[1].main.inputs[1]
    assert (rate.name_en, rate.value, [(s.kind, s.text) for s in rate.sources]) == ("Rate", "0.03",
                                                                                     [("RULE_SET", "1")])
    assert net.figures[1].main.rounding_en == "half-up to the cent"
    assert trend_rows(counter()) == [{"day": "11-01", "net": 0.0, "pool": 0.0},  # the period starts at zero
                                     {"day": "11-02", "net": 0.0, "pool": 0.0},
                                     {"day": "11-28", "net": 2640.0, "pool": 0.0}]


def test_the_performance_bonus_counter_explains_its_linkage_too() -> None:
    bonus = explained("31500.00", "绩效奖金", "Bonus", "target × coefficient × linkage", [])
    views = counter_views(counter(performanceBonus=bonus))

    assert [v.key for v in counter_views(counter(performanceBonus=bonus), backend=True)] == [
        "poolContribution", "performanceBonus", "commissionNet", "pendingCommission"]
    performance = next(v for v in views if v.key == "performanceBonus")
    assert [(f.key, f.main.value_text) for f in performance.figures] == [("performanceBonus", "¥31,500.00"),
                                                                          ("linkage", "×1.05")]


class FakeRewards:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.profiles = {"token-f": FRONTLINE, "token-hr": HR}
        self.counter: gateway.Counter | None = counter()
        self.scripts: list[list[gateway.Counter | api.GatewayError | None]] = []
        self.recorded: list[dict[str, Any]] = []
        self.answers: list[gateway.RecordResult | api.GatewayError] = []
        monkeypatch.setattr(api, "fetch_me", self.fetch_me)
        monkeypatch.setattr(gateway, "fetch_counter", self.fetch_counter)
        monkeypatch.setattr(gateway, "watch_counter", self.watch_counter)
        monkeypatch.setattr(gateway, "record_order", self.record_order)
        monkeypatch.setattr(api, "fetch_support_requests", self.fetch_support_requests)
        monkeypatch.setattr(gateway, "fetch_regions", self.fetch_regions)
        monkeypatch.setattr(gateway, "fetch_region_staff", self.fetch_region_staff)
        monkeypatch.setattr(live, "LIVE_RETRY_SECONDS", 0)

    async def fetch_me(self, token: str) -> api.Profile | None:
        return self.profiles.get(token)

    async def fetch_counter(self, token: str, employee_id: str, period: str) -> gateway.Counter | None:
        return self.counter

    async def watch_counter(self, token: str, employee_id: str, *, heartbeat_seconds: float
                            ) -> AsyncGenerator[gateway.Counter | None, None]:
        script = self.scripts.pop(0) if self.scripts else [api.GatewayError("UNAUTHENTICATED", "end of test")]
        for item in script:
            if isinstance(item, api.GatewayError):
                raise item
            yield item

    async def record_order(self, token: str, order: dict[str, Any]) -> gateway.RecordResult:
        self.recorded.append(order)
        answer = self.answers.pop(0)
        if isinstance(answer, api.GatewayError):
            raise answer
        return answer

    async def fetch_regions(self, token: str) -> tuple[gateway.Option, ...]:
        return (gateway.Option("R-EAST", "城东片区"), gateway.Option("R-WEST", "城西片区"))

    async def fetch_region_staff(self, token: str, region_code: str, search: str = "") -> tuple[gateway.Option, ...]:
        staff = (gateway.Option("E7", "F0007 王五"), gateway.Option("E8", "F0008 赵六"))
        return tuple(s for s in staff if search in s.name) if region_code == "R-EAST" else ()

    async def fetch_support_requests(self, token: str, **_: Any) -> api.SupportRequestPage:
        return api.SupportRequestPage(requests=(), has_next_page=False, end_cursor="")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeRewards:
    return FakeRewards(monkeypatch)


async def test_my_desk_shows_my_counter_then_follows_every_change(fake: FakeRewards) -> None:
    rewards = fresh_state(RewardsState)
    rewards.token = "token-f"
    fake.counter = counter(period=rewards_period())

    spec = await RewardsState.load.fn(rewards)

    assert handler_name(spec) == "RewardsState.watch_counter"
    assert rewards.counters[0].value_text == "¥2,640.00"
    assert rewards.can_record_orders
    more = copy.deepcopy(COUNTER) | {"period": rewards.period}
    more["commissionNet"] = explained("5280.00", "提成（净）", "Commission (net)", "gross − accrual", [])
    other_period = counter(period="2020-01")
    fake.scripts = [[counter(period=rewards.period), None, gateway.parse_counter(more), other_period]]

    await RewardsState.watch_counter.fn(rewards)

    assert rewards.counters[0].value_text == "¥5,280.00"  # another period's counter is not shown here
    assert rewards.changed == ["commissionNet"]
    assert rewards.updates == 2
    assert not rewards.rewards_live


def rewards_period() -> str:
    from frontend.components.performance import recent_periods

    return recent_periods(count=1)[0]


async def test_a_counter_the_api_cannot_give_shows_the_error(fake: FakeRewards, monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    async def down(*_: Any) -> None:
        raise api.GatewayError("NETWORK", "down")

    monkeypatch.setattr(gateway, "fetch_counter", down)
    rewards = fresh_state(RewardsState)
    rewards.token = "token-f"

    assert await RewardsState.load.fn(rewards) is None
    assert rewards.rewards_error_code == "NETWORK"
    assert rewards.counters == []


# --- the order form -------------------------------------------------------------------------------------------


def form(**changes: str) -> dict[str, object] | api.FieldError:
    values = {"client_order_id": "c-1", "employee_id": "E1", "region_code": "R1", "customer": " 客户甲 ",
              "order_type": "NEW", "amount": "100,000.00", "occurred_at": "2026-11-28T10:30",
              "blocking_request_id": ""} | changes
    return input_of(**values)


def test_the_form_becomes_the_api_input_and_obvious_mistakes_name_their_field() -> None:
    assert form() == {"clientOrderId": "c-1", "employeeId": "E1", "regionCode": "R1", "customer": "客户甲",
                      "type": "NEW", "amount": "100000.00", "occurredAt": "2026-11-28T10:30:00+08:00",
                      "blockingRequestId": None}
    for amount in ("", "0", "0.00", "-5", "1.005", "abc"):
        refused = form(amount=amount)
        assert isinstance(refused, api.FieldError) and refused.field == "amount", amount
    assert getattr(form(customer="  "), "field", "") == "customer"
    assert getattr(form(occurred_at="yesterday"), "field", "") == "occurredAt"
    assert getattr(form(order_type="GIFT"), "field", "") == "type"


async def opened_form(fake: FakeRewards, token: str = "token-f") -> tuple[OrderState, list[Any]]:
    state = fresh_state(OrderState)
    state.token = token
    updates = await run_handler(OrderState.load.fn(state))
    return state, updates


def is_new_id_script(update: Any) -> bool:
    return handler_name(update) == "call_script" or NEW_CLIENT_ID_JS in str(update)


async def test_a_frontline_employee_records_for_themself_and_a_resend_keeps_the_device_s_id(
        fake: FakeRewards) -> None:
    state, updates = await opened_form(fake)
    assert any(is_new_id_script(u) for u in updates)  # the id is made in the browser
    assert (state.employee_id, state.region_code) == (FRONTLINE.id, FRONTLINE.region_code)
    OrderState.set_client_order_id.fn(state, "uuid-made-on-the-phone")
    OrderState.set_customer.fn(state, "客户甲")
    OrderState.set_amount.fn(state, "100000")
    fake.answers = [api.GatewayError("NETWORK", "connection reset"),
                    gateway.RecordedOrder("O1", "uuid-made-on-the-phone", "CREDITED", "3000.00", created=True)]

    await run_handler(OrderState.submit.fn(state, {}))
    assert state.error_code == "NETWORK" and state.client_order_id == "uuid-made-on-the-phone"
    updates = await run_handler(OrderState.submit.fn(state, {}))

    assert [o["clientOrderId"] for o in fake.recorded] == ["uuid-made-on-the-phone"] * 2
    assert (state.recorded_status, state.recorded_commission, state.error_code) == ("CREDITED", "¥3,000.00", "")
    assert state.client_order_id == "" and any(is_new_id_script(u) for u in updates)  # the next order is new
    assert (state.customer, state.amount) == ("", "")


async def test_a_refusal_shows_on_the_field_it_names(fake: FakeRewards) -> None:
    state, _ = await opened_form(fake, "token-hr")
    assert (state.region_code, state.employee_id, state.error_code) == ("R-EAST", "", "")  # HR picks anyone
    OrderState.set_employee.fn(state, "E7")
    await OrderState.set_region.fn(state, "R-WEST")
    assert (state.staff, state.employee_id) == ([], "")
    await OrderState.set_region.fn(state, "R-EAST")
    await OrderState.set_staff_search.fn(state, "王五")  # a large region is searched, not scrolled
    assert [s.label for s in state.staff] == ["F0007 王五"]
    OrderState.set_employee.fn(state, "E7")
    OrderState.set_client_order_id.fn(state, "c-9")
    OrderState.set_customer.fn(state, "客户乙")
    OrderState.set_amount.fn(state, "20000000")
    fake.answers = [api.FieldError("VALIDATION", "amount 20000000 is above the ceiling 10000000.00", "amount")]

    await run_handler(OrderState.submit.fn(state, {}))

    assert (state.error_field, state.error_code) == ("amount", "VALIDATION")
    assert "ceiling" in state.error_message
    assert state.client_order_id == "c-9"  # nothing was written: the same id may go again
    assert state.for_anyone


async def test_nothing_is_sent_before_the_device_made_the_id(fake: FakeRewards) -> None:
    state, _ = await opened_form(fake)
    OrderState.set_customer.fn(state, "客户甲")
    OrderState.set_amount.fn(state, "1")

    updates = await run_handler(OrderState.submit.fn(state, {}))

    assert fake.recorded == [] and any(is_new_id_script(u) for u in updates)
