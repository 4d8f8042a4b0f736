"""The short path for JSON POSTs (backend/graphql/http.py) answers exactly as Strawberry's stock view does."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from strawberry.asgi import GraphQL

from tests.api.conftest import Org

pytestmark = pytest.mark.asyncio(loop_scope="session")

EMPLOYEES = "{ employees(first: 3) { nodes { employeeNo name department { code } } } }"
CASES: list[tuple[str, dict[str, Any]]] = [
    ("a query", {"json": {"query": EMPLOYEES}}),
    ("variables and an operation name", {"json": {
        "query": "query Page($n: Int!) { employees(first: $n) { nodes { name } } } query Other { me { name } }",
        "variables": {"n": 2}, "operationName": "Page"}}),
    ("a field that does not exist", {"json": {"query": "{ employees { nope } }"}}),
    ("a refused field", {"json": {"query": EMPLOYEES}, "anonymous": True}),
    ("a mutation", {"json": {"query": 'mutation { login(employeeNo: "HR0001", password: "wrong-password") '
                                      '{ ... on OperationError { code } } }'}}),
    ("a subscription over POST", {"json": {"query": "subscription { employeeChanged { kind } }"}}),
    ("no query", {"json": {"variables": {}}}),
    ("a query that is not text", {"json": {"query": 42}}),
    ("variables that are not an object", {"json": {"query": EMPLOYEES, "variables": [1]}}),
    ("a batch", {"json": [{"query": EMPLOYEES}]}),
    ("broken JSON", {"content": b'{"query": ', "headers": {"content-type": "application/json"}}),
    ("JSON with a charset", {"content": b'{"query": "{ me { name } }"}',
                             "headers": {"content-type": "application/json; charset=utf-8"}}),
    ("an unsupported content type", {"content": b"{ me { name } }", "headers": {"content-type": "text/plain"}}),
    ("a streaming request", {"json": {"query": EMPLOYEES}, "headers": {"accept": "multipart/mixed"}}),
    ("an unknown operation name", {"json": {"query": EMPLOYEES, "operationName": "Nope"}}),
]


@pytest.mark.parametrize(("case", "request_kwargs"), CASES, ids=[case for case, _ in CASES])
async def test_short_path_answers_as_the_stock_view(api: Starlette, client: httpx.AsyncClient, small_org: Org,
                                                   case: str, request_kwargs: dict[str, Any]) -> None:
    view = api.state.graphql

    async def stock(scope: Any, receive: Any, send: Any) -> None:
        # strawberry.asgi.GraphQL.__call__ with Strawberry's own run, which the app's view overrides
        request = Request(scope=scope, receive=receive)
        try:
            response = await GraphQL.run(view, request)
        except HTTPException as error:
            response = PlainTextResponse(error.reason, status_code=error.status_code)
        await response(scope, receive, send)

    kwargs = dict(request_kwargs)
    headers = {**kwargs.pop("headers", {})}
    if not kwargs.pop("anonymous", False):
        headers["authorization"] = f"Bearer {small_org.hr}"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=stock), base_url="http://tandem.test") as plain:
        expected = await plain.post("/graphql", headers=headers, **kwargs)
    answered = await client.post("/graphql", headers=headers, **kwargs)

    assert (answered.status_code, answered.headers.get("content-type"), answered.content) == \
        (expected.status_code, expected.headers.get("content-type"), expected.content)
