"""The app under test as a real server: Tandem's API plus the hand-written contenders on the same uvicorn.

- `GET /baseline/employees`, `GET /baseline/board?id=N`: the same JSON as the GraphQL pages, by hand-written
  SQL (bench/employees_page.py, bench/project_board.py), authenticated the same way.
- `WS /baseline/ws` + `POST /baseline/broadcast`: a raw Starlette websocket broadcast of the posted text to every
  connected client (`gather(send_text)`), the floor a GraphQL subscription fan-out is compared with.

Configured by the usual TANDEM_* variables. Run: `python -m bench.server --port P [--workers N]`.
"""

from __future__ import annotations

import argparse
import asyncio
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


async def broadcast(request: Request) -> Response:
    """Answers at once (as a mutation should), the broadcast runs behind it."""
    text = (await request.body()).decode()
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
    uvicorn.run("bench.server:create_bench_app", factory=True, host="127.0.0.1", port=args.port,
                workers=args.workers, log_level="warning", access_log=False, ws_max_queue=64)


if __name__ == "__main__":
    main()
