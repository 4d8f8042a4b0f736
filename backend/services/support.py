"""Support request use cases (SPEC §2): submit (idempotent), the transitions, comments, photo evidence,
reads within the viewer's scope, and the bottleneck analysis."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.expressions import F, Q

from backend.domain import org as org_rules
from backend.domain import support as rules
from backend.domain.access import Scope, Viewer, ViewerKind
from backend.domain.analytics import Report, RequestFact, bottleneck_report
from backend.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from backend.domain.events import SupportRequestChanged
from backend.domain.org import DepartmentKind, Role
from backend.domain.periods import period_bounds
from backend.domain.rules import DEFAULT_RULES, RuleSet, SlaLimit
from backend.domain.support import Action, Category, Priority, Status
from backend.persistence.models import (
    Department,
    Employee,
    Region,
    SupportAttachment,
    SupportComment,
    SupportRequest,
    SupportRequestEvent,
)
from backend.persistence.raw import as_datetime, fetch_rows
from backend.services import clock, reward_hooks, rulesets
from backend.services.support_analytics import report_in_sql
from backend.services.uow import UnitOfWork

MAX_TITLE = 200
MAX_TEXT = 5000
MAX_CLIENT_ID = 64

# Photo evidence: accepted by content, never by file name.
IMAGE_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


def _now(at: datetime | None) -> datetime:
    return at or clock.now()


# --- who may do what ------------------------------------------------------------------------------------


def _is_system(actor: Viewer) -> bool:
    return actor.kind is ViewerKind.SYSTEM


def _in_department(actor: Viewer, request: SupportRequest | RequestRow) -> bool:
    return actor.department_id == request.department_id


def _manages(actor: Viewer, department_id: int) -> bool:
    return actor.department_id == department_id and actor.has_role(Role.MANAGER)


def can_read(viewer: Viewer, request: SupportRequest | RequestRow) -> bool:
    """Submitter, the target department's members, managers of either side, HR, read:support partners."""
    if viewer.is_hr or viewer.has_scope(Scope.READ_SUPPORT):
        return True
    if not viewer.is_employee:
        return False
    return (viewer.employee_id == request.submitter_id or _in_department(viewer, request)
            or _manages(viewer, request.submitter_department_id))


def visible_to(viewer: Viewer) -> Q | None:
    """The same scope as a query filter; None means everything."""
    if viewer.is_hr or viewer.has_scope(Scope.READ_SUPPORT):
        return None
    if not viewer.is_employee:
        return Q(id=-1)
    scope = Q(submitter_id=viewer.employee_id) | Q(department_id=viewer.department_id)
    if viewer.has_role(Role.MANAGER):
        scope |= Q(submitter_department_id=viewer.department_id)
    return scope


def _authorise(actor: Viewer, action: Action, request: SupportRequest) -> None:
    if _is_system(actor):
        return
    if action is Action.ACCEPT:
        allowed = _in_department(actor, request)
        who = "members of the target department"
    elif action in (Action.START, Action.RESOLVE):
        allowed = actor.employee_id == request.assignee_id or _manages(actor, request.department_id)
        who = "the assignee or the department's manager"
    else:
        allowed = actor.employee_id == request.submitter_id
        who = "the submitter"
    if not allowed:
        raise PermissionDenied(f"only {who} may {action.value.lower()} this request")


# --- timeline -------------------------------------------------------------------------------------------


async def _append(uow: UnitOfWork, request: SupportRequest, action: str, from_status: Status | None,
                  at: datetime, note: str | None = None) -> None:
    sequence = request.timeline_length + 1
    previous = request.timeline_head if sequence > 1 else ""
    digest = rules.chain_hash(previous, sequence=sequence, action=action,
                              from_status=from_status.value if from_status else None,
                              to_status=request.status.value, actor=uow.actor.label, at=at, note=note)
    await SupportRequestEvent.create(
        request_id=request.id, sequence=sequence, action=action,
        from_status=from_status.value if from_status else None, to_status=request.status.value,
        actor_id=uow.actor.employee_id, actor_label=uow.actor.label, at=at, note=note, chain_hash=digest,
        using_db=uow.connection)
    request.timeline_length = sequence
    request.timeline_head = digest
    uow.record(SupportRequestChanged(request_id=request.id, department_id=request.department_id,
                                     submitter_id=request.submitter_id, action=action,
                                     status=request.status.value, sequence=sequence, occurred_at=at))


def timeline_intact(request: SupportRequest | RequestRow, events: list[Any]) -> bool:
    """Recompute the chain: any edited, deleted or inserted entry shows as a mismatch."""
    previous = ""
    for expected_sequence, event in enumerate(events, start=1):
        if event.sequence != expected_sequence:
            return False
        digest = rules.chain_hash(previous, sequence=event.sequence, action=event.action,
                                  from_status=event.from_status, to_status=event.to_status,
                                  actor=event.actor_label, at=as_datetime(event.at) or event.at, note=event.note)
        if digest != event.chain_hash:
            return False
        previous = digest
    return previous == request.timeline_head and len(events) == request.timeline_length


# --- submit ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubmitData:
    client_request_id: str
    region_code: str
    department_code: str
    category: Category
    priority: Priority
    title: str
    description: str
    customer_reported_at: datetime
    submitter_id: int | None = None  # the system (demo data) submits on someone's behalf


@dataclass(frozen=True, slots=True)
class Submission:
    request: SupportRequest
    created: bool


def _client_id(value: str) -> str:
    text = org_rules.clean_text(value, field="clientRequestId", max_length=MAX_CLIENT_ID)
    if any(ch.isspace() for ch in text):
        raise ValidationError("clientRequestId must not contain spaces", field="clientRequestId")
    return text


async def submit_request(*, uow: UnitOfWork, data: SubmitData, rules_in_force: RuleSet | None = None,
                         at: datetime | None = None) -> Submission:
    """Idempotent by client request id: a resend returns the first request and creates nothing. Its SLA limits
    come from the rule set in force at submission, which it names."""
    at = _now(at)
    client_id = _client_id(data.client_request_id)
    submitter_id = data.submitter_id if _is_system(uow.actor) and data.submitter_id else uow.actor.employee_id
    if submitter_id is None:
        raise PermissionDenied("only employees submit support requests")
    existing = await SupportRequest.filter(client_request_id=client_id).using_db(uow.connection).first()
    if existing is not None:
        return _resent(existing, submitter_id)
    submitter = await Employee.filter(id=submitter_id).using_db(uow.connection).select_related("department").first()
    if submitter is None:
        raise NotFound("no such submitter", field="submitterId")
    if submitter.department.kind is not DepartmentKind.FRONTLINE:
        raise PermissionDenied("only frontline staff raise support requests")
    region = await Region.filter(code=org_rules.clean_code(data.region_code, field="regionCode")) \
        .using_db(uow.connection).first()
    if region is None:
        raise NotFound(f"no region with code {data.region_code!r}", field="regionCode")
    department = await Department.filter(code=org_rules.clean_code(data.department_code, field="departmentCode")) \
        .using_db(uow.connection).first()
    if department is None:
        raise NotFound(f"no department with code {data.department_code!r}", field="departmentCode")
    if department.kind is not DepartmentKind.BACKEND:
        raise ValidationError("support requests go to a backend department", field="departmentCode")
    reported = data.customer_reported_at
    if reported.tzinfo is None:
        raise ValidationError("customerReportedAt needs a time zone offset", field="customerReportedAt")
    rules.check_customer_report(reported, at)
    if rules_in_force is None:
        rules_in_force = await rulesets.rules_at(at, connection=uow.connection)
    limit = rules_in_force.sla_for(data.priority.value)
    nonce = secrets.token_hex(16)
    # INSERT … ON CONFLICT DO NOTHING: under concurrent resends exactly one row wins, and nobody's
    # transaction aborts; the nonce tells the winner apart.
    await SupportRequest.bulk_create([SupportRequest(
        client_request_id=client_id, submitter_id=submitter.id, submitter_department_id=submitter.department_id,
        region_id=region.id, department_id=department.id, category=data.category, priority=data.priority,
        title=org_rules.clean_text(data.title, field="title", max_length=MAX_TITLE),
        description=org_rules.clean_text(data.description, field="description", max_length=MAX_TEXT,
                                         required=False),
        customer_reported_at=reported, submitted_at=at, response_due_at=at + limit.response,
        resolution_due_at=at + limit.resolution, rule_version=rules_in_force.version, status=Status.SUBMITTED,
        timeline_head=nonce)], ignore_conflicts=True, using_db=uow.connection)
    request = await SupportRequest.filter(client_request_id=client_id).using_db(uow.connection).first()
    if request is None:  # pragma: no cover - the row was inserted or already there
        raise Conflict("the request could not be stored; retry")
    if request.timeline_head != nonce:
        return _resent(request, submitter_id)
    await _append(uow, request, "SUBMIT", None, at)
    await request.save(using_db=uow.connection, update_fields=["timeline_length", "timeline_head"])
    return Submission(request=request, created=True)


def _resent(existing: SupportRequest, submitter_id: int) -> Submission:
    if existing.submitter_id != submitter_id:
        raise Conflict("this clientRequestId was already used for another person's request",
                       field="clientRequestId")
    return Submission(request=existing, created=False)


# --- transitions ----------------------------------------------------------------------------------------


async def _for_update(uow: UnitOfWork, request_id: int) -> SupportRequest:
    request = await SupportRequest.filter(id=request_id).using_db(uow.connection).select_for_update().first()
    if request is None or not (can_read(uow.actor, request) or _is_system(uow.actor)):
        raise NotFound("no such support request", field="id")
    return request


async def _transition(uow: UnitOfWork, request_id: int, action: Action, at: datetime | None,
                      note: str | None = None, **changes: Any) -> SupportRequest:
    at = _now(at)
    request = await _for_update(uow, request_id)
    _authorise(uow.actor, action, request)
    previous = request.status
    request.status = rules.next_status(previous, action)
    for name, value in changes.items():
        setattr(request, name, value)
    await _append(uow, request, action.value, previous, at, note)
    await request.save(using_db=uow.connection)
    await reward_hooks.after_transition(uow, request, action, at)  # pool points, pending orders (same commit)
    return request


async def accept_request(*, uow: UnitOfWork, request_id: int, assignee_id: int,
                         at: datetime | None = None) -> SupportRequest:
    request = await _for_update(uow, request_id)
    assignee = await Employee.filter(id=assignee_id).using_db(uow.connection).first()
    if assignee is None or assignee.department_id != request.department_id:
        raise ValidationError("the assignee must be a member of the target department", field="assigneeId")
    at = _now(at)
    if org_rules.status_on(clock.local_date(at), leave_date=assignee.leave_date).value == "LEFT":
        raise ValidationError("the assignee has left", field="assigneeId")
    return await _transition(uow, request_id, Action.ACCEPT, at, note=f"assigned to {assignee.employee_no}",
                             assignee_id=assignee.id, accepted_at=at)


async def start_request(*, uow: UnitOfWork, request_id: int, at: datetime | None = None) -> SupportRequest:
    at = _now(at)
    request = await _for_update(uow, request_id)
    return await _transition(uow, request_id, Action.START, at, started_at=request.started_at or at)


async def resolve_request(*, uow: UnitOfWork, request_id: int, note: str | None,
                          at: datetime | None = None) -> SupportRequest:
    at = _now(at)
    text = org_rules.clean_text(note, field="note", max_length=MAX_TEXT, required=False) if note else None
    return await _transition(uow, request_id, Action.RESOLVE, at, note=text, resolved_at=at, resolution_note=text)


async def confirm_request(*, uow: UnitOfWork, request_id: int, rating: int, comment: str | None,
                          at: datetime | None = None) -> SupportRequest:
    at = _now(at)
    text = org_rules.clean_text(comment, field="comment", max_length=MAX_TEXT, required=False) if comment else None
    return await _transition(uow, request_id, Action.CONFIRM, at, note=text, rating=rules.check_rating(rating),
                             rating_comment=text, confirmed_at=at)


async def reopen_request(*, uow: UnitOfWork, request_id: int, reason: str,
                         at: datetime | None = None) -> SupportRequest:
    at = _now(at)
    text = org_rules.clean_text(reason, field="reason", max_length=MAX_TEXT)
    request = await _for_update(uow, request_id)
    return await _transition(uow, request_id, Action.REOPEN, at, note=text, resolved_at=None,
                             reopen_count=request.reopen_count + 1)


async def cancel_request(*, uow: UnitOfWork, request_id: int, at: datetime | None = None) -> SupportRequest:
    at = _now(at)
    return await _transition(uow, request_id, Action.CANCEL, at, cancelled_at=at)


async def comment_request(*, uow: UnitOfWork, request_id: int, body: str,
                          at: datetime | None = None) -> SupportComment:
    at = _now(at)
    request = await _for_update(uow, request_id)
    if uow.actor.employee_id is None:
        raise PermissionDenied("only employees comment")
    text = org_rules.clean_text(body, field="body", max_length=MAX_TEXT)
    comment = await SupportComment.create(request_id=request.id, author_id=uow.actor.employee_id, body=text, at=at,
                                          using_db=uow.connection)
    uow.record(SupportRequestChanged(request_id=request.id, department_id=request.department_id,
                                     submitter_id=request.submitter_id, action="COMMENT",
                                     status=request.status.value, sequence=request.timeline_length, occurred_at=at))
    return comment


# --- photo evidence -------------------------------------------------------------------------------------


def sniff_image(content: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a JPEG, PNG or WebP, judged by the bytes themselves."""
    for signature, content_type, extension in IMAGE_SIGNATURES:
        if content.startswith(signature):
            return content_type, extension
    if len(content) >= 12 and content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def attachment_path(storage_dir: Path, sha256: str) -> Path:
    return storage_dir / "attachments" / sha256[:2] / sha256


async def add_attachment(*, uow: UnitOfWork, request_id: int, file_name: str, content: bytes, storage_dir: Path,
                         max_bytes: int, at: datetime | None = None) -> SupportAttachment:
    at = _now(at)
    request = await _for_update(uow, request_id)
    if uow.actor.employee_id is None or not (uow.actor.employee_id == request.submitter_id
                                             or _in_department(uow.actor, request)):
        raise PermissionDenied("only the submitter or the target department adds evidence")
    if len(content) > max_bytes:
        raise ValidationError(f"a photo may be at most {max_bytes // (1024 * 1024)} MB", field="file")
    kind = sniff_image(content)
    if kind is None:
        raise ValidationError("evidence must be a JPEG, PNG or WebP image", field="file")
    digest = hashlib.sha256(content).hexdigest()
    # A phone that lost the answer sends the same photo again: it is the same evidence, stored once.
    existing = await SupportAttachment.filter(request_id=request.id, sha256=digest).using_db(uow.connection).first()
    if existing is not None:
        return existing
    target = attachment_path(storage_dir, digest)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.write_bytes(content)
        partial.replace(target)  # atomic: a reader never sees half a photo
    name = org_rules.clean_text(Path(file_name or "photo").name, field="file", max_length=200) or "photo"
    attachment = await SupportAttachment.create(
        request_id=request.id, uploader_id=uow.actor.employee_id, sha256=digest, content_type=kind[0],
        size=len(content), file_name=name, at=at, using_db=uow.connection)
    uow.record(SupportRequestChanged(request_id=request.id, department_id=request.department_id,
                                     submitter_id=request.submitter_id, action="ATTACH",
                                     status=request.status.value, sequence=request.timeline_length, occurred_at=at))
    return attachment


# --- reads ----------------------------------------------------------------------------------------------


def figures_of(request: SupportRequest | RequestRow, *, now: datetime,
               rules_in_force: RuleSet = DEFAULT_RULES) -> rules.Figures:
    timing = rules.Timing(
        priority=request.priority, status=request.status, customer_reported_at=request.customer_reported_at,
        submitted_at=request.submitted_at, accepted_at=request.accepted_at, started_at=request.started_at,
        resolved_at=request.resolved_at, rating=request.rating, reopen_count=request.reopen_count)
    limit = SlaLimit(response=request.response_due_at - request.submitted_at,
                     resolution=request.resolution_due_at - request.submitted_at)
    return rules.figures(timing, rules_in_force, now=now, limit=limit)


@dataclass(frozen=True, slots=True)
class RequestFilters:
    status: Status | None = None
    priority: Priority | None = None
    region_code: str | None = None
    department_code: str | None = None
    assignee_id: int | None = None
    breached: bool | None = None
    period: str | None = None
    unassigned: bool | None = None  # True: nobody accepted it yet; False: someone has
    search: str | None = None  # words of the title, any case


MAX_SEARCH_LENGTH = 100


def _breached(now: datetime) -> Q:
    """SLA breached, in SQL, as `rules.figures` judges it: late to accept or to resolve, or still waiting past a
    deadline; a cancelled request is not judged. Every term is NULL-free (a comparison with a NULL timestamp is
    guarded by IS NOT NULL), so the negation `breached: false` keeps the open requests too."""
    accepted_late = Q(accepted_at__isnull=False) & Q(accepted_at__gt=F("response_due_at"))
    resolved_late = Q(resolved_at__isnull=False) & Q(resolved_at__gt=F("resolution_due_at"))
    waiting_too_long = (Q(accepted_at__isnull=True) & Q(response_due_at__lt=now)) \
        | (Q(resolved_at__isnull=True) & Q(resolution_due_at__lt=now))
    return ~Q(status=Status.CANCELLED) & (accepted_late | resolved_late | waiting_too_long)


REQUEST_COLUMNS = (
    "id", "client_request_id", "submitter_id", "submitter_department_id", "region_id", "department_id", "category",
    "priority", "title", "description", "customer_reported_at", "submitted_at", "response_due_at",
    "resolution_due_at", "rule_version", "status", "assignee_id", "accepted_at", "started_at", "resolved_at",
    "confirmed_at", "cancelled_at", "reopen_count", "rating", "rating_comment", "resolution_note", "timeline_length",
    "timeline_head")
_TIMESTAMPS = ("customer_reported_at", "submitted_at", "response_due_at", "resolution_due_at", "accepted_at",
               "started_at", "resolved_at", "confirmed_at", "cancelled_at")
# Plain lookups: Enum(value) costs a few microseconds, which adds up over pages and months of requests.
_CATEGORY = {member.value: member for member in Category}
_PRIORITY = {member.value: member for member in Priority}
_STATUS = {member.value: member for member in Status}


class RequestRow:
    """A support request read as a driver row (no model instance, no per-field ORM conversion): the attributes
    of `SupportRequest` that the read side uses, timestamps decoded once (native on PostgreSQL)."""

    __slots__ = REQUEST_COLUMNS
    id: int
    client_request_id: str
    submitter_id: int
    submitter_department_id: int
    region_id: int
    department_id: int
    category: Category
    priority: Priority
    title: str
    description: str
    customer_reported_at: datetime
    submitted_at: datetime
    response_due_at: datetime
    resolution_due_at: datetime
    rule_version: str
    status: Status
    assignee_id: int | None
    accepted_at: datetime | None
    started_at: datetime | None
    resolved_at: datetime | None
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    reopen_count: int
    rating: int | None
    rating_comment: str | None
    resolution_note: str | None
    timeline_length: int
    timeline_head: str

    def __init__(self, row: dict[str, Any]) -> None:
        for name in REQUEST_COLUMNS:
            setattr(self, name, row[name])
        for name in _TIMESTAMPS:
            setattr(self, name, as_datetime(row[name]))
        self.status = _STATUS[row["status"]]
        self.priority = _PRIORITY[row["priority"]]
        self.category = _CATEGORY[row["category"]]


@dataclass(frozen=True, slots=True)
class RequestPage:
    rows: list[RequestRow]
    has_next_page: bool


async def list_requests(*, viewer: Viewer, first: int, after_id: int | None, filters: RequestFilters,
                        zone: ZoneInfo, now: datetime | None = None) -> RequestPage:
    """Newest first, a keyset page at a time, within what the viewer may read."""
    query = SupportRequest.all().order_by("-id")
    scope = visible_to(viewer)
    if scope is not None:
        query = query.filter(scope)
    if after_id is not None:
        query = query.filter(id__lt=after_id)
    if filters.status is not None:
        query = query.filter(status=filters.status)
    if filters.priority is not None:
        query = query.filter(priority=filters.priority)
    if filters.region_code:
        query = query.filter(region__code=org_rules.clean_code(filters.region_code, field="regionCode"))
    if filters.department_code:
        query = query.filter(department__code=org_rules.clean_code(filters.department_code,
                                                                   field="departmentCode"))
    if filters.assignee_id is not None:
        query = query.filter(assignee_id=filters.assignee_id)
    if filters.period:
        start, end = period_bounds(filters.period, zone)
        query = query.filter(submitted_at__gte=start, submitted_at__lt=end)
    if filters.breached is not None:
        breached = _breached(_now(now))
        query = query.filter(breached if filters.breached else ~breached)
    if filters.unassigned is not None:
        query = query.filter(assignee_id__isnull=filters.unassigned)
    search = (filters.search or "").strip()
    if search:
        query = query.filter(title__icontains=org_rules.clean_text(search, field="search",
                                                                  max_length=MAX_SEARCH_LENGTH))
    rows = await fetch_rows(query.limit(first + 1).values(*REQUEST_COLUMNS))
    return RequestPage(rows=[RequestRow(row) for row in rows[:first]], has_next_page=len(rows) > first)


async def read_request(*, viewer: Viewer, request_id: int) -> RequestRow | None:
    """One request as a driver row, if the viewer may read it (the request page)."""
    rows = await fetch_rows(SupportRequest.filter(id=request_id).values(*REQUEST_COLUMNS))
    request = RequestRow(rows[0]) if rows else None
    return request if request is not None and can_read(viewer, request) else None


async def get_request(*, viewer: Viewer, request_id: int) -> SupportRequest | None:
    request = await SupportRequest.get_or_none(id=request_id)
    return request if request is not None and can_read(viewer, request) else None


# --- analytics ------------------------------------------------------------------------------------------

FACT_COLUMNS = ("department_id", "region_id", "priority", "status", "customer_reported_at", "submitted_at",
                "accepted_at", "started_at", "resolved_at", "rating", "reopen_count")


@dataclass(frozen=True, slots=True)
class BottleneckAnalysis:
    period: str
    start: datetime
    end: datetime
    as_of: datetime
    report: Report
    rule_version: str


async def bottlenecks(*, period: str, zone: ZoneInfo, rules_in_force: RuleSet | None = None,
                      now: datetime | None = None) -> BottleneckAnalysis:
    """Requests submitted in the period, judged as of its end (or now, for the current period), under the rule
    set in force at the period's end."""
    start, end = period_bounds(period, zone)
    as_of = min(_now(now), end)
    rules_in_force = rules_in_force or await rulesets.rules_at(end - timedelta(microseconds=1))
    staff = await _staff_by_department(as_of)
    report = await report_in_sql(start=start, end=end, as_of=as_of, rules=rules_in_force, staff_by_department=staff)
    return BottleneckAnalysis(period=period, start=start, end=end, as_of=as_of, report=report,
                              rule_version=rules_in_force.version)


async def bottlenecks_in_python(*, period: str, zone: ZoneInfo, rules_in_force: RuleSet | None = None,
                                now: datetime | None = None) -> BottleneckAnalysis:
    """The reference: every request of the period loaded into Python (`domain.analytics.bottleneck_report`).
    The figures `bottlenecks` computes in SQL are compared with these in the tests."""
    start, end = period_bounds(period, zone)
    as_of = min(_now(now), end)
    rules_in_force = rules_in_force or await rulesets.rules_at(end - timedelta(microseconds=1))
    rows = await fetch_rows(SupportRequest.filter(submitted_at__gte=start, submitted_at__lt=end)
                            .values(*FACT_COLUMNS))
    facts = [RequestFact(
        department_id=row["department_id"], region_id=row["region_id"], priority=_PRIORITY[row["priority"]],
        status=_STATUS[row["status"]], customer_reported_at=_dt(row["customer_reported_at"]),
        submitted_at=_dt(row["submitted_at"]), accepted_at=as_datetime(row["accepted_at"]),
        started_at=as_datetime(row["started_at"]), resolved_at=as_datetime(row["resolved_at"]),
        rating=row["rating"], reopen_count=row["reopen_count"]) for row in rows]
    staff = await _staff_by_department(as_of)
    report = bottleneck_report(facts, staff, rules_in_force, start=start, as_of=as_of)
    return BottleneckAnalysis(period=period, start=start, end=end, as_of=as_of, report=report,
                              rule_version=rules_in_force.version)


def _dt(value: Any) -> datetime:
    parsed = as_datetime(value)
    assert parsed is not None
    return parsed


async def _staff_by_department(as_of: datetime) -> dict[int, int]:
    """Employees on each backend department's books at the moment judged."""
    day = clock.local_date(as_of)  # the organisation's date, not UTC's
    rows = await Employee.filter(Q(leave_date__isnull=True) | Q(leave_date__gte=day), hire_date__lte=day,
                                 department__kind=DepartmentKind.BACKEND).values_list("department_id", flat=True)
    counts: dict[int, int] = {}
    for value in rows:
        department_id = int(str(value))
        counts[department_id] = counts.get(department_id, 0) + 1
    return counts
