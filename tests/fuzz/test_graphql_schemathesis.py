"""Schema-driven fuzzing with schemathesis: every operation, random input, signed in as HR.

Mutations must never answer with GraphQL errors (bad input is a typed OperationError under `data`);
queries may refuse bad arguments with a readable error, but never with a masked internal error; and no
response is ever an HTTP 5xx. Schemathesis's own server-error check (ST113) counts every GraphQL `errors`
entry as a server error, a readable refusal of a bad query argument included, so it is replaced by the two
checks below, which say exactly that. No Hypothesis health check is suppressed.
Run on its own: `TANDEM_FUZZ=1 pytest tests/fuzz` (scripts/test does).
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.graphql import nodes
from schemathesis.specs.graphql.validation import is_client_error
from tortoise import Tortoise

from backend.app import create_api
from backend.domain.access import SYSTEM
from backend.domain.org import DepartmentKind, Role
from backend.events.memory import MemoryEventBus
from backend.graphql.schema import UNEXPECTED_ERROR_MESSAGE
from backend.persistence.config import tortoise_config
from backend.persistence.migrations import upgrade
from backend.services import org
from backend.services.security import issue_session_token
from backend.services.uow import UnitOfWork
from backend.settings import load_settings

SECRET = "fuzz-secret-key-that-is-long-enough-for-hs256"
DATABASE_URL = os.environ.get("TANDEM_TEST_DATABASE_URL") or \
    f"sqlite://{Path(os.environ['TANDEM_DATA_DIR']) / 'fuzz.sqlite3'}"

money = st.decimals(min_value=-10, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
schemathesis.graphql.scalar("Money", money.map(lambda d: nodes.String(str(d))))
schemathesis.graphql.scalar("Decimal", st.decimals(min_value=-5, max_value=2000, places=3, allow_nan=False,
                                                   allow_infinity=False).map(lambda d: nodes.String(str(d))))
# Schemathesis only needs a strategy for every scalar it sees; the operations taking an Upload are excluded
# below (a file travels as multipart, never inline) and has its own API tests.
schemathesis.graphql.scalar("Upload", st.just(nodes.Null))
schemathesis.graphql.scalar("Date", st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
                            .map(lambda d: nodes.String(d.isoformat())))


async def _prepare() -> str:
    await upgrade(DATABASE_URL)
    await Tortoise.init(config=tortoise_config(DATABASE_URL))
    try:
        async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
            await org.create_region(uow=uow, code="R1", name="城东片区")
            await org.create_department(uow=uow, code="MKT", name="市场部", kind=DepartmentKind.FRONTLINE)
            await org.create_department(uow=uow, code="TECH", name="技术支撑部", kind=DepartmentKind.BACKEND)
            hr = await org.hire_employee(uow=uow, data=org.HireData(
                employee_no="HR0001", name="周敏", department_code="TECH", region_code=None, position="HR",
                base_salary=Decimal("1.00"), target_bonus=Decimal(0), hire_date=date(2020, 1, 1),
                roles=(Role.HR,)))
        return issue_session_token(employee_id=hr.id, secret_key=SECRET, ttl_seconds=3600)[0]
    finally:
        await Tortoise.close_connections()


TOKEN = asyncio.run(_prepare())
app = create_api(replace(load_settings(), database_url=DATABASE_URL, secret_key=SECRET, event_bus_url="memory://"))
schema = schemathesis.graphql.from_asgi("/graphql", app).exclude(name="Mutation.addSupportAttachment") \
    .exclude(name="Mutation.importMeasurements")


@schemathesis.check
def no_server_error_status(ctx: Any, response: Any, case: Any) -> bool | None:
    """What schemathesis's own server-error check means for HTTP: never a 5xx, and always a GraphQL body."""
    assert response.status_code < 500, f"HTTP {response.status_code}: {response.text[:500]}"
    payload = response.json()
    assert isinstance(payload, dict) and ("data" in payload or "errors" in payload), response.text[:500]
    return None


@schemathesis.check
def no_unexpected_errors(ctx: Any, response: Any, case: Any) -> bool | None:
    payload = response.json() or {}
    errors = payload.get("errors") or []
    if errors and is_client_error(payload):
        return None  # the generated document itself was invalid (negative testing): refused before execution
    if str(case.operation.label).startswith("Mutation."):
        assert not errors, f"a mutation answered with GraphQL errors instead of a typed payload: {errors}"
    masked = [e for e in errors if e.get("message") == UNEXPECTED_ERROR_MESSAGE]
    assert not masked, f"an internal error escaped a resolver: {masked}"
    return None


@schema.parametrize()
@settings(max_examples=30, deadline=None)
def test_every_operation_survives_random_input(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"authorization": f"Bearer {TOKEN}"}, excluded_checks=[not_a_server_error],
                           additional_checks=[no_server_error_status, no_unexpected_errors])
