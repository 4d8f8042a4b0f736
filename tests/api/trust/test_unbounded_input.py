"""Unbounded input (issue 11, finding 5): request bodies are capped, batches refused, websockets limited
per token and per address with a typed close reason."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.api.conftest import Org, gql
from tests.support.ws import graphql_socket

pytestmark = pytest.mark.asyncio(loop_scope="session")

ME = "{ me { employeeNo } }"


async def test_a_body_over_the_limit_is_refused_before_it_is_parsed(client: httpx.AsyncClient,
                                                                    small_org: Org) -> None:
    padding = "x" * (5 * 1024 * 1024)
    response = await client.post("/graphql", json={"query": ME, "variables": {"pad": padding}},
                                 headers={"authorization": f"Bearer {small_org.staff}"})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"] == {"code": "REQUEST_TOO_LARGE", "maxBytes": 1024 * 1024}
    # The same client's next, normal request is served.
    assert (await gql(client, ME, token=small_org.staff))["data"]["me"] == {"employeeNo": "F0001"}


async def test_a_chunked_body_over_the_limit_is_refused(client: httpx.AsyncClient, small_org: Org) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ me { employeeNo } }", "variables": {"pad": "'
        for _ in range(40):
            yield b"y" * 65536
        yield b'"}}'

    response = await client.post("/graphql", content=chunks(), headers={
        "content-type": "application/json", "authorization": f"Bearer {small_org.staff}"})
    assert response.status_code == 413


async def test_a_document_of_5_mb_is_refused(client: httpx.AsyncClient, small_org: Org) -> None:
    query = "{ me { employeeNo } }" + " " * (5 * 1024 * 1024)
    response = await client.post("/graphql", json={"query": query}, headers={
        "authorization": f"Bearer {small_org.staff}"})
    assert response.status_code == 413


async def test_batched_requests_are_refused_with_a_clear_error(client: httpx.AsyncClient, small_org: Org) -> None:
    response = await client.post("/graphql", json=[{"query": ME}] * 50,
                                 headers={"authorization": f"Bearer {small_org.staff}"})
    assert response.status_code == 400
    assert response.text == "Batching is not enabled"


@pytest.fixture
def few_connections(api: Starlette) -> Iterator[Any]:
    from backend.graphql.connections import OpenConnections  # here: the module is new with this test

    graphql = api.state.graphql
    original = graphql.connections
    graphql.connections = OpenConnections(per_token=2, per_address=3)
    yield graphql.connections
    graphql.connections = original


async def _refusal(ws_url: str, token: str) -> tuple[int, str]:
    async with connect(ws_url, subprotocols=["graphql-transport-ws"]) as connection:  # type: ignore[list-item]
        with pytest.raises(ConnectionClosed) as closed:
            await connection.send(json.dumps({"type": "connection_init",
                                              "payload": {"authorization": f"Bearer {token}"}}))
            await connection.recv()
            await connection.recv()
        assert closed.value.rcvd is not None
        return closed.value.rcvd.code, closed.value.rcvd.reason


async def test_one_token_may_open_only_so_many_websockets(ws_url: str, client: httpx.AsyncClient, small_org: Org,
                                                          few_connections: Any) -> None:
    token = small_org.staff
    async with graphql_socket(ws_url, token), graphql_socket(ws_url, token):
        assert await _refusal(ws_url, token) == (4429, "too many open connections with this token (at most 2)")
        async with graphql_socket(ws_url, small_org.hr):  # another token is not affected
            pass
    async with graphql_socket(ws_url, token):  # closed sockets no longer count
        pass
    assert few_connections.by_token == {}


async def test_one_address_may_open_only_so_many_websockets(ws_url: str, client: httpx.AsyncClient,
                                                            small_org: Org, few_connections: Any) -> None:
    async with graphql_socket(ws_url, small_org.staff), graphql_socket(ws_url, small_org.hr), \
            graphql_socket(ws_url, small_org.manager):
        code, reason = await _refusal(ws_url, small_org.staff)
        assert (code, reason) == (4429, "too many open connections from this address (at most 3)")
    assert few_connections.by_address == {}
