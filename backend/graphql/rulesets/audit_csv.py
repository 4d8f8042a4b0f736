"""GET /exports/audit.csv (HR): the audit log as a streamed CSV download.

A plain GET route rather than a GraphQL field returning CSV text: a log of years does not fit one GraphQL
response (the query time limit and cost bound, a body buffered whole in memory); here rows are streamed a batch
at a time, and a browser or a partner's cron job downloads it with one request. Authorised exactly as GraphQL
is: `Authorization: Bearer <token>`. Filters as query parameters: entity, action, actor, from, to (ISO-8601 with
offset).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from backend.domain.access import Viewer
from backend.domain.errors import DomainError
from backend.services import audit_log, clock


def _moment(text: str | None, name: str) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name} is not an ISO-8601 time") from None
    if moment.tzinfo is None:
        raise ValueError(f"{name} needs a time zone offset")
    return moment


def audit_csv_endpoint(viewer_of: Callable[[Request], Awaitable[Viewer]]) -> Callable[[Request], Awaitable[Response]]:
    async def audit_csv(request: Request) -> Response:
        viewer = await viewer_of(request)
        if not viewer.is_authenticated:
            return PlainTextResponse("sign in first: this needs a valid bearer token", status_code=401)
        try:
            audit_log.require_hr(viewer)
            params = request.query_params
            chosen = audit_log.AuditFilter(entity=params.get("entity") or None, action=params.get("action") or None,
                                           actor=params.get("actor") or None,
                                           start=_moment(params.get("from"), "from"),
                                           end=_moment(params.get("to"), "to"))
            chunks = audit_log.csv_chunks(chosen)
        except DomainError as error:
            status = 403 if error.code.value == "PERMISSION_DENIED" else 400
            return PlainTextResponse(error.message, status_code=status)
        except ValueError as error:
            return PlainTextResponse(str(error), status_code=400)
        name = f"audit-{clock.today().isoformat()}.csv"
        return StreamingResponse(chunks, media_type="text/csv; charset=utf-8",
                                 headers={"content-disposition": f'attachment; filename="{name}"',
                                          "cache-control": "no-store"})

    return audit_csv
