"""GraphQL ÷ hand-written JSON over real HTTP: one uvicorn (SQLite, memory bus), the load generator in another
process, closed loop at concurrency 1, 8 and 32, the contenders alternated round by round."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import _proc, employees_page, project_board, support_requests


@dataclass
class Contest:
    page: str
    concurrency: int
    graphql: dict[str, Any]  # medians over rounds of the loadgen figures
    baseline: dict[str, Any]

    @property
    def ratio(self) -> float:
        return float(self.graphql["rps"] / self.baseline["rps"])


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def pages(seed: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        "employees page (100 rows)": {
            "graphql": {"path": "/graphql", "body": json.dumps({"query": employees_page.QUERY}).encode(),
                        "token": seed["hr_token"]},
            "baseline": {"path": "/baseline/employees", "method": "GET", "token": seed["hr_token"]},
        },
        f"board ({seed.get('cards', 160)} cards)": {
            "graphql": {"path": "/graphql", "body": json.dumps({"query": project_board.QUERY, "variables": {
                "id": seed["project_id"]}}).encode(), "token": seed["member_token"]},
            "baseline": {"path": f"/baseline/board?id={seed['project_pk']}", "method": "GET",
                         "token": seed["member_token"]},
        },
    }


def check_same_json(server: _proc.Server, page: dict[str, Any]) -> None:
    graphql = _proc.post_json(server.base + page["graphql"]["path"], json.loads(page["graphql"]["body"]),
                              page["graphql"]["token"])
    baseline = _proc.get_json(server.base + page["baseline"]["path"], page["baseline"]["token"])
    if graphql != baseline:
        raise AssertionError("GraphQL and the hand-written endpoint must return the same JSON")


def run(server: _proc.Server, seed: dict[str, Any], workdir: Path, *, levels: tuple[int, ...], seconds: float,
        rounds: int) -> list[Contest]:
    contests = []
    for name, page in pages(seed).items():
        check_same_json(server, page)
        for concurrency in levels:
            runs: dict[str, list[dict[str, Any]]] = {"graphql": [], "baseline": []}
            for round_number in range(rounds):
                order = ("graphql", "baseline") if round_number % 2 == 0 else ("baseline", "graphql")
                for contender in order:
                    spec = page[contender]
                    runs[contender].append(_proc.load(
                        server.port, path=spec["path"], method=spec.get("method", "POST"),
                        body=spec.get("body", b""), token=spec["token"], concurrency=concurrency, seconds=seconds,
                        workdir=workdir))
            contests.append(Contest(name, concurrency, _median(runs["graphql"]), _median(runs["baseline"])))
    return contests


def support_page(server: _proc.Server, seed: dict[str, Any], workdir: Path, *, seconds: float) -> dict[str, Any]:
    """supportRequests(first: 100) with timeline, comments and evidence, one client (latency)."""
    body = json.dumps({"query": support_requests.PAGE, "variables": {"first": 100}}).encode()
    answer = _proc.post_json(server.base + "/graphql", json.loads(body), seed["hr_token"])
    if "errors" in answer or len(answer["data"]["supportRequests"]["nodes"]) != 100:
        raise AssertionError(f"the queue page failed: {str(answer)[:300]}")
    return _proc.load(server.port, path="/graphql", body=body, token=seed["hr_token"], concurrency=1,
                      seconds=seconds, workdir=workdir)
