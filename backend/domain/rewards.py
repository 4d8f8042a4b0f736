"""Commission, collaboration accrual and support-pool shares (SPEC §5, §9, §11), each figure explained.

Pure: no ORM, no IO. The services write what these functions decide as ledger entries and running totals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum

from backend.domain.errors import ValidationError
from backend.domain.explain import ExplainedAmount, Explanation, Input, Source, SourceKind, text
from backend.domain.money import ZERO, allocate, is_whole_cents, to_money
from backend.domain.rules import RuleSet

HALF_UP_ZH = "按分四舍五入（ROUND_HALF_UP）"
HALF_UP_EN = "rounded to the cent, half-up"
NOT_ROUNDED_ZH = "差额，不再舍入"
NOT_ROUNDED_EN = "a difference: not rounded again"
LARGEST_REMAINDER_ZH = "最大余数法分配到分，余数相同按工号升序"
LARGEST_REMAINDER_EN = "whole cents by largest remainder; ties by employee number, ascending"


class OrderType(str, Enum):
    NEW = "NEW"
    RENEWAL = "RENEWAL"


class OrderStatus(str, Enum):
    PENDING = "PENDING"  # blocked by an unresolved support request
    CREDITED = "CREDITED"
    CANCELLED = "CANCELLED"


class EntryKind(str, Enum):
    COMMISSION = "COMMISSION"
    ACCRUAL = "ACCRUAL"
    POOL_SHARE = "POOL_SHARE"
    CARRY_OVER = "CARRY_OVER"
    REVERSAL = "REVERSAL"
    ADJUSTMENT = "ADJUSTMENT"  # a reversal that lands in the next open period


class Figure(str, Enum):
    """Which balance an entry moves (a REVERSAL of an accrual moves ACCRUAL)."""

    COMMISSION = "COMMISSION"
    ACCRUAL = "ACCRUAL"
    POOL_SHARE = "POOL_SHARE"
    CARRY_OVER = "CARRY_OVER"  # out of a pool with nobody to receive it
    CARRY_IN = "CARRY_IN"  # the same money arriving in the region's next period


def rate_for(order_type: OrderType, rules: RuleSet) -> Decimal:
    return rules.commission_rate_new if order_type is OrderType.NEW else rules.commission_rate_renewal


def check_amount(amount: Decimal, rules: RuleSet) -> Decimal:
    """Positive, whole cents, not above the rule set's ceiling (a larger one is a typing error)."""
    if not amount.is_finite() or not is_whole_cents(amount):
        raise ValidationError("amount must be in yuan with at most 2 decimal places", field="amount")
    if amount <= 0:
        raise ValidationError("amount must be positive", field="amount")
    if amount > rules.order_amount_ceiling:
        raise ValidationError(f"amount {amount} is above the ceiling {rules.order_amount_ceiling} of rule set "
                              f"{rules.version}", field="amount")
    return amount.quantize(Decimal("0.01"))


def check_not_future(occurred_at: datetime, now: datetime) -> None:
    if occurred_at.tzinfo is None:
        raise ValidationError("occurredAt needs a time zone offset", field="occurredAt")
    if occurred_at > now:
        raise ValidationError("occurredAt lies in the future", field="occurredAt")


@dataclass(frozen=True, slots=True)
class OrderFigures:
    commission: ExplainedAmount
    accrual: ExplainedAmount
    net: ExplainedAmount


def order_figures(*, amount: Decimal, order_type: OrderType, rules: RuleSet, order_ref: str,
                  label: str = "") -> OrderFigures:
    """commission = amount × rate (half-up); accrual = commission × ratio (half-up); net = commission − accrual."""
    return figures_with(amount=amount, order_type=order_type, rate=rate_for(order_type, rules),
                        ratio=rules.accrual_ratio, version=rules.version, order_ref=order_ref, label=label)


def figures_with(*, amount: Decimal, order_type: OrderType, rate: Decimal, ratio: Decimal, version: str,
                 order_ref: str, label: str = "") -> OrderFigures:
    """The same from the rate and ratio an order stored (its explanation, re-read later without the rule set)."""
    rule = Source(SourceKind.RULE_SET, version, f"rule set {version}")
    order = Source(SourceKind.ORDER, order_ref, label or f"order {order_ref}")
    gross = to_money(amount * rate)
    commission = ExplainedAmount(gross, Explanation(
        formula_zh="提成 = 订单金额 × 提成比例", formula_en="commission = amount × rate",
        inputs=(Input("amount", "订单金额", "order amount", text(amount), (order,)),
                Input("rate", f"{'新装' if order_type is OrderType.NEW else '续费'}提成比例",
                      f"{order_type.value} commission rate", text(rate), (rule,))),
        rounding_zh=HALF_UP_ZH, rounding_en=HALF_UP_EN, rule_version=version),
        label_zh="提成", label_en="commission")
    accrued = to_money(gross * ratio)
    accrual = ExplainedAmount(accrued, Explanation(
        formula_zh="协同计提 = 提成 × 计提比例", formula_en="accrual = commission × accrual ratio",
        inputs=(Input("commission", "提成", "commission", text(gross), (order,)),
                Input("ratio", "计提比例", "accrual ratio", text(ratio), (rule,))),
        rounding_zh=HALF_UP_ZH, rounding_en=HALF_UP_EN, rule_version=version),
        label_zh="协同计提", label_en="collaboration accrual")
    net = ExplainedAmount(gross - accrued, Explanation(
        formula_zh="一线留存 = 提成 − 协同计提", formula_en="net = commission − accrual",
        inputs=(Input("commission", "提成", "commission", text(gross), (order,)),
                Input("accrual", "协同计提", "accrual", text(accrued), (order,))),
        rounding_zh=NOT_ROUNDED_ZH, rounding_en=NOT_ROUNDED_EN, rule_version=version),
        label_zh="一线留存", label_en="net commission")
    return OrderFigures(commission=commission, accrual=accrual, net=net)


@dataclass(frozen=True, slots=True)
class Recipient:
    """A backend employee with support points in a region's pool for a period."""

    employee_id: int
    employee_no: str
    points: Decimal
    requests: tuple[str, ...] = ()  # the requests' ids as the API names them


@dataclass(frozen=True, slots=True)
class PoolSplit:
    pool: Decimal  # what the pool holds: accruals (net of reversals) plus carry-over in
    total_points: Decimal
    shares: dict[int, ExplainedAmount]  # employee id → share
    carry_over: ExplainedAmount  # the whole pool when nobody qualifies, else zero


def split_pool(*, pool: Decimal, recipients: Sequence[Recipient], region: str, period: str,
               rule_version: str | None = None) -> PoolSplit:
    """Split by support points, largest remainder, ties by employee number; nobody → all of it carries over."""
    pool_source = Source(SourceKind.SUPPORT_POOL, f"{region}:{period}", f"support pool {region} {period}")
    qualified = sorted((r for r in recipients if r.points > 0), key=lambda r: r.employee_no)
    total = sum((r.points for r in qualified), Decimal(0))
    if not qualified or pool == 0:
        shares = {r.employee_id: _share(ZERO, r, total, pool, pool_source, rule_version) for r in qualified}
        carried = pool if not qualified else ZERO
        return PoolSplit(pool=pool, total_points=total, shares=shares, carry_over=ExplainedAmount(
            carried, Explanation(
                formula_zh="无人获得支撑积分时，整个奖池结转至下期" if not qualified else "已全部分配，无结转",
                formula_en="nobody earned support points: the whole pool carries over to the next period"
                if not qualified else "fully distributed: nothing carries over",
                inputs=(Input("pool", "奖池", "pool", text(pool), (pool_source,)),),
                rule_version=rule_version),
            label_zh="结转", label_en="carry-over"))
    parts = allocate(pool, {r.employee_id: r.points for r in qualified}, order=[r.employee_id for r in qualified])
    shares = {r.employee_id: _share(parts[r.employee_id], r, total, pool, pool_source, rule_version)
              for r in qualified}
    return PoolSplit(pool=pool, total_points=total, shares=shares, carry_over=ExplainedAmount(
        ZERO, Explanation(formula_zh="已全部分配，无结转", formula_en="fully distributed: nothing carries over",
                          inputs=(Input("pool", "奖池", "pool", text(pool), (pool_source,)),),
                          rule_version=rule_version), label_zh="结转", label_en="carry-over"))


def _share(value: Decimal, recipient: Recipient, total: Decimal, pool: Decimal, pool_source: Source,
           rule_version: str | None) -> ExplainedAmount:
    requests = tuple(Source(SourceKind.SUPPORT_REQUEST, ref, f"request {ref}") for ref in recipient.requests)
    return ExplainedAmount(value, Explanation(
        formula_zh="奖池份额 = 奖池 × 本人支撑积分 ÷ 全部支撑积分", formula_en="share = pool × points ÷ total points",
        inputs=(Input("pool", "奖池", "pool", text(pool), (pool_source,)),
                Input("points", "本人支撑积分", "own support points", text(recipient.points), requests),
                Input("totalPoints", "全部支撑积分", "total support points", text(total), (pool_source,))),
        rounding_zh=LARGEST_REMAINDER_ZH, rounding_en=LARGEST_REMAINDER_EN, rule_version=rule_version),
        label_zh="奖池份额", label_en="pool share", extra={"employeeNo": recipient.employee_no})


def total_of(parts: Sequence[ExplainedAmount], *, label_zh: str, label_en: str, formula_zh: str, formula_en: str,
             rule_version: str | None = None, more: int = 0) -> ExplainedAmount:
    """A sum of explained figures (each listed as a part). `more` says how many parts were left out for size."""
    value = sum((p.value for p in parts), ZERO)
    note_zh = f"（另有 {more} 项未列出）" if more else ""
    note_en = f" ({more} more not listed)" if more else ""
    return ExplainedAmount(value, Explanation(
        formula_zh=formula_zh + note_zh, formula_en=formula_en + note_en, rule_version=rule_version,
        rounding_zh="各项之和，不再舍入", rounding_en="a sum of the parts: not rounded again", parts=tuple(parts)),
        label_zh=label_zh, label_en=label_en)


def explained_total(value: Decimal, parts: Sequence[ExplainedAmount], *, label_zh: str, label_en: str,
                    formula_zh: str, formula_en: str, rule_version: str | None = None) -> ExplainedAmount:
    """A running total read from the ledger, with (some of) its parts listed; `value` is authoritative."""
    shown = sum((p.value for p in parts), ZERO)
    more = "" if shown == value else f"（已列出部分合计 {shown}）"
    more_en = "" if shown == value else f" (parts listed sum to {shown})"
    return ExplainedAmount(value, Explanation(
        formula_zh=formula_zh + more, formula_en=formula_en + more_en, rule_version=rule_version,
        rounding_zh="各项之和，不再舍入", rounding_en="a sum of the parts: not rounded again", parts=tuple(parts)),
        label_zh=label_zh, label_en=label_en)


def deltas(target: Mapping[int, Decimal], current: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """What to append so each balance moves from `current` to `target` (entries are never edited)."""
    keys = set(target) | set(current)
    moves = {k: target.get(k, ZERO) - current.get(k, ZERO) for k in keys}
    return {k: v for k, v in moves.items() if v != 0}


def next_period(period: str) -> str:
    year, month = (int(part) for part in period.split("-"))
    return f"{year + (month == 12):04d}-{month % 12 + 1:02d}"


def previous_period(period: str) -> str:
    year, month = (int(part) for part in period.split("-"))
    return f"{year - (month == 1):04d}-{(month - 2) % 12 + 1:02d}"
