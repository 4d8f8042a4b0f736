"""Explained figures (SPEC §7): every amount shown to a person carries its formula, its inputs with the records
they come from, the rounding applied and the rule-set version — enough to recompute it by hand.

Shared by every money capability (rewards, fund, linkage, payroll) so that clients render one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class SourceKind(str, Enum):
    ORDER = "ORDER"
    SUPPORT_REQUEST = "SUPPORT_REQUEST"
    PROJECT = "PROJECT"
    RULE_SET = "RULE_SET"
    REGION_TARGET = "REGION_TARGET"
    SUPPORT_LINK = "SUPPORT_LINK"
    SUPPORT_POOL = "SUPPORT_POOL"
    SCORECARD = "SCORECARD"
    FUND = "FUND"
    LEDGER_ENTRY = "LEDGER_ENTRY"
    EMPLOYEE = "EMPLOYEE"


@dataclass(frozen=True, slots=True)
class Source:
    """A record an input was read from: its kind, its id (as the API names it, e.g. an order's client id or a
    request's number) and a short human label."""

    kind: SourceKind
    id: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Input:
    """One named input of a formula with its value (as text, exact: a Decimal's str) and where it came from."""

    code: str  # stable, machine-readable (e.g. "amount", "rate", "points"); formulas refer to inputs by code
    name_zh: str
    name_en: str
    value: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class Explanation:
    formula_zh: str
    formula_en: str
    inputs: tuple[Input, ...] = ()
    rounding_zh: str = ""
    rounding_en: str = ""
    rule_version: str | None = None
    # A figure that is a sum or a split of others lists them here, each explained in turn (one level is usual).
    parts: tuple[ExplainedAmount, ...] = ()


@dataclass(frozen=True, slots=True)
class ExplainedAmount:
    """A money amount (2 places) or a plain quantity (points, a multiplier) with its explanation."""

    value: Decimal
    explanation: Explanation
    label_zh: str = ""
    label_en: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def text(value: Decimal | int | str) -> str:
    """Inputs are shown exactly as computed; Decimal's own str keeps every digit (no float, no rounding)."""
    return str(value)
