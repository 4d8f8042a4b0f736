"""Signing in and the signed-in employee (frontend/operations/session.graphql)."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncGenerator
from typing import Any

from frontend.api import transport
from frontend.api.documents import operation
from frontend.api.transport import Event, OperationError

LOGIN = operation("Login")
LOGOUT = operation("Logout")
ME = operation("Me")
EMPLOYEE_CHANGED = operation("EmployeeChanged")


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


async def login(employee_no: str, password: str) -> LoginResult:
    data = await transport.execute(LOGIN, {"employeeNo": employee_no, "password": password})
    return parse_login(data["login"])


async def logout(token: str) -> None:
    """End the session on the server (best effort: offline, the browser forgets the token all the same and the
    token still runs out at its expiry)."""
    if not token:
        return
    with contextlib.suppress(transport.GatewayError):
        await transport.execute(LOGOUT, token=token)


def parse_login(payload: dict[str, Any]) -> LoginResult:
    if payload.get("__typename") == "LoginSuccess" or "token" in payload:
        return LoginSuccess(token=payload["token"], expires_at=payload.get("expiresAt") or "")
    retry = payload.get("retryAfterSeconds")
    return OperationError(code=payload.get("code") or "UNKNOWN", message=payload.get("message") or "",
                          retry_after_seconds=retry if isinstance(retry, int) else None)


async def fetch_me(token: str) -> Profile | None:
    """The signed-in employee, or None when the token is missing, expired or revoked."""
    data = await transport.execute(ME, token=token)
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
    """Yield one employee's profile as it is now, then after each change (transfer, leave...); None after
    every `heartbeat_seconds` without news. Closing the generator closes the socket."""
    events = transport.subscribe(token, [(EMPLOYEE_CHANGED, {"employeeId": employee_id})],
                                 heartbeat_seconds=heartbeat_seconds)
    async with contextlib.aclosing(events):
        async for item in events:
            if item is None:
                yield None
            elif isinstance(item, Event):
                yield parse_profile(item.data["employeeChanged"]["employee"])
