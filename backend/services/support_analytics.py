"""bottlenecks(period) aggregated in SQL: one statement turns a month of requests into one row per
(department, region, resolution limit) with its counts, sums and value lists; Python (in a worker thread) adds
those up per department, cell and region and picks the order statistics; the domain judges (`judge`).

The figures are those of the Python reference (`domain.analytics.bottleneck_report`) exactly: every duration
is an exact difference of microsecond epochs, truncated to whole seconds as `int(total_seconds())` does, and
every comparison with an SLA limit is made on the exact difference. Ranking stays out of SQL: SQLite's window
sorts cost ~0.2 s each at 200,000 rows, and twelve were needed; one GROUP BY is one sort.

Dialects: PostgreSQL stores timestamptz (epoch by EXTRACT, exact numeric); SQLite stores Tortoise's ISO text
`YYYY-MM-DD HH:MM:SS[.ffffff]±HH:MM`, whose whole seconds `strftime('%s')` reads once the fraction is cut off
(it would round milliseconds) and whose microseconds are the six digits after the dot. On SQLite the statement
runs on its own read-only connection in a thread, so the app's one connection serves other requests meanwhile.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from backend.domain.analytics import Aggregates, GroupAggregate, OrderStats, Report, judge, order_ranks
from backend.domain.rules import RuleSet
from backend.domain.support import OPEN_STATUSES, RESOLVED_STATUSES, Status
from backend.persistence.models import SupportRequest

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def _epoch_us(column: str, dialect: str) -> str:
    if dialect == "postgres":
        return f"(EXTRACT(EPOCH FROM {column}) * 1000000)::bigint"
    fraction = f"substr({column}, 20, 1) = '.'"
    micro = f"CASE WHEN {fraction} THEN CAST(substr({column}, 21, 6) AS INTEGER) ELSE 0 END"
    seconds = (f"CAST(strftime('%s', substr({column}, 1, 19) || "
               f"CASE WHEN {fraction} THEN substr({column}, 27) ELSE substr({column}, 20) END) AS INTEGER)")
    exact = f"({seconds} * 1000000 + {micro})"
    if sqlite3.sqlite_version_info < (3, 38, 0):
        return exact
    # unixepoch() is twice as fast, but rounds to the millisecond first: a fraction from .9995 on would count
    # the next second. Those (a fraction starting .999) take the exact expression.
    return f"(CASE WHEN substr({column}, 21, 3) = '999' THEN {exact} ELSE unixepoch({column}) * 1000000 + {micro} END)"


def _in(column: str, statuses: Iterable[Status]) -> str:
    return f"{column} IN ({', '.join(repr(s.value) for s in sorted(statuses))})"


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _by_priority(rules: RuleSet, attribute: str) -> str:
    cases = " ".join(f"WHEN '{priority}' THEN {getattr(limit, attribute) // MICROSECOND}"
                     for priority, limit in sorted(rules.sla.items()))
    return f"CASE priority {cases} END"


def _sql(dialect: str, rules: RuleSet) -> str:
    """The statement: dates are parameters; limits and statuses are numbers and names from code, inlined."""
    # PostgreSQL numbers its parameters; SQLite's ? go in order of appearance, so as_of sits in a CTE first.
    start, end, as_of = ("$1", "$2", "$3") if dialect == "postgres" else ("?", "?", "?")
    as_of_sql = f"{as_of}::bigint" if dialect == "postgres" else "(SELECT as_of FROM params)"
    params = "" if dialect == "postgres" else f"params AS (SELECT CAST({as_of} AS INTEGER) AS as_of), "
    stamps = {name: _epoch_us(name, dialect) for name in
              ("submitted_at", "accepted_at", "started_at", "resolved_at", "customer_reported_at")}
    done = f"({_in('status', RESOLVED_STATUSES)} AND resolved_at IS NOT NULL)"
    base = f"""SELECT department_id, region_id, priority, status, rating, reopen_count,
        {stamps['submitted_at']} AS s, {stamps['accepted_at']} AS a, {stamps['started_at']} AS st,
        {stamps['resolved_at']} AS rs, {stamps['customer_reported_at']} AS cr,
        {_flag(done)} AS done, {_by_priority(rules, 'response')} AS response_limit,
        {_by_priority(rules, 'resolution')} AS resolution_limit
      FROM support_request
      WHERE submitted_at >= {start} AND submitted_at < {end} AND status <> '{Status.CANCELLED.value}'"""
    derived = f"""SELECT department_id, region_id, rating,
        (a - s) / 1000000 AS response,
        CASE WHEN done = 1 THEN (rs - s) / 1000000 END AS resolution,
        (CASE WHEN done = 1 THEN rs ELSE {as_of_sql} END - s) AS elapsed_us,
        (CASE WHEN done = 1 THEN rs ELSE {as_of_sql} END - s) / 1000000 AS elapsed,
        resolution_limit / 1000000 AS ratio_limit,
        {_flag(f"(CASE WHEN done = 1 THEN rs ELSE {as_of_sql} END - s) > resolution_limit "
               f"OR (COALESCE(a, {as_of_sql}) - s) > response_limit")} AS breached,
        {_flag(_in('status', OPEN_STATUSES))} AS is_open,
        CASE WHEN st IS NOT NULL AND a IS NOT NULL THEN (st - a) / 1000000 END AS start_delay,
        {_flag(f"s - cr > {rules.handoff_threshold // MICROSECOND}")} AS late_handoff,
        {_flag(f"{_in('status', RESOLVED_STATUSES)} OR reopen_count > 0")} AS ever_resolved,
        {_flag(f"({_in('status', RESOLVED_STATUSES)} OR reopen_count > 0) AND reopen_count > 0")} AS reopened
      FROM base"""
    listed = ("response", "resolution", "start_delay", "elapsed")
    if dialect == "postgres":
        lists = [f"array_agg({v}) FILTER (WHERE {v} IS NOT NULL) AS {v}_values" for v in listed]
    else:
        lists = [f"group_concat({v}) AS {v}_values" for v in listed]
    # One group per (department, region, resolution limit): counts and sums add up to any coarser group, and the
    # values lists merge; nothing is ranked in SQL (SQLite's window sorts cost ~0.2 s each at 200,000 rows).
    return f"""WITH {params}base AS MATERIALIZED ({base}), derived AS MATERIALIZED ({derived})
      SELECT department_id, region_id, ratio_limit, count(*) AS n, sum(is_open) AS open_backlog,
        sum(breached) AS breached, sum(late_handoff) AS late_handoff, count(rating) AS ratings,
        sum(rating) AS rating_sum, sum(ever_resolved) AS ever_resolved, sum(reopened) AS reopened,
        sum(elapsed_us) AS elapsed_us, {', '.join(lists)}
      FROM derived GROUP BY department_id, region_id, ratio_limit"""


async def aggregate_in_sql(*, start: datetime, end: datetime, as_of: datetime, rules: RuleSet) -> Aggregates:
    """Each group's aggregate over the requests submitted in [start, end), judged as of `as_of`."""
    connection = SupportRequest._meta.db
    dialect = connection.capabilities.dialect
    as_of_us = (as_of - EPOCH) // MICROSECOND
    if dialect == "postgres":
        async with in_transaction(connection.connection_name) as transaction:
            # Let the grouping sort in memory (4 MB by default spills to disk at this size).
            await transaction.execute_script("SET LOCAL work_mem = '64MB'")
            rows = await transaction.execute_query_dict(_sql(dialect, rules), [start, end, as_of_us])
    else:
        arguments = [as_of_us, start, end]
        filename = getattr(connection, "filename", ":memory:")
        if filename == ":memory:":
            rows = await connection.execute_query_dict(_sql(dialect, rules), arguments)
        else:
            # Its own read-only connection in a worker thread: the app's single SQLite connection stays free for
            # every other request while this reads (WAL lets a reader and the writer work at once).
            rows = await asyncio.to_thread(_read_sqlite, filename, _sql(dialect, rules), arguments)
    return await asyncio.to_thread(_assemble, rows)


def _read_sqlite(filename: str, sql: str, arguments: list[Any]) -> list[dict[str, Any]]:
    reader = sqlite3.connect(f"file:{filename}?mode=ro", uri=True)
    try:
        reader.row_factory = sqlite3.Row
        return [dict(row) for row in reader.execute(sql, arguments)]
    finally:
        reader.close()


def _values(stored: Any) -> list[int]:
    """A values list as the driver hands it back: an int array (PostgreSQL) or comma-separated text (SQLite)."""
    if stored is None:
        return []
    if isinstance(stored, str):
        return [int(value) for value in stored.split(",")]
    return list(stored)


class _Group:
    __slots__ = ("elapsed_by_limit", "sums", "values")

    def __init__(self) -> None:
        self.sums = [0] * len(_SUMS)
        self.values: dict[str, list[int]] = {series: [] for series in ("response", "resolution", "start_delay")}
        self.elapsed_by_limit: dict[int, list[int]] = {}

    def add(self, row: dict[str, Any], lists: dict[str, list[int]]) -> None:
        for index, column in enumerate(_SUMS):
            self.sums[index] += int(row[column] or 0)
        for series, values in self.values.items():
            values.extend(lists[series])
        self.elapsed_by_limit.setdefault(int(row["ratio_limit"]), []).extend(lists["elapsed"])

    def aggregate(self) -> GroupAggregate:
        n, open_backlog, breached, late, ratings, rating_sum, ever_resolved, reopened, elapsed_us = self.sums
        return GroupAggregate(
            volume=n, open_backlog=open_backlog, breached=breached, late_handoff=late, ratings=ratings,
            rating_sum=rating_sum, ever_resolved=ever_resolved, reopened=reopened,
            response=OrderStats.of(self.values["response"]), resolution=OrderStats.of(self.values["resolution"]),
            start_delay=OrderStats.of(self.values["start_delay"]), p90_ratio=self._p90_ratio(n),
            elapsed_total=elapsed_us * MICROSECOND)

    def _p90_ratio(self, n: int) -> tuple[int, int] | None:
        """The request at rank ⌈0.9·n⌉ by elapsed ÷ limit, as the reference orders them (by the float ratio).
        Two float-equal ratios of integers this size are equal exactly, so any (elapsed, limit) giving the
        picked float gives the same exact ratio."""
        if not n:
            return None
        ratios = sorted(e / limit for limit, elapsed in self.elapsed_by_limit.items() for e in elapsed)
        picked = ratios[order_ranks(n)[2] - 1]
        for limit in self.elapsed_by_limit:
            elapsed = round(picked * limit)
            if elapsed / limit == picked:
                return elapsed, limit
        raise AssertionError("the picked ratio comes from one of the limits")  # pragma: no cover


_SUMS = ("n", "open_backlog", "breached", "late_handoff", "ratings", "rating_sum", "ever_resolved", "reopened",
         "elapsed_us")


def _assemble(rows: list[dict[str, Any]]) -> Aggregates:
    departments: dict[int, _Group] = {}
    cells: dict[tuple[int, int], _Group] = {}
    regions: dict[int, _Group] = {}
    for row in rows:
        lists = {series: _values(row[f"{series}_values"])
                 for series in ("response", "resolution", "start_delay", "elapsed")}
        department, region = int(row["department_id"]), int(row["region_id"])
        groups: tuple[tuple[dict[Any, _Group], Any], ...] = (
            (departments, department), (cells, (department, region)), (regions, region))
        for by_key, key in groups:
            group = by_key.get(key)
            if group is None:
                group = by_key[key] = _Group()
            group.add(row, lists)
    return Aggregates(departments={k: g.aggregate() for k, g in departments.items()},
                      cells={k: g.aggregate() for k, g in cells.items()},
                      regions={k: g.aggregate() for k, g in regions.items()})


async def report_in_sql(*, start: datetime, end: datetime, as_of: datetime, rules: RuleSet,
                        staff_by_department: dict[int, int]) -> Report:
    aggregates = await aggregate_in_sql(start=start, end=end, as_of=as_of, rules=rules)
    return await asyncio.to_thread(judge, aggregates, staff_by_department, rules, start=start, as_of=as_of)
