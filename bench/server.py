"""The app under test as a real server: Tandem's API plus the hand-written contenders on the same uvicorn.

- `GET /baseline/employees`, `GET /baseline/board?id=N`: the same JSON as the GraphQL pages, by hand-written
  SQL (bench/employees_page.py, bench/project_board.py), authenticated the same way.
- `WS /baseline/ws` + `POST /baseline/broadcast`: a raw Starlette websocket broadcast of the posted text to every
  connected client (`gather(send_text)`), the floor a GraphQL subscription fan-out is compared with. With a
  redis:// event bus (several workers) the text goes through one Redis channel that each worker relays to its
  own clients over one subscription: the raw floor for that setup.

Configured by the usual TANDEM_* variables. Run: `python -m bench.server --port P [--workers N]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from backend.app import create_api
from bench import employees_page, project_board

_clients: set[WebSocket] = set()
_tasks: set[asyncio.Task[Any]] = set()


async def baseline_socket(websocket: WebSocket) -> None:
    await _ensure_relay()
    await websocket.accept()
    _clients.add(websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        _clients.discard(websocket)


async def _send_all(text: str) -> None:
    await asyncio.gather(*(client.send_text(text) for client in list(_clients)), return_exceptions=True)


def _redis() -> tuple[str, str] | None:
    """(server URL, channel) when the app's bus is Redis."""
    url = os.environ.get("TANDEM_EVENT_BUS_URL", "")
    if not url.startswith("redis://"):
        return None
    base, _, query = url.partition("?")
    prefix = dict(part.split("=", 1) for part in query.split("&") if "=" in part).get("channel_prefix", "tandem:")
    return base, f"{prefix}bench-raw"


_relay: dict[str, Any] = {}


async def _relay_from_redis(base: str, channel: str, ready: asyncio.Event) -> None:
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(base)
    pubsub = client.pubsub()
    await pubsub.subscribe(channel)
    ready.set()
    async for message in pubsub.listen():
        if message["type"] == "message":
            await _send_all(message["data"].decode())


async def _ensure_relay() -> None:
    redis = _redis()
    if redis is None or "task" in _relay:
        return
    ready = asyncio.Event()
    _relay["task"] = asyncio.create_task(_relay_from_redis(*redis, ready))
    await ready.wait()


async def broadcast(request: Request) -> Response:
    """Answers at once (as a mutation should), the broadcast runs behind it."""
    text = (await request.body()).decode()
    redis = _redis()
    if redis is not None:
        import redis.asyncio as aioredis

        if "publisher" not in _relay:
            _relay["publisher"] = aioredis.Redis.from_url(redis[0])
        await _relay["publisher"].publish(redis[1], text)
        return Response("published")
    task = asyncio.create_task(_send_all(text))
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
    return Response(str(len(_clients)))


def create_bench_app() -> Starlette:
    app = create_api()
    app.router.routes.extend([
        Route("/baseline/employees", employees_page.hand_written),
        Route("/baseline/board", project_board.hand_written),
        Route("/baseline/broadcast", broadcast, methods=["POST"]),
        WebSocketRoute("/baseline/ws", baseline_socket),
    ])
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    from bench.fanout_client import raise_file_limit

    raise_file_limit()
    uvicorn.run("bench.server:create_bench_app", factory=True, host="127.0.0.1", port=args.port,
                workers=args.workers, log_level="warning", access_log=False, ws_max_queue=64)


if __name__ == "__main__":
    main()
