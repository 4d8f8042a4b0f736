"""A websocket outlives its credential unless the server ends it: a revoked partner token, a signed-out session,
an expired token and an employee who left all stop receiving (the socket is closed with 4403), and nothing
they may no longer read is pushed to them (issue 11, finding 1)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from websockets.exceptions import ConnectionClosed

from backend.domain.access import Scope
from backend.domain.events import employee_channel, support_queue_channel
from backend.graphql.access_watch import AUTHORITY_ENDED_CLOSE_CODE
from backend.graphql.ids import encode_id
from backend.persistence.models import ApiToken, Department
from backend.services import org
from backend.services.security import issue_session_token, partner_token_digest
from tests.api.conftest import TEST_SECRET, Org, gql, partner_token
from tests.api.projects.conftest import ProjectBoard, new_task
from tests.api.support.test_lifecycle import SUBMIT, _call, submit_input
from tests.support.live import until_listening
from tests.support.ws import GraphQLSocket, graphql_socket

pytestmark = pytest.mark.asyncio(loop_scope="session")

PAY = """subscription($id: ID) { employeeChanged(employeeId: $id) { kind employee { position baseSalary } } }"""
TRANSFER = """mutation($input: TransferEmployeeInput!) { transferEmployee(input: $input) { __typename } }"""


async def _transfer(client: httpx.AsyncClient, org_: Org, employee_id: int, position: str) -> None:
    result = await gql(client, TRANSFER, {"input": {"employeeId": encode_id("Employee", employee_id),
                                                    "effectiveDate": org.today().isoformat(), "position": position}},
                       token=org_.hr)
    assert result["data"]["transferEmployee"]["__typename"] == "EmployeeSuccess", result


async def _closed_with(socket_: GraphQLSocket, timeout: float = 5.0) -> int | None:
    """Read until the server closes the socket; its close code (no `next` may arrive before it)."""
    try:
        while True:
            message = await socket_.receive(timeout=timeout)
            assert message["type"] != "next", f"pushed after the authority ended: {message}"
    except ConnectionClosed:
        return socket_.connection.close_code


async def _current(socket_: GraphQLSocket) -> dict[str, Any]:
    message = await socket_.receive()
    assert message["type"] == "next", message
    event: dict[str, Any] = message["payload"]["data"]["employeeChanged"]
    return event


async def test_a_revoked_partner_token_stops_receiving_pay_at_once(client: httpx.AsyncClient, small_org: Org,
                                                                   ws_url: str) -> None:
    token = await partner_token(small_org, Scope.READ_PAYROLL, Scope.READ_EMPLOYEES)
    record = await ApiToken.get(token_hash=partner_token_digest(token))
    async with graphql_socket(ws_url, token) as socket_:
        await socket_.subscribe(PAY, {"id": encode_id("Employee", small_org.staff_id)})
        assert (await _current(socket_))["employee"]["baseSalary"] == "10000.00"
        revoked = await gql(client, "mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }",
                            {"id": encode_id("ApiToken", record.id)}, token=small_org.hr)
        assert revoked["data"]["revokeApiToken"]["__typename"] == "ApiTokenRevoked"
        await _transfer(client, small_org, small_org.staff_id, "组长")  # would carry baseSalary
        code = await _closed_with(socket_)
    assert code == AUTHORITY_ENDED_CLOSE_CODE


async def test_signing_out_ends_the_session_everywhere(client: httpx.AsyncClient, small_org: Org,
                                                       ws_url: str) -> None:
    token = issue_session_token(employee_id=small_org.staff_id, secret_key=TEST_SECRET, ttl_seconds=3600)[0]
    async with graphql_socket(ws_url, token) as socket_:
        await socket_.subscribe(PAY, {"id": encode_id("Employee", small_org.staff_id)})
        await _current(socket_)
        signed_out = await gql(client, "mutation { logout { __typename } }", token=token)
        code = await _closed_with(socket_)
    me = await gql(client, "{ me { employeeNo } }", token=token)
    again = await gql(client, "mutation { logout { __typename ... on OperationError { code } } }", token=token)

    assert signed_out["data"]["logout"]["__typename"] == "LogoutSuccess"
    assert code == AUTHORITY_ENDED_CLOSE_CODE
    assert me["data"]["me"] is None  # the token is refused over HTTP too
    assert again["data"]["logout"] == {"__typename": "OperationError", "code": "UNAUTHENTICATED"}
    with pytest.raises((ConnectionError, ConnectionClosed)):  # and a new socket is refused
        async with graphql_socket(ws_url, token):
            pass


async def test_another_session_of_the_same_person_is_not_signed_out(client: httpx.AsyncClient, small_org: Org,
                                                                     ws_url: str) -> None:
    phone = issue_session_token(employee_id=small_org.staff_id, secret_key=TEST_SECRET, ttl_seconds=3600)[0]
    desktop = issue_session_token(employee_id=small_org.staff_id, secret_key=TEST_SECRET, ttl_seconds=3600)[0]
    async with graphql_socket(ws_url, desktop) as socket_:
        await socket_.subscribe(PAY, {"id": encode_id("Employee", small_org.staff_id)})
        await _current(socket_)
        await gql(client, "mutation { logout { __typename } }", token=phone)
        await _transfer(client, small_org, small_org.staff_id, "组长")
        change = (await _current(socket_))
    assert (change["kind"], change["employee"]["position"]) == ("TRANSFERRED", "组长")


async def test_an_expired_token_gets_no_more_events(client: httpx.AsyncClient, small_org: Org, ws_url: str,
                                                    board: ProjectBoard) -> None:
    token = issue_session_token(employee_id=small_org.backend_id, secret_key=TEST_SECRET, ttl_seconds=1)[0]
    async with graphql_socket(ws_url, token) as socket_:
        await socket_.subscribe("subscription($id: ID!) { boardChanged(projectId: $id) { kind } }",
                                {"id": board.id})
        assert (await socket_.receive())["payload"]["data"]["boardChanged"]["kind"] == "CURRENT"
        await asyncio.sleep(1.1)  # the token's lifetime, not a wait for the server
        await new_task(client, small_org.staff, board, "过期之后")  # checked before it would be pushed
        code = await _closed_with(socket_)
    assert code == AUTHORITY_ENDED_CLOSE_CODE


async def test_an_idle_connection_is_closed_when_its_token_expires(small_org: Org, ws_url: str,
                                                                   api: Starlette) -> None:
    token = issue_session_token(employee_id=small_org.staff_id, secret_key=TEST_SECRET, ttl_seconds=1)[0]
    async with graphql_socket(ws_url, token) as socket_:
        await socket_.subscribe(PAY, {"id": encode_id("Employee", small_org.staff_id)})
        await _current(socket_)
        await asyncio.sleep(1.1)
        api.state.graphql.access.sweep_now()  # what the periodic sweep does
        code = await _closed_with(socket_)
    assert code == AUTHORITY_ENDED_CLOSE_CODE


async def test_an_employee_who_leaves_is_disconnected(client: httpx.AsyncClient, small_org: Org, ws_url: str,
                                                      api: Starlette) -> None:
    token = issue_session_token(employee_id=small_org.other_staff_id, secret_key=TEST_SECRET, ttl_seconds=3600)[0]
    async with graphql_socket(ws_url, token) as socket_:
        await socket_.subscribe(PAY, {"id": encode_id("Employee", small_org.staff_id)})
        await _current(socket_)
        await until_listening(api, employee_channel(small_org.staff_id))
        yesterday = (org.today() - timedelta(days=1)).isoformat()
        left = await gql(client, "mutation($id: ID!, $d: Date!) { recordLeave(employeeId: $id, lastDay: $d) { "
                                 "__typename } }", {"id": encode_id("Employee", small_org.other_staff_id),
                                                   "d": yesterday}, token=small_org.hr)
        code = await _closed_with(socket_)
    assert left["data"]["recordLeave"]["__typename"] == "EmployeeSuccess"
    assert code == AUTHORITY_ENDED_CLOSE_CODE


async def test_a_future_last_day_ends_the_connection_at_midnight_after_it(small_org: Org) -> None:
    from backend.services.auth import viewer_for

    in_a_week = org.today() + timedelta(days=7)
    from backend.persistence.models import Employee

    await Employee.filter(id=small_org.staff_id).update(leave_date=in_a_week)
    token = issue_session_token(employee_id=small_org.staff_id, secret_key=TEST_SECRET, ttl_seconds=30 * 86400)[0]
    viewer = await viewer_for(f"Bearer {token}", secret_key=TEST_SECRET)
    assert viewer.valid_until is not None
    local = viewer.valid_until.astimezone(org.clock.zone())
    assert (local.date(), local.hour, local.minute) == (in_a_week + timedelta(days=1), 0, 0)


async def test_a_read_support_partner_follows_a_department_queue_and_others_are_refused(
        client: httpx.AsyncClient, small_org: Org, ws_url: str, api: Starlette) -> None:
    queue = """subscription { supportRequestChanged(departmentCode: "TECH") { action request { title } } }"""
    support_partner = await partner_token(small_org, Scope.READ_SUPPORT)
    other_partner = await partner_token(small_org, Scope.READ_EMPLOYEES)
    tech = await Department.get(code="TECH")
    async with graphql_socket(ws_url, support_partner) as allowed, graphql_socket(ws_url, other_partner) as refused:
        await allowed.subscribe(queue)
        await refused.subscribe(queue)
        refusal = await refused.receive()
        await until_listening(api, support_queue_channel(tech.id))
        await _call(client, SUBMIT, {"input": submit_input("partner-sees")}, small_org.staff)
        seen = (await allowed.receive())["payload"]["data"]["supportRequestChanged"]

    assert seen == {"action": "SUBMIT", "request": {"title": seen["request"]["title"]}}
    assert "read:support" in str(refusal["payload"])
