"""Scalars of the contract: Money as a decimal string with 2 places, Decimal as a string."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, NewType

import strawberry
from strawberry.schema.types.base_scalars import DateDefinition, DateTimeDefinition

from backend.domain.org import EARLIEST_DATE, LATEST_DATE

# Far beyond any amount, weight or rate of an organisation, and far inside Decimal's 28-digit context, so no
# later arithmetic (quantize, largest remainder) can overflow on what a client sent.
MAX_INTEGER_DIGITS = 15
MAX_FRACTION_DIGITS = 12


class ScalarInputError(ValueError):
    """A literal or variable a custom scalar refuses. Its message is meant for the client (never masked)."""


def _parse_decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ScalarInputError('expected a decimal string such as "317.65"')
    text = str(value).strip()
    if len(text) > 40:
        raise ScalarInputError("decimal value too long (at most 40 characters)")
    try:
        parsed = Decimal(text)
    except InvalidOperation as exc:
        raise ScalarInputError(f"not a decimal number: {text!r}") from exc
    if not parsed.is_finite():
        raise ScalarInputError("decimal value must be finite")
    if parsed != 0 and (parsed.adjusted() >= MAX_INTEGER_DIGITS or parsed.as_tuple().exponent < -MAX_FRACTION_DIGITS):  # type: ignore[operator]
        raise ScalarInputError(f"decimal value out of range (at most {MAX_INTEGER_DIGITS} digits before the point "
                               f"and {MAX_FRACTION_DIGITS} after)")
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


def _bounded(parse: Callable[[object], Any], kind: str) -> Callable[[object], Any]:
    def parse_value(value: object) -> Any:
        parsed = parse(value)
        day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise ScalarInputError(f"{kind} {value!r} is outside {EARLIEST_DATE.year}–{LATEST_DATE.year}, "
                                   "the years an organisation's records can plausibly cover")
        return parsed

    return parse_value


# Date and DateTime as strawberry's own, but refusing years no record can be about (hire dates in year 1 or
# 9999, a customer report in year 1): the bound is in domain/org.py, shared with periods.
BOUNDED_DATES = {
    dt.date: dataclasses.replace(DateDefinition, parse_value=_bounded(DateDefinition.parse_value, "date")),
    dt.datetime: dataclasses.replace(DateTimeDefinition,
                                     parse_value=_bounded(DateTimeDefinition.parse_value, "time")),
}
