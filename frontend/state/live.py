"""Live updates for one browser tab: a background task holds a GraphQL subscription through the gateway.

Reflex does not stop background tasks when a tab closes, so a follower wakes at least every
LIVE_HEARTBEAT_SECONDS to see whether its tab is still connected, reconnects after network drops, stops when
the server refuses (expired token, no longer allowed), and never outlives its time limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import TypeVar

import reflex as rx

from frontend import api

LIVE_HEARTBEAT_SECONDS = 20.0
LIVE_RETRY_SECONDS = 5.0

Item = TypeVar("Item")


def tab_is_connected(client_token: str) -> bool:
    """Whether the browser tab is still connected to this process; True when Reflex cannot tell
    (no running app, as in state tests), since the follower's time limit bounds it anyway."""
    app_module = sys.modules.get(rx.config.get_config().module)
    namespace = getattr(getattr(app_module, "app", None), "event_namespace", None)
    return namespace is None or client_token in namespace.token_to_sid


async def follow(*, client_token: str, max_seconds: float,
                 open_stream: Callable[[], AsyncGenerator[Item | None, None]],
                 deliver: Callable[[Item | None], Awaitable[bool]]) -> None:
    """Pass each item (None: a heartbeat) to `deliver` until it answers False, the tab goes, the server
    refuses, or `max_seconds` pass; reconnect after a dropped connection."""
    deadline = time.monotonic() + max_seconds
    while time.monotonic() < deadline:
        changes = open_stream()
        try:
            # aclosing: leaving the loop must close the websocket now, not at garbage collection.
            async with contextlib.aclosing(changes):
                async for item in changes:
                    if time.monotonic() > deadline or not tab_is_connected(client_token):
                        return
                    if not await deliver(item):
                        return
        except api.GatewayError as error:
            if error.code != "NETWORK":
                return  # refused: retrying won't help
        # The connection dropped or the server ended the stream: pause, then subscribe again.
        await asyncio.sleep(LIVE_RETRY_SECONDS)
        if not tab_is_connected(client_token):
            return
