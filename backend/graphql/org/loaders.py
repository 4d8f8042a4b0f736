"""Dataloaders for the organisation, built fresh per request; each returns results in key order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from backend.persistence.models import (
    Department,
    EmployeeAssignment,
    Region,
    RegionTarget,
    SupportLink,
)
from backend.services.org import employee_rows

M = TypeVar("M")


def _in_key_order(keys: Sequence[int], rows: Iterable[M], key_of: str) -> list[M | None]:
    by_key = {getattr(row, key_of): row for row in rows}
    return [by_key.get(key) for key in keys]


def _grouped(keys: Sequence[int], rows: Iterable[M], key_of: str) -> list[list[M]]:
    groups: dict[int, list[M]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key_of)].append(row)
    return [groups.get(key, []) for key in keys]


async def _departments(keys: Sequence[int]) -> list[Department | None]:
    return _in_key_order(keys, await Department.filter(id__in=keys), "id")


async def _regions(keys: Sequence[int]) -> list[Region | None]:
    return _in_key_order(keys, await Region.filter(id__in=keys), "id")


async def _employee_rows(keys: Sequence[int]) -> list[dict[str, Any] | None]:
    """Directory rows (see services.org.EMPLOYEE_COLUMNS); types turn them into Employee objects."""
    by_id = {row["id"]: row for row in await employee_rows(list(keys))}
    return [by_id.get(key) for key in keys]


async def _assignments(keys: Sequence[int]) -> list[list[EmployeeAssignment]]:
    rows = await EmployeeAssignment.filter(employee_id__in=keys).order_by("effective_from")
    return _grouped(keys, rows, "employee_id")


async def _targets(keys: Sequence[int]) -> list[list[RegionTarget]]:
    return _grouped(keys, await RegionTarget.filter(region_id__in=keys).order_by("period"), "region_id")


async def _links_by_department(keys: Sequence[int]) -> list[list[SupportLink]]:
    return _grouped(keys, await SupportLink.filter(department_id__in=keys).order_by("id"), "department_id")


async def _links_by_region(keys: Sequence[int]) -> list[list[SupportLink]]:
    return _grouped(keys, await SupportLink.filter(region_id__in=keys).order_by("id"), "region_id")


class OrgLoaders:
    def __init__(self) -> None:
        self.department_by_id = DataLoader(load_fn=_departments)
        self.region_by_id = DataLoader(load_fn=_regions)
        self.employee_row_by_id = DataLoader(load_fn=_employee_rows)
        self.assignments_by_employee_id = DataLoader(load_fn=_assignments)
        self.targets_by_region_id = DataLoader(load_fn=_targets)
        self.support_links_by_department_id = DataLoader(load_fn=_links_by_department)
        self.support_links_by_region_id = DataLoader(load_fn=_links_by_region)
