"""Sign-in, viewer resolution from a bearer token, and partner API tokens."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from backend.domain import org as rules
from backend.domain.access import ANONYMOUS, Scope, Viewer, ViewerKind
from backend.domain.errors import InvalidCredentials, NotFound, PermissionDenied, TooManyAttempts, ValidationError
from backend.domain.events import AccessRevoked
from backend.domain.org import CODE_PATTERN, Role, status_on
from backend.events.bus import EventBus
from backend.persistence.models import ApiToken, Employee, RevokedSession
from backend.persistence.raw import PreparedQuery, as_date
from backend.services import clock
from backend.services.login_throttle import Lockout, LoginThrottle
from backend.services.org import today
from backend.services.security import (
    PARTNER_TOKEN_PREFIX,
    issue_session_token,
    new_partner_token,
    partner_token_digest,
    read_session_claims,
    verify_password_off_loop,
)
from backend.services.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class SessionToken:
    token: str
    expires_at: datetime
    employee: Employee


def _too_many(seconds: int) -> TooManyAttempts:
    minutes = max(1, math.ceil(seconds / 60))
    return TooManyAttempts(f"too many failed sign-ins; try again in {minutes} minute{'s' * (minutes != 1)}",
                           retry_after_seconds=seconds)


async def login(*, employee_no: str, password: str, secret_key: str, ttl_seconds: int,
                throttle: LoginThrottle | None = None, address: str = "unknown",
                bus: EventBus | None = None) -> SessionToken:
    """One answer for every failure, so the API does not reveal which employee numbers exist.

    With a throttle, failures are counted per account and per client address; a locked account or address is
    refused (TOO_MANY_ATTEMPTS, with the wait) before any password is checked, and each lockout is audited.
    """
    number = employee_no.strip().upper()[:64]
    if throttle is None:
        employee = await _verified(number, password)
    else:
        async with throttle.attempt(account=number, address=address):
            wait = await throttle.retry_after(account=number, address=address)
            if wait is not None:
                raise _too_many(wait)
            employee = await _verified(number, password)
            if employee is None:
                lockout = await throttle.failed(account=number, address=address)
                if lockout is not None:
                    if bus is not None:
                        await _audit_lockout(bus, lockout, account=number, address=address,
                                             window_seconds=throttle.window_seconds)
                    raise _too_many(lockout.retry_after_seconds)
            else:
                await throttle.succeeded(account=number)
    if employee is None:
        raise InvalidCredentials("wrong employee number or password")
    token, expires_at = issue_session_token(employee_id=employee.id, secret_key=secret_key,
                                            ttl_seconds=ttl_seconds)
    return SessionToken(token=token, expires_at=expires_at, employee=employee)


async def _verified(number: str, password: str) -> Employee | None:
    """The employee when the number and password match an employee still employed, else None."""
    # Never send what cannot be an employee number to the database (PostgreSQL refuses NUL bytes).
    employee = await Employee.get_or_none(employee_no=number) if CODE_PATTERN.match(number) else None
    # argon2 takes ~0.1–0.3 s of CPU: in a worker thread, so other requests keep being served meanwhile.
    password_ok = await verify_password_off_loop(employee.password_hash if employee else None, password[:256])
    if employee is None or not password_ok or status_on(today(), leave_date=employee.leave_date).value == "LEFT":
        return None
    return employee


async def _audit_lockout(bus: EventBus, lockout: Lockout, *, account: str, address: str,
                         window_seconds: int) -> None:
    async with UnitOfWork(bus=bus, actor=ANONYMOUS) as uow:
        for scope in lockout.scopes:
            await uow.audit(action="login.lockout", entity=f"login_{scope}",
                            entity_id=account if scope == "account" else address,
                            after={"account": account, "address": address, "window_seconds": window_seconds,
                                   "retry_after_seconds": lockout.retry_after_seconds})


SessionCheck = Callable[[str], bool]


async def viewer_for(authorization: str | None, *, secret_key: str,
                     revoked: SessionCheck | None = None) -> Viewer:
    """The caller named by an `Authorization: Bearer …` value; anonymous when absent, invalid, expired, signed out
    (`revoked(session_id)`, the process's record of signed-out sessions) or when the employee has left."""
    if not authorization:
        return ANONYMOUS
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return ANONYMOUS
    if token.startswith(PARTNER_TOKEN_PREFIX):
        record = await ApiToken.get_or_none(token_hash=partner_token_digest(token), revoked_at=None)
        if record is None:
            return ANONYMOUS
        return Viewer(kind=ViewerKind.PARTNER, token_id=record.id,
                      scopes=frozenset(Scope(s) for s in record.scopes.split(",") if s))
    claims = read_session_claims(token, secret_key=secret_key)
    if claims is None or (revoked is not None and revoked(claims.session_id)):
        return ANONYMOUS
    # Every request and every websocket resolves its viewer: one prepared statement, driver rows, no model.
    rows = await _viewer_query().fetch(employee_id=claims.employee_id)
    leave_date = as_date(rows[0]["leave_date"]) if rows else None
    if not rows or status_on(today(), leave_date=leave_date).value == "LEFT":
        return ANONYMOUS
    row = rows[0]
    valid_until = claims.expires_at
    if leave_date is not None:  # the last day employed ends at midnight on the organisation's calendar
        valid_until = min(valid_until, datetime.combine(leave_date + timedelta(days=1), time(), clock.zone()))
    return Viewer(kind=ViewerKind.EMPLOYEE, employee_id=row["id"], employee_no=row["employee_no"],
                  department_id=row["department_id"], roles=_roles(row["roles"]), session_id=claims.session_id,
                  valid_until=valid_until)


_VIEWER_SENTINEL = -918_273_646
_viewer_queries: dict[str, PreparedQuery] = {}


def _viewer_query() -> PreparedQuery:
    dialect = Employee._meta.db.capabilities.dialect
    prepared = _viewer_queries.get(dialect)
    if prepared is None:
        prepared = _viewer_queries[dialect] = PreparedQuery(
            lambda employee_id: Employee.filter(id=employee_id).values(
                "id", "employee_no", "department_id", "roles", "leave_date"), employee_id=_VIEWER_SENTINEL)
    return prepared


@functools.lru_cache(maxsize=64)
def _roles(stored: str) -> frozenset[Role]:
    return frozenset(Role(value) for value in stored.split(",") if value)


@dataclass(frozen=True, slots=True)
class IssuedApiToken:
    record: ApiToken
    token: str


async def create_api_token(*, uow: UnitOfWork, name: str, scopes: list[Scope]) -> IssuedApiToken:
    if not uow.actor.is_hr or uow.actor.employee_id is None:
        raise PermissionDenied("only HR creates partner tokens")
    clean_name = rules.clean_text(name, field="name")
    if not scopes:
        raise ValidationError("a partner token needs at least one scope", field="scopes")
    token = new_partner_token()
    record = await ApiToken.create(
        name=clean_name, scopes=",".join(sorted({s.value for s in scopes})),
        token_hash=partner_token_digest(token), created_by_id=uow.actor.employee_id, using_db=uow.connection,
    )
    await uow.audit(action="api_token.create", entity="api_token", entity_id=record.id,
                    after={"name": clean_name, "scopes": record.scopes})
    return IssuedApiToken(record=record, token=token)


async def revoke_api_token(*, uow: UnitOfWork, token_id: int) -> ApiToken:
    if not uow.actor.is_hr:
        raise PermissionDenied("only HR revokes partner tokens")
    record = await ApiToken.filter(id=token_id).using_db(uow.connection).first()
    if record is None:
        raise NotFound("no such API token", field="id")
    if record.revoked_at is None:
        record.revoked_at = datetime.now(UTC)
        await record.save(using_db=uow.connection, update_fields=["revoked_at"])
        await uow.audit(action="api_token.revoke", entity="api_token", entity_id=record.id,
                        after={"revoked_at": record.revoked_at})
        uow.record(AccessRevoked(kind="API_TOKEN", token_id=record.id))
    return record


async def logout(*, uow: UnitOfWork) -> None:
    """Sign the caller's session out: its token is refused from now on, on every worker (open websockets too)."""
    actor = uow.actor
    if not actor.is_employee or not actor.session_id or actor.employee_id is None:
        raise PermissionDenied("only a signed-in session can be signed out")
    if await RevokedSession.filter(session_id=actor.session_id).using_db(uow.connection).exists():
        return
    expires = actor.valid_until or clock.now()
    await RevokedSession.create(session_id=actor.session_id, employee_id=actor.employee_id, expires_at=expires,
                                revoked_at=clock.now(), using_db=uow.connection)
    await uow.audit(action="session.sign_out", entity="employee", entity_id=actor.employee_id,
                    after={"session": actor.session_id[:8] + "…"})
    uow.record(AccessRevoked(kind="SESSION", session_id=actor.session_id, employee_id=actor.employee_id))


async def revoked_session_ids() -> set[str]:
    """Sessions signed out whose tokens would otherwise still be valid (each process loads them at start)."""
    rows = await RevokedSession.filter(expires_at__gt=clock.now()).values_list("session_id", flat=True)
    return {str(value) for value in rows}
