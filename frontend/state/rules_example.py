"""The Rules page's worked example: SPEC §11's story told with the parameters of the rule set shown.

Region R1, frontline F1 records a NEW order of 100,000.00; backend B1 resolved an URGENT request from R1 (rated
5, SLA met), B2 a NORMAL one (rated 4, SLA breached). Under the SPEC defaults: commission 3,000.00, accrual
360.00, F1 keeps 2,640.00, points 3 and 0.4, pool shares 317.65 and 42.35. Under another rule set the same story
gives that rule set's figures — computed here, in the browser's server process, from the parameters the API
sent (rates by multiplication rounded half-up to the cent, the pool split by largest remainder, ties by employee
number: SPEC §9), so everyone can follow the arithmetic.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

CENT = Decimal("0.01")
ORDER_AMOUNT = Decimal("100000.00")
# Linkage example: the regions a backend department supports beat their targets by 10 % on link-weighted average.
LINKAGE_ACHIEVEMENT = Decimal("1.10")


@dataclasses.dataclass(frozen=True)
class ExampleLine:
    """One step: what it is (a label key), the arithmetic with this rule set's numbers, and the result."""

    key: str = ""
    arithmetic: str = ""
    result: str = ""


def _decimal(value: Any, default: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return Decimal(default)


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _plain(value: Decimal) -> str:
    """A quantity without a trailing exponent or needless zeros: 3, 0.4, 0.12."""
    text = f"{value.normalize():f}"
    return text


def _yuan(value: Decimal) -> str:
    return f"{value:,.2f}"


def split(total: Decimal, weights: list[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """`total` in whole cents by `weights` (name, weight): largest remainder, ties by name (the employee number)."""
    cents = int((total / CENT).to_integral_value())
    whole = sum((w for _, w in weights), Decimal(0))
    if whole <= 0:
        return {name: Decimal(0) for name, _ in weights}
    exact = {name: Decimal(cents) * w / whole for name, w in weights}
    floors = {name: int(value.to_integral_value(rounding=ROUND_DOWN)) for name, value in exact.items()}
    left = cents - sum(floors.values())
    for name in sorted(exact, key=lambda n: (-(exact[n] - floors[n]), n))[:left]:
        floors[name] += 1
    return {name: Decimal(floors[name]) * CENT for name, _ in weights}


def worked_example(parameters: Mapping[str, Any]) -> list[ExampleLine]:
    """SPEC §11 under `parameters` (the API's names: commissionRateNew, accrualRatio, priorityWeights, …)."""
    rate = _decimal(parameters.get("commissionRateNew"), "0.03")
    ratio = _decimal(parameters.get("accrualRatio"), "0.12")
    weights = parameters.get("priorityWeights") or {}
    urgent = _decimal(weights.get("URGENT") if isinstance(weights, Mapping) else None, "3")
    normal = _decimal(weights.get("NORMAL") if isinstance(weights, Mapping) else None, "1")
    breached = _decimal(parameters.get("breachedSlaFactor"), "0.5")
    slope = _decimal(parameters.get("linkageSlope"), "0.5")
    cap = _decimal(parameters.get("linkageUpliftCap"), "0.25")

    commission = _money(ORDER_AMOUNT * rate)
    accrual = _money(commission * ratio)
    kept = commission - accrual
    b1 = urgent * Decimal(5) / Decimal(5) * Decimal(1)
    b2 = normal * Decimal(4) / Decimal(5) * breached
    shares = split(accrual, [("B1", b1), ("B2", b2)])
    uplift = min(slope * max(Decimal(0), LINKAGE_ACHIEVEMENT - 1), cap)
    return [
        ExampleLine("commission", f"{_yuan(ORDER_AMOUNT)} × {_plain(rate)}", _yuan(commission)),
        ExampleLine("accrual", f"{_yuan(commission)} × {_plain(ratio)}", _yuan(accrual)),
        ExampleLine("kept", f"{_yuan(commission)} − {_yuan(accrual)}", _yuan(kept)),
        ExampleLine("points_b1", f"{_plain(urgent)} × 5/5 × 1", _plain(b1)),
        ExampleLine("points_b2", f"{_plain(normal)} × 4/5 × {_plain(breached)}", _plain(b2)),
        ExampleLine("share_b1", f"{_yuan(accrual)} × {_plain(b1)} / ({_plain(b1)} + {_plain(b2)})",
                    _yuan(shares["B1"])),
        ExampleLine("share_b2", f"{_yuan(accrual)} − {_yuan(shares['B1'])}", _yuan(shares["B2"])),
        ExampleLine("linkage", f"1 + min({_plain(slope)} × ({_plain(LINKAGE_ACHIEVEMENT)} − 1), {_plain(cap)})",
                    f"×{_plain(1 + uplift)}"),
    ]
