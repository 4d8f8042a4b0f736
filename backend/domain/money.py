"""Money in yuan as Decimal with two places; splits by largest remainder (SPEC §9)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TypeVar

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

K = TypeVar("K", bound=Hashable)


def to_money(value: Decimal | int | str) -> Decimal:
    """Round to the cent, half-up: the rule for every amount computed by a rate."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def is_whole_cents(value: Decimal) -> bool:
    return value.is_finite() and value == value.quantize(CENT)


def allocate(total: Decimal, weights: Mapping[K, Decimal], order: Sequence[K] | None = None) -> dict[K, Decimal]:
    """Split `total` in proportion to `weights`, in whole cents that sum exactly to `total`.

    Largest remainder: every part gets its floor in cents, then the cents left over go one each to
    the largest remainders; ties go in `order` (callers pass employees sorted by employee number).
    """
    if not is_whole_cents(total):
        raise ValueError(f"total must be whole cents: {total}")
    keys = list(order) if order is not None else list(weights)
    if set(keys) != set(weights):
        raise ValueError("order must list exactly the weighted keys")
    if any(w < 0 for w in weights.values()):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights.values(), Decimal(0))
    if not keys or weight_sum == 0:
        raise ValueError("cannot allocate over an empty or zero weight set")
    total_cents = int(total / CENT)
    sign = -1 if total_cents < 0 else 1
    magnitude = abs(total_cents)
    floors: dict[K, int] = {}
    remainders: dict[K, Decimal] = {}
    for key in keys:
        exact = Decimal(magnitude) * weights[key] / weight_sum
        floor = int(exact.to_integral_value(rounding=ROUND_DOWN))
        floors[key] = floor
        remainders[key] = exact - floor
    leftover = magnitude - sum(floors.values())
    position = {key: index for index, key in enumerate(keys)}
    for key in sorted(keys, key=lambda k: (-remainders[k], position[k]))[:leftover]:
        floors[key] += 1
    return {key: (Decimal(sign * floors[key]) * CENT).quantize(CENT) for key in keys}
