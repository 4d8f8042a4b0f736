"""The Starlette app: GraphQL at /graphql, health at /healthz; lifespan opens the database and the bus."""

from __future__ import annotations

import asyncio
import gc
import hmac
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET
from tortoise.contrib.starlette import RegisterTortoise

from backend.domain.access import Viewer
from backend.events import EventBus, create_event_bus
from backend.events.fanout import Fanout
from backend.graphql import http as http_view
from backend.graphql.access_watch import AccessWatch
from backend.graphql.connections import TOO_MANY_CONNECTIONS, OpenConnections
from backend.graphql.context import TandemContext
from backend.graphql.deadline import timeout_error
from backend.graphql.live import FrameCache, TandemTransportWSHandler
from backend.graphql.request_body import BodyLimit, RequestRefused, decode_request_json
from backend.graphql.rulesets.audit_csv import audit_csv_endpoint
from backend.graphql.schema import build_schema
from backend.graphql.support.types import attachment_signature
from backend.graphql.unavailable import DatabaseUnavailableMiddleware
from backend.persistence.config import tortoise_config
from backend.persistence.migrations import ensure_migrated
from backend.persistence.models import SupportAttachment
from backend.services import rulesets
from backend.services.auth import viewer_for
from backend.services.login_throttle import LoginThrottle
from backend.services.support import attachment_path
from backend.settings import Settings, load_settings

MAX_SUBSCRIPTIONS_PER_CONNECTION = 50


class _RefusingWebSocketAdapter(ASGIWebSocketAdapter):
    """Closes with our typed code and reason when on_ws_connect refused for a reason of ours."""

    async def close(self, code: int, reason: str) -> None:
        refusal = getattr(self.ws.state, "refusal", None)
        if refusal is not None:
            code, reason = refusal
        await super().close(code, reason)


class TandemGraphQL(GraphQL[TandemContext, None]):
    graphql_transport_ws_handler_class = TandemTransportWSHandler
    websocket_adapter_class = _RefusingWebSocketAdapter

    def __init__(self, *, settings: Settings, **kwargs: Any) -> None:
        # Multipart uploads carry photo evidence. They open no CSRF hole here: every mutation needs an
        # Authorization header, which a cross-site form cannot send.
        super().__init__(build_schema(introspection=settings.introspection, max_cost=settings.max_query_cost),
                         graphql_ide="graphiql" if settings.graphiql else None,
                         allowed_origins=settings.allowed_origins, multipart_uploads_enabled=True,
                         max_subscriptions_per_connection=MAX_SUBSCRIPTIONS_PER_CONNECTION, **kwargs)
        self.settings = settings
        self.bus: EventBus | None = None
        self.fanout: Fanout | None = None
        self.access: AccessWatch | None = None
        self.frames = FrameCache()
        self.login_throttle: LoginThrottle | None = None
        self.connections = OpenConnections(per_token=settings.websockets_per_token,
                                           per_address=settings.websockets_per_address)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            try:
                response = await self.run(Request(scope=scope, receive=receive))  # short path for a JSON POST
            except HTTPException as error:  # as Strawberry's own view answers a refused request
                response = PlainTextResponse(error.reason, status_code=error.status_code)
            await response(scope, receive, send)
            return
        if scope["type"] != "websocket":
            raise ValueError(f"unknown scope type {scope['type']!r}")
        websocket = WebSocket(scope, receive=receive, send=send)
        address = websocket.client.host if websocket.client else "unknown"
        refusal = self.connections.admit_address(address)
        if refusal is not None:
            await websocket.accept(subprotocol=_subprotocol(websocket))
            await websocket.close(code=TOO_MANY_CONNECTIONS, reason=refusal)
            return
        try:
            await self.run(websocket)
        finally:
            self.connections.release_address(address)
            token_key = getattr(websocket.state, "token_key", None)
            if token_key is not None:
                self.connections.release_token(token_key)

    def decode_json(self, data: str | bytes) -> object:
        return decode_request_json(data)

    def parse_json(self, data: str | bytes) -> Any:
        try:
            return decode_request_json(data)
        except RequestRefused as refused:
            raise HTTPException(400, refused.reason) from refused

    async def execute_single(self, **kwargs: Any) -> Any:
        # Both HTTP paths (graphql/http.py's short one and strawberry's) run each operation through here.
        context: TandemContext = kwargs["context"]
        try:
            async with asyncio.timeout(None) as window:
                context.time_window = window  # armed by graphql/deadline.py once it knows it is a query
                return await super().execute_single(**kwargs)
        except TimeoutError:
            return ExecutionResult(data=None, errors=[timeout_error(self.settings.query_time_limit_seconds)])

    def _bus(self) -> EventBus:
        if self.bus is None:
            raise RuntimeError("the event bus is not connected: the app's lifespan has not run")
        return self.bus

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> TandemContext:
        context = TandemContext(settings=self.settings, bus=self._bus(), fanout=self.fanout, frames=self.frames,
                                request=request, response=response, login_throttle=self.login_throttle,
                                client_address=request.client.host if request.client else "unknown")
        if isinstance(request, Request):
            context.viewer = await viewer_for(request.headers.get("authorization"),
                                              secret_key=self.settings.secret_key, revoked=self._revoked)
        return context

    async def on_ws_connect(self, context: TandemContext) -> None:
        """The websocket carries its token in connection_init; a token that fails is refused (4403)."""
        authorization = (context.connection_params or {}).get("authorization")
        if authorization is None:
            return
        if not isinstance(authorization, str):
            raise ConnectionRejectionError()
        context.viewer = await viewer_for(authorization, secret_key=self.settings.secret_key, revoked=self._revoked)
        if not context.viewer.is_authenticated:
            raise ConnectionRejectionError({"message": "invalid or expired token"})
        websocket = context.request
        token_key, refusal = self.connections.admit_token(authorization)
        if refusal is not None:
            websocket.state.refusal = (TOO_MANY_CONNECTIONS, refusal)
            raise ConnectionRejectionError({"message": refusal})
        websocket.state.token_key = token_key
        if self.access is not None:
            self.access.track(context)  # closed when its credential stops working, on any worker

    async def viewer_of_request(self, request: Request) -> Viewer:
        """The caller of a plain HTTP route, authorised exactly as a GraphQL request."""
        return await viewer_for(request.headers.get("authorization"), secret_key=self.settings.secret_key,
                                revoked=self._revoked)

    def _revoked(self, session_id: str) -> bool:
        return self.access is not None and self.access.is_revoked(session_id)

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:  # type: ignore[override]
        if isinstance(request, Request) and context is UNSET and root_value is UNSET:
            response = await http_view.short_run(self, request)  # a plain JSON POST: graphql/http.py
            if response is not None:
                return response
        return await super().run(request, context, root_value)

    def encode_json(self, data: object) -> str:
        # str, not bytes: the websocket adapter sends bytes as binary frames, which GraphQL clients reject.
        return orjson.dumps(data).decode()


# Python's default first-generation threshold (700 allocations) runs the cycle collector thousands of times a
# second while a thousand subscribers are served; each pass walks every young object. Measured with 1,000 queue
# subscribers: the mutation's p50 fell from ~180 to ~30 ms with a larger threshold. Objects made at start-up
# (modules, the schema) are frozen out of collection altogether.
GC_THRESHOLDS = (50_000, 20, 20)


def tune_garbage_collector() -> None:
    if gc.get_threshold()[0] < GC_THRESHOLDS[0]:
        gc.collect()
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)


def create_api(settings: Settings | None = None) -> Starlette:
    settings = settings or load_settings()
    graphql_app = TandemGraphQL(settings=settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        bus = create_event_bus(settings.event_bus_url)
        async with RegisterTortoise(app, config=tortoise_config(settings.database_url)):
            await ensure_migrated(settings.database_url)
            await bus.connect()
            graphql_app.bus = bus
            # One fan-out per process: every live subscriber of this worker shares its bus attachments.
            graphql_app.fanout = Fanout(bus)
            graphql_app.access = AccessWatch(bus, secret_key=settings.secret_key)
            await graphql_app.access.start()
            await rulesets.watch(bus)  # a publish on any worker drops this worker's copy of the versions
            graphql_app.login_throttle = LoginThrottle.create(
                event_bus_url=settings.event_bus_url, per_account=settings.login_attempts_per_account,
                per_address=settings.login_attempts_per_address, window_seconds=settings.login_window_seconds)
            tune_garbage_collector()  # per worker process: each runs this lifespan
            try:
                yield
            finally:
                await graphql_app.access.stop()
                await rulesets.unwatch(bus)
                graphql_app.bus = graphql_app.fanout = graphql_app.access = None
                graphql_app.login_throttle = None
                await bus.disconnect()

    async def attachment(request: Request) -> Response:
        """Photo evidence behind a signed, expiring link (issued only to people who may read the request)."""
        try:
            attachment_id = int(request.path_params["attachment_id"])
            expires = int(request.query_params.get("expires", "0"))
        except ValueError:
            return Response(status_code=404)
        expected = attachment_signature(settings.secret_key, attachment_id, expires)
        if expires < time.time() or not hmac.compare_digest(expected, request.query_params.get("signature", "")):
            return Response("link expired or invalid", status_code=403)
        row = await SupportAttachment.get_or_none(id=attachment_id)
        path = attachment_path(settings.data_dir, row.sha256) if row else None
        if row is None or path is None or not path.exists():
            return Response(status_code=404)
        return FileResponse(path, media_type=row.content_type,
                            headers={"cache-control": "private, max-age=600", "x-content-type-options": "nosniff"})

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "bus": settings.event_bus_url.split("://", 1)[0]})

    app = Starlette(
        routes=[
            Route("/graphql", graphql_app, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql_app),
            Route("/healthz", healthz),
            Route("/attachments/{attachment_id}", attachment),
            Route("/exports/audit.csv", audit_csv_endpoint(graphql_app.viewer_of_request)),
        ],
        lifespan=lifespan,
        middleware=[Middleware(DatabaseUnavailableMiddleware),
                    Middleware(BodyLimit, max_bytes=settings.request_max_bytes,
                               upload_max_bytes=settings.upload_max_bytes)],
    )
    app.state.settings = settings
    app.state.graphql = graphql_app
    return app


def _subprotocol(websocket: WebSocket) -> str | None:
    offered = websocket.scope.get("subprotocols") or []
    return "graphql-transport-ws" if "graphql-transport-ws" in offered else (offered[0] if offered else None)
