"""employeeChanged over a real graphql-transport-ws socket (in-process bus), and publish-after-commit."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import httpx
import pytest
from starlette.applications import Starlette
from websockets.exceptions import ConnectionClosedError

from backend.domain.access import SYSTEM
from backend.domain.events import ACCESS_CHANNEL, EMPLOYEES_CHANNEL, EmployeeChanged
from backend.graphql.ids import encode_id
from backend.persistence.models import Region
from backend.services import org
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, gql
from tests.support.live import CommitWitnessBus, until_listening
from tests.support.ws import graphql_socket

pytestmark = pytest.mark.asyncio(loop_scope="session")

SUBSCRIPTION = """subscription($id: ID) { employeeChanged(employeeId: $id) { kind employee { employeeNo name
  position baseSalary region { code } } } }"""
HIRE = """mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { __typename
  ... on EmployeeSuccess { employee { id } } ... on OperationError { code } } }"""


def _hire_input(no: str) -> dict:
    return {"employeeNo": no, "name": "新同事", "departmentCode": "MKT", "regionCode": "R1", "position": "客户经理",
            "baseSalary": "9000.00", "hireDate": "2025-01-01"}


async def test_subscriber_sees_each_change_in_order_after_commit(client: httpx.AsyncClient, small_org: Org,
                                                                 ws_url: str, api: Starlette) -> None:
    async with graphql_socket(ws_url, small_org.manager) as socket_:
        await socket_.subscribe(SUBSCRIPTION)
        await until_listening(api, EMPLOYEES_CHANNEL)  # the bus confirmed it: nothing published from now is lost
        hired = await gql(client, HIRE, {"input": _hire_input("F0300")}, token=small_org.hr)
        employee_id = hired["data"]["hireEmployee"]["employee"]["id"]
        refused = await gql(client, HIRE, {"input": _hire_input("F0300")}, token=small_org.hr)  # duplicate
        day = (org.today() - timedelta(days=1)).isoformat()
        await gql(client, """mutation($input: TransferEmployeeInput!) { transferEmployee(input: $input) {
                   __typename } }""", {"input": {"employeeId": employee_id, "effectiveDate": day,
                                                 "regionCode": "R2"}}, token=small_org.hr)
        await gql(client, "mutation($id: ID!) { recordLeave(employeeId: $id, lastDay: \"2030-01-31\") { __typename } }",
                  {"id": employee_id}, token=small_org.hr)

        received = [(await socket_.receive())["payload"]["data"]["employeeChanged"] for _ in range(3)]

    assert refused["data"]["hireEmployee"]["code"] == "DUPLICATE"
    assert [event["kind"] for event in received] == ["HIRED", "TRANSFERRED", "LEFT"]
    assert received[0]["employee"]["region"] == {"code": "R1"}
    assert received[1]["employee"]["region"] == {"code": "R2"}  # read after the commit
    assert {event["employee"]["baseSalary"] for event in received} == {None}  # a manager sees no pay


async def test_subscribing_to_one_employee_sends_the_current_state_first(client: httpx.AsyncClient,
                                                                         small_org: Org, ws_url: str) -> None:
    own_id = encode_id("Employee", small_org.staff_id)
    async with graphql_socket(ws_url, small_org.staff) as socket_:
        await socket_.subscribe(SUBSCRIPTION, {"id": own_id})
        first = (await socket_.receive())["payload"]["data"]["employeeChanged"]
        await gql(client, """mutation($input: TransferEmployeeInput!) { transferEmployee(input: $input) {
                   __typename } }""", {"input": {"employeeId": encode_id("Employee", small_org.other_staff_id),
                                                 "effectiveDate": org.today().isoformat(), "position": "组长"}},
                  token=small_org.hr)
        await gql(client, """mutation($input: TransferEmployeeInput!) { transferEmployee(input: $input) {
                   __typename } }""", {"input": {"employeeId": own_id, "effectiveDate": org.today().isoformat(),
                                                 "position": "组长"}}, token=small_org.hr)
        second = (await socket_.receive())["payload"]["data"]["employeeChanged"]

    assert (first["kind"], first["employee"]["position"], first["employee"]["baseSalary"]) == (
        "CURRENT", "职员", "10000.00")
    assert (second["kind"], second["employee"]["employeeNo"], second["employee"]["position"]) == (
        "TRANSFERRED", "F0001", "组长")


async def test_forged_token_in_connection_init_is_refused(small_org: Org, ws_url: str) -> None:
    with pytest.raises((ConnectionError, ConnectionClosedError)):
        async with graphql_socket(ws_url, "forged.token.value"):
            pass


async def test_anonymous_socket_cannot_subscribe(small_org: Org, ws_url: str) -> None:
    async with graphql_socket(ws_url) as socket_:
        await socket_.subscribe(SUBSCRIPTION)
        message = await socket_.receive()

    assert message["type"] in {"error", "next"}
    assert "read:employees" in str(message["payload"])


async def test_events_are_published_only_after_commit(client: httpx.AsyncClient) -> None:
    bus = CommitWitnessBus(lambda: Region.filter(code="R7").exists())
    async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
        await org.create_region(uow=uow, code="R7", name="新区")
        uow.record(EmployeeChanged(employee_id=1, kind="UPDATED"))

    with pytest.raises(RuntimeError):
        async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
            await org.create_region(uow=uow, code="R8", name="回滚区", targets=[("2026-11", Decimal(1))])
            uow.record(EmployeeChanged(employee_id=2, kind="UPDATED"))
            raise RuntimeError("boom")

    # Published once per topic (the access watches', the employee's, the directory's), each time with the change already visible to another query; nothing rolled back.
    assert [(channel, message["employee_id"], visible) for channel, message, visible in bus.published] == [
        (ACCESS_CHANNEL, 1, True), ("employee:1", 1, True), (EMPLOYEES_CHANNEL, 1, True)]
    assert await Region.filter(code="R8").count() == 0
