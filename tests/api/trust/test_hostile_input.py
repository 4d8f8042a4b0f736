"""Inputs an outside tester found reaching "Unexpected error." or a 500 (issue 11, finding 4).

Each must now be refused with a readable error that names the field at fault, and write nothing. The API
tests run on SQLite and PostgreSQL (where ids beyond 32 bits and lone surrogates used to crash the driver).
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from backend.graphql.ids import encode_id
from backend.graphql.schema import UNEXPECTED_ERROR_MESSAGE
from tests.api.conftest import Org, table_counts

pytestmark = pytest.mark.asyncio(loop_scope="session")

ERR = "... on OperationError { code message field }"


async def _post(client: httpx.AsyncClient, token: str | None, query: str,
                variables: dict[str, Any] | None = None) -> httpx.Response:
    # ensure_ascii: a lone surrogate travels as the JSON escape "\ud800", as a hostile client would send it.
    body = json.dumps({"query": query, "variables": variables or {}}, ensure_ascii=True)
    headers = {"content-type": "application/json", **({"authorization": f"Bearer {token}"} if token else {})}
    return await client.post("/graphql", content=body.encode(), headers=headers)


def _messages(response: httpx.Response) -> list[str]:
    if response.headers.get("content-type", "").startswith("text/plain"):
        return [response.text]  # a body refused before GraphQL runs (as Strawberry answers a malformed body)
    return [error["message"] for error in response.json().get("errors") or []]


async def _refused(client: httpx.AsyncClient, token: str | None, query: str, variables: dict[str, Any] | None,
                   *, names: str) -> str:
    before = await table_counts()
    response = await _post(client, token, query, variables)
    assert response.status_code < 500, response.text
    messages = _messages(response)
    assert messages, response.text
    assert UNEXPECTED_ERROR_MESSAGE not in messages, response.text
    assert not any("recursion" in m for m in messages), response.text
    assert names in messages[0], (names, messages)
    assert await table_counts() == before
    return messages[0]


@pytest.mark.parametrize("anonymous", [False, True])
async def test_decimal_and_money_literals_in_the_query_text_are_refused_by_name(
        client: httpx.AsyncClient, small_org: Org, anonymous: bool) -> None:
    token = None if anonymous else small_org.hr
    message = await _refused(client, token, 'mutation { linkSupport(departmentCode: "TECH", regionCode: "R1", '
                             'weight: "abc") { __typename } }', None, names="weight")
    assert "not a decimal number" in message
    message = await _refused(client, token, 'mutation { createRegion(input: {code: "R9", name: "x", targets: '
                             '[{period: "2026-01", revenueTarget: "NaN"}]}) { __typename } }', None,
                             names="input.targets.0.revenueTarget")
    assert "finite" in message


@pytest.mark.parametrize("amount", ["1e30", "-1e30", "1e-30", "123456789012345678"])
async def test_amounts_far_out_of_range_are_refused_by_name(client: httpx.AsyncClient, small_org: Org,
                                                            amount: str) -> None:
    query = f"""mutation($t: Money!) {{ setRegionTarget(regionCode: "R1", period: "2026-12", revenueTarget: $t)
      {{ __typename {ERR} }} }}"""
    message = await _refused(client, small_org.hr, query, {"t": amount}, names="$t")
    assert "out of range" in message


async def test_ids_beyond_32_bits_name_no_row(client: httpx.AsyncClient, small_org: Org) -> None:
    huge = encode_id("Employee", 2**31)
    read = await _post(client, small_org.hr, "query($id: ID!) { employee(id: $id) { name } }", {"id": huge})
    assert read.json() == {"data": {"employee": None}}
    before = await table_counts()
    leave = await _post(client, small_org.hr, f"""mutation($id: ID!) {{ recordLeave(employeeId: $id,
      lastDay: "2026-01-31") {{ __typename {ERR} }} }}""", {"id": huge})
    assert leave.json()["data"]["recordLeave"] == {
        "__typename": "OperationError", "code": "VALIDATION", "message": "employeeId is not a valid Employee id",
        "field": "employeeId"}
    assert await table_counts() == before


@pytest.mark.parametrize(("query", "variables", "names"), [
    ('mutation($n: String!) { createDepartment(input: {code: "X1", name: $n, kind: BACKEND}) { __typename } }',
     {"n": "研发\ud800"}, "variables.n"),
    ('mutation($i: CreateRegionInput!) { createRegion(input: $i) { __typename } }',
     {"i": {"code": "R7", "name": "ok", "targets": [{"period": "2026-01", "revenueTarget": "1.00"}],
            "extra": "\udfff"}}, "variables.i.extra"),
    ('mutation($p: String!) { login(employeeNo: "HR0001", password: $p) { __typename } }',
     {"p": "\ud83d"}, "variables.p"),
    ('query($d: String) { employees(departmentCode: $d) { nodes { id } } }', {"d": "\ud800"}, "variables.d"),
])
async def test_a_lone_surrogate_in_any_text_is_refused_naming_the_variable(
        client: httpx.AsyncClient, small_org: Org, query: str, variables: dict[str, Any], names: str) -> None:
    message = await _refused(client, small_org.hr, query, variables, names=names)
    assert "surrogate" in message


async def test_a_lone_surrogate_written_in_the_query_text_is_a_syntax_error(client: httpx.AsyncClient,
                                                                            small_org: Org) -> None:
    await _refused(client, small_org.hr, 'mutation { createDepartment(input: {code: "X1", name: "\\ud800", '
                   'kind: BACKEND}) { __typename } }', None, names="Invalid Unicode escape")


@pytest.mark.parametrize("period", ["0000-01", "1949-12", "2101-01", "9999-12"])
async def test_implausible_periods_are_refused_by_name(client: httpx.AsyncClient, small_org: Org,
                                                       period: str) -> None:
    message = await _refused(client, small_org.hr, "query($p: String!) { bottlenecks(period: $p) { period } }",
                             {"p": period}, names="period")
    assert "1950-01" in message
    target = await _post(client, small_org.hr, f"""mutation($p: String!) {{ setRegionTarget(regionCode: "R1",
      period: $p, revenueTarget: "1.00") {{ __typename {ERR} }} }}""", {"p": period})
    assert target.json()["data"]["setRegionTarget"]["field"] == "period"


async def test_variables_nested_100000_deep_are_refused(client: httpx.AsyncClient, small_org: Org) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    body = ('{"query": "query($d: String) { employees(departmentCode: $d) { nodes { id } } }", '
            '"variables": {"d": ' + deep + "}}")
    response = await client.post("/graphql", content=body.encode(), headers={
        "content-type": "application/json", "authorization": f"Bearer {small_org.hr}"})
    assert response.status_code == 400
    assert _messages(response) == ["the request body nests deeper than 32 levels"]


async def test_variables_nested_moderately_deep_name_where(client: httpx.AsyncClient, small_org: Org) -> None:
    value: Any = "x"
    for _ in range(40):
        value = [value]
    message = await _refused(client, small_org.hr, "query($d: String) { employees(departmentCode: $d) "
                             "{ nodes { id } } }", {"d": value}, names="variables.d")
    assert "deeper than 32" in message


async def test_a_300_deep_fragment_chain_is_refused(client: httpx.AsyncClient, small_org: Org) -> None:
    fragments = "\n".join(f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(300))
    query = f"query {{ ...F0 }}\n{fragments}\nfragment F300 on Query {{ me {{ id }} }}"
    message = await _refused(client, small_org.hr, query, None, names="fragments")
    assert "32 levels" in message


async def test_brackets_nested_past_the_parser_are_refused(client: httpx.AsyncClient, small_org: Org) -> None:
    literal = "[" * 1500 + '"R1"' + "]" * 1500
    query = f'mutation {{ linkSupport(departmentCode: "TECH", regionCode: {literal}) {{ __typename }} }}'
    message = await _refused(client, small_org.hr, query, None, names="nests brackets deeper than 64")
    assert message


@pytest.mark.parametrize(("field", "value"), [("hireDate", "0001-01-01"), ("hireDate", "9999-12-31"),
                                              ("hireDate", "1949-12-31")])
async def test_implausible_dates_are_refused_by_name(client: httpx.AsyncClient, small_org: Org, field: str,
                                                     value: str) -> None:
    hire = {"employeeNo": "F0100", "name": "赵雪", "departmentCode": "MKT", "regionCode": "R1",
            "position": "客户经理", "baseSalary": "8800.00", "hireDate": "2025-06-01", field: value}
    message = await _refused(client, small_org.hr, f"""mutation($input: HireEmployeeInput!) {{
      hireEmployee(input: $input) {{ __typename {ERR} }} }}""", {"input": hire}, names=f"$input' has invalid value at .{field}")
    assert "1950–2100" in message


async def test_a_customer_report_in_year_1_is_refused(client: httpx.AsyncClient, small_org: Org) -> None:
    query = """mutation($input: SubmitSupportRequestInput!) { submitSupportRequest(input: $input) { __typename } }"""
    request = {"clientRequestId": "c-1", "regionCode": "R1", "departmentCode": "TECH",
               "category": "FAULT_REPAIR", "priority": "HIGH", "title": "断网", "description": "x",
               "customerReportedAt": "0001-01-01T00:00:00+00:00"}
    message = await _refused(client, small_org.staff, query, {"input": request}, names="customerReportedAt")
    assert "1950–2100" in message
