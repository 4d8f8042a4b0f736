"""Build SupportRequest objects for a page in a fixed number of queries, as plain objects (no resolvers)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from strawberry.types.nodes import Selection

from backend.domain.rules import RuleSet
from backend.graphql.context import Info
from backend.graphql.ids import encode_id
from backend.graphql.org.types import DepartmentType, EmployeeType, RegionType
from backend.graphql.support.types import (
    AttachmentType,
    CommentType,
    People,
    SupportFigures,
    SupportRequestType,
    TimelineEntryType,
)
from backend.persistence.models import (
    Department,
    Region,
    SupportAttachment,
    SupportComment,
    SupportRequest,
    SupportRequestEvent,
)
from backend.persistence.raw import as_datetime, fetch_rows
from backend.services import rulesets, support
from backend.services.org import employee_rows


@dataclass(frozen=True, slots=True)
class Included:
    """What the client asked for; the rest is neither read nor computed. Defaults: everything (subscriptions)."""

    timeline: bool = True
    timeline_intact: bool = True
    comments: bool = True
    attachments: bool = True
    figures: bool = True
    people: bool = True  # submitter, assignee, and the people on timeline entries, comments and evidence
    department: bool = True
    region: bool = True


def _names(selections: Iterable[Selection]) -> set[str]:
    found: set[str] = set()
    for selection in selections:
        name = getattr(selection, "name", None)
        if name:
            found.add(name)
        found |= _names(getattr(selection, "selections", []) or [])
    return found


PEOPLE_FIELDS = frozenset({"submitter", "assignee", "actor", "author", "uploader"})


def included_from(info: Info) -> Included:
    # Field names anywhere in the selection: a name asked for at another level only costs an unneeded read.
    names = _names(info.selected_fields)
    return Included(timeline="timeline" in names or "timelineIntact" in names,
                    timeline_intact="timelineIntact" in names, comments="comments" in names,
                    attachments="attachments" in names, figures="figures" in names,
                    people=not PEOPLE_FIELDS.isdisjoint(names), department="department" in names,
                    region="region" in names)


def _minutes(delta: dt.timedelta | None) -> Decimal | None:
    return None if delta is None else (Decimal(int(delta.total_seconds())) / 60).quantize(Decimal("0.1"))


def _figures(row: SupportRequest | support.RequestRow, now: dt.datetime,
             by_name: dict[str, RuleSet]) -> SupportFigures:
    # Judged by the version the request names: the one in force when it was submitted.
    f = support.figures_of(row, now=now, rules_in_force=rulesets.named(by_name, row.rule_version))
    return SupportFigures(
        response_minutes=_minutes(f.response_time), resolution_minutes=_minutes(f.resolution_time),
        response_limit_minutes=_minutes(f.response_limit), resolution_limit_minutes=_minutes(f.resolution_limit),
        response_sla_met=f.response_sla_met, resolution_sla_met=f.resolution_sla_met, sla_breached=f.sla_breached,
        satisfaction=f.satisfaction, handoff_delay_minutes=_minutes(f.handoff_delay), late_handoff=f.late_handoff,
        support_points=f.support_points)


def _by_request(rows: Iterable[Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.request_id].append(row)
    return grouped


async def _related(query: Any, columns: tuple[str, ...]) -> dict[int, list[SimpleNamespace]]:
    """Driver rows grouped by request, timestamps decoded: what the node builders read as attributes."""
    rows = await fetch_rows(query.values(*columns))
    for row in rows:
        row["at"] = as_datetime(row["at"])
    return _by_request(SimpleNamespace(**row) for row in rows)


EVENT_COLUMNS = ("request_id", "sequence", "action", "from_status", "to_status", "actor_id", "actor_label", "at",
                 "note", "chain_hash")
COMMENT_COLUMNS = ("id", "request_id", "author_id", "body", "at")
ATTACHMENT_COLUMNS = ("id", "request_id", "uploader_id", "sha256", "content_type", "size", "file_name", "at")


async def people_by_id(ids: Iterable[int]) -> People:
    wanted = sorted(set(ids))
    if not wanted:
        return People()
    return People({node.employee_pk: node for node in EmployeeType.from_rows(await employee_rows(wanted))})


async def request_nodes(rows: list[SupportRequest] | list[support.RequestRow], *, secret_key: str,
                        include: Included = Included()) -> list[SupportRequestType]:
    """Nodes for a page of requests (models or driver rows) in a fixed number of queries, each only when the
    selection needs it. Fields not asked for are left empty: the executor never reads them."""
    if not rows:
        return []
    ids = [row.id for row in rows]
    timeline = await _related(SupportRequestEvent.filter(request_id__in=ids).order_by("request_id", "sequence"),
                              EVENT_COLUMNS) if include.timeline else {}
    comments = await _related(SupportComment.filter(request_id__in=ids).order_by("request_id", "id"),
                              COMMENT_COLUMNS) if include.comments else {}
    attachments = await _related(SupportAttachment.filter(request_id__in=ids).order_by("request_id", "id"),
                                 ATTACHMENT_COLUMNS) if include.attachments else {}
    people = People()
    if include.people:
        person_ids = {pid for row in rows for pid in (row.submitter_id, row.assignee_id) if pid is not None}
        person_ids |= {e.actor_id for events in timeline.values() for e in events if e.actor_id is not None}
        person_ids |= {c.author_id for items in comments.values() for c in items}
        person_ids |= {a.uploader_id for items in attachments.values() for a in items}
        people = await people_by_id(person_ids)
    departments = {d["id"]: DepartmentType.of(d["id"], d["code"], d["name"], d["kind"]) for d in await fetch_rows(
        Department.filter(id__in={row.department_id for row in rows}).values("id", "code", "name", "kind"))} \
        if include.department else {}
    regions = {r["id"]: RegionType.of(r["id"], r["code"], r["name"]) for r in await fetch_rows(
        Region.filter(id__in={row.region_id for row in rows}).values("id", "code", "name"))} \
        if include.region else {}
    now = dt.datetime.now(dt.UTC)
    by_name = await rulesets.rules_by_name() if include.figures else {}
    nodes = []
    for row in rows:
        events = timeline.get(row.id, [])
        nodes.append(SupportRequestType(
            id=encode_id("SupportRequest", row.id), client_request_id=row.client_request_id, status=row.status,
            category=row.category, priority=row.priority, title=row.title, description=row.description,
            submitter=people.get(row.submitter_id), assignee=people.get(row.assignee_id),
            region=regions.get(row.region_id), department=departments.get(row.department_id),  # type: ignore[arg-type]
            customer_reported_at=row.customer_reported_at, submitted_at=row.submitted_at,
            response_due_at=row.response_due_at, resolution_due_at=row.resolution_due_at,
            rule_version=row.rule_version, accepted_at=row.accepted_at, started_at=row.started_at,
            resolved_at=row.resolved_at, confirmed_at=row.confirmed_at, cancelled_at=row.cancelled_at,
            reopen_count=row.reopen_count, rating=row.rating, rating_comment=row.rating_comment,
            resolution_note=row.resolution_note,
            figures=_figures(row, now, by_name) if include.figures else None,  # type: ignore[arg-type]
            timeline=[TimelineEntryType.from_model(e, people) for e in events],
            timeline_intact=support.timeline_intact(row, events) if include.timeline_intact else True,
            comments=[CommentType.from_model(c, people) for c in comments.get(row.id, [])],
            attachments=[AttachmentType.from_model(a, people, secret_key) for a in attachments.get(row.id, [])]))
    return nodes


async def request_node(row: SupportRequest | support.RequestRow, *, secret_key: str) -> SupportRequestType:
    return (await request_nodes([row], secret_key=secret_key))[0]  # type: ignore[list-item]
