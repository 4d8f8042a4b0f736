"""Read rows as plain dicts straight from the driver, for hot read paths.

Tortoise's `.values()` converts every value through its field (an ISO parser per date on SQLite); a directory
page does not need that for most columns. This runs the same query Tortoise builds — filters, joins,
ordering stay in the ORM — and leaves conversion to the caller. It uses ValuesQuery internals of the pinned
tortoise-orm; the API tests exercise it on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from tortoise.queryset import ValuesQuery


async def fetch_rows(query: ValuesQuery[Any]) -> list[dict[str, Any]]:
    query._choose_db_if_not_chosen()
    query._make_query()
    rows: list[dict[str, Any]] = await query._db.execute_query_dict(*query.query.get_parameterized_sql())
    return rows


class PreparedQuery:
    """A `.values()` query built once per shape, then run with new arguments (pypika is ~1 ms a build).

    `build` makes the query from keyword arguments; it is called once with a distinct sentinel per argument
    to find where each lands among the SQL parameters. Everything else stays whatever the ORM generated.
    """

    def __init__(self, build: Callable[..., ValuesQuery[Any]], **sentinels: Any) -> None:
        query = build(**sentinels)
        query._choose_db_if_not_chosen()
        query._make_query()
        self.sql, constants = query.query.get_parameterized_sql()
        by_sentinel = {(type(value), value): name for name, value in sentinels.items()}
        self._slots: list[str | None] = [by_sentinel.get((type(p), p)) for p in constants]
        if set(self._slots) - {None} != set(sentinels):
            raise ValueError("every sentinel must appear exactly as a SQL parameter")
        self._constants = list(constants)
        self._model = query.model

    async def fetch(self, **arguments: Any) -> list[dict[str, Any]]:
        params = [arguments[slot] if slot else constant for slot, constant in zip(self._slots, self._constants,
                                                                                   strict=True)]
        # The model's current connection: a transaction's when inside one.
        rows: list[dict[str, Any]] = await self._model._meta.db.execute_query_dict(self.sql, params)
        return rows


def as_date(value: date | str | None) -> date | None:
    """SQLite hands dates back as ISO text, PostgreSQL as dates."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def as_datetime(value: datetime | str | None) -> datetime | None:
    """SQLite hands timestamps back as ISO text (UTC, as Tortoise stores them), PostgreSQL as aware datetimes."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def as_decimal(value: Decimal | str | int | float | None) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))
