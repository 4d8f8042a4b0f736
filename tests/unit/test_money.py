"""Money: half-up cents, largest-remainder splits that always sum to the whole."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.domain.money import allocate, to_money


def test_rate_amounts_round_half_up_to_the_cent() -> None:
    assert to_money(Decimal("2.345")) == Decimal("2.35")
    assert to_money(Decimal("2.344999")) == Decimal("2.34")
    assert to_money(Decimal("-2.345")) == Decimal("-2.35")
    assert str(to_money(3000)) == "3000.00"


def test_spec_worked_example_pool_split() -> None:
    # SPEC §11: a 360.00 pool split 3 : 0.4 between B1 and B2.
    parts = allocate(Decimal("360.00"), {"B1": Decimal(3), "B2": Decimal("0.4")})
    assert parts == {"B1": Decimal("317.65"), "B2": Decimal("42.35")}


def test_leftover_cents_go_to_largest_remainders_then_by_order() -> None:
    thirds = allocate(Decimal("100.00"), {"E002": Decimal(1), "E001": Decimal(1), "E003": Decimal(1)},
                      order=["E001", "E002", "E003"])
    assert thirds == {"E001": Decimal("33.34"), "E002": Decimal("33.33"), "E003": Decimal("33.33")}


def test_zero_weight_gets_nothing_and_bad_input_is_refused() -> None:
    assert allocate(Decimal("1.00"), {"a": Decimal(0), "b": Decimal(2)}) == {"a": Decimal("0.00"),
                                                                            "b": Decimal("1.00")}
    with pytest.raises(ValueError):
        allocate(Decimal("1.005"), {"a": Decimal(1)})
    with pytest.raises(ValueError):
        allocate(Decimal("1.00"), {"a": Decimal(0)})
    with pytest.raises(ValueError):
        allocate(Decimal("1.00"), {"a": Decimal(-1), "b": Decimal(2)})


@given(
    cents=st.integers(min_value=-10**9, max_value=10**9),
    weights=st.lists(st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False), min_size=1, max_size=30),
)
def test_parts_always_sum_exactly_to_the_whole(cents: int, weights: list[Decimal]) -> None:
    if sum(weights) == 0:
        weights = [*weights[:-1], Decimal(1)]
    total = Decimal(cents) / 100
    parts = allocate(total, {index: weight for index, weight in enumerate(weights)})
    assert sum(parts.values()) == total
    for index, weight in enumerate(weights):
        exact = total * weight / sum(weights)
        assert abs(parts[index] - exact) < Decimal("0.01")


def test_the_largest_remainder_wins_the_leftover_cent_even_against_the_larger_part() -> None:
    # 2 cents at 3 : 2 → exact 1.2 and 0.8 cents: floors 1 and 0, the leftover cent to the 0.8 remainder.
    assert allocate(Decimal("0.02"), {"a": Decimal(3), "b": Decimal(2)}) == {"a": Decimal("0.01"),
                                                                            "b": Decimal("0.01")}
    # A negative total (a reversal) splits the same way, every part negative.
    assert allocate(Decimal("-0.02"), {"a": Decimal(3), "b": Decimal(2)}) == {"a": Decimal("-0.01"),
                                                                             "b": Decimal("-0.01")}


@pytest.mark.parametrize(("call", "message"), [
    (lambda: to_money("abc"), "not an amount: 'abc'"),
    (lambda: to_money(Decimal("Infinity")), "not a finite amount: Decimal('Infinity')"),
    (lambda: allocate(Decimal("1.005"), {"a": Decimal(1)}), "total must be whole cents: 1.005"),
    (lambda: allocate(Decimal("1.00"), {"a": Decimal(1)}, order=["b"]), "order must list exactly the weighted keys"),
    (lambda: allocate(Decimal("1.00"), {"a": Decimal(-1)}), "weights must not be negative"),
    (lambda: allocate(Decimal("1.00"), {}), "cannot allocate over an empty or zero weight set"),
])
def test_bad_input_is_refused_with_a_message_that_says_why(call: object, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        call()  # type: ignore[operator]
    assert str(refused.value) == message
