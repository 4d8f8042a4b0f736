"""Property test: random orders, requests, resolutions, ratings, reopenings, cancellations and a rule change
mid-way — after every scenario the ledger's invariants hold to the cent, and every credited order's commission
is the one its rule version gives (SQLite here; scripts/test runs tests/api on PostgreSQL too)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette

from backend.domain.access import SYSTEM
from backend.domain.errors import DomainError
from backend.domain.rewards import OrderStatus, OrderType, order_figures
from backend.domain.rules import DEFAULT_RULES, RuleSet
from backend.domain.support import Category, Priority, Status
from backend.events.memory import MemoryEventBus
from backend.persistence.models import Order, SupportRequest
from backend.services import orders, support
from backend.services.uow import UnitOfWork
from tests.api.conftest import _empty_tables, build_org
from tests.api.rewards.invariants import assert_ledger_balances

pytestmark = pytest.mark.asyncio(loop_scope="session")

START = datetime(2026, 10, 27, 2, tzinfo=UTC)  # the scenarios cross from October into November
SECOND = RuleSet(version="2", commission_rate_new=Decimal("0.04"), commission_rate_renewal=Decimal("0.015"),
                 accrual_ratio=Decimal("0.15"))

orders_ = st.tuples(st.just("order"), st.integers(0, 1), st.sampled_from(list(OrderType)),
                    st.integers(1, 5_000_000), st.integers(0, 48), st.booleans())
requests_ = st.tuples(st.just("request"), st.integers(0, 1), st.integers(0, 2), st.sampled_from(list(Priority)))
moves = st.tuples(st.sampled_from(["resolve", "confirm", "reopen", "cancel"]), st.integers(0, 30),
                  st.integers(1, 5))
scenarios = st.lists(st.one_of(orders_, requests_, moves), min_size=1, max_size=22)


@dataclass
class World:
    frontline: list[tuple[int, str]]  # (employee id, region code)
    backend: list[int]
    requests: list[int] = field(default_factory=list)
    orders: list[int] = field(default_factory=list)


async def _world() -> World:
    await _empty_tables()
    base = await build_org()
    return World(frontline=[(base.staff_id, "R1"), (base.other_staff_id, "R2")],
                 backend=[base.backend_id, base.manager_id, base.backend_id])


async def _run(world: World, step: tuple[Any, ...], at: datetime) -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        kind = step[0]
        if kind == "order":
            _, who, type_, cents, hours_ago, blocked = step
            employee, region = world.frontline[who]
            blocking = None
            if blocked:
                open_here = await SupportRequest.filter(
                    id__in=world.requests, region__code=region,
                    status__in=[Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED]).values_list("id", flat=True)
                blocking = max(open_here) if open_here else None
            recorded = await orders.record_order(uow=uow, at=at, data=orders.OrderData(
                client_order_id=f"o{len(world.orders)}", employee_id=employee, region_code=region,
                customer="c", type=type_, amount=Decimal(cents) / 100, occurred_at=at - timedelta(hours=hours_ago),
                blocking_request_id=blocking))
            world.orders.append(recorded.order.id)
        elif kind == "request":
            _, region, assignee, priority = step
            submission = await support.submit_request(uow=uow, at=at - timedelta(minutes=30), data=support.SubmitData(
                client_request_id=f"r{len(world.requests)}", region_code=("R1", "R2")[region],
                department_code="TECH", category=Category.OTHER, priority=priority, title="t", description="",
                customer_reported_at=at - timedelta(hours=1), submitter_id=world.frontline[region][0]))
            pk = submission.request.id
            await support.accept_request(uow=uow, request_id=pk, assignee_id=world.backend[assignee],
                                         at=at - timedelta(minutes=20))
            await support.start_request(uow=uow, request_id=pk, at=at - timedelta(minutes=10))
            world.requests.append(pk)
        elif kind == "cancel":
            if world.orders:
                await orders.cancel_order(uow=uow, order_id=world.orders[step[1] % len(world.orders)], reason="r",
                                          at=at)
        elif world.requests:
            pk = world.requests[step[1] % len(world.requests)]
            status = (await SupportRequest.get(id=pk)).status
            if kind == "resolve" and status in (Status.IN_PROGRESS, Status.REOPENED):
                if status is Status.REOPENED:
                    await support.start_request(uow=uow, request_id=pk, at=at - timedelta(minutes=1))
                await support.resolve_request(uow=uow, request_id=pk, note=None, at=at)
            elif kind == "confirm" and status is Status.RESOLVED:
                await support.confirm_request(uow=uow, request_id=pk, rating=step[2], comment=None, at=at)
            elif kind == "reopen" and status is Status.RESOLVED:
                await support.reopen_request(uow=uow, request_id=pk, reason="again", at=at)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(scenario=scenarios, cutover=st.integers(0, 22))
async def test_invariants_hold_over_random_scenarios(api: Starlette, scenario: list[tuple[Any, ...]],
                                                     cutover: int, monkeypatch: pytest.MonkeyPatch) -> None:
    cut = START + timedelta(hours=7 * cutover)

    # Orders take the version in force at their date (a second version from `cut` on); requests keep naming
    # the version they were submitted under (tests/api/rewards/test_rule_change.py publishes for real).
    async def rules_at(moment: datetime, *, connection: Any = None) -> RuleSet:
        return SECOND if moment >= cut else DEFAULT_RULES

    monkeypatch.setattr(orders, "rules_at", rules_at)
    world = await _world()
    for index, step in enumerate(scenario):
        with contextlib.suppress(DomainError):  # refused (an amount above the ceiling…): nothing was written
            await _run(world, step, START + timedelta(hours=7 * index))
    await assert_ledger_balances()
    for order in await Order.all():
        rules = SECOND if order.occurred_at >= cut else DEFAULT_RULES
        expected = order_figures(amount=order.amount, order_type=order.type, rules=rules, order_ref="x")
        assert (order.rule_version, order.commission, order.accrual, order.net) == (
            rules.version, expected.commission.value, expected.accrual.value, expected.net.value)
        if order.status is OrderStatus.PENDING:
            assert order.credit_period is None
