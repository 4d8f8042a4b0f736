"""What a client may send: the body's size, and JSON that is shallow and valid Unicode.

- `BodyLimit` refuses a body over the configured size with 413 before it is read in full (a declared
  Content-Length is judged at once; a chunked body as it arrives). Multipart uploads may be larger by the
  largest photo accepted.
- `decode_request_json` parses with orjson (fast, and it refuses nesting past 1,024 levels instead of
  exhausting the stack) and bounds nesting to MAX_JSON_NESTING. JSON orjson refuses is read again with the
  standard parser only to say what is wrong and where: a lone UTF-16 surrogate ("\\ud800") names its
  variable, since no database can store it.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_JSON_NESTING = 32


class RequestRefused(json.JSONDecodeError):
    """A body we will not parse; `reason` is for the client. (A JSONDecodeError, so every transport that
    already treats undecodable JSON as the client's fault treats this the same way.)"""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, "", 0)
        self.reason = reason


def decode_request_json(data: str | bytes) -> Any:
    try:
        decoded = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        decoded = _diagnose(data, error)
    _check(decoded)
    return decoded


def _diagnose(data: str | bytes, error: orjson.JSONDecodeError) -> Any:
    if "recursion" in str(error).lower():
        raise RequestRefused(f"the request body nests deeper than {MAX_JSON_NESTING} levels") from error
    try:
        decoded = json.loads(data)
    except RecursionError as exc:
        raise RequestRefused(f"the request body nests deeper than {MAX_JSON_NESTING} levels") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise RequestRefused("the request body is not valid JSON") from exc
    _check(decoded)  # a surrogate is reported with its place; anything else falls through
    raise RequestRefused("the request body is not valid JSON (UTF-8)") from error


def _check(value: Any) -> None:
    """Nesting and lone surrogates, walked without recursion."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, where, depth = stack.pop()
        if depth > MAX_JSON_NESTING:
            raise RequestRefused(f"{where or 'the request body'} nests deeper than {MAX_JSON_NESTING} levels")
        if isinstance(item, str):
            if _has_lone_surrogate(item):
                raise RequestRefused(f"{where or 'a value'} contains a lone UTF-16 surrogate (e.g. \\ud800): "
                                     "text must be valid Unicode")
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and _has_lone_surrogate(key):
                    raise RequestRefused(f"a key in {where or 'the request body'} contains a lone UTF-16 "
                                         "surrogate: text must be valid Unicode")
                stack.append((child, f"{where}.{key}" if where else str(key), depth + 1))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{index}]", depth + 1) for index, child in enumerate(item))


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: 413 for a request body over `max_bytes` (multipart: plus `upload_max_bytes`)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, upload_max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_max_bytes = upload_max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        limit = self.max_bytes + (self.upload_max_bytes if content_type.startswith("multipart/") else 0)
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, limit)


async def _too_large(send: Send, limit: int) -> None:
    body = orjson.dumps({"errors": [{"message": f"the request body is larger than {limit:,} bytes",
                                     "extensions": {"code": "REQUEST_TOO_LARGE", "maxBytes": limit}}]})
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
