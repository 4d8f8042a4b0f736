"""Reading the append-only audit log (HR): filtered cursor pages, newest first, and a streamed CSV export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backend.domain.access import Viewer
from backend.domain.errors import PermissionDenied, ValidationError
from backend.persistence.models import AuditEntry

MAX_PAGE = 200
EXPORT_BATCH = 1000
COLUMNS = ("id", "at", "actor", "action", "entity", "entity_id", "before", "after")


@dataclass(frozen=True, slots=True)
class AuditFilter:
    entity: str | None = None
    action: str | None = None  # exact, or a prefix ending in "." (e.g. "ruleset.")
    actor: str | None = None  # exact label, e.g. "employee:HR0001"
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive


def require_hr(viewer: Viewer) -> None:
    if not viewer.is_hr:
        raise PermissionDenied("only HR or an administrator may read the audit log")


def _query(f: AuditFilter) -> Any:
    for moment, name in ((f.start, "from"), (f.end, "to")):
        if moment is not None and moment.tzinfo is None:
            raise ValidationError(f"{name} needs a time zone offset", field=name)
    query = AuditEntry.all()
    if f.entity:
        query = query.filter(entity=f.entity)
    if f.action:
        query = query.filter(action__startswith=f.action) if f.action.endswith(".") else query.filter(action=f.action)
    if f.actor:
        query = query.filter(actor=f.actor)
    if f.start is not None:
        query = query.filter(at__gte=f.start)
    if f.end is not None:
        query = query.filter(at__lt=f.end)
    return query


@dataclass(frozen=True, slots=True)
class AuditPage:
    rows: list[AuditEntry]
    has_next_page: bool


async def page(f: AuditFilter, *, first: int, before_id: int | None) -> AuditPage:
    """Newest first; `before_id` is the last id of the previous page (ids only grow, so pages never shift)."""
    if not 1 <= first <= MAX_PAGE:
        raise ValidationError(f"first must be between 1 and {MAX_PAGE}", field="first")
    query = _query(f)
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    rows = list(await query.order_by("-id").limit(first + 1))
    return AuditPage(rows=rows[:first], has_next_page=len(rows) > first)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def csv_chunks(f: AuditFilter) -> AsyncIterator[str]:
    """The filtered log as CSV text, oldest first, a batch of rows at a time (keyset by id: constant memory).
    The filter is checked here, before the response starts."""
    return _chunks(_query(f))


async def _chunks(query: Any) -> AsyncIterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    yield "\ufeff" + buffer.getvalue()  # the BOM: spreadsheet programs then read the Chinese text as UTF-8
    last = 0
    while True:
        rows = await query.filter(id__gt=last).order_by("id").limit(EXPORT_BATCH).values(*COLUMNS)
        if not rows:
            return
        buffer.seek(0)
        buffer.truncate()
        for row in rows:
            writer.writerow([_cell(row[c]) for c in COLUMNS])
        last = rows[-1]["id"]
        yield buffer.getvalue()
