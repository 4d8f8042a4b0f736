"""One legal query must not stall everyone (issue 11, finding 2): a cost limit judged before anything runs,
a per-request time limit, and other users' `me` answered meanwhile."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from backend.services import org as org_services
from tests.api.conftest import Org, count_queries, gql

pytestmark = pytest.mark.asyncio(loop_scope="session")

PAGE = "employees(first: 500) { nodes { id name history { position department { name } } } }"
ALIAS_BOMB = "{ " + " ".join(f"a{n}: {PAGE}" for n in range(29)) + " }"


async def test_the_29_alias_employees_query_is_refused_before_it_runs(client: httpx.AsyncClient,
                                                                       small_org: Org) -> None:
    with count_queries() as sql:
        result = await gql(client, ALIAS_BOMB, token=small_org.hr)

    assert result.get("data") is None
    [error] = result["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["maxCost"] == 50_000
    assert error["extensions"]["cost"] > 500_000
    assert "fewer rows" in error["message"]
    assert len(sql.statements) == 1, sql.statements  # who is asking; nothing of what was asked was read


async def test_the_cost_follows_first_given_as_a_variable(client: httpx.AsyncClient, small_org: Org) -> None:
    page = "employees(first: $n) { nodes { id name history { position department { name } } } }"
    query = f"query($n: Int!) {{ a: {page} b: {page} c: {page} }}"  # about 3 × 44 × n
    small = await gql(client, query, {"n": 100}, token=small_org.hr)
    assert "errors" not in small, small
    assert len(small["data"]["a"]["nodes"]) == 5
    large = await gql(client, query, {"n": 500}, token=small_org.hr)
    assert large["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


async def test_first_is_capped(client: httpx.AsyncClient, small_org: Org) -> None:
    result = await gql(client, "{ employees(first: 501) { nodes { id } } }", token=small_org.hr)
    assert result["errors"][0]["message"] == "first must be between 1 and 500"


@pytest.fixture
def short_time_limit(api: Starlette) -> Iterator[None]:
    graphql = api.state.graphql
    original = graphql.settings
    graphql.settings = replace(original, query_time_limit_seconds=0.2)
    yield
    graphql.settings = original


async def test_a_query_past_the_time_limit_is_stopped_with_a_clear_error(
        client: httpx.AsyncClient, small_org: Org, short_time_limit: None, monkeypatch: pytest.MonkeyPatch) -> None:
    original = org_services.list_employees

    async def slow_list(**kwargs: Any) -> Any:
        await asyncio.sleep(5)  # a database that stopped answering
        return await original(**kwargs)

    monkeypatch.setattr(org_services, "list_employees", slow_list)
    started = time.perf_counter()
    result = await gql(client, "{ employees(first: 10) { nodes { id } } }", token=small_org.hr)
    elapsed = time.perf_counter() - started

    assert result["data"] is None
    assert result["errors"][0]["extensions"] == {"code": "QUERY_TIMEOUT", "limitSeconds": 0.2}
    assert "took longer than 0.2 s" in result["errors"][0]["message"]
    assert elapsed < 5
    # The limit is for queries: the same server still answers the next request normally.
    me = await gql(client, "{ me { employeeNo } }", token=small_org.staff)
    assert me == {"data": {"me": {"employeeNo": "F0001"}}}


async def test_me_stays_answered_while_the_heaviest_allowed_query_runs(client: httpx.AsyncClient,
                                                                        small_org: Org) -> None:
    """Figures printed, not asserted: the suite judges behaviour, bench/ judges speed."""
    heavy = "{ " + " ".join(f"a{n}: employees(first: 100) {{ nodes {{ id name history {{ position }} }} }}"
                            for n in range(4)) + " }"
    latencies: list[float] = []

    async def ask_me() -> None:
        for _ in range(20):
            started = time.perf_counter()
            result = await gql(client, "{ me { employeeNo } }", token=small_org.staff)
            latencies.append(time.perf_counter() - started)
            assert result["data"]["me"] == {"employeeNo": "F0001"}

    heavy_results = await asyncio.gather(*(gql(client, heavy, token=small_org.hr) for _ in range(10)), ask_me())
    assert all("errors" not in r for r in heavy_results[:-1])
    print(f"\nconcurrent me during 10 heavy queries: median {statistics.median(latencies) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms")
