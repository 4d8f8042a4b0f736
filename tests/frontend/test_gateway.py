"""The GraphQL gateway against a mocked HTTP transport: what it sends, how it reads answers and failures."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from frontend import api
from frontend.api import transport

ME = {
    "id": "RW1wbG95ZWU6Mg",
    "employeeNo": "F0001",
    "name": "李雷",
    "position": "客户经理",
    "status": "ACTIVE",
    "hireDate": "2021-07-01",
    "roles": ["STAFF"],
    "baseSalary": None,
    "targetBonus": "5000.00",
    "department": {"code": "MKT", "name": "市场部", "kind": "FRONTLINE"},
    "region": {"code": "R1", "name": "东区"},
}


def serve(monkeypatch: pytest.MonkeyPatch, answer: Callable[[httpx.Request], httpx.Response]) -> list[httpx.Request]:
    """Route the gateway's HTTP calls to `answer`; returns the list the requests are recorded in."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    monkeypatch.setattr(transport, "http_client",
                        lambda: httpx.AsyncClient(transport=httpx.MockTransport(handler)))
    return seen


async def test_login_sends_the_credentials_as_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    login_success = {"__typename": "LoginSuccess", "token": "t", "expiresAt": "2030-01-01T00:00:00+00:00"}
    seen = serve(monkeypatch, lambda _: httpx.Response(200, json={"data": {"login": login_success}}))

    result = await api.login("HR0001", "tandem-hr")

    assert result == api.LoginSuccess(token="t", expires_at="2030-01-01T00:00:00+00:00")
    body = json.loads(seen[0].content)
    assert body["variables"] == {"employeeNo": "HR0001", "password": "tandem-hr"}
    assert "authorization" not in seen[0].headers
    assert str(seen[0].url).endswith("/graphql")


async def test_a_refused_login_is_a_typed_error_not_an_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    refused = {"__typename": "OperationError", "code": "INVALID_CREDENTIALS", "message": "no"}
    serve(monkeypatch, lambda _: httpx.Response(200, json={"data": {"login": refused}}))

    assert await api.login("HR0001", "x") == api.OperationError("INVALID_CREDENTIALS", "no")


async def test_me_sends_the_bearer_token_and_reads_the_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = serve(monkeypatch, lambda _: httpx.Response(200, json={"data": {"me": ME}}))

    profile = await api.fetch_me("secret")

    assert seen[0].headers["authorization"] == "Bearer secret"
    assert profile is not None
    assert (profile.name, profile.department_kind, profile.region_name) == ("李雷", "FRONTLINE", "东区")
    assert profile.roles == ("STAFF",)
    assert profile.base_salary is None
    assert profile.target_bonus == "5000.00"


async def test_me_is_none_for_an_unknown_token(monkeypatch: pytest.MonkeyPatch) -> None:
    serve(monkeypatch, lambda _: httpx.Response(200, json={"data": {"me": None}}))

    assert await api.fetch_me("expired") is None


async def test_graphql_errors_raise_a_gateway_error(monkeypatch: pytest.MonkeyPatch) -> None:
    serve(monkeypatch, lambda _: httpx.Response(200, json={"data": None, "errors": [{"message": "boom"}]}))

    with pytest.raises(api.GatewayError) as raised:
        await api.fetch_me("t")
    assert (raised.value.code, raised.value.message) == ("GRAPHQL", "boom")


@pytest.mark.parametrize(
    "answer",
    [
        lambda _: httpx.Response(502, text="<html>bad gateway</html>"),
        lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused", request=request)),
    ],
    ids=["not-json", "connection-refused"],
)
async def test_an_unreachable_api_raises_a_network_error(
    monkeypatch: pytest.MonkeyPatch, answer: Callable[[httpx.Request], httpx.Response]
) -> None:
    serve(monkeypatch, answer)

    with pytest.raises(api.GatewayError) as raised:
        await api.login("HR0001", "x")
    assert raised.value.code == "NETWORK"


def test_the_gateway_calls_the_api_of_its_own_process_on_loopback() -> None:
    assert api.graphql_url().startswith("http://127.0.0.1:")
