"""The performance coefficient for pay (SPEC §4, §6.1): the one seam the performance bonus reads.

`performance_coefficients` answers for any number of employees in the fixed set of queries of one scorecard;
each answer carries its explanation (zh/en), the scheme version and rule set it came from, and whether it is final
(the period is locked).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from backend.domain import performance as rules
from backend.domain.rules import RuleSet
from backend.services.performance import rules_for_period
from backend.services.scorecards import EmployeeScorecard, SchemeRef, Scope, scorecards


@dataclass(frozen=True, slots=True)
class Coefficient:
    """An employee's performance coefficient for a period and how it was reached. `coefficient` is None when
    there is nothing to judge (not employed, no scheme, no line with data): the caller decides what that means
    for pay and says so."""

    employee_id: int
    period: str
    coefficient: Decimal | None
    total: Decimal | None
    frozen: bool  # True once the period is locked: the value will not change any more
    rule_version: str
    scheme: SchemeRef | None
    explanation: rules.Text


async def performance_coefficients(*, employee_ids: Collection[int], period: str, zone: ZoneInfo,
                                   now: datetime | None = None) -> dict[int, Coefficient]:
    """Each employee's coefficient for the period with its explanation, for a whole payroll or counter page at
    once: the same fixed set of queries as one scorecard (frozen values once the period is locked)."""
    ids = frozenset(employee_ids)
    if not ids:
        return {}
    cards = {card.person.id: card for card in await scorecards(period, Scope(employee_ids=ids), zone=zone, now=now)}
    ruleset = await rules_for_period(period)
    return {employee_id: _coefficient(employee_id, period, cards.get(employee_id), ruleset) for employee_id in ids}


async def performance_coefficient(*, employee_id: int, period: str, zone: ZoneInfo,
                                  now: datetime | None = None) -> Coefficient:
    """One employee's coefficient for the period and how it was reached (see `performance_coefficients`)."""
    found = await performance_coefficients(employee_ids=[employee_id], period=period, zone=zone, now=now)
    return found[employee_id]


def _coefficient(employee_id: int, period: str, card: EmployeeScorecard | None, ruleset: RuleSet) -> Coefficient:
    if card is None:
        return Coefficient(employee_id=employee_id, period=period, coefficient=None, total=None, frozen=False,
                           rule_version=ruleset.version, scheme=None, explanation=rules.Text(
                               zh=f"{period} 未在职：无绩效系数", en=f"not employed in {period}: no coefficient"))
    if card.card is None or card.scheme is None:
        return Coefficient(employee_id=employee_id, period=period, coefficient=None, total=None, frozen=card.frozen,
                           rule_version=card.rule_version, scheme=None, explanation=rules.Text(
                               zh=f"{period} 没有适用的考核方案：无绩效系数",
                               en=f"no assessment scheme applied in {period}: no coefficient"))
    text = rules.coefficient_explanation(card.card)
    state = rules.Text(zh="（已锁定）" if card.frozen else "（考核期未锁定，可能变化）",
                       en=" (locked)" if card.frozen else " (period open: may still change)")
    scheme = card.scheme
    return Coefficient(employee_id=employee_id, period=period, coefficient=card.card.coefficient,
                       total=card.card.total, frozen=card.frozen, rule_version=card.rule_version, scheme=scheme,
                       explanation=rules.Text(
                           zh=f"{text.zh}，方案 {scheme.name} v{scheme.version}{state.zh}",
                           en=f"{text.en}, scheme {scheme.name} v{scheme.version}{state.en}"))
