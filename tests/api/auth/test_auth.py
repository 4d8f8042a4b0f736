"""Sign-in, token validation and who may see pay."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from backend.graphql.ids import encode_id
from backend.services import org as org_services
from backend.services.security import hash_password, issue_session_token
from tests.api.conftest import TEST_SECRET, Org, gql, table_rows

pytestmark = pytest.mark.asyncio(loop_scope="session")

ME = "{ me { name employeeNo baseSalary targetBonus roles } }"
EMPLOYEE_PAY = "query($id: ID!) { employee(id: $id) { name baseSalary targetBonus history { baseSalary } } }"
LOGIN = """mutation($no: String!, $pw: String!) { login(employeeNo: $no, password: $pw) {
  __typename ... on LoginSuccess { token expiresAt employee { name } } ... on OperationError { code message } } }"""
CREATE_TOKEN = """mutation($name: String!, $scopes: [ApiScope!]!) { createApiToken(name: $name, scopes: $scopes) {
  __typename ... on ApiTokenCreated { token apiToken { id scopes } } ... on OperationError { code message } } }"""


async def _set_password(employee_id: int, password: str) -> None:
    from backend.persistence.models import Employee

    await Employee.filter(id=employee_id).update(password_hash=hash_password(password))


async def test_login_with_wrong_password_is_refused_with_a_typed_error(client: httpx.AsyncClient,
                                                                       small_org: Org) -> None:
    await _set_password(small_org.hr_id, "correct horse")
    wrong = await gql(client, LOGIN, {"no": "HR0001", "pw": "wrong horse"})
    unknown = await gql(client, LOGIN, {"no": "NOBODY", "pw": "wrong horse"})

    assert wrong["data"]["login"] == {"__typename": "OperationError", "code": "INVALID_CREDENTIALS",
                                      "message": "wrong employee number or password"}
    assert unknown["data"]["login"] == wrong["data"]["login"]  # does not reveal which numbers exist
    nul = await gql(client, LOGIN, {"no": "HR\u0000", "pw": "x"})
    assert nul["data"]["login"]["code"] == "INVALID_CREDENTIALS"


async def test_login_returns_a_token_that_identifies_the_employee(client: httpx.AsyncClient, small_org: Org) -> None:
    await _set_password(small_org.hr_id, "correct horse")
    result = await gql(client, LOGIN, {"no": "hr0001", "pw": "correct horse"})

    login = result["data"]["login"]
    assert login["__typename"] == "LoginSuccess"
    assert login["employee"]["name"] == "周敏"
    me = await gql(client, ME, token=login["token"])
    assert me["data"]["me"]["employeeNo"] == "HR0001"


async def test_employee_who_left_cannot_sign_in_and_their_token_stops_working(
        client: httpx.AsyncClient, small_org: Org) -> None:
    await _set_password(small_org.staff_id, "correct horse")
    token = small_org.staff
    from backend.persistence.models import Employee

    await Employee.filter(id=small_org.staff_id).update(leave_date=org_services.today() - timedelta(days=1))

    assert (await gql(client, LOGIN, {"no": "F0001", "pw": "correct horse"}))["data"]["login"]["code"] == \
        "INVALID_CREDENTIALS"
    assert (await gql(client, ME, token=token))["data"]["me"] is None


async def test_staff_cannot_read_another_employees_salary(client: httpx.AsyncClient, small_org: Org) -> None:
    other = await gql(client, EMPLOYEE_PAY, {"id": encode_id("Employee", small_org.other_staff_id)},
                      token=small_org.staff)

    assert "errors" not in other
    assert other["data"]["employee"] == {"name": "张伟", "baseSalary": None, "targetBonus": None,
                                         "history": [{"baseSalary": None}]}


async def test_staff_reads_their_own_salary_and_hr_reads_everyones(client: httpx.AsyncClient, small_org: Org) -> None:
    own = await gql(client, EMPLOYEE_PAY, {"id": encode_id("Employee", small_org.staff_id)}, token=small_org.staff)
    by_hr = await gql(client, EMPLOYEE_PAY, {"id": encode_id("Employee", small_org.other_staff_id)},
                      token=small_org.hr)
    by_manager = await gql(client, EMPLOYEE_PAY, {"id": encode_id("Employee", small_org.backend_id)},
                           token=small_org.manager)

    assert own["data"]["employee"]["baseSalary"] == "10000.00"
    assert by_hr["data"]["employee"]["targetBonus"] == "20000.00"
    assert by_manager["data"]["employee"]["baseSalary"] is None  # managers do not see pay (SPEC: pay privacy)


async def test_the_employees_page_hides_pay_except_the_viewers_own(client: httpx.AsyncClient, small_org: Org) -> None:
    page = await gql(client, "{ employees(first: 10) { nodes { employeeNo baseSalary } } }", token=small_org.staff)

    salaries = {n["employeeNo"]: n["baseSalary"] for n in page["data"]["employees"]["nodes"]}
    assert salaries == {"HR0001": None, "F0001": "10000.00", "F0002": None, "M0001": None, "B0001": None}


async def test_expired_token_is_refused(client: httpx.AsyncClient, small_org: Org) -> None:
    expired, _ = issue_session_token(employee_id=small_org.hr_id, secret_key=TEST_SECRET, ttl_seconds=60,
                                     now=datetime.now(UTC) - timedelta(hours=2))

    me = await gql(client, ME, token=expired)
    employees = await gql(client, "{ employees(first: 5) { nodes { name } } }", token=expired)

    assert me["data"]["me"] is None
    assert employees["data"] is None
    assert "read:employees" in employees["errors"][0]["message"]


async def test_forged_token_is_refused(client: httpx.AsyncClient, small_org: Org) -> None:
    forged, _ = issue_session_token(employee_id=small_org.hr_id, secret_key="not-our-key-but-certainly-long-enough-0123456789",
                                    ttl_seconds=600)
    tampered = small_org.staff[:-4] + ("AAAA" if not small_org.staff.endswith("AAAA") else "BBBB")

    for token in (forged, tampered, "tdm_made-up-partner-token", "garbage"):
        assert (await gql(client, ME, token=token))["data"]["me"] is None
        result = await gql(client, CREATE_TOKEN, {"name": "x", "scopes": ["READ_PAYROLL"]}, token=token)
        assert result["data"]["createApiToken"]["code"] == "UNAUTHENTICATED"  # as good as no token: sign in


async def test_only_hr_creates_partner_tokens(client: httpx.AsyncClient, small_org: Org) -> None:
    for token, code in ((None, "UNAUTHENTICATED"), (small_org.staff, "PERMISSION_DENIED"),
                        (small_org.manager, "PERMISSION_DENIED")):
        before = await table_rows()
        refused = await gql(client, CREATE_TOKEN, {"name": "Payroll", "scopes": ["READ_PAYROLL"]}, token=token)
        assert (refused["data"]["createApiToken"]["__typename"], refused["data"]["createApiToken"]["code"]) == (
            "OperationError", code)
        assert await table_rows() == before

    created = await gql(client, CREATE_TOKEN, {"name": "Payroll", "scopes": ["READ_PAYROLL", "READ_EMPLOYEES"]},
                        token=small_org.hr)

    payload = created["data"]["createApiToken"]
    assert payload["token"].startswith("tdm_")
    assert payload["apiToken"]["scopes"] == ["read:employees", "read:payroll"]
    from backend.persistence.models import ApiToken

    stored = await ApiToken.get()
    assert payload["token"] not in stored.token_hash  # only a digest is stored


async def _partner(client: httpx.AsyncClient, small_org: Org, *scopes: str) -> str:
    created = await gql(client, CREATE_TOKEN, {"name": "BI", "scopes": list(scopes)}, token=small_org.hr)
    token: str = created["data"]["createApiToken"]["token"]
    return token


async def test_partner_token_scopes_decide_what_it_reads(client: httpx.AsyncClient, small_org: Org) -> None:
    directory_only = await _partner(client, small_org, "READ_EMPLOYEES")
    payroll = await _partner(client, small_org, "READ_EMPLOYEES", "READ_PAYROLL")
    query = "{ employees(first: 10) { nodes { employeeNo baseSalary } } }"

    without_pay = await gql(client, query, token=directory_only)
    with_pay = await gql(client, query, token=payroll)
    no_scope = await gql(client, query, token=await _partner(client, small_org, "READ_SUPPORT"))

    assert {n["baseSalary"] for n in without_pay["data"]["employees"]["nodes"]} == {None}
    assert {n["baseSalary"] for n in with_pay["data"]["employees"]["nodes"]} == {"10000.00"}
    assert no_scope["data"] is None


def _literal(type_: Any) -> str:
    """A syntactically valid literal for any input type: enough to reach a mutation's guard."""
    from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLScalarType

    if isinstance(type_, GraphQLNonNull):
        return _literal(type_.of_type)
    if isinstance(type_, GraphQLList):
        return f"[{_literal(type_.of_type)}]"
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        fields = ", ".join(f"{name}: {_literal(field.type)}" for name, field in type_.fields.items()
                           if isinstance(field.type, GraphQLNonNull))
        return "{" + fields + "}"
    assert isinstance(type_, GraphQLScalarType)
    return {"Int": "1", "Float": "1.0", "Boolean": "true", "Date": '"2026-01-01"',
            "DateTime": '"2026-01-01T00:00:00+00:00"'}.get(type_.name, '"1"')


async def test_partner_token_cannot_call_any_mutation(client: httpx.AsyncClient, small_org: Org) -> None:
    """Every mutation of the schema, so a new one cannot slip past this test."""
    from backend.graphql.schema import schema

    partner = await _partner(client, small_org, *["READ_EMPLOYEES", "READ_PAYROLL", "READ_ORGANISATION"])
    before = await table_rows()
    mutations = schema._schema.mutation_type.fields

    for name, field in mutations.items():
        uploads = [arg for arg, spec in field.args.items()
                   if getattr(getattr(spec.type, "of_type", spec.type), "name", "") == "Upload"]
        args = ", ".join(f"{arg}: {_literal(spec.type)}" for arg, spec in field.args.items() if arg not in uploads)
        if uploads:
            params = ", ".join(f"${arg}: Upload!" for arg in uploads)
            call = ", ".join([args, *(f"{arg}: ${arg}" for arg in uploads)]) if args else \
                ", ".join(f"{arg}: ${arg}" for arg in uploads)
            query = f"mutation({params}) {{ {name}({call}) {{ __typename ... on OperationError {{ code }} }} }}"
            operations = json.dumps({"query": query, "variables": {arg: None for arg in uploads}})
            file_map = json.dumps({str(i): [f"variables.{arg}"] for i, arg in enumerate(uploads)})
            response = await client.post("/graphql", headers={"authorization": f"Bearer {partner}"},
                                         data={"operations": operations, "map": file_map},
                                         files={str(i): ("a.png", b"\x89PNG\r\n\x1a\n", "image/png")
                                                for i in range(len(uploads))})
            result = response.json()
        else:
            call = f"({args})" if args else ""
            result = await gql(client, f"mutation {{ {name}{call} {{ __typename ... on OperationError {{ code }} }} }}",
                               token=partner)
        assert "errors" not in result, (name, result)
        assert result["data"][name] == {"__typename": "OperationError", "code": "PERMISSION_DENIED"}, name
    assert len(mutations) >= 10
    assert await table_rows() == before


async def test_revoked_partner_token_is_refused(client: httpx.AsyncClient, small_org: Org) -> None:
    created = await gql(client, CREATE_TOKEN, {"name": "OA", "scopes": ["READ_EMPLOYEES"]}, token=small_org.hr)
    token = created["data"]["createApiToken"]["token"]
    token_id = created["data"]["createApiToken"]["apiToken"]["id"]
    query = "{ employees(first: 1) { nodes { name } } }"
    assert (await gql(client, query, token=token))["data"] is not None

    revoked = await gql(client, "mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }", {"id": token_id},
                        token=small_org.hr)

    assert revoked["data"]["revokeApiToken"]["__typename"] == "ApiTokenRevoked"
    assert (await gql(client, query, token=token))["data"] is None


@pytest.mark.parametrize(("variables", "field"), [
    ({"name": "  ", "scopes": ["READ_PAYROLL"]}, "name"),
    ({"name": "BI", "scopes": []}, "scopes"),
    ({"name": "x" * 101, "scopes": ["READ_PAYROLL"]}, "name"),
])
async def test_create_api_token_bad_input_writes_nothing(client: httpx.AsyncClient, small_org: Org,
                                                         variables: dict, field: str) -> None:
    before = await table_rows()
    result = await gql(client, CREATE_TOKEN, variables, token=small_org.hr)

    assert result["data"]["createApiToken"]["code"] == "VALIDATION"
    assert await table_rows() == before


async def test_revoke_unknown_or_malformed_token_id(client: httpx.AsyncClient, small_org: Org) -> None:
    mutation = "mutation($id: ID!) { revokeApiToken(id: $id) { __typename ... on OperationError { code field } } }"
    before = await table_rows()

    unknown = await gql(client, mutation, {"id": encode_id("ApiToken", 4242)}, token=small_org.hr)
    malformed = await gql(client, mutation, {"id": "%%%"}, token=small_org.hr)

    assert unknown["data"]["revokeApiToken"] == {"__typename": "OperationError", "code": "NOT_FOUND", "field": "id"}
    assert malformed["data"]["revokeApiToken"]["code"] == "VALIDATION"
    assert await table_rows() == before
