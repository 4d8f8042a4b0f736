"""The SPA's one GraphQL gateway: every query, mutation and subscription the pages need lives here.

The Reflex backend calls the Tandem API served by its own process on loopback, so pages never touch
the database or import `backend.*`. Results come back as small frozen dataclasses; failures to reach
or understand the API raise `GatewayError`, while business errors arrive as `OperationError` values.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
from collections.abc import AsyncGenerator
from typing import Any

import httpx
import reflex as rx
import websockets

REQUEST_TIMEOUT_SECONDS = 10.0
DEFAULT_BACKEND_PORT = 8000
# graphql-transport-ws closes the socket with this code when connection_init carries a refused token.
WS_CLOSE_FORBIDDEN = 4403

LOGIN_MUTATION = """
mutation Login($employeeNo: String!, $password: String!) {
  login(employeeNo: $employeeNo, password: $password) {
    __typename
    ... on LoginSuccess { token expiresAt }
    ... on OperationError { code message retryAfterSeconds }
  }
}
"""

PROFILE_FIELDS = """
fragment ProfileFields on Employee {
  id employeeNo name position status hireDate roles baseSalary targetBonus
  department { code name kind }
  region { code name }
}
"""

ME_QUERY = (
    """
query Me { me { ...ProfileFields } }
"""
    + PROFILE_FIELDS
)

# The API sends the current state first (kind CURRENT), then every change.
EMPLOYEE_CHANGED_SUBSCRIPTION = (
    """
subscription EmployeeChanged($employeeId: ID) {
  employeeChanged(employeeId: $employeeId) { kind employee { ...ProfileFields } }
}
"""
    + PROFILE_FIELDS
)


class GatewayError(Exception):
    """The API could not be reached, or answered with GraphQL errors instead of data."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclasses.dataclass(frozen=True)
class OperationError:
    """A typed business error from a mutation payload (e.g. INVALID_CREDENTIALS)."""

    code: str
    message: str
    # With TOO_MANY_ATTEMPTS: seconds until the server accepts another try.
    retry_after_seconds: int | None = None


@dataclasses.dataclass(frozen=True)
class LoginSuccess:
    token: str
    expires_at: str


LoginResult = LoginSuccess | OperationError


@dataclasses.dataclass(frozen=True)
class Profile:
    """The signed-in employee as `me` returns it; money stays a decimal string, as the API sends it."""

    id: str = ""
    employee_no: str = ""
    name: str = ""
    position: str = ""
    status: str = ""
    hire_date: str = ""
    roles: tuple[str, ...] = ()
    base_salary: str | None = None
    target_bonus: str | None = None
    department_code: str = ""
    department_name: str = ""
    department_kind: str = ""
    region_code: str | None = None
    region_name: str | None = None


def graphql_url() -> str:
    """The API of this very process: the Reflex backend port, on loopback (not the browser-facing api_url)."""
    port = rx.config.get_config().backend_port or DEFAULT_BACKEND_PORT
    return f"http://127.0.0.1:{port}/graphql"


def http_client() -> httpx.AsyncClient:
    # trust_env=False: a proxy configured for the outside world must not intercept loopback calls.
    return httpx.AsyncClient(timeout=REQUEST_TIMEOUT_SECONDS, trust_env=False)


async def execute(query: str, variables: dict[str, Any] | None = None, *, token: str = "") -> dict[str, Any]:
    """POST one GraphQL operation and return its `data`; raise GatewayError on transport or GraphQL errors."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = {"query": query, "variables": variables or {}}
    try:
        async with http_client() as client:
            response = await client.post(graphql_url(), json=body, headers=headers)
    except httpx.HTTPError as exc:
        raise GatewayError("NETWORK", str(exc) or type(exc).__name__) from exc
    try:
        payload = response.json()
    except ValueError as exc:
        raise GatewayError("NETWORK", f"HTTP {response.status_code}: not a GraphQL response") from exc
    errors = payload.get("errors") if isinstance(payload, dict) else None
    if errors:
        raise GatewayError("GRAPHQL", "; ".join(str(error.get("message", error)) for error in errors))
    data = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(data, dict):
        raise GatewayError("NETWORK", f"HTTP {response.status_code}: response without data")
    return data


async def login(employee_no: str, password: str) -> LoginResult:
    data = await execute(LOGIN_MUTATION, {"employeeNo": employee_no, "password": password})
    return parse_login(data["login"])


def parse_login(payload: dict[str, Any]) -> LoginResult:
    if payload.get("__typename") == "LoginSuccess" or "token" in payload:
        return LoginSuccess(token=payload["token"], expires_at=payload.get("expiresAt") or "")
    retry = payload.get("retryAfterSeconds")
    return OperationError(code=payload.get("code") or "UNKNOWN", message=payload.get("message") or "",
                          retry_after_seconds=retry if isinstance(retry, int) else None)


async def fetch_me(token: str) -> Profile | None:
    """The signed-in employee, or None when the token is missing, expired or revoked."""
    data = await execute(ME_QUERY, token=token)
    return parse_profile(data["me"]) if data.get("me") else None


def parse_profile(me: dict[str, Any]) -> Profile:
    department = me.get("department") or {}
    region = me.get("region") or {}
    return Profile(
        id=str(me["id"]),
        employee_no=me["employeeNo"],
        name=me["name"],
        position=me.get("position") or "",
        status=me.get("status") or "",
        hire_date=me.get("hireDate") or "",
        roles=tuple(me.get("roles") or ()),
        base_salary=me.get("baseSalary"),
        target_bonus=me.get("targetBonus"),
        department_code=department.get("code") or "",
        department_name=department.get("name") or "",
        department_kind=department.get("kind") or "",
        region_code=region.get("code"),
        region_name=region.get("name"),
    )


async def watch_employee(
    token: str, employee_id: str, *, heartbeat_seconds: float
) -> AsyncGenerator[Profile | None, None]:
    """Yield one employee's profile as it is now, then after each change (transfer, leave...), over
    graphql-transport-ws; yield None after every `heartbeat_seconds` without news, so the caller can check
    that someone still watches. Closing the generator closes the socket."""
    url = graphql_url().replace("http://", "ws://", 1)
    try:
        async with websockets.connect(
            url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")], proxy=None, open_timeout=5
        ) as socket:
            await socket.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}))
            ack = json.loads(await asyncio.wait_for(socket.recv(), REQUEST_TIMEOUT_SECONDS))
            if ack.get("type") != "connection_ack":
                raise GatewayError("SUBSCRIPTION", f"connection refused: {ack}")
            subscribe = {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": EMPLOYEE_CHANGED_SUBSCRIPTION, "variables": {"employeeId": employee_id}},
            }
            await socket.send(json.dumps(subscribe))
            while True:
                try:
                    message = json.loads(await asyncio.wait_for(socket.recv(), heartbeat_seconds))
                except TimeoutError:
                    yield None
                    continue
                match message.get("type"):
                    case "ping":
                        await socket.send(json.dumps({"type": "pong"}))
                    case "next":
                        if message["payload"].get("errors"):
                            raise GatewayError("SUBSCRIPTION", str(message["payload"]["errors"]))
                        yield parse_profile(message["payload"]["data"]["employeeChanged"]["employee"])
                    case "error":
                        raise GatewayError("SUBSCRIPTION", str(message.get("payload")))
                    case "complete":
                        return
    except websockets.ConnectionClosed as exc:
        if exc.rcvd is not None and exc.rcvd.code == WS_CLOSE_FORBIDDEN:
            raise GatewayError("UNAUTHENTICATED", exc.rcvd.reason or "token refused") from exc
        raise GatewayError("NETWORK", str(exc)) from exc
    except websockets.InvalidStatus as exc:  # the handshake itself was refused (e.g. origin not allowed)
        raise GatewayError("SUBSCRIPTION", str(exc)) from exc
    except (OSError, websockets.WebSocketException) as exc:
        raise GatewayError("NETWORK", str(exc) or type(exc).__name__) from exc


# --- support requests (协同需求) ------------------------------------------------------------------------

SUPPORT_SUMMARY_FIELDS = """
fragment SupportSummaryFields on SupportRequest {
  id status category priority title submittedAt
  submitter { id name } assignee { id name }
  region { code name } department { code name }
  figures { slaBreached }
}
"""

# Everything the detail page shows; the subscription and every transition answer with the same shape.
SUPPORT_DETAIL_FIELDS = """
fragment SupportDetailFields on SupportRequest {
  id clientRequestId status category priority title description
  submitter { id employeeNo name } assignee { id employeeNo name }
  region { code name } department { code name }
  customerReportedAt submittedAt responseDueAt resolutionDueAt
  acceptedAt startedAt resolvedAt confirmedAt cancelledAt
  reopenCount rating ratingComment resolutionNote
  figures {
    responseMinutes resolutionMinutes responseLimitMinutes resolutionLimitMinutes
    responseSlaMet resolutionSlaMet slaBreached satisfaction handoffDelayMinutes lateHandoff supportPoints
  }
  timeline { sequence action fromStatus toStatus actorLabel actor { name } at note }
  comments { id body author { name } at }
}
"""

SUPPORT_REQUESTS_QUERY = (
    """
query SupportRequests($first: Int!, $after: String, $status: SupportStatus) {
  supportRequests(first: $first, after: $after, status: $status) {
    nodes { ...SupportSummaryFields }
    pageInfo { hasNextPage endCursor }
  }
}
"""
    + SUPPORT_SUMMARY_FIELDS
)

SUPPORT_REQUEST_QUERY = (
    """
query SupportRequest($id: ID!) { supportRequest(id: $id) { ...SupportDetailFields } }
"""
    + SUPPORT_DETAIL_FIELDS
)

SUPPORT_FORM_OPTIONS_QUERY = """
query SupportFormOptions { regions { code name } departments { code name kind } }
"""

SUBMIT_SUPPORT_REQUEST_MUTATION = (
    """
mutation SubmitSupportRequest($input: SubmitSupportRequestInput!) {
  submitSupportRequest(input: $input) {
    __typename
    ... on SupportRequestSuccess { created request { ...SupportDetailFields } }
    ... on OperationError { code message field }
  }
}
"""
    + SUPPORT_DETAIL_FIELDS
)

# The six transitions share one answer shape; only the mutation and its arguments differ.
SUPPORT_TRANSITIONS: dict[str, tuple[str, str]] = {
    "accept": ("acceptSupportRequest", "$id: ID!, $assigneeId: ID!"),
    "start": ("startSupportRequest", "$id: ID!"),
    "resolve": ("resolveSupportRequest", "$id: ID!, $note: String"),
    "confirm": ("confirmSupportRequest", "$id: ID!, $rating: Int!, $comment: String"),
    "reopen": ("reopenSupportRequest", "$id: ID!, $reason: String!"),
    "cancel": ("cancelSupportRequest", "$id: ID!"),
}

COMMENT_SUPPORT_REQUEST_MUTATION = """
mutation CommentSupportRequest($id: ID!, $body: String!) {
  commentSupportRequest(id: $id, body: $body) {
    __typename
    ... on SupportCommentSuccess { comment { id } }
    ... on OperationError { code message field }
  }
}
"""

# The API sends the request as it is now (action CURRENT), then the request after every change.
SUPPORT_REQUEST_CHANGED_SUBSCRIPTION = (
    """
subscription SupportRequestChanged($requestId: ID) {
  supportRequestChanged(requestId: $requestId) { action sequence request { ...SupportDetailFields } }
}
"""
    + SUPPORT_DETAIL_FIELDS
)

SUPPORT_PAGE_SIZE = 50


@dataclasses.dataclass(frozen=True)
class FieldError:
    """A typed business error that names the input at fault (`field`), e.g. VALIDATION on title."""

    code: str
    message: str
    field: str = ""


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
    """One row of the request list; times are ISO-8601 strings as the API sends them."""

    id: str = ""
    status: str = ""
    category: str = ""
    priority: str = ""
    title: str = ""
    submitted_at: str = ""
    submitter_id: str = ""
    submitter_name: str = ""
    assignee_id: str = ""
    assignee_name: str = ""
    region_code: str = ""
    region_name: str = ""
    department_code: str = ""
    department_name: str = ""
    sla_breached: bool = False


@dataclasses.dataclass(frozen=True)
class SupportRequestPage:
    requests: tuple[SupportRequestSummary, ...] = ()
    has_next_page: bool = False
    end_cursor: str = ""


@dataclasses.dataclass(frozen=True)
class TimelineEntry:
    sequence: int = 0
    action: str = ""
    from_status: str = ""
    to_status: str = ""
    actor: str = ""
    at: str = ""
    note: str = ""


@dataclasses.dataclass(frozen=True)
class SupportComment:
    id: str = ""
    author: str = ""
    body: str = ""
    at: str = ""


@dataclasses.dataclass(frozen=True)
class SupportRequestDetail:
    """A whole request. Times are ISO strings ("" when not yet), minutes and points decimal strings
    ("" when the API has none yet); `*_sla_met` are "MET", "MISSED" or "" (still open and in time)."""

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


@dataclasses.dataclass(frozen=True)
class Submitted:
    request: SupportRequestDetail
    # False when the server already had this clientRequestId: nothing new was created.
    created: bool


SubmitResult = Submitted | FieldError
TransitionResult = SupportRequestDetail | FieldError


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _sla(met: bool | None) -> str:
    return "" if met is None else ("MET" if met else "MISSED")


def parse_field_error(payload: dict[str, Any]) -> FieldError:
    return FieldError(
        code=payload.get("code") or "UNKNOWN", message=payload.get("message") or "", field=payload.get("field") or ""
    )


def _people_and_places(node: dict[str, Any]) -> dict[str, str]:
    """Who asked, who works on it, where and for which department: shared by the list and the detail."""
    submitter, assignee = node.get("submitter") or {}, node.get("assignee") or {}
    region, department = node.get("region") or {}, node.get("department") or {}
    return {
        "submitter_id": _text(submitter.get("id")),
        "submitter_name": submitter.get("name") or "",
        "assignee_id": _text(assignee.get("id")),
        "assignee_name": assignee.get("name") or "",
        "region_code": region.get("code") or "",
        "region_name": region.get("name") or "",
        "department_code": department.get("code") or "",
        "department_name": department.get("name") or "",
    }


def parse_support_summary(node: dict[str, Any]) -> SupportRequestSummary:
    return SupportRequestSummary(
        id=str(node["id"]),
        status=node.get("status") or "",
        category=node.get("category") or "",
        priority=node.get("priority") or "",
        title=node.get("title") or "",
        submitted_at=node.get("submittedAt") or "",
        **_people_and_places(node),
        sla_breached=bool((node.get("figures") or {}).get("slaBreached")),
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
            actor=(entry.get("actor") or {}).get("name") or entry.get("actorLabel") or "",
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
        customer_reported_at=_text(node.get("customerReportedAt")),
        submitted_at=_text(node.get("submittedAt")),
        response_due_at=_text(node.get("responseDueAt")),
        resolution_due_at=_text(node.get("resolutionDueAt")),
        accepted_at=_text(node.get("acceptedAt")),
        started_at=_text(node.get("startedAt")),
        resolved_at=_text(node.get("resolvedAt")),
        confirmed_at=_text(node.get("confirmedAt")),
        cancelled_at=_text(node.get("cancelledAt")),
        reopen_count=int(node.get("reopenCount") or 0),
        rating=int(node.get("rating") or 0),
        rating_comment=node.get("ratingComment") or "",
        resolution_note=node.get("resolutionNote") or "",
        response_minutes=_text(figures.get("responseMinutes")),
        resolution_minutes=_text(figures.get("resolutionMinutes")),
        response_limit_minutes=_text(figures.get("responseLimitMinutes")),
        resolution_limit_minutes=_text(figures.get("resolutionLimitMinutes")),
        response_sla=_sla(figures.get("responseSlaMet")),
        resolution_sla=_sla(figures.get("resolutionSlaMet")),
        sla_breached=bool(figures.get("slaBreached")),
        satisfaction=_text(figures.get("satisfaction")),
        handoff_delay_minutes=_text(figures.get("handoffDelayMinutes")),
        late_handoff=bool(figures.get("lateHandoff")),
        support_points=_text(figures.get("supportPoints")),
        timeline=timeline,
        comments=comments,
    )


async def fetch_support_requests(
    token: str, *, status: str = "", after: str = "", first: int = SUPPORT_PAGE_SIZE
) -> SupportRequestPage:
    """A page of the requests the viewer may read, newest first; `status` "" means every status."""
    variables = {"first": first, "after": after or None, "status": status or None}
    connection = (await execute(SUPPORT_REQUESTS_QUERY, variables, token=token))["supportRequests"]
    page_info = connection.get("pageInfo") or {}
    return SupportRequestPage(
        requests=tuple(parse_support_summary(node) for node in connection.get("nodes") or ()),
        has_next_page=bool(page_info.get("hasNextPage")),
        end_cursor=page_info.get("endCursor") or "",
    )


async def fetch_support_request(token: str, request_id: str) -> SupportRequestDetail | None:
    """One request, or None when it does not exist or the viewer may not read it."""
    data = await execute(SUPPORT_REQUEST_QUERY, {"id": request_id}, token=token)
    return parse_support_detail(data["supportRequest"]) if data.get("supportRequest") else None


async def fetch_support_form_options(token: str) -> SupportFormOptions:
    data = await execute(SUPPORT_FORM_OPTIONS_QUERY, token=token)
    return SupportFormOptions(
        regions=tuple(Option(code=r["code"], name=r["name"]) for r in data.get("regions") or ()),
        departments=tuple(
            Option(code=d["code"], name=d["name"]) for d in data.get("departments") or () if d.get("kind") == "BACKEND"
        ),
    )


async def submit_support_request(token: str, request: dict[str, Any]) -> SubmitResult:
    """Submit `request` (SubmitSupportRequestInput's fields, camelCase). Resending the same clientRequestId
    is safe: the server then answers with the original request and `created` False."""
    data = await execute(SUBMIT_SUPPORT_REQUEST_MUTATION, {"input": request}, token=token)
    payload = data["submitSupportRequest"]
    if payload.get("__typename") == "OperationError" or "request" not in payload:
        return parse_field_error(payload)
    return Submitted(request=parse_support_detail(payload["request"]), created=bool(payload.get("created")))


def transition_mutation(action: str) -> str:
    field, parameters = SUPPORT_TRANSITIONS[action]
    arguments = ", ".join(f"{name[1:]}: {name}" for name in (p.split(":")[0].strip() for p in parameters.split(",")))
    return (
        f"""
mutation Transition({parameters}) {{
  {field}({arguments}) {{
    __typename
    ... on SupportRequestSuccess {{ request {{ ...SupportDetailFields }} }}
    ... on OperationError {{ code message field }}
  }}
}}
"""
        + SUPPORT_DETAIL_FIELDS
    )


async def transition_support_request(token: str, action: str, request_id: str, **arguments: Any) -> TransitionResult:
    """Run one of SUPPORT_TRANSITIONS ("accept", "start", ...) with its arguments in camelCase
    (`assigneeId`, `note`, `rating`, `comment`, `reason`); the request afterwards, or why not."""
    field, _ = SUPPORT_TRANSITIONS[action]
    data = await execute(transition_mutation(action), {"id": request_id, **arguments}, token=token)
    payload = data[field]
    if payload.get("__typename") == "OperationError" or "request" not in payload:
        return parse_field_error(payload)
    return parse_support_detail(payload["request"])


async def comment_support_request(token: str, request_id: str, body: str) -> FieldError | None:
    """Add a comment; None when it was stored."""
    data = await execute(COMMENT_SUPPORT_REQUEST_MUTATION, {"id": request_id, "body": body}, token=token)
    payload = data["commentSupportRequest"]
    if payload.get("__typename") == "OperationError" or "comment" not in payload:
        return parse_field_error(payload)
    return None


async def _subscribe(
    token: str, query: str, variables: dict[str, Any], *, heartbeat_seconds: float
) -> AsyncGenerator[dict[str, Any] | None, None]:
    """Hold one graphql-transport-ws subscription: yield each event's `data`, or None after every
    `heartbeat_seconds` without news. Closing the generator closes the socket."""
    url = graphql_url().replace("http://", "ws://", 1)
    try:
        async with websockets.connect(
            url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")], proxy=None, open_timeout=5
        ) as socket:
            await socket.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}))
            ack = json.loads(await asyncio.wait_for(socket.recv(), REQUEST_TIMEOUT_SECONDS))
            if ack.get("type") != "connection_ack":
                raise GatewayError("SUBSCRIPTION", f"connection refused: {ack}")
            subscribe = {"id": "1", "type": "subscribe", "payload": {"query": query, "variables": variables}}
            await socket.send(json.dumps(subscribe))
            while True:
                try:
                    message = json.loads(await asyncio.wait_for(socket.recv(), heartbeat_seconds))
                except TimeoutError:
                    yield None
                    continue
                match message.get("type"):
                    case "ping":
                        await socket.send(json.dumps({"type": "pong"}))
                    case "next":
                        if message["payload"].get("errors"):
                            raise GatewayError("SUBSCRIPTION", str(message["payload"]["errors"]))
                        yield message["payload"]["data"]
                    case "error":
                        raise GatewayError("SUBSCRIPTION", str(message.get("payload")))
                    case "complete":
                        return
    except websockets.ConnectionClosed as exc:
        if exc.rcvd is not None and exc.rcvd.code == WS_CLOSE_FORBIDDEN:
            raise GatewayError("UNAUTHENTICATED", exc.rcvd.reason or "token refused") from exc
        raise GatewayError("NETWORK", str(exc)) from exc
    except websockets.InvalidStatus as exc:
        raise GatewayError("SUBSCRIPTION", str(exc)) from exc
    except (OSError, websockets.WebSocketException) as exc:
        raise GatewayError("NETWORK", str(exc) or type(exc).__name__) from exc


async def watch_support_request(
    token: str, request_id: str, *, heartbeat_seconds: float
) -> AsyncGenerator[SupportRequestDetail | None, None]:
    """Yield one request as it is now, then after every change (transition, comment), over
    graphql-transport-ws; None after every `heartbeat_seconds` without news (see watch_employee)."""
    events = _subscribe(
        token, SUPPORT_REQUEST_CHANGED_SUBSCRIPTION, {"requestId": request_id}, heartbeat_seconds=heartbeat_seconds
    )
    async with contextlib.aclosing(events):
        async for data in events:
            yield None if data is None else parse_support_detail(data["supportRequestChanged"]["request"])
