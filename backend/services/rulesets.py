"""Stub until the rulesets branch lands: the rule set in force at a moment (the real one reads published versions)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend.domain.rules import DEFAULT_RULES, RuleSet


async def rules_at(moment: datetime, *, connection: Any = None) -> RuleSet:
    return DEFAULT_RULES
