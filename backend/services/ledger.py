"""Writing the money ledger: append-only entries and the running totals kept with them, in one transaction.

Lock order (PostgreSQL row locks), the same in every use case so two never wait on each other: a support
request, then the region's pool row (RegionRewardTotal) of each period in ascending order, then employees'
rows (EmployeeRewardTotal) in ascending (employee, period). On SQLite a transaction holds the whole database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from backend.domain.reward_events import CountersChanged
from backend.domain.rewards import EntryKind, Figure
from backend.persistence.models import EmployeeRewardDay, EmployeeRewardTotal, LedgerEntry, RegionRewardTotal
from backend.services import clock
from backend.services.uow import UnitOfWork

ACCOUNT_FIELDS = ("commission", "accrual", "net", "pending_commission", "pool_share", "credited_orders",
                  "pending_orders", "revenue")


@dataclass
class Booking:
    """One use case's writes to the ledger: the entries it appends, and whose counters they move."""

    uow: UnitOfWork
    at: datetime
    cause: str
    touched: set[int] = field(default_factory=set)
    periods: set[str] = field(default_factory=set)
    entries: list[LedgerEntry] = field(default_factory=list)
    _employees: dict[tuple[int, str], EmployeeRewardTotal] = field(default_factory=dict)
    _regions: dict[tuple[int, str], RegionRewardTotal] = field(default_factory=dict)

    @property
    def connection(self) -> Any:
        return self.uow.connection

    async def region(self, region_id: int, period: str) -> RegionRewardTotal:
        """The pool row, created if need be and locked for the rest of the transaction."""
        key = (region_id, period)
        if key not in self._regions:
            await RegionRewardTotal.bulk_create([RegionRewardTotal(region_id=region_id, period=period)],
                                                ignore_conflicts=True, using_db=self.connection)
            row = await RegionRewardTotal.filter(region_id=region_id, period=period) \
                .using_db(self.connection).select_for_update().first()
            assert row is not None
            self._regions[key] = row
        return self._regions[key]

    def held_region(self, region_id: int, period: str) -> RegionRewardTotal | None:
        """A pool row this booking holds (with its unsaved changes), if any."""
        return self._regions.get((region_id, period))

    async def employee(self, employee_id: int, period: str) -> EmployeeRewardTotal:
        return (await self.employees([employee_id], period))[employee_id]

    async def employees(self, employee_ids: list[int], period: str) -> dict[int, EmployeeRewardTotal]:
        """Employees' account rows for a period, created if need be and locked (ascending ids), in two
        statements however many: an event's cost must not grow with the pool's recipients more than it must."""
        wanted = sorted(set(employee_ids))
        missing = [e for e in wanted if (e, period) not in self._employees]
        if missing:
            found = await self._lock_accounts(missing, period)
            absent = [e for e in missing if e not in found]
            if absent:
                await EmployeeRewardTotal.bulk_create([EmployeeRewardTotal(employee_id=e, period=period)
                                                       for e in absent], ignore_conflicts=True,
                                                      using_db=self.connection)
                found.update(await self._lock_accounts(absent, period))
            for employee_id, row in found.items():
                self._employees[(employee_id, period)] = row
        for employee_id in wanted:
            self.touched.add(employee_id)
        self.periods.add(period)
        return {e: self._employees[(e, period)] for e in wanted}

    async def _lock_accounts(self, employee_ids: list[int], period: str) -> dict[int, EmployeeRewardTotal]:
        rows = await EmployeeRewardTotal.filter(employee_id__in=employee_ids, period=period) \
            .using_db(self.connection).select_for_update().order_by("employee_id")
        return {row.employee_id: row for row in rows}

    def notify(self, employee_id: int, period: str) -> None:
        """Someone's counter changed without their account row moving (their points did)."""
        self.touched.add(employee_id)
        self.periods.add(period)

    def entry(self, *, kind: EntryKind, figure: Figure, period: str, amount: Decimal,
              employee_id: int | None = None, region_id: int | None = None, order_id: int | None = None,
              request_id: int | None = None, reverses_id: int | None = None,
              rule_version: str | None = None) -> LedgerEntry:
        row = LedgerEntry(kind=kind, figure=figure, period=period, amount=amount, employee_id=employee_id,
                          region_id=region_id, order_id=order_id, request_id=request_id, reverses_id=reverses_id,
                          rule_version=rule_version, created_at=self.at)
        self.entries.append(row)
        return row

    async def flush(self) -> None:
        """Append the entries, save the totals, and say whose counters moved (published after commit)."""
        if self.entries:
            await LedgerEntry.bulk_create(self.entries, using_db=self.connection)
            self.entries = []
        for pool in self._regions.values():
            await pool.save(using_db=self.connection)
        if self._employees:
            await EmployeeRewardTotal.bulk_update(list(self._employees.values()), fields=list(ACCOUNT_FIELDS),
                                                  using_db=self.connection)
        if self._employees:
            day = clock.local_date(self.at)
            await EmployeeRewardDay.bulk_create(
                [EmployeeRewardDay(employee_id=row.employee_id, period=row.period, day=day, net=row.net,
                                   pool_share=row.pool_share) for row in self._employees.values()],
                on_conflict=["employee_id", "period", "day"], update_fields=["net", "pool_share"],
                using_db=self.connection)
        if self.touched:
            self.uow.record(CountersChanged(employee_ids=tuple(sorted(self.touched)),
                                            periods=tuple(sorted(self.periods)), cause=self.cause))


def new_booking(uow: UnitOfWork, cause: str, at: datetime | None = None) -> Booking:
    return Booking(uow=uow, at=at or clock.now(), cause=cause)
