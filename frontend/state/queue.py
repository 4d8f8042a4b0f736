"""The request queue as rows: what a filter lets through, and how a live change patches the shown list.

The API sends every change of a followed department (or request) as the request now is. The list keeps its
stated order (newest first, as the API pages it) and its filters: a change inserts a new request that
matches, updates one already shown, or takes out one that no longer matches (accepted, while the list shows
the unassigned only). Pure functions, so state tests drive them without a browser.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from frontend import api
from frontend.components.formatting import age_text, format_time

REQUESTS_ROUTE = "/requests"
STATUSES = ("SUBMITTED", "ACCEPTED", "IN_PROGRESS", "RESOLVED", "CONFIRMED", "REOPENED", "CANCELLED")
OPEN_STATUSES = frozenset({"SUBMITTED", "ACCEPTED", "IN_PROGRESS", "RESOLVED", "REOPENED"})
PRIORITIES = ("URGENT", "HIGH", "NORMAL", "LOW")
CATEGORIES = ("TECHNICAL_SOLUTION", "FAULT_REPAIR", "REQUIREMENT_RESEARCH", "OTHER")
# Whose requests a backend list shows: all it may read, those assigned to me, those nobody has accepted yet.
SCOPES = ("all", "mine", "unassigned")

STATUS_COLORS = {
    "SUBMITTED": "blue",
    "ACCEPTED": "cyan",
    "IN_PROGRESS": "amber",
    "RESOLVED": "green",
    "CONFIRMED": "grass",
    "REOPENED": "orange",
    "CANCELLED": "gray",
}
PRIORITY_COLORS = {"URGENT": "red", "HIGH": "orange", "NORMAL": "gray", "LOW": "gray"}

# The actions a queue row offers (the detail page has them all).
ROW_ACTION_FROM: dict[str, frozenset[str]] = {
    "accept": frozenset({"SUBMITTED"}),
    "start": frozenset({"ACCEPTED", "REOPENED"}),
    "resolve": frozenset({"IN_PROGRESS"}),
}


@dataclasses.dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    priority: str = ""
    region_code: str = ""
    scope: str = "all"
    breached: bool = False
    search: str = ""

    def to_api(self, me: api.Profile) -> api.RequestFilters:
        return api.RequestFilters(
            status=self.status, priority=self.priority, region_code=self.region_code,
            assignee_id=me.id if self.scope == "mine" else "",
            unassigned=True if self.scope == "unassigned" else None,
            breached=True if self.breached else None, search=self.search)

    def matches(self, request: api.SupportRequestSummary, me: api.Profile) -> bool:
        """The same rules as the API's filters (backend/services/support.py list_requests)."""
        if self.status and request.status != self.status:
            return False
        if self.priority and request.priority != self.priority:
            return False
        if self.region_code and request.region_code != self.region_code:
            return False
        if self.scope == "mine" and request.assignee_id != me.id:
            return False
        if self.scope == "unassigned" and request.assignee_id:
            return False
        if self.breached and not request.sla_breached:
            return False
        words = self.search.strip().casefold()
        return not words or words in request.title.casefold()


@dataclasses.dataclass(frozen=True)
class RequestRow:
    """One request as the list shows it."""

    id: str = ""
    href: str = ""
    title: str = ""
    status: str = ""
    status_color: str = "gray"
    priority: str = ""
    priority_color: str = "gray"
    category: str = ""
    region_name: str = ""
    department_name: str = ""
    submitter_name: str = ""
    assignee_name: str = ""
    assignee_id: str = ""
    submitted_at: str = ""
    submitted_text: str = ""
    age_text: str = ""
    sla_breached: bool = False
    # The deadline that runs now: "response" until accepted, "resolution" until resolved, "" after.
    due_kind: str = ""
    due_at: str = ""
    # What `me` may do from the list: accept, start, resolve.
    actions: tuple[str, ...] = ()
    # Arrived while the list was open.
    is_new: bool = False


def row_actions(request: api.SupportRequestSummary, me: api.Profile) -> tuple[str, ...]:
    """Members of the target department accept (to themselves); its assignee or manager start and resolve
    (backend/services/support.py decides in the end)."""
    if not me.id:
        return ()
    in_department = me.department_code == request.department_code
    handles = me.id == request.assignee_id or (in_department and "MANAGER" in me.roles)
    who_may = {"accept": in_department, "start": handles, "resolve": handles}
    return tuple(action for action, statuses in ROW_ACTION_FROM.items()
                 if who_may[action] and request.status in statuses)


def row_of(request: api.SupportRequestSummary, me: api.Profile, now: dt.datetime, *,
           is_new: bool = False) -> RequestRow:
    if request.status in ("CANCELLED", "CONFIRMED", "RESOLVED"):
        due_kind, due_at = "", ""
    elif not request.accepted_at:
        due_kind, due_at = "response", request.response_due_at
    else:
        due_kind, due_at = "resolution", request.resolution_due_at
    return RequestRow(
        id=request.id,
        href=f"{REQUESTS_ROUTE}/{request.id}",
        title=request.title,
        status=request.status,
        status_color=STATUS_COLORS.get(request.status, "gray"),
        priority=request.priority,
        priority_color=PRIORITY_COLORS.get(request.priority, "gray"),
        category=request.category,
        region_name=request.region_name,
        department_name=request.department_name,
        submitter_name=request.submitter_name,
        assignee_name=request.assignee_name,
        assignee_id=request.assignee_id,
        submitted_at=request.submitted_at,
        submitted_text=format_time(request.submitted_at),
        age_text=age_text(request.submitted_at, now),
        sla_breached=request.sla_breached,
        due_kind=due_kind,
        due_at=due_at,
        actions=row_actions(request, me),
        is_new=is_new,
    )


def apply_change(rows: list[RequestRow], request: api.SupportRequestSummary, *, filters: QueueFilters,
                 me: api.Profile, now: dt.datetime) -> list[RequestRow]:
    """The list after one live change of `request`: updated in place, inserted in order, or taken out."""
    index = next((i for i, row in enumerate(rows) if row.id == request.id), None)
    if not filters.matches(request, me):
        return rows if index is None else [*rows[:index], *rows[index + 1:]]
    if index is not None:
        updated = row_of(request, me, now, is_new=rows[index].is_new)
        return [*rows[:index], updated, *rows[index + 1:]]
    row = row_of(request, me, now, is_new=True)
    # Newest first, as the API orders the list.
    position = next((i for i, shown in enumerate(rows) if shown.submitted_at < row.submitted_at), len(rows))
    return [*rows[:position], row, *rows[position:]]


def followed_departments(me: api.Profile, backend_departments: list[str]) -> list[str]:
    """Whose queues this person follows live: their own backend department; HR and managers of a frontline
    department every backend department (they read requests of all of them)."""
    if not me.id:
        return []
    if {"HR", "ADMIN"} & set(me.roles) or (me.department_kind == "FRONTLINE" and "MANAGER" in me.roles):
        return list(backend_departments)
    return [me.department_code] if me.department_kind == "BACKEND" else []


MAX_FOLLOWED_REQUESTS = 20


def followed_requests(me: api.Profile, rows: list[RequestRow], departments: list[str]) -> list[str]:
    """Frontline staff follow their own open requests one by one (a queue is a backend department's)."""
    if departments or not me.id:
        return []
    return [row.id for row in rows if row.status in OPEN_STATUSES][:MAX_FOLLOWED_REQUESTS]
