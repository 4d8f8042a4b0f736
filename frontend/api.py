"""The SPA's one GraphQL gateway: every query, mutation and subscription the pages need lives here.

The Reflex backend calls the Tandem API served by its own process on loopback, so pages never touch
the database or import `backend.*`. Results come back as small frozen dataclasses; failures to reach
or understand the API raise `GatewayError`, while business errors arrive as `OperationError` values.
"""

from __future__ import annotations

import asyncio
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
    ... on OperationError { code message }
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
    return OperationError(code=payload.get("code") or "UNKNOWN", message=payload.get("message") or "")


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
