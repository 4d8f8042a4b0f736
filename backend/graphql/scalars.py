"""Scalars of the contract: Money as a decimal string with 2 places, Decimal as a string."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import NewType

import strawberry


def _parse_decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("expected a decimal string such as \"317.65\"")
    text = str(value).strip()
    if len(text) > 40:
        raise ValueError("decimal value too long")
    try:
        parsed = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal number: {text!r}") from exc
    if not parsed.is_finite():
        raise ValueError("decimal value must be finite")
    return parsed


Money = strawberry.scalar(
    NewType("Money", Decimal),
    description='An amount in yuan as a decimal string with 2 places, e.g. "317.65". Never a float.',
    serialize=lambda value: f"{Decimal(value).quantize(Decimal('0.01'))}",
    parse_value=_parse_decimal,
)

DecimalNumber = strawberry.scalar(
    NewType("DecimalNumber", Decimal),
    name="Decimal",
    description='An exact decimal number as a string, e.g. "0.4" (weights, points, rates).',
    serialize=lambda value: f"{Decimal(value).normalize():f}",
    parse_value=_parse_decimal,
)
