"""A short path through Strawberry's HTTP view for the request nearly every client sends: one JSON POST.

Strawberry's `run` serves GET, GraphiQL, multipart uploads, batches, streaming transports and websockets; per
JSON POST it parses the Accept and Content-Type headers and walks those cases (~0.1 ms). Here a POST whose
Content-Type is application/json and which asks for no streaming (Accept without multipart/mixed or
text/event-stream) is parsed with orjson and run through the view's own hooks — `get_sub_response`,
`get_context`, `execute_single`, `process_result`, `_handle_errors`, `create_response` — so context, schema
extensions, status codes and the response are the stock ones. Anything else, or a body that is not a single
operation object, goes to the stock `run` with the body already read. Leans on strawberry 0.341 view hooks
(pinned, with cross_web, which it brings); tests/api/http/test_short_path.py compares both paths request by request.
"""

from __future__ import annotations

import json
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send

from backend.graphql.request_body import decode_request_json

_STREAMING = (b"multipart/mixed", b"text/event-stream")


class _PostAdapter:
    """What `execute_single` reads of the request adapter: the method."""

    method = "POST"


_POST = _PostAdapter()


def _is_plain_json_post(scope: Scope) -> bool:
    if scope["method"] != "POST":
        return False
    content_type = accept = b""
    for name, value in scope["headers"]:
        if name == b"content-type":
            content_type = value
        elif name == b"accept":
            accept = value
    if content_type.split(b";", 1)[0].strip().lower() != b"application/json":
        return False
    lowered = accept.lower()
    return not any(kind in lowered for kind in _STREAMING)


def _operation(body: bytes) -> dict[str, Any] | None:
    """The request's operation when the body is one well-formed operation object; else None (stock path, which
    also says what is wrong with a body refused here). Nesting is bounded as on the stock path."""
    try:
        data = decode_request_json(body)
    except json.JSONDecodeError:  # orjson's, and RequestRefused
        return None
    if not isinstance(data, dict):
        return None
    query, variables, extensions = data.get("query"), data.get("variables"), data.get("extensions")
    if not isinstance(query, str) or not isinstance(variables, dict | None) \
            or not isinstance(extensions, dict | None):
        return None
    return data


async def serve(view: Any, scope: Scope, receive: Receive, send: Send) -> None:
    """Serve an HTTP request with `view` (a strawberry.asgi.GraphQL), by the short path when it applies."""
    request = Request(scope=scope, receive=receive)
    operation = None
    if _is_plain_json_post(scope) and not view.schema.config.enable_experimental_incremental_execution:
        operation = _operation(await request.body())
    if operation is None:
        try:
            response = await view.run(request)
        except HTTPException as error:
            response = PlainTextResponse(error.reason, status_code=error.status_code)
        await response(scope, receive, send)
        return
    try:
        sub_response = await view.get_sub_response(request)
        context = await view.get_context(request, response=sub_response)
        root_value = await view.get_root_value(request)
        result = await view.execute_single(
            request=request, request_adapter=_POST, sub_response=sub_response, context=context,
            root_value=root_value, request_data=_RequestData(operation))
        response_data = await view.process_result(request=request, result=result)
        if result.errors:
            view._handle_errors(result.errors, response_data)
        response = view.create_response(response_data=response_data, sub_response=sub_response)
    except HTTPException as error:
        response = PlainTextResponse(error.reason, status_code=error.status_code)
    await response(scope, receive, send)


class _RequestData:
    """The fields of strawberry's GraphQLRequestData that `execute_single` reads."""

    __slots__ = ("extensions", "operation_name", "protocol", "query", "variables")

    def __init__(self, operation: dict[str, Any]) -> None:
        self.query = operation["query"]
        self.variables = operation.get("variables")
        self.operation_name = operation.get("operationName")
        self.extensions = operation.get("extensions")
        self.protocol = "http"
