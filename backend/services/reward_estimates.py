"""Estimates the fund branch computes (performance bonus with linkage, project bonus, fund share). Stubs until
it lands: no estimate yet, so the counter's fields read null."""

from __future__ import annotations

from backend.domain.explain import ExplainedAmount


async def performance_bonus_estimates(employee_ids: list[int], period: str) -> dict[int, ExplainedAmount]:
    return {}


async def linkage(employee_ids: list[int], period: str) -> dict[int, ExplainedAmount]:
    return {}


async def project_bonus_estimates(employee_ids: list[int], period: str) -> dict[int, ExplainedAmount]:
    return {}


async def fund_estimates(employee_ids: list[int], year: int) -> dict[int, ExplainedAmount]:
    return {}
