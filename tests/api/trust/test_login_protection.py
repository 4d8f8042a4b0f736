"""Sign-in under attack (issue 11, finding 3): argon2 off the event loop, failures limited per account and
per client address with a translated "try again in N minutes" error, lockouts audited."""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from backend.persistence.models import AuditEntry, Employee
from backend.services import security
from backend.services.security import hash_password
from tests.api.conftest import Org, gql

pytestmark = pytest.mark.asyncio(loop_scope="session")

LOGIN = """mutation($no: String!, $pw: String!) { login(employeeNo: $no, password: $pw) { __typename
  ... on LoginSuccess { token } ... on OperationError { code message retryAfterSeconds } } }"""
ME = "{ me { employeeNo } }"


async def _set_password(employee_id: int, password: str) -> None:
    await Employee.filter(id=employee_id).update(password_hash=hash_password(password))


async def _login(client: httpx.AsyncClient, no: str, password: str) -> dict[str, Any]:
    payload: dict[str, Any] = (await gql(client, LOGIN, {"no": no, "pw": password}))["data"]["login"]
    return payload


@pytest.fixture
def small_limits(api: Starlette) -> Iterator[Any]:
    """The running app's throttle swapped for one with small limits (the defaults: 5 per account, 50 per
    address in 15 minutes), restored afterwards."""
    from backend.services.login_throttle import LoginThrottle  # here: the module is new with this test

    graphql = api.state.graphql
    original = graphql.login_throttle
    graphql.login_throttle = LoginThrottle.create(event_bus_url="memory://", per_account=3, per_address=5,
                                                  window_seconds=900)
    yield graphql.login_throttle
    graphql.login_throttle = original


async def test_an_account_is_locked_after_repeated_failures_even_for_the_right_password(
        client: httpx.AsyncClient, small_org: Org) -> None:
    await _set_password(small_org.hr_id, "correct horse")
    answers = [await _login(client, "HR0001", f"guess {n}") for n in range(5)]

    assert [a["code"] for a in answers] == ["INVALID_CREDENTIALS"] * 4 + ["TOO_MANY_ATTEMPTS"]
    locked = await _login(client, "HR0001", "correct horse")
    assert locked["__typename"] == "OperationError"
    assert locked["code"] == "TOO_MANY_ATTEMPTS"
    assert 14 * 60 < locked["retryAfterSeconds"] <= 15 * 60
    assert locked["message"] == "too many failed sign-ins; try again in 15 minutes"
    # Another account from the same address is not locked by this one.
    await _set_password(small_org.staff_id, "staff password")
    assert (await _login(client, "F0001", "staff password"))["__typename"] == "LoginSuccess"


async def test_a_lockout_is_audited_once(client: httpx.AsyncClient, small_org: Org) -> None:
    for n in range(7):
        await _login(client, "hr0001", f"guess {n}")

    entries = await AuditEntry.filter(action="login.lockout").values("actor", "entity", "entity_id", "after")
    assert [(e["actor"], e["entity"], e["entity_id"]) for e in entries] == [
        ("anonymous", "login_account", "HR0001")]
    assert entries[0]["after"]["window_seconds"] == 900


async def test_a_success_clears_the_account_count(client: httpx.AsyncClient, small_org: Org) -> None:
    await _set_password(small_org.hr_id, "correct horse")
    for _ in range(2):
        for n in range(4):
            assert (await _login(client, "HR0001", f"guess {n}"))["code"] == "INVALID_CREDENTIALS"
        assert (await _login(client, "HR0001", "correct horse"))["__typename"] == "LoginSuccess"


async def test_one_address_guessing_many_accounts_is_locked(client: httpx.AsyncClient, small_org: Org,
                                                            small_limits: Any) -> None:
    await _set_password(small_org.staff_id, "staff password")
    answers = [await _login(client, f"X{n:04d}", "guess") for n in range(5)]

    assert [a["code"] for a in answers] == ["INVALID_CREDENTIALS"] * 4 + ["TOO_MANY_ATTEMPTS"]
    refused = await _login(client, "F0001", "staff password")
    assert refused["code"] == "TOO_MANY_ATTEMPTS"
    entries = await AuditEntry.filter(action="login.lockout").values_list("entity", flat=True)
    assert "login_address" in entries


async def test_passwords_are_checked_off_the_event_loop(client: httpx.AsyncClient, small_org: Org,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[str] = []
    original = security.verify_password

    def recording(password_hash: str | None, password: str) -> bool:
        threads.append(threading.current_thread().name)
        return original(password_hash, password)

    monkeypatch.setattr(security, "verify_password", recording)
    monkeypatch.setattr("backend.services.auth.verify_password", recording, raising=False)
    await _set_password(small_org.hr_id, "correct horse")
    assert (await _login(client, "HR0001", "correct horse"))["__typename"] == "LoginSuccess"

    assert threads and threading.main_thread().name not in threads, threads


async def test_a_login_flood_is_bounded_while_me_stays_answered(client: httpx.AsyncClient, small_org: Org) -> None:
    """200 wrong passwords: the first few cost a hash, the rest are refused at once; `me` keeps answering."""
    await _set_password(small_org.hr_id, "correct horse")
    latencies: list[float] = []
    stop = asyncio.Event()

    async def ask_me() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            result = await gql(client, ME, token=small_org.staff)
            latencies.append(time.perf_counter() - started)
            assert result["data"]["me"] == {"employeeNo": "F0001"}  # answered
            await asyncio.sleep(0.005)

    me_task = asyncio.create_task(ask_me())
    started = time.perf_counter()
    answers = await asyncio.gather(*(_login(client, "HR0001", f"guess {n}") for n in range(200)))
    flood_seconds = time.perf_counter() - started
    stop.set()
    await me_task

    codes = [a["code"] for a in answers]
    assert codes.count("INVALID_CREDENTIALS") <= 5
    assert codes.count("TOO_MANY_ATTEMPTS") >= 195
    assert latencies
    print(f"\nlogin flood: 200 attempts in {flood_seconds:.2f} s; concurrent me: {len(latencies)} answered, "
          f"median {statistics.median(latencies) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
