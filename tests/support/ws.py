"""A minimal graphql-transport-ws client for tests."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.client import ClientConnection, connect


class GraphQLSocket:
    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection
        self._next_id = 0

    async def subscribe(self, query: str, variables: dict[str, Any] | None = None) -> str:
        self._next_id += 1
        operation_id = str(self._next_id)
        await self.connection.send(json.dumps({"id": operation_id, "type": "subscribe",
                                               "payload": {"query": query, "variables": variables or {}}}))
        return operation_id

    async def receive(self, timeout: float = 5.0) -> dict[str, Any]:
        """The next `next`/`error`/`complete` message (pings answered)."""
        while True:
            raw = await asyncio.wait_for(self.connection.recv(), timeout)
            message: dict[str, Any] = json.loads(raw)
            if message["type"] == "ping":
                await self.connection.send(json.dumps({"type": "pong"}))
                continue
            return message


@asynccontextmanager
async def graphql_socket(url: str, token: str | None = None) -> AsyncIterator[GraphQLSocket]:
    async with connect(url, subprotocols=["graphql-transport-ws"]) as connection:  # type: ignore[list-item]
        payload = {"authorization": f"Bearer {token}"} if token else {}
        await connection.send(json.dumps({"type": "connection_init", "payload": payload}))
        ack = json.loads(await asyncio.wait_for(connection.recv(), 5))
        if ack["type"] != "connection_ack":
            raise ConnectionError(f"no connection_ack: {ack}")
        yield GraphQLSocket(connection)
