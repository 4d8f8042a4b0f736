"""Money figures explained in full (SPEC §7: the formula, every input with the records it came from, the
rounding and the rule-set version): the linkage multiplier and the performance bonus it multiplies, an order's
commission, accrual and net, a pool's shares and carry-over, running totals. Each figure is compared, through
its JSON form (what clients receive and what a frozen figure stores), with tests/unit/explained/figures.json —
reviewed by hand; regenerate only for a deliberate change of wording (python /path/to/gen script)."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from backend.domain.explain import ExplainedAmount
from backend.domain.explain_codec import from_json, to_json
from backend.domain.linkage import Coefficient, LinkedRegion, linkage, performance_bonus
from backend.domain.rewards import (
    OrderType,
    Recipient,
    explained_total,
    figures_with,
    order_figures,
    split_pool,
    total_of,
)
from backend.domain.rules import DEFAULT_RULES, RuleSet

D = Decimal
P = "2026-11"
RULES = RuleSet(version="7")
GOLDEN = Path(__file__).parent / "explained" / "figures.json"


def region(code: str, weight: str, actual: str, target: str | None, orders: int = 0) -> LinkedRegion:
    return LinkedRegion(code=code, weight=D(weight), actual=D(actual), target=None if target is None else D(target),
                        orders=orders)


def _multiplier() -> ExplainedAmount:
    # R1 1.2 (weight 1, 3 orders); R3 has a zero target and R4 none: both listed, neither counted.
    return linkage(department="TECH", regions=[region("R4", "1", "10.00", None), region("R1", "1", "1200000.00",
                                                                                         "1000000.00", 3),
                                               region("R3", "2", "10.00", "0")], period=P, rules=RULES).multiplier


def _orders() -> list[ExplainedAmount]:
    new = order_figures(amount=D("687.50"), order_type=OrderType.NEW, rules=RULES, order_ref="ORD-1",
                        label="城东光网 ORD-1")
    renewal = order_figures(amount=D("1234.50"), order_type=OrderType.RENEWAL, rules=RULES, order_ref="ORD-2")
    return [new.commission, new.accrual, new.net, renewal.commission]


def _split() -> list[ExplainedAmount]:
    split = split_pool(pool=D("360.00"), region="R1", period=P, rule_version="7", recipients=[
        Recipient(2, "B0002", D("0.4"), ("SR-2",)), Recipient(1, "B0001", D(3), ("SR-1", "SR-3")),
        Recipient(3, "B0003", D(0), ("SR-4",))])
    return [split.shares[1], split.shares[2], split.carry_over]


CASES: dict[str, Callable[[], ExplainedAmount]] = {
    "multiplier": _multiplier,
    "multiplier, no region has a target": lambda: linkage(
        department="TECH", regions=[region("R3", "2", "10.00", None)], period=P, rules=RULES).multiplier,
    "multiplier, no region": lambda: linkage(department="HR", regions=[], period=P, rules=RULES).multiplier,
    "bonus, backend": lambda: performance_bonus(
        target_bonus=D("20000.00"), coefficient=Coefficient(D("1.0"), "80 分 → 1.0", "80 → 1.0", RULES.version,
                                                            "B0001:2026-11"),
        multiplier=_multiplier(), period=P, rules=RULES, employee_ref="B0001"),
    "bonus, frontline": lambda: performance_bonus(
        target_bonus=D("1000.00"), coefficient=Coefficient(D("0.8"), "75 分 → 0.8", "75 → 0.8"), multiplier=None,
        period=P, rules=RULES, employee_ref="F0001"),
    "bonus, not assessed": lambda: performance_bonus(
        target_bonus=D("333.33"), coefficient=Coefficient(None, "没有适用的考核方案", "no assessment scheme applied"),
        multiplier=None, period=P, rules=RULES, employee_ref="F0002"),
    "commission, new": lambda: _orders()[0],
    "accrual": lambda: _orders()[1],
    "net": lambda: _orders()[2],
    "commission, renewal": lambda: _orders()[3],
    "pool share, B0001": lambda: _split()[0],
    "pool share, B0002": lambda: _split()[1],
    "carry-over, shared out": lambda: _split()[2],
    "carry-over, nobody": lambda: split_pool(pool=D("10.00"), region="R2", period=P, rule_version="7", recipients=[
        Recipient(3, "B0003", D(0))]).carry_over,
    "carry-over, empty pool": lambda: split_pool(pool=D(0), region="R2", period=P, recipients=[
        Recipient(3, "B0003", D(1))]).carry_over,
    "empty pool share": lambda: split_pool(pool=D(0), region="R2", period=P, recipients=[
        Recipient(3, "B0003", D(1))]).shares[3],
    "total of parts, 2 not listed": lambda: total_of(
        _orders()[:1] + _orders()[3:], label_zh="提成合计", label_en="commission total", formula_zh="提成 = Σ 订单提成",
        formula_en="commission = Σ orders' commission", rule_version="7", more=2),
    "total of parts": lambda: total_of(_orders()[:1], label_zh="提成合计", label_en="commission total",
                                       formula_zh="提成 = Σ 订单提成", formula_en="commission = Σ orders' commission"),
    "ledger total, parts short": lambda: explained_total(
        D("100.00"), _orders()[:1], label_zh="提成", label_en="commission", formula_zh="提成 = Σ 分录",
        formula_en="commission = Σ entries", rule_version="7"),
    "ledger total, parts complete": lambda: explained_total(
        D("20.63"), _orders()[:1], label_zh="提成", label_en="commission", formula_zh="提成 = Σ 分录",
        formula_en="commission = Σ entries"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_figure_is_explained_in_full(name: str) -> None:
    figure = CASES[name]()
    assert to_json(figure) == json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    assert from_json(to_json(figure)) == figure  # and a stored one reads back exactly


def test_the_worked_values() -> None:
    assert [f.value for f in _orders()] == [D("20.63"), D("2.48"), D("18.15"), D("12.35")]
    assert [f.value for f in _split()] == [D("317.65"), D("42.35"), D(0)]
    assert CASES["multiplier"]().value == D("1.1") and CASES["bonus, backend"]().value == D("22000.00")
    assert CASES["carry-over, nobody"]().value == D("10.00") and CASES["carry-over, empty pool"]().value == 0
    assert CASES["total of parts, 2 not listed"]().value == D("32.98")
    assert CASES["ledger total, parts short"]().value == D("100.00")
    assert DEFAULT_RULES.version != RULES.version  # the figures name rule set 7, not the default


def test_a_stored_figure_without_optional_keys_reads_back_with_their_defaults() -> None:
    stored = {"value": "1.00", "explanation": {"formula_zh": "甲", "formula_en": "a",
                                               "inputs": [{"code": "x", "name_zh": "乙", "name_en": "b",
                                                           "value": "1", "sources": [{"kind": "ORDER", "id": "O1"}]}]}}
    figure = from_json(stored)
    assert (figure.label_zh, figure.label_en, figure.extra) == ("", "", {})
    explanation = figure.explanation
    assert (explanation.rounding_zh, explanation.rounding_en, explanation.rule_version, explanation.parts) == (
        "", "", None, ())
    assert explanation.inputs[0].sources[0].label == ""
    bare = from_json({"value": "2", "explanation": {"formula_zh": "甲", "formula_en": "a"}})
    assert bare.explanation.inputs == () and bare.explanation.parts == ()


def test_an_order_without_a_label_is_named_by_its_reference() -> None:
    figures = figures_with(amount=D("100.00"), order_type=OrderType.NEW, rate=D("0.03"), ratio=D("0.12"),
                           version="7", order_ref="O-9")
    assert {s.label for i in figures.commission.explanation.inputs for s in i.sources} == {"order O-9", "rule set 7"}


def test_a_one_yuan_pool_is_shared_and_an_empty_one_names_its_rule_version() -> None:
    one = split_pool(pool=D("1.00"), region="R1", period=P, recipients=[Recipient(1, "B1", D(3)),
                                                                       Recipient(2, "B2", D(1))])
    assert (one.shares[1].value, one.shares[2].value, one.carry_over.value) == (D("0.75"), D("0.25"), 0)
    empty = split_pool(pool=D(0), region="R1", period=P, rule_version="7", recipients=[Recipient(1, "B1", D(3))])
    assert empty.shares[1].value == 0 and empty.shares[1].explanation.rule_version == "7"


def test_a_ledger_total_with_no_parts_listed_says_they_sum_to_nothing() -> None:
    total = explained_total(D("5.00"), [], label_zh="提成", label_en="commission", formula_zh="提成 = Σ 分录",
                            formula_en="commission = Σ entries")
    assert (total.explanation.formula_en, total.explanation.formula_zh) == (
        "commission = Σ entries (parts listed sum to 0.00)", "提成 = Σ 分录（已列出部分合计 0.00）")
