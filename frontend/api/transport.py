"""How the gateway talks to the API: one HTTP POST per query or mutation, graphql-transport-ws for subscriptions.

The Reflex backend calls the Tandem API served by its own process on loopback, so pages never touch the
database or import `backend.*`. Failures to reach or understand the API raise `GatewayError`; business errors
arrive as typed values (`FieldError`) in the answers.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncGenerator, Sequence
from typing import Any

import httpx
import reflex as rx
import websockets

REQUEST_TIMEOUT_SECONDS = 10.0
DEFAULT_BACKEND_PORT = 8000
# graphql-transport-ws closes the socket with this code when connection_init carries a refused token.
WS_CLOSE_FORBIDDEN = 4403


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
class FieldError:
    """A typed business error that names the input at fault (`field`), e.g. VALIDATION on title."""

    code: str
    message: str
    field: str = ""


def parse_field_error(payload: dict[str, Any]) -> FieldError:
    return FieldError(
        code=payload.get("code") or "UNKNOWN", message=payload.get("message") or "", field=payload.get("field") or ""
    )


def refusal(payload: dict[str, Any], success_key: str) -> FieldError | None:
    """The typed error of a mutation payload, or None when it succeeded (its `success_key` is there)."""
    if payload.get("__typename") == "OperationError" or success_key not in payload:
        return parse_field_error(payload)
    return None


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


@dataclasses.dataclass(frozen=True)
class Connected:
    """Sent once the server has accepted the subscriptions: whatever happened while disconnected is unknown,
    so a follower without a CURRENT state first (a department's queue) reloads."""


@dataclasses.dataclass(frozen=True)
class Event:
    """The `data` of one event, and which of the subscriptions (by index) it belongs to."""

    index: int
    data: dict[str, Any]


StreamItem = Connected | Event | None


async def subscribe(
    token: str, subscriptions: Sequence[tuple[str, dict[str, Any]]], *, heartbeat_seconds: float
) -> AsyncGenerator[StreamItem, None]:
    """Hold one graphql-transport-ws socket with every (query, variables) of `subscriptions` on it: yield
    `Connected` once they are sent, then each event; None after every `heartbeat_seconds` without news (so the
    caller can check that someone still watches). One refused subscription among several is dropped; a refusal
    of the only one, or of the socket, raises. Closing the generator closes the socket."""
    url = graphql_url().replace("http://", "ws://", 1)
    try:
        async with websockets.connect(
            url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")], proxy=None, open_timeout=5
        ) as socket:
            await socket.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}))
            ack = json.loads(await asyncio.wait_for(socket.recv(), REQUEST_TIMEOUT_SECONDS))
            if ack.get("type") != "connection_ack":
                raise GatewayError("SUBSCRIPTION", f"connection refused: {ack}")
            active = set()
            for index, (query, variables) in enumerate(subscriptions):
                message = {"id": str(index), "type": "subscribe", "payload": {"query": query, "variables": variables}}
                await socket.send(json.dumps(message))
                active.add(str(index))
            yield Connected()
            while active:
                try:
                    message = json.loads(await asyncio.wait_for(socket.recv(), heartbeat_seconds))
                except TimeoutError:
                    yield None
                    continue
                kind, subscription = message.get("type"), str(message.get("id", ""))
                if kind == "ping":
                    await socket.send(json.dumps({"type": "pong"}))
                elif kind == "next" and subscription in active:
                    if message["payload"].get("errors"):
                        if len(subscriptions) == 1:
                            raise GatewayError("SUBSCRIPTION", str(message["payload"]["errors"]))
                        active.discard(subscription)
                        continue
                    yield Event(index=int(subscription), data=message["payload"]["data"])
                elif kind == "error":
                    if len(subscriptions) == 1:
                        raise GatewayError("SUBSCRIPTION", str(message.get("payload")))
                    active.discard(subscription)
                elif kind == "complete":
                    active.discard(subscription)
    except websockets.ConnectionClosed as exc:
        if exc.rcvd is not None and exc.rcvd.code == WS_CLOSE_FORBIDDEN:
            raise GatewayError("UNAUTHENTICATED", exc.rcvd.reason or "token refused") from exc
        raise GatewayError("NETWORK", str(exc)) from exc
    except websockets.InvalidStatus as exc:  # the handshake itself was refused (e.g. origin not allowed)
        raise GatewayError("SUBSCRIPTION", str(exc)) from exc
    except (OSError, websockets.WebSocketException) as exc:
        raise GatewayError("NETWORK", str(exc) or type(exc).__name__) from exc


def text(value: Any) -> str:
    """An optional scalar as the string the pages show ("" for none)."""
    return "" if value is None else str(value)


def selected(node: dict[str, Any], key: str) -> Any:
    """`node[key]` when the operation selected it (a parser shared by several operations), else None; unlike
    `.get`, it states that the key may be absent on purpose (tests/frontend/test_operations.py)."""
    return node[key] if key in node else None  # noqa: SIM401  (not .get: see the docstring)
