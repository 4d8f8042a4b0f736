"""GraphQL on top of the fan-out: one execution and one serialisation per event, for every subscriber it fits.

A subscription resolver yields `Shared` values (from `Delivery.shared` or `Topic.once`). `LiveExecutionContext`
executes a document on a `Shared` value once per (document, variables) and keeps the result with the viewer
trace it produced (graphql/viewer_trace.py); the next subscriber whose viewer fits that trace gets the same
result object, and `TandemTransportWSHandler` sends the same encoded bytes with only the operation id spliced in.
Values that are not `Shared` execute as usual.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any

import orjson
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler

from backend.domain.access import Viewer
from backend.events.fanout import Delivery, Listener, Prepare, Shared, Topic
from backend.graphql.access_watch import AccessWatch, close_for_lost_authority
from backend.graphql.execution import PlainFieldExecutionContext
from backend.graphql.viewer_trace import ViewerTrace, end_trace, resume_trace, start_trace

# Sent to a subscriber dropped for falling behind: it should reconnect (and gets the current state first).
SLOW_SUBSCRIBER_CLOSE_CODE = 4499
SLOW_SUBSCRIBER_REASON = "Subscriber too slow: reconnect to get the current state"
CLOSE_TIMEOUT_SECONDS = 5.0
FRAME_CACHE_SIZE = 512


@dataclass
class _SharedResult:
    operation: Any  # kept so id(operation) in the key stays this document's
    viewer: Viewer
    trace: ViewerTrace | None = None  # None while the execution is under way
    result: Any = None
    done: asyncio.Future[None] | None = None


class _Executed:
    """Stands in for a per-event executor when the event's result is already at hand."""

    __slots__ = ("result",)

    def __init__(self, result: Any) -> None:
        self.result = result

    def execute_operation(self, serially: bool | None = None) -> Any:
        return self.result


def _variables_key(values: Any) -> Hashable:
    coerced = getattr(values, "coerced", values)  # graphql-core 3.3: VariableValues(sources, coerced)
    return tuple(sorted((name, repr(value)) for name, value in coerced.items()))


class LiveExecutionContext(PlainFieldExecutionContext):
    """Executes each `Shared` event once per document and fitting viewer; everything else as usual."""

    _shared_event: Shared[Any] | None = None

    def build_per_event_executor(self, payload: Any) -> Any:
        if isinstance(payload, Shared):
            ready = self._fitting(self._entries(payload))
            if ready is not None:  # executed already for a viewer this one fits: no per-event executor at all
                return _Executed(ready.result)
            executor = super().build_per_event_executor(payload.value)
            executor._shared_event = payload
            return executor
        executor = super().build_per_event_executor(payload)
        executor._shared_event = None
        return executor

    def _entries(self, shared: Shared[Any]) -> list[_SharedResult]:
        entries: list[_SharedResult] = shared.results.setdefault(
            (id(self.operation), _variables_key(self.variable_values)), [])
        return entries

    def _fitting(self, entries: list[_SharedResult]) -> _SharedResult | None:
        viewer = self.context_value.principal
        for entry in entries:
            if entry.operation is self.operation and entry.trace is not None and entry.trace.fits(viewer, entry.viewer):
                return entry
        return None

    def execute_operation(self, serially: bool | None = None) -> Any:
        shared = self._shared_event
        if shared is None:
            return super().execute_operation(serially)
        entries = self._entries(shared)
        ready = self._fitting(entries)
        if ready is not None:
            return ready.result
        pending = next((e for e in entries if e.operation is self.operation and e.trace is None), None)
        if pending is not None:
            return self._after(pending, serially)
        return self._execute_shared(entries, self.context_value.principal, serially)

    async def _after(self, pending: _SharedResult, serially: bool | None) -> Any:
        assert pending.done is not None
        await asyncio.shield(pending.done)
        return await _resolved(self.execute_operation(serially))

    def _execute_shared(self, entries: list[_SharedResult], viewer: Viewer, serially: bool | None) -> Any:
        entry = _SharedResult(operation=self.operation, viewer=viewer)
        renew = getattr(self.context_value, "renew_loaders", None)
        if renew is not None:
            renew()  # a long-lived connection's loaders would otherwise answer from an earlier event
        trace, token = start_trace()
        try:
            result = super().execute_operation(serially)
        finally:
            end_trace(token)
        self._count_execution()
        if not isawaitable(result):
            return self._record(entry, entries, trace, result)
        entry.done = asyncio.get_running_loop().create_future()
        entries.append(entry)

        async def finish() -> Any:
            inner = resume_trace(trace)
            try:
                value = await result
            except BaseException:
                entries.remove(entry)
                raise
            finally:
                end_trace(inner)
                assert entry.done is not None
                if not entry.done.done():
                    entry.done.set_result(None)
            if value.errors:  # errors are judged per subscriber
                entries.remove(entry)
            else:
                entry.trace, entry.result = trace, value
                self._remember_frame(value)
            return value

        return finish()

    def _record(self, entry: _SharedResult, entries: list[_SharedResult], trace: ViewerTrace, result: Any) -> Any:
        if not result.errors:
            entry.trace, entry.result = trace, result
            entries.append(entry)
            self._remember_frame(result)
        return result

    def _count_execution(self) -> None:
        fanout = getattr(self.context_value, "fanout", None)
        if fanout is not None:
            fanout.stats.executions += 1

    def _remember_frame(self, result: Any) -> None:
        frames = getattr(self.context_value, "frames", None)
        if frames is not None and isinstance(result.data, dict):
            frames.remember(result.data)


async def _resolved(value: Any) -> Any:
    return await value if isawaitable(value) else value


class FrameCache:
    """Encoded `next` payloads of shared results, by the identity of their data (kept alive while cached, so
    the identity cannot be reused by another object meanwhile)."""

    def __init__(self, size: int = FRAME_CACHE_SIZE) -> None:
        self._size = size
        self._frames: OrderedDict[int, tuple[Any, str | None]] = OrderedDict()
        self.encodings = 0  # how many times a shared payload was encoded (tests, benchmarks)

    def remember(self, data: dict[str, Any]) -> None:
        self._frames[id(data)] = (data, None)
        if len(self._frames) > self._size:
            self._frames.popitem(last=False)

    def payload_json(self, data: Any) -> str:
        key = id(data)
        cached = self._frames.get(key)
        if cached is None or cached[0] is not data:
            return orjson.dumps({"data": data}).decode()
        if cached[1] is None:
            self.encodings += 1
            cached = self._frames[key] = (data, orjson.dumps({"data": data}).decode())
        return cached[1]


class TandemTransportWSHandler(BaseGraphQLTransportWSHandler[Any, None]):
    """Sends a shared result's payload as the same encoded text to every subscriber (only the id differs)."""

    async def shutdown(self) -> None:
        access = getattr(self.view, "access", None)
        if access is not None:
            access.untrack(self.context)
        await super().shutdown()

    async def send_message(self, message: Any) -> None:
        if message.get("type") == "next":
            payload = message["payload"]
            frames: FrameCache | None = getattr(self.context, "frames", None)
            if frames is not None and len(payload) == 1 and isinstance(payload.get("data"), dict):
                text = f'{{"id":{orjson.dumps(message["id"]).decode()},"type":"next","payload":' \
                       f'{frames.payload_json(payload["data"])}}}'
                await self.websocket.ws.send_text(text)  # type: ignore[attr-defined]
                return
        await super().send_message(message)


class AuthorisedListener:
    """A subscription's deliveries, each handed over only while the connection's authority holds: a revoked,
    expired or signed-out credential, or an employee who left, ends the stream and closes the socket instead."""

    __slots__ = ("_context", "_listener")

    def __init__(self, listener: Listener, context: Any) -> None:
        self._listener = listener
        self._context = context

    @property
    def topic(self) -> Topic:
        return self._listener.topic

    def __aiter__(self) -> AuthorisedListener:
        return self

    async def __anext__(self) -> Delivery:
        delivery = await self._listener.next()
        context = self._context
        review = context.authority_review
        if review is not None and not review.done():
            await asyncio.shield(review)  # the viewer is being resolved again after a change of the employee
        if context.authority_ended or not AccessWatch.allows(context.principal):
            _spawn(close_for_lost_authority(context.request))
            raise StopAsyncIteration
        return delivery


@asynccontextmanager
async def listen(info: Any, channel: str, *, prepare: Prepare | None = None) -> AsyncIterator[AuthorisedListener]:
    """A fan-out listener for one subscription (`prepare` builds each event's payload once for the topic); if it
    falls behind, its socket is closed with a code that tells the client to reconnect."""
    context = info.context
    if context.fanout is None:
        raise RuntimeError("the live fan-out is not running: the app's lifespan has not run")
    websocket = context.request

    def close_socket() -> None:
        _spawn(_close_slow(websocket))

    async with context.fanout.listen(channel, on_drop=close_socket, prepare=prepare) as listener:
        yield AuthorisedListener(listener, context)


def _spawn(work: Any) -> None:
    task = asyncio.ensure_future(work)
    _CLOSING.add(task)
    task.add_done_callback(_CLOSING.discard)


_CLOSING: set[asyncio.Future[None]] = set()  # closes under way, referenced until done


async def _close_slow(websocket: Any) -> None:
    with contextlib.suppress(Exception):
        await asyncio.wait_for(websocket.close(code=SLOW_SUBSCRIBER_CLOSE_CODE, reason=SLOW_SUBSCRIBER_REASON),
                               CLOSE_TIMEOUT_SECONDS)
