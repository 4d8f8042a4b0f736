"""Websocket subscribers in their own process: N clients subscribe, then each event is triggered over HTTP and
its delay measured from the moment the trigger is sent to the moment each client has the frame (one clock).

Kinds: `board` (boardChanged of one project; the event is updateTask), `queue` (supportRequestChanged of a
department; the event is a comment on one of its requests), `raw` (a plain Starlette websocket at
/baseline/ws; the event is POST /baseline/broadcast of a frame captured from a GraphQL run — the same bytes).
Prints one JSON line. Run by bench/fanout.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import orjson
from websockets.asyncio.client import ClientConnection, connect

BOARD = """subscription($id: ID!) { boardChanged(projectId: $id) { kind sequence occurredAt
  actor { employeeNo } fromColumnId fromPosition
  task { id columnId position version title assignee { employeeNo } }
  comment { body author { employeeNo } } rating { rating rater { employeeNo } }
  project { columns { id tasks { id } } } } }"""
QUEUE = """subscription($code: String!) { supportRequestChanged(departmentCode: $code) { action sequence
  request { id status title assignee { name } } } }"""
UPDATE_TASK = """mutation($input: UpdateTaskInput!) { updateTask(input: $input) {
  ... on TaskSuccess { task { id version } } ... on OperationError { code message } } }"""
COMMENT = """mutation($id: ID!, $body: String!) { commentSupportRequest(id: $id, body: $body) {
  ... on SupportCommentSuccess { comment { id } } ... on OperationError { code message } } }"""


class Subscriber:
    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection
        self.first = asyncio.get_running_loop().create_future()
        self.arrivals: dict[int, float] = {}
        self.frame: str | None = None

    async def listen(self, state: dict[str, Any]) -> None:
        clock = time.perf_counter
        async for raw in self.connection:
            now = clock()
            if not self.first.done():
                self.first.set_result(now)
                continue
            event = state["event"]
            if event >= 0 and event not in self.arrivals:
                self.arrivals[event] = now
                state["received"][event] += 1
                if self.frame is None:
                    self.frame = raw if isinstance(raw, str) else raw.decode()
                if state["received"][event] == state["expected"]:
                    state["done"][event].set()


async def open_subscriber(url: str, kind: str, token: str, variables: dict[str, Any]) -> Subscriber:
    if kind == "raw":
        connection = await connect(url, compression=None, max_size=None, open_timeout=300, ping_interval=None)
        subscriber = Subscriber(connection)
        return subscriber
    connection = await connect(url, subprotocols=["graphql-transport-ws"], compression=None,  # type: ignore[list-item]
                               max_size=None, open_timeout=300, ping_interval=None)
    await connection.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}))
    ack = json.loads(await connection.recv())
    if ack["type"] != "connection_ack":
        raise ConnectionError(f"no connection_ack: {ack}")
    query = BOARD if kind == "board" else QUEUE
    await connection.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query,
                                                                                  "variables": variables}}))
    return Subscriber(connection)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000 if ordered else float("nan")


async def run(args: argparse.Namespace) -> dict[str, Any]:
    base = f"http://127.0.0.1:{args.port}"
    url = f"ws://127.0.0.1:{args.port}" + ("/baseline/ws" if args.kind == "raw" else "/graphql")
    variables = {"id": args.project_id} if args.kind == "board" else {"code": args.department_code}
    gate = asyncio.Semaphore(64)  # handshakes in flight at once

    async def opened() -> Subscriber:
        async with gate:
            return await open_subscriber(url, args.kind, args.token, variables)

    state: dict[str, Any] = {"event": -1, "expected": args.subscribers, "received": [0] * args.events,
                             "done": [asyncio.Event() for _ in range(args.events)]}
    started = time.perf_counter()
    subscribers = await asyncio.gather(*(opened() for _ in range(args.subscribers)))
    listeners = [asyncio.create_task(s.listen(state)) for s in subscribers]
    if args.kind == "board":  # the board arrives first (CURRENT): connected means it is in
        await asyncio.wait_for(asyncio.gather(*(s.first for s in subscribers)), timeout=args.timeout * 4)
        connected = time.perf_counter() - started
    else:  # nothing comes first: a warm-up event tells when every subscription is live
        connected = time.perf_counter() - started
    payload = Path(args.payload_file).read_bytes() if args.payload_file else b""
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        async def trigger(n: int) -> float:
            sent = time.perf_counter()
            if args.kind == "board":
                response = await http.post("/graphql", headers={"authorization": f"Bearer {args.member_token}"},
                                           json={"query": UPDATE_TASK, "variables": {"input": {
                                               "taskId": args.task_id, "title": f"bench {n} {sent:.6f}"}}})
            elif args.kind == "queue":
                response = await http.post("/graphql", headers={"authorization": f"Bearer {args.token}"},
                                           json={"query": COMMENT, "variables": {"id": args.request_id,
                                                                                 "body": f"bench {n}"}})
            else:
                response = await http.post("/baseline/broadcast", content=payload)
            response.raise_for_status()
            if args.kind != "raw" and "errors" in response.json():
                raise RuntimeError(response.text[:300])
            return sent

        if args.kind != "board":
            # First frames: for `queue` a warm-up event, for `raw` a first broadcast; neither is measured. Sent
            # again until every subscriber has one (a subscription may still be registering on the server).
            for _ in range(20):
                await trigger(-1)
                waiting = [s.first for s in subscribers if not s.first.done()]
                if not waiting:
                    break
                await asyncio.wait(waiting, timeout=3)
            if any(not s.first.done() for s in subscribers):
                raise RuntimeError("some subscribers never received a first frame")
            connected = time.perf_counter() - started
        delays: list[float] = []
        mutation: list[float] = []
        missing = 0
        for n in range(args.events):
            state["event"] = n
            sent = await trigger(n)
            mutation.append(time.perf_counter() - sent)
            try:
                await asyncio.wait_for(state["done"][n].wait(), timeout=args.timeout)
            except TimeoutError:
                missing += args.subscribers - state["received"][n]
            delays += [s.arrivals[n] - sent for s in subscribers if n in s.arrivals]
            await asyncio.sleep(args.pause)
    frame = next((s.frame for s in subscribers if s.frame), "")
    if args.frame_out and frame:
        Path(args.frame_out).write_text(frame)
    for task in listeners:
        task.cancel()
    await asyncio.gather(*(s.connection.close() for s in subscribers), return_exceptions=True)
    return {"kind": args.kind, "subscribers": args.subscribers, "events": args.events, "connect_s": connected,
            "delay_p50_ms": _percentile(delays, 0.5), "delay_p99_ms": _percentile(delays, 0.99),
            "delay_max_ms": max(delays) * 1000 if delays else float("nan"),
            "mutation_p50_ms": _percentile(mutation, 0.5), "mutation_p99_ms": _percentile(mutation, 0.99),
            "mutation_max_ms": max(mutation) * 1000, "missing": missing, "frame_bytes": len(frame.encode())}


def raise_file_limit() -> None:
    """A thousand sockets need more descriptors than the usual soft limit of 1,024."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--kind", choices=["board", "queue", "raw"], required=True)
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--pause", type=float, default=0.2)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--token", default="")
    parser.add_argument("--member-token", default="")
    parser.add_argument("--project-id", default="")
    parser.add_argument("--task-id", default="")
    parser.add_argument("--request-id", default="")
    parser.add_argument("--department-code", default="")
    parser.add_argument("--payload-file")
    parser.add_argument("--frame-out")
    args = parser.parse_args()
    raise_file_limit()
    import uvloop

    result = uvloop.run(run(args))
    sys.stdout.write(orjson.dumps(result).decode() + "\n")


if __name__ == "__main__":
    main()
