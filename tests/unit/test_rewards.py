"""Commission, accrual, net and pool splits (SPEC §5, §9, §11) — pure, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.domain.errors import ValidationError
from backend.domain.money import ZERO
from backend.domain.rewards import (
    OrderType,
    Recipient,
    check_amount,
    deltas,
    next_period,
    order_figures,
    previous_period,
    split_pool,
)
from backend.domain.rules import DEFAULT_RULES, RuleSet

D = Decimal


def test_spec_11_worked_example() -> None:
    figures = order_figures(amount=D("100000.00"), order_type=OrderType.NEW, rules=DEFAULT_RULES, order_ref="O1")
    assert (figures.commission.value, figures.accrual.value, figures.net.value) == (D("3000.00"), D("360.00"),
                                                                                   D("2640.00"))
    split = split_pool(pool=figures.accrual.value, region="R1", period="2026-11", recipients=[
        Recipient(1, "B1", D(3), ("SR-1",)), Recipient(2, "B2", D("0.4"), ("SR-2",))])
    assert split.shares[1].value == D("317.65")
    assert split.shares[2].value == D("42.35")
    assert split.carry_over.value == ZERO


def test_rates_by_type_and_rounding_half_up_then_net_not_rounded() -> None:
    # 0.50 × 3 % = 0.015 → 0.02 (half-up); accrual 0.02 × 12 % = 0.0024 → 0.00; net 0.02.
    tiny = order_figures(amount=D("0.50"), order_type=OrderType.NEW, rules=DEFAULT_RULES, order_ref="O")
    assert (tiny.commission.value, tiny.accrual.value, tiny.net.value) == (D("0.02"), D("0.00"), D("0.02"))
    # 1,234.50 renewal × 1 % = 12.345 → 12.35; × 12 % = 1.482 → 1.48; net 10.87.
    renewal = order_figures(amount=D("1234.50"), order_type=OrderType.RENEWAL, rules=DEFAULT_RULES, order_ref="O")
    assert (renewal.commission.value, renewal.accrual.value, renewal.net.value) == (D("12.35"), D("1.48"),
                                                                                    D("10.87"))
    # 41.25 × 12 % = 4.95 exactly; 20.625 → 20.63 shows half-up (banker's rounding would give 20.62).
    odd = order_figures(amount=D("687.50"), order_type=OrderType.NEW, rules=DEFAULT_RULES, order_ref="O")
    assert odd.commission.value == D("20.63")


def test_explanations_name_rule_version_and_sources_and_recompute() -> None:
    rules = RuleSet(version="7", accrual_ratio=D("0.15"))
    figures = order_figures(amount=D("999.99"), order_type=OrderType.NEW, rules=rules, order_ref="ORD-9")
    for figure in (figures.commission, figures.accrual, figures.net):
        assert figure.explanation.rule_version == "7"
        assert any(s.id == "ORD-9" for i in figure.explanation.inputs for s in i.sources)
    inputs = {i.code: D(i.value) for i in figures.commission.explanation.inputs}
    assert (inputs["amount"] * inputs["rate"]).quantize(D("0.01"), rounding="ROUND_HALF_UP") == \
        figures.commission.value
    acc = {i.code: D(i.value) for i in figures.accrual.explanation.inputs}
    assert (acc["commission"] * acc["ratio"]).quantize(D("0.01"), rounding="ROUND_HALF_UP") == figures.accrual.value


def test_ties_go_by_employee_number_ascending_not_by_id() -> None:
    # 0.01 between two equal holders: the lower employee number gets the cent, whatever the ids.
    split = split_pool(pool=D("0.01"), region="R1", period="2026-11", recipients=[
        Recipient(5, "B0002", D(1)), Recipient(9, "B0001", D(1))])
    assert split.shares[9].value == D("0.01") and split.shares[5].value == ZERO


def test_nobody_qualifies_carries_everything_over() -> None:
    split = split_pool(pool=D("360.00"), region="R1", period="2026-11", recipients=[])
    assert split.carry_over.value == D("360.00") and split.shares == {}
    split = split_pool(pool=D("10.00"), region="R1", period="2026-11", recipients=[Recipient(1, "B1", ZERO)])
    assert split.carry_over.value == D("10.00")


@pytest.mark.parametrize("pool", [D("0.01"), D("0.07"), D("100.00"), D("360.00"), D("12345.67")])
def test_shares_always_sum_to_the_pool(pool: Decimal) -> None:
    recipients = [Recipient(i, f"B{i:04d}", D(p)) for i, p in enumerate(["3", "0.4", "0.2", "1.6", "0.8"], 1)]
    split = split_pool(pool=pool, region="R", period="2026-11", recipients=recipients)
    assert sum(s.value for s in split.shares.values()) + split.carry_over.value == pool


@pytest.mark.parametrize("amount", [D(0), D("-1.00"), D("0.001"), D("10000000.01"), D("NaN")])
def test_amount_refused(amount: Decimal) -> None:
    with pytest.raises(ValidationError):
        check_amount(amount, DEFAULT_RULES)


def test_amount_at_ceiling_accepted() -> None:
    assert check_amount(D("10000000.00"), DEFAULT_RULES) == D("10000000.00")


def test_deltas_and_periods() -> None:
    assert deltas({1: D("5.00"), 2: D("1.00")}, {1: D("5.00"), 3: D("2.00")}) == {2: D("1.00"), 3: D("-2.00")}
    assert next_period("2026-12") == "2027-01" and previous_period("2027-01") == "2026-12"
    assert next_period("2026-03") == "2026-04" and previous_period("2026-03") == "2026-02"
