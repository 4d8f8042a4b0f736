"""Reward rule-set guardrails at both ends of each interval, named by their parameter (the API returns the field),
and the order checks: amounts from a cent up to the ceiling, an order time with an offset and not in the future."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from backend.domain.errors import ValidationError
from backend.domain.rewards import check_amount, check_not_future
from backend.domain.rules import DEFAULT_RULES, RuleSet

D = Decimal

# (field as the API names it, RuleSet attribute, lowest accepted, highest accepted, just outside each end)
GUARDRAILS = [
    ("commissionRateNew", "commission_rate_new", "0", "1", "-0.0001", "1.0001"),
    ("commissionRateRenewal", "commission_rate_renewal", "0", "1", "-0.0001", "1.0001"),
    ("accrualRatio", "accrual_ratio", "0.10", "0.15", "0.0999", "0.1501"),
    ("orderAmountCeiling", "order_amount_ceiling", "0.01", "1000000000.00", "0", "1000000000.01"),
    ("fundRatio", "fund_ratio", "0.05", "0.10", "0.0499", "0.1001"),
    ("fundAchievementGate", "fund_achievement_gate", "1", "3", "0.9999", "3.0001"),
    ("fundSatisfactionGate", "fund_satisfaction_gate", "0", "100", "-0.01", "100.01"),
    ("fundSplitFrontline", "fund_split_frontline", "0", "1", "-0.01", "1.01"),
    ("linkageSlope", "linkage_slope", "0", "2", "-0.01", "2.01"),
    ("linkageUpliftCap", "linkage_uplift_cap", "0", "1", "-0.01", "1.01"),
    ("pensionRate", "pension_rate", "0", "0.2", "-0.01", "0.21"),
    ("medicalRate", "medical_rate", "0", "0.2", "-0.01", "0.21"),
    ("unemploymentRate", "unemployment_rate", "0", "0.2", "-0.01", "0.21"),
    ("housingFundRate", "housing_fund_rate", "0.05", "0.12", "0.0499", "0.1201"),
]


@pytest.mark.parametrize(("field", "attribute", "low", "high", "below", "above"), GUARDRAILS)
def test_each_guardrail_holds_at_both_ends(field: str, attribute: str, low: str, high: str, below: str,
                                           above: str) -> None:
    for accepted in (low, high):
        assert getattr(RuleSet(**{attribute: D(accepted)}), attribute) == D(accepted)
    for refused in (below, above):
        with pytest.raises(ValidationError) as error:
            RuleSet(**{attribute: D(refused)})
        assert (error.value.field, error.value.message) == (
            field, f"{field} is {refused}, outside its guardrail [{low}, {high}]")


def _refusal(call: Any) -> tuple[str, str | None]:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message, error.value.field


@pytest.mark.parametrize("amount", ["0.01", "0.50", "1.00", "1.01"])
def test_an_order_amount_from_a_cent_is_accepted(amount: str) -> None:
    assert check_amount(D(amount), DEFAULT_RULES) == D(amount)


def test_bad_order_amounts_are_refused_with_the_reason() -> None:
    assert _refusal(lambda: check_amount(D("1.001"), DEFAULT_RULES)) == (
        "amount must be in yuan with at most 2 decimal places", "amount")
    assert _refusal(lambda: check_amount(D(0), DEFAULT_RULES)) == ("amount must be positive", "amount")
    assert _refusal(lambda: check_amount(D("10000000.01"), DEFAULT_RULES)) == (
        f"amount 10000000.01 is above the ceiling 10000000.00 of rule set {DEFAULT_RULES.version}", "amount")


def test_an_order_time_needs_an_offset_and_may_not_lie_ahead() -> None:
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    check_not_future(now, now)  # the very moment is not the future
    check_not_future(now - timedelta(days=30), now)
    assert _refusal(lambda: check_not_future(now + timedelta(seconds=1), now)) == (
        "occurredAt lies in the future", "occurredAt")
    assert _refusal(lambda: check_not_future(datetime(2026, 11, 30, 12, 0), now)) == (
        "occurredAt needs a time zone offset", "occurredAt")
