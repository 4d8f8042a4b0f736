"""A short path through Strawberry's HTTP view for the request nearly every client sends: one JSON POST.

Strawberry's `run` serves GET, GraphiQL, multipart uploads, batches, streaming transports and websockets; per
JSON POST it builds a request adapter, parses the Accept and Content-Type headers and walks those cases
(~0.1 ms). `short_run` takes a POST whose Content-Type is application/json and which asks for no streaming
(Accept without multipart/mixed or text/event-stream) straight to the view's own hooks — `parse_json`,
`get_sub_response`, `get_context`, `get_root_value`, `execute_operation`, `process_result`, `_handle_errors`,
`create_response` — so whatever a subclass puts there (body limits, a deadline, context) still applies, and
errors are raised as the same HTTPException the stock `run` raises. A body that is not one well-formed
operation object returns None: the caller hands the request (body already read) to the stock `run`. Leans on
strawberry 0.341 view hooks (pinned, with cross_web, which it brings); tests/api/http/test_short_path.py
compares both paths request by request.
"""

from __future__ import annotations

import json
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response

_STREAMING = (b"multipart/mixed", b"text/event-stream")


class _PostAdapter:
    """What `execute_operation` and `execute_single` read of the request adapter: the method."""

    method = "POST"


_POST = _PostAdapter()


def is_plain_json_post(request: Request) -> bool:
    scope = request.scope
    if scope["type"] != "http" or scope["method"] != "POST":
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


class _RequestData:
    """The fields of strawberry's GraphQLRequestData that `execute_operation` reads."""

    __slots__ = ("extensions", "operation_name", "protocol", "query", "variables")

    def __init__(self, operation: dict[str, Any]) -> None:
        self.query = operation["query"]
        self.variables = operation.get("variables")
        self.operation_name = operation.get("operationName")
        self.extensions = operation.get("extensions")
        self.protocol = "http"


def _operation(data: Any) -> _RequestData | None:
    """The request's operation when the body is one well-formed operation object; else None (stock path)."""
    if not isinstance(data, dict):
        return None
    query, variables, extensions = data.get("query"), data.get("variables"), data.get("extensions")
    if not isinstance(query, str) or not isinstance(variables, dict | None) \
            or not isinstance(extensions, dict | None):
        return None
    return _RequestData(data)


async def short_run(view: Any, request: Request) -> Response | None:
    """The response to a plain JSON POST, or None when the stock `run` must serve the request."""
    if not is_plain_json_post(request) or view.schema.config.enable_experimental_incremental_execution:
        return None
    try:
        data = view.parse_json(await request.body())
    except json.JSONDecodeError as error:  # as the stock run answers it
        raise HTTPException(400, "Unable to parse request body as JSON") from error
    operation = _operation(data)
    if operation is None:
        return None
    sub_response = await view.get_sub_response(request)
    context = await view.get_context(request, response=sub_response)
    root_value = await view.get_root_value(request)
    result = await view.execute_operation(request=request, request_adapter=_POST, request_data=operation,
                                          context=context, root_value=root_value, sub_response=sub_response)
    response_data = await view.process_result(request=request, result=result)
    if result.errors:
        view._handle_errors(result.errors, response_data)
    response: Response = view.create_response(response_data=response_data, sub_response=sub_response)
    return response
