"""Authority on open connections: a websocket lives for hours, its credential may not.

Per process, the watch knows which sessions were signed out (loaded at start, kept current by `AccessRevoked`
events on the bus, reloaded after a bus interruption) and tracks every open websocket by its employee, session
and partner token. When a credential stops working on any worker — a partner token revoked, a session signed
out, an employee who left or whose roles changed — the affected connections here are closed (or, for a change
that leaves them signed in, re-resolved), and a sweep closes connections whose token expired or whose last day
employed has passed. Live subscriptions also re-check on every event (graphql/live.py), so nothing is pushed to
a viewer who may no longer read it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Iterable
from typing import Any

from backend.domain.access import Viewer
from backend.domain.events import ACCESS_CHANNEL
from backend.events.bus import RESYNC, EventBus, Message
from backend.services import auth, clock

# Sent when a connection's credential stopped working; the client should sign in again.
AUTHORITY_ENDED_CLOSE_CODE = 4403
AUTHORITY_ENDED_REASON = "Forbidden: the token was revoked or expired, or the employee has left"
DEFAULT_SWEEP_SECONDS = 15.0

log = logging.getLogger(__name__)


class AccessWatch:
    def __init__(self, bus: EventBus, *, secret_key: str, sweep_seconds: float = DEFAULT_SWEEP_SECONDS) -> None:
        self._bus = bus
        self._secret_key = secret_key
        self._sweep_seconds = sweep_seconds
        self._revoked_sessions: set[str] = set()
        self._connections: weakref.WeakSet[Any] = weakref.WeakSet()  # TandemContext of each open websocket
        self._tasks: set[asyncio.Task[None]] = set()
        self._sweeper: asyncio.Task[None] | None = None
        self.closed = 0  # connections closed for lost authority (tests, metrics)

    async def start(self) -> None:
        # Attach before loading, so a sign-out committed in between is heard, not missed.
        await self._bus.attach(ACCESS_CHANNEL, self._on_access)
        self._revoked_sessions |= await auth.revoked_session_ids()
        self._sweeper = asyncio.create_task(self._sweep(), name="access-watch-sweep")

    async def stop(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
        with contextlib.suppress(Exception):
            await self._bus.detach(ACCESS_CHANNEL, self._on_access)
        for task in list(self._tasks):
            task.cancel()

    # --- what HTTP requests and new connections ask ---------------------------------------------------------

    def is_revoked(self, session_id: str) -> bool:
        return session_id in self._revoked_sessions

    def track(self, context: Any) -> None:
        self._connections.add(context)

    def untrack(self, context: Any) -> None:
        self._connections.discard(context)

    @staticmethod
    def allows(viewer: Viewer) -> bool:
        """Whether a connection's viewer still holds (checked by live subscriptions before every event)."""
        return viewer.is_authenticated and not viewer.expired(clock.now())

    # --- events from every worker ---------------------------------------------------------------------------

    def _on_access(self, message: Message) -> None:
        if message is RESYNC or message.get("type") == RESYNC["type"]:
            self._spawn(self._reload())
            return
        if message.get("type") == "EmployeeChanged":
            self._on_employee(message)
        elif message.get("kind") == "SESSION" and message.get("session_id"):
            self._revoked_sessions.add(message["session_id"])
            self._close(c for c in list(self._connections) if c.principal.session_id == message["session_id"])
        elif message.get("kind") == "API_TOKEN" and message.get("token_id") is not None:
            self._close(c for c in list(self._connections) if c.principal.token_id == message["token_id"])

    def _on_employee(self, message: Message) -> None:
        employee_id = message.get("employee_id")
        affected = [c for c in list(self._connections) if c.principal.employee_id == employee_id]
        if affected:
            # Heard before the change reaches any topic (it is published here first): hold their deliveries
            # until the viewer is resolved again.
            review: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            for context in affected:
                context.authority_review = review
            self._spawn(self._recheck(affected, review))

    async def _reload(self) -> None:
        """After a bus interruption: whatever was missed is in the database."""
        self._revoked_sessions |= await auth.revoked_session_ids()
        await self._recheck(list(self._connections))

    async def _recheck(self, contexts: list[Any], review: asyncio.Future[None] | None = None) -> None:
        """The employee changed (left, moved, roles): resolve the viewer again; close if it no longer holds."""
        try:
            for context in contexts:
                authorization = (context.connection_params or {}).get("authorization")
                viewer = await auth.viewer_for(authorization if isinstance(authorization, str) else None,
                                               secret_key=self._secret_key, revoked=self.is_revoked)
                if self.allows(viewer):
                    context.principal = viewer
                else:
                    self._close([context])
        finally:
            if review is not None and not review.done():
                review.set_result(None)

    def sweep_now(self) -> None:
        """Close the connections whose token expired or whose employee's last day has passed."""
        self._close(c for c in list(self._connections) if not self.allows(c.principal))

    async def _sweep(self) -> None:
        while True:
            await asyncio.sleep(self._sweep_seconds)
            self.sweep_now()

    # --- closing --------------------------------------------------------------------------------------------

    def _close(self, contexts: Iterable[Any]) -> None:
        for context in contexts:
            self._connections.discard(context)
            context.authority_ended = True
            self.closed += 1
            self._spawn(close_for_lost_authority(context.request))

    def _spawn(self, work: Any) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


async def close_for_lost_authority(websocket: Any) -> None:
    with contextlib.suppress(Exception):
        await asyncio.wait_for(websocket.close(code=AUTHORITY_ENDED_CLOSE_CODE, reason=AUTHORITY_ENDED_REASON), 5)
