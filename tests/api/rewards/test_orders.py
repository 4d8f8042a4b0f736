"""recordOrder and cancelOrder through the API: idempotency, validation, who may record, pending orders credited
in the resolution's period, reversals (also into the next open period), carry-over, points that move."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from backend.domain.access import SYSTEM
from backend.domain.rewards import EntryKind
from backend.domain.support import Priority
from backend.events.memory import MemoryEventBus
from backend.persistence.models import LedgerEntry
from backend.services import orders as order_service
from backend.services import org
from backend.services.uow import UnitOfWork
from tests.api.conftest import gql
from tests.api.rewards.conftest import (
    CANCEL,
    NOW,
    RewardsOrg,
    counter,
    open_request,
    order_input,
    pool,
    record,
    resolve_via_api,
    resolved_request,
    tokens,
    transition,
)
from tests.api.rewards.invariants import assert_ledger_balances

pytestmark = pytest.mark.asyncio(loop_scope="session")

OCT = datetime(2026, 10, 20, 3, tzinfo=UTC)


def _amounts(c: dict[str, Any]) -> tuple[str, ...]:
    return tuple(c[k]["amount"] for k in ("commissionGross", "commissionAccrued", "commissionNet",
                                          "pendingCommission", "poolContribution"))


async def test_a_resend_returns_the_original_and_books_nothing(client: httpx.AsyncClient,
                                                               rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    first = await record(client, t["f1"], order_input("dup-1", world.f1, "1000.00"))
    again = await record(client, t["hr"], order_input("dup-1", world.f1, "9999.00"))
    assert (first["created"], again["created"], again["order"]["id"]) == (True, False, first["order"]["id"])
    assert again["order"]["commission"]["amount"] == "30.00"
    other = await record(client, t["hr"], order_input("dup-1", world.base.other_staff_id, "1000.00", region="R2"))
    assert (other["code"], other["field"]) == ("CONFLICT", "clientOrderId")
    assert (await counter(client, t["f1"], world.f1))["commissionGross"]["amount"] == "30.00"
    await assert_ledger_balances()


@pytest.mark.parametrize(("change", "code", "field"), [
    ({"amount": "0.00"}, "VALIDATION", "amount"),
    ({"amount": "-5.00"}, "VALIDATION", "amount"),
    ({"amount": "10.001"}, "VALIDATION", "amount"),
    ({"amount": "10000000.01"}, "VALIDATION", "amount"),
    ({"occurredAt": (NOW + timedelta(minutes=1)).isoformat()}, "VALIDATION", "occurredAt"),
    ({"regionCode": "R2"}, "VALIDATION", "employeeId"),  # F0001 is R1's
    ({"regionCode": "R9"}, "NOT_FOUND", "regionCode"),
    ({"occurredAt": datetime(2023, 12, 31, tzinfo=UTC).isoformat()}, "VALIDATION", "employeeId"),  # before hire
    ({"clientOrderId": "has space"}, "VALIDATION", "clientOrderId"),
])
async def test_invalid_orders_are_refused_and_write_nothing(client: httpx.AsyncClient, rewards_org: RewardsOrg,
                                                            change: dict[str, str], code: str, field: str) -> None:
    world, t = rewards_org, tokens(rewards_org)
    refused = await record(client, t["hr"], {**order_input("bad", world.f1, "100.00"), **change})
    assert (refused["__typename"], refused["code"], refused["field"]) == ("OperationError", code, field)
    assert await LedgerEntry.all().count() == 0


async def test_backend_staff_have_no_orders_and_colleagues_may_not_record(client: httpx.AsyncClient,
                                                                          rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    backend = await record(client, t["hr"], order_input("b", world.b1, "100.00"))
    assert (backend["code"], backend["field"]) == ("VALIDATION", "employeeId")
    colleague = await record(client, t["b2"], order_input("c", world.f1, "100.00"))
    assert colleague["code"] == "PERMISSION_DENIED"
    manager = await record(client, world.base.manager, order_input("m", world.f1, "100.00"))
    assert manager["order"]["status"] == "CREDITED"


async def test_attribution_follows_the_assignment_on_the_day_of_the_order(client: httpx.AsyncClient,
                                                                          rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:  # F0002 moves from R2 to R1 on 11-15
        await org.transfer_employee(uow=uow, data=org.TransferData(
            employee_id=world.base.other_staff_id, effective_date=date(2026, 11, 15), region_code="R1"))
    before = datetime(2026, 11, 10, 3, tzinfo=UTC)
    after = datetime(2026, 11, 16, 3, tzinfo=UTC)
    who = world.base.other_staff_id
    assert (await record(client, t["hr"], order_input("t1", who, "100.00", region="R1", occurred_at=before))
            )["code"] == "VALIDATION"
    assert (await record(client, t["hr"], order_input("t2", who, "100.00", region="R2", occurred_at=before))
            )["__typename"] == "RecordOrderSuccess"
    assert (await record(client, t["hr"], order_input("t3", who, "100.00", region="R1", occurred_at=after))
            )["__typename"] == "RecordOrderSuccess"


async def test_blocking_request_must_be_open_and_of_the_same_region(client: httpx.AsyncClient,
                                                                    rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    elsewhere = await open_request(world, client_id="r2", assignee=world.b1, priority=Priority.LOW,
                                   submitted=NOW - timedelta(hours=2), region="R2")
    refused = await record(client, t["f1"], order_input("o1", world.f1, "100.00", blocking=elsewhere))
    assert (refused["code"], refused["field"]) == ("VALIDATION", "blockingRequestId")
    done = await resolved_request(world, client_id="done", assignee=world.b1, priority=Priority.LOW,
                                  submitted=NOW - timedelta(hours=5), resolved_after=timedelta(hours=1), rating=None)
    refused = await record(client, t["f1"], order_input("o2", world.f1, "100.00", blocking=done))
    assert (refused["code"], refused["field"]) == ("VALIDATION", "blockingRequestId")


async def test_pending_order_is_credited_in_the_period_of_the_resolution(client: httpx.AsyncClient,
                                                                         rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    blocker = await open_request(world, client_id="oct-fault", assignee=world.b1, priority=Priority.HIGH,
                                 submitted=OCT - timedelta(hours=1))
    recorded = await record(client, t["f1"], order_input("oct-renewal", world.f1, "50000.00", type="RENEWAL",
                                                         occurred_at=OCT, blocking=blocker))
    assert (recorded["order"]["status"], recorded["order"]["creditPeriod"]) == ("PENDING", None)
    assert _amounts(await counter(client, t["f1"], world.f1, "2026-10")) == ("0.00", "0.00", "0.00", "500.00",
                                                                             "0.00")
    await resolve_via_api(client, t["b1"], blocker)  # resolved on 2026-11-20: November's commission
    assert _amounts(await counter(client, t["f1"], world.f1, "2026-10")) == ("0.00",) * 5
    assert _amounts(await counter(client, t["f1"], world.f1, "2026-11")) == ("500.00", "60.00", "440.00", "0.00",
                                                                             "0.00")
    # B1's points (HIGH, breached: resolved a month late, unrated → 2 × 0.8 × 0.5 = 0.8) take November's pool.
    r1 = await pool(client, t["hr"])
    assert (r1["pool"], [(r["employeeNo"], r["points"], r["share"]["amount"]) for r in r1["recipients"]]) == \
        ("60.00", [("B0001", "0.8", "60.00")])
    await assert_ledger_balances()


async def test_cancel_reverses_commission_accrual_and_shares(client: httpx.AsyncClient,
                                                             rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    await resolved_request(world, client_id="p", assignee=world.b1, priority=Priority.URGENT,
                           submitted=NOW - timedelta(days=1), resolved_after=timedelta(hours=1), rating=5)
    recorded = await record(client, t["f1"], order_input("refund", world.f1, "100000.00"))
    assert (await counter(client, t["b1"], world.b1))["poolContribution"]["amount"] == "360.00"
    cancelled = await gql(client, CANCEL, {"id": recorded["order"]["id"], "reason": "退款"}, token=t["hr"])
    assert cancelled["data"]["cancelOrder"]["order"]["status"] == "CANCELLED"
    again = await gql(client, CANCEL, {"id": recorded["order"]["id"], "reason": "退款"}, token=t["hr"])
    assert again["data"]["cancelOrder"]["order"]["status"] == "CANCELLED"  # a resend: nothing more reversed
    assert _amounts(await counter(client, t["f1"], world.f1)) == ("0.00",) * 5
    assert (await counter(client, t["b1"], world.b1))["poolContribution"]["amount"] == "0.00"
    kinds = sorted(EntryKind(k).value for k in await LedgerEntry.filter(kind=EntryKind.REVERSAL).values_list("figure", flat=True))
    assert kinds == ["ACCRUAL", "COMMISSION", "POOL_SHARE"]
    await assert_ledger_balances()


async def test_a_reversal_of_a_closed_period_lands_in_the_next_open_one(
        client: httpx.AsyncClient, rewards_org: RewardsOrg, monkeypatch: pytest.MonkeyPatch) -> None:
    world, t = rewards_org, tokens(rewards_org)
    recorded = await record(client, t["f1"], order_input("oct", world.f1, "10000.00", occurred_at=OCT))
    monkeypatch.setattr(order_service, "is_period_open", lambda period: period >= "2026-11")
    cancelled = await gql(client, CANCEL, {"id": recorded["order"]["id"], "reason": "坏账"}, token=t["hr"])
    assert cancelled["data"]["cancelOrder"]["order"]["status"] == "CANCELLED"
    # October stays as settled; November carries the adjustment.
    assert _amounts(await counter(client, t["f1"], world.f1, "2026-10"))[:3] == ("300.00", "36.00", "264.00")
    assert _amounts(await counter(client, t["f1"], world.f1, "2026-11"))[:3] == ("-300.00", "-36.00", "-264.00")
    adjustments = await LedgerEntry.filter(kind=EntryKind.ADJUSTMENT).values_list("period", flat=True)
    assert set(adjustments) == {"2026-11"} and len(adjustments) >= 2
    await assert_ledger_balances()


async def test_a_pool_nobody_qualifies_for_carries_over_to_the_next_period(client: httpx.AsyncClient,
                                                                           rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    await record(client, t["f1"], order_input("oct-1", world.f1, "10000.00", occurred_at=OCT))  # accrual 36.00
    october = await pool(client, t["hr"], period="2026-10")
    assert (october["pool"], october["carryOver"]["amount"], october["recipients"]) == ("36.00", "36.00", [])
    november = await pool(client, t["hr"])
    assert (november["carryIn"], november["pool"], november["carryOver"]["amount"]) == ("36.00", "36.00", "36.00")
    # B2 resolves a request from R1 in November: the carried money is theirs now.
    await resolved_request(world, client_id="nov", assignee=world.b2_id, priority=Priority.LOW,
                           submitted=NOW - timedelta(hours=3), resolved_after=timedelta(hours=1), rating=None)
    november = await pool(client, t["hr"])
    assert (november["carryOver"]["amount"], november["recipients"][0]["share"]["amount"]) == ("0.00", "36.00")
    await assert_ledger_balances()


async def test_ratings_and_reopenings_move_the_points_and_the_shares(client: httpx.AsyncClient,
                                                                     rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    await record(client, t["f1"], order_input("o", world.f1, "100000.00"))  # 360.00 into R1's November pool
    first = await resolved_request(world, client_id="a", assignee=world.b1, priority=Priority.URGENT,
                                   submitted=NOW - timedelta(days=1), resolved_after=timedelta(hours=1), rating=None)
    second = await resolved_request(world, client_id="b", assignee=world.b2_id, priority=Priority.NORMAL,
                           submitted=NOW - timedelta(days=1), resolved_after=timedelta(hours=1), rating=None)
    shares = [(r["points"], r["share"]["amount"]) for r in (await pool(client, t["hr"]))["recipients"]]
    assert shares == [("2.4", "270.00"), ("0.8", "90.00")]  # unrated: × 0.8
    await transition(first, "confirm", NOW - timedelta(hours=20), rating=5)
    shares = [(r["points"], r["share"]["amount"]) for r in (await pool(client, t["hr"]))["recipients"]]
    # 360 × 3 / 3.8 = 284.210…, 360 × 0.8 / 3.8 = 75.789…: the last cent to the larger remainder (B2).
    assert shares == [("3", "284.21"), ("0.8", "75.79")]
    await transition(second, "reopen", NOW - timedelta(hours=19))  # B2's points leave: B1 takes the pool
    shares = [(r["points"], r["share"]["amount"]) for r in (await pool(client, t["hr"]))["recipients"]]
    assert shares == [("3", "360.00")]  # B2 has no points left, so no share row
    await assert_ledger_balances()


async def test_partner_with_write_orders_records_and_cancels_and_does_nothing_else(
        client: httpx.AsyncClient, rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    created = await gql(client, 'mutation { createApiToken(name: "billing", scopes: [WRITE_ORDERS]) { __typename '
                                "... on ApiTokenCreated { token } } }", token=t["hr"])
    billing = created["data"]["createApiToken"]["token"]
    recorded = await record(client, billing, order_input("bill-1", world.f1, "2000.00"))
    assert recorded["order"]["status"] == "CREDITED"
    cancelled = await gql(client, CANCEL, {"id": recorded["order"]["id"], "reason": "退款"}, token=billing)
    assert cancelled["data"]["cancelOrder"]["order"]["status"] == "CANCELLED"
    refused = await gql(client, 'mutation { createRegion(input: {code: "R7", name: "x"}) { __typename '
                                "... on OperationError { code } } }", token=billing)
    assert refused["data"]["createRegion"] == {"__typename": "OperationError", "code": "PERMISSION_DENIED"}
    read = await gql(client, '{ supportPool(regionCode: "R1") { pool } }', token=billing)
    assert read["data"] is None or read["data"]["supportPool"] is None  # write:orders reads nothing
    await assert_ledger_balances()
    assert Decimal(1)  # keep Decimal imported for readers adding amounts
