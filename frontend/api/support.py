"""Support requests (协同需求): the queue, one request, the form's choices and the transitions
(frontend/operations/support.graphql). Submission and photos go through the browser's outbox
(frontend/components/outbox.py), which sends the same documents."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncGenerator, Sequence
from typing import Any

from frontend.api import transport
from frontend.api.documents import operation
from frontend.api.transport import Connected, Event, FieldError, parse_field_error, refusal, text

SUPPORT_REQUESTS = operation("SupportRequests")
SUPPORT_REQUEST = operation("SupportRequest")
SUPPORT_FORM_OPTIONS = operation("SupportFormOptions")
SUBMIT_SUPPORT_REQUEST = operation("SubmitSupportRequest")
ADD_SUPPORT_ATTACHMENT = operation("AddSupportAttachment")
COMMENT_SUPPORT_REQUEST = operation("CommentSupportRequest")
SUPPORT_REQUEST_CHANGED = operation("SupportRequestChanged")
SUPPORT_QUEUE_CHANGED = operation("SupportQueueChanged")

# The six transitions: (operation, payload field); they share one answer shape.
SUPPORT_TRANSITIONS: dict[str, tuple[str, str]] = {
    "accept": (operation("AcceptSupportRequest"), "acceptSupportRequest"),
    "start": (operation("StartSupportRequest"), "startSupportRequest"),
    "resolve": (operation("ResolveSupportRequest"), "resolveSupportRequest"),
    "confirm": (operation("ConfirmSupportRequest"), "confirmSupportRequest"),
    "reopen": (operation("ReopenSupportRequest"), "reopenSupportRequest"),
    "cancel": (operation("CancelSupportRequest"), "cancelSupportRequest"),
}

SUPPORT_PAGE_SIZE = 50


@dataclasses.dataclass(frozen=True)
class Option:
    """A region or department to pick in a form."""

    code: str = ""
    name: str = ""


@dataclasses.dataclass(frozen=True)
class SupportFormOptions:
    regions: tuple[Option, ...] = ()
    # Backend departments only: support requests go to the backend.
    departments: tuple[Option, ...] = ()


@dataclasses.dataclass(frozen=True)
class SupportRequestSummary:
    """One row of the request list; times are ISO-8601 strings as the API sends them ("" when not yet).
    `response_sla`/`resolution_sla` are "MET", "MISSED" or "" (open and in time)."""

    id: str = ""
    status: str = ""
    category: str = ""
    priority: str = ""
    title: str = ""
    submitted_at: str = ""
    response_due_at: str = ""
    resolution_due_at: str = ""
    accepted_at: str = ""
    resolved_at: str = ""
    submitter_id: str = ""
    submitter_name: str = ""
    assignee_id: str = ""
    assignee_name: str = ""
    region_code: str = ""
    region_name: str = ""
    department_code: str = ""
    department_name: str = ""
    sla_breached: bool = False
    response_sla: str = ""
    resolution_sla: str = ""


@dataclasses.dataclass(frozen=True)
class SupportRequestPage:
    requests: tuple[SupportRequestSummary, ...] = ()
    has_next_page: bool = False
    end_cursor: str = ""


@dataclasses.dataclass(frozen=True)
class RequestFilters:
    """What the queue asks the API for; "" or None means no filter."""

    status: str = ""
    priority: str = ""
    region_code: str = ""
    department_code: str = ""
    assignee_id: str = ""
    unassigned: bool | None = None
    breached: bool | None = None
    search: str = ""

    def variables(self) -> dict[str, Any]:
        return {"status": self.status or None, "priority": self.priority or None,
                "regionCode": self.region_code or None, "departmentCode": self.department_code or None,
                "assigneeId": self.assignee_id or None, "unassigned": self.unassigned, "breached": self.breached,
                "search": self.search.strip() or None}


@dataclasses.dataclass(frozen=True)
class TimelineEntry:
    sequence: int = 0
    action: str = ""
    from_status: str = ""
    to_status: str = ""
    # The person's name; "" when the system acted (then `actor_label` says which, e.g. "system").
    actor: str = ""
    at: str = ""
    note: str = ""
    actor_label: str = ""


@dataclasses.dataclass(frozen=True)
class SupportComment:
    id: str = ""
    author: str = ""
    body: str = ""
    at: str = ""


@dataclasses.dataclass(frozen=True)
class Attachment:
    id: str = ""
    file_name: str = ""
    content_type: str = ""
    size: int = 0
    # A signed link, valid for 10 minutes from when the request was read.
    url: str = ""


@dataclasses.dataclass(frozen=True)
class SupportRequestDetail:
    """A whole request. Times are ISO strings ("" when not yet), minutes and points decimal strings
    ("" when the API has none yet); `*_sla` are "MET", "MISSED" or "" (still open and in time)."""

    id: str = ""
    client_request_id: str = ""
    status: str = ""
    category: str = ""
    priority: str = ""
    title: str = ""
    description: str = ""
    submitter_id: str = ""
    submitter_no: str = ""
    submitter_name: str = ""
    assignee_id: str = ""
    assignee_no: str = ""
    assignee_name: str = ""
    region_code: str = ""
    region_name: str = ""
    department_code: str = ""
    department_name: str = ""
    customer_reported_at: str = ""
    submitted_at: str = ""
    response_due_at: str = ""
    resolution_due_at: str = ""
    accepted_at: str = ""
    started_at: str = ""
    resolved_at: str = ""
    confirmed_at: str = ""
    cancelled_at: str = ""
    reopen_count: int = 0
    rating: int = 0
    rating_comment: str = ""
    resolution_note: str = ""
    response_minutes: str = ""
    resolution_minutes: str = ""
    response_limit_minutes: str = ""
    resolution_limit_minutes: str = ""
    response_sla: str = ""
    resolution_sla: str = ""
    sla_breached: bool = False
    satisfaction: str = ""
    handoff_delay_minutes: str = ""
    late_handoff: bool = False
    support_points: str = ""
    timeline: tuple[TimelineEntry, ...] = ()
    comments: tuple[SupportComment, ...] = ()
    attachments: tuple[Attachment, ...] = ()


TransitionResult = SupportRequestDetail | FieldError


def _sla(met: bool | None) -> str:
    return "" if met is None else ("MET" if met else "MISSED")


def _people_and_places(node: dict[str, Any]) -> dict[str, str]:
    """Who asked, who works on it, where and for which department: shared by the list and the detail."""
    submitter, assignee = node.get("submitter") or {}, node.get("assignee") or {}
    region, department = node.get("region") or {}, node.get("department") or {}
    return {
        "submitter_id": text(submitter.get("id")),
        "submitter_name": submitter.get("name") or "",
        "assignee_id": text(assignee.get("id")),
        "assignee_name": assignee.get("name") or "",
        "region_code": region.get("code") or "",
        "region_name": region.get("name") or "",
        "department_code": department.get("code") or "",
        "department_name": department.get("name") or "",
    }


def parse_support_summary(node: dict[str, Any]) -> SupportRequestSummary:
    figures = node.get("figures") or {}
    return SupportRequestSummary(
        id=str(node["id"]),
        status=node.get("status") or "",
        category=node.get("category") or "",
        priority=node.get("priority") or "",
        title=node.get("title") or "",
        submitted_at=text(node.get("submittedAt")),
        response_due_at=text(node.get("responseDueAt")),
        resolution_due_at=text(node.get("resolutionDueAt")),
        accepted_at=text(node.get("acceptedAt")),
        resolved_at=text(node.get("resolvedAt")),
        **_people_and_places(node),
        sla_breached=bool(figures.get("slaBreached")),
        response_sla=_sla(figures.get("responseSlaMet")),
        resolution_sla=_sla(figures.get("resolutionSlaMet")),
    )


def parse_support_detail(node: dict[str, Any]) -> SupportRequestDetail:
    submitter, assignee = node.get("submitter") or {}, node.get("assignee") or {}
    figures = node.get("figures") or {}
    timeline = tuple(
        TimelineEntry(
            sequence=int(entry.get("sequence") or 0),
            action=entry.get("action") or "",
            from_status=entry.get("fromStatus") or "",
            to_status=entry.get("toStatus") or "",
            actor=(entry.get("actor") or {}).get("name") or "",
            actor_label=entry.get("actorLabel") or "",
            at=entry.get("at") or "",
            note=entry.get("note") or "",
        )
        for entry in node.get("timeline") or ()
    )
    comments = tuple(
        SupportComment(
            id=str(comment.get("id") or ""),
            author=(comment.get("author") or {}).get("name") or "",
            body=comment.get("body") or "",
            at=comment.get("at") or "",
        )
        for comment in node.get("comments") or ()
    )
    attachments = tuple(
        Attachment(id=str(item.get("id") or ""), file_name=item.get("fileName") or "",
                   content_type=item.get("contentType") or "", size=int(item.get("size") or 0),
                   url=item.get("url") or "")
        for item in node.get("attachments") or ()
    )
    return SupportRequestDetail(
        id=str(node["id"]),
        client_request_id=node.get("clientRequestId") or "",
        status=node.get("status") or "",
        category=node.get("category") or "",
        priority=node.get("priority") or "",
        title=node.get("title") or "",
        description=node.get("description") or "",
        **_people_and_places(node),
        submitter_no=submitter.get("employeeNo") or "",
        assignee_no=assignee.get("employeeNo") or "",
        customer_reported_at=text(node.get("customerReportedAt")),
        submitted_at=text(node.get("submittedAt")),
        response_due_at=text(node.get("responseDueAt")),
        resolution_due_at=text(node.get("resolutionDueAt")),
        accepted_at=text(node.get("acceptedAt")),
        started_at=text(node.get("startedAt")),
        resolved_at=text(node.get("resolvedAt")),
        confirmed_at=text(node.get("confirmedAt")),
        cancelled_at=text(node.get("cancelledAt")),
        reopen_count=int(node.get("reopenCount") or 0),
        rating=int(node.get("rating") or 0),
        rating_comment=node.get("ratingComment") or "",
        resolution_note=node.get("resolutionNote") or "",
        response_minutes=text(figures.get("responseMinutes")),
        resolution_minutes=text(figures.get("resolutionMinutes")),
        response_limit_minutes=text(figures.get("responseLimitMinutes")),
        resolution_limit_minutes=text(figures.get("resolutionLimitMinutes")),
        response_sla=_sla(figures.get("responseSlaMet")),
        resolution_sla=_sla(figures.get("resolutionSlaMet")),
        sla_breached=bool(figures.get("slaBreached")),
        satisfaction=text(figures.get("satisfaction")),
        handoff_delay_minutes=text(figures.get("handoffDelayMinutes")),
        late_handoff=bool(figures.get("lateHandoff")),
        support_points=text(figures.get("supportPoints")),
        timeline=timeline,
        comments=comments,
        attachments=attachments,
    )


async def fetch_support_requests(
    token: str, *, filters: RequestFilters = RequestFilters(), after: str = "", first: int = SUPPORT_PAGE_SIZE
) -> SupportRequestPage:
    """A page of the requests the viewer may read, newest first."""
    variables = {"first": first, "after": after or None, **filters.variables()}
    connection = (await transport.execute(SUPPORT_REQUESTS, variables, token=token))["supportRequests"]
    page_info = connection.get("pageInfo") or {}
    return SupportRequestPage(
        requests=tuple(parse_support_summary(node) for node in connection.get("nodes") or ()),
        has_next_page=bool(page_info.get("hasNextPage")),
        end_cursor=page_info.get("endCursor") or "",
    )


async def fetch_support_request(token: str, request_id: str) -> SupportRequestDetail | None:
    """One request, or None when it does not exist or the viewer may not read it."""
    data = await transport.execute(SUPPORT_REQUEST, {"id": request_id}, token=token)
    return parse_support_detail(data["supportRequest"]) if data.get("supportRequest") else None


async def fetch_support_form_options(token: str) -> SupportFormOptions:
    data = await transport.execute(SUPPORT_FORM_OPTIONS, token=token)
    return SupportFormOptions(
        regions=tuple(Option(code=r["code"], name=r["name"]) for r in data.get("regions") or ()),
        departments=tuple(
            Option(code=d["code"], name=d["name"]) for d in data.get("departments") or () if d.get("kind") == "BACKEND"
        ),
    )


async def transition_support_request(token: str, action: str, request_id: str, **arguments: Any) -> TransitionResult:
    """Run one of SUPPORT_TRANSITIONS ("accept", "start", ...) with its arguments in camelCase
    (`assigneeId`, `note`, `rating`, `comment`, `reason`); the request afterwards, or why not."""
    document, field = SUPPORT_TRANSITIONS[action]
    data = await transport.execute(document, {"id": request_id, **arguments}, token=token)
    payload = data[field]
    refused = refusal(payload, "request")
    return refused if refused is not None else parse_support_detail(payload["request"])


async def comment_support_request(token: str, request_id: str, body: str) -> FieldError | None:
    """Add a comment; None when it was stored."""
    data = await transport.execute(COMMENT_SUPPORT_REQUEST, {"id": request_id, "body": body}, token=token)
    payload = data["commentSupportRequest"]
    if payload.get("__typename") == "OperationError" or "comment" not in payload:
        return parse_field_error(payload)
    return None


async def watch_support_request(
    token: str, request_id: str, *, heartbeat_seconds: float
) -> AsyncGenerator[SupportRequestDetail | None, None]:
    """Yield one request as it is now, then after every change (transition, comment, photo); None after every
    `heartbeat_seconds` without news."""
    events = transport.subscribe(token, [(SUPPORT_REQUEST_CHANGED, {"requestId": request_id})],
                                 heartbeat_seconds=heartbeat_seconds)
    async with contextlib.aclosing(events):
        async for item in events:
            if item is None:
                yield None
            elif isinstance(item, Event):
                yield parse_support_detail(item.data["supportRequestChanged"]["request"])


QueueItem = SupportRequestSummary | Connected | None


async def watch_support_queue(
    token: str, *, department_codes: Sequence[str] = (), request_ids: Sequence[str] = (), heartbeat_seconds: float
) -> AsyncGenerator[QueueItem, None]:
    """Follow the queues of `department_codes` and the single requests `request_ids` on one socket: `Connected`
    first (the list should be read again: a queue sends no current state), then each changed request as a list
    row; None after every `heartbeat_seconds` without news."""
    subscriptions = [(SUPPORT_QUEUE_CHANGED, {"departmentCode": code}) for code in department_codes]
    subscriptions += [(SUPPORT_REQUEST_CHANGED, {"requestId": request_id}) for request_id in request_ids]
    if not subscriptions:
        return
    events = transport.subscribe(token, subscriptions, heartbeat_seconds=heartbeat_seconds)
    async with contextlib.aclosing(events):
        async for item in events:
            if isinstance(item, Event):
                yield parse_support_summary(item.data["supportRequestChanged"]["request"])
            else:
                yield item


@dataclasses.dataclass(frozen=True)
class Submitted:
    request_id: str
    # False when the server already had this clientRequestId: nothing new was created.
    created: bool


SubmitResult = Submitted | FieldError


async def submit_support_request(token: str, request: dict[str, Any]) -> SubmitResult:
    """Submit `request` (SubmitSupportRequestInput's fields, camelCase). Resending the same clientRequestId
    is safe: the server then answers with the original request and `created` False."""
    data = await transport.execute(SUBMIT_SUPPORT_REQUEST, {"input": request}, token=token)
    payload = data["submitSupportRequest"]
    refused = refusal(payload, "request")
    if refused is not None:
        return refused
    return Submitted(request_id=str(payload["request"]["id"]), created=bool(payload.get("created")))


def summary_of(detail: SupportRequestDetail) -> SupportRequestSummary:
    """The list row of a whole request (a transition answers with the whole request)."""
    names = {f.name for f in dataclasses.fields(SupportRequestSummary)}
    return SupportRequestSummary(**{name: getattr(detail, name) for name in names})
