"""The demo settles last year's fund (regions on both sides of each gate) and plans this year's profit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import httpx
import pytest

from backend.demo import load_organisation
from backend.persistence.models import Employee, FundPlan, FundSettlement, FundShare
from tests.api.conftest import token_for
from tests.api.fund.conftest import fund

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_the_demo_settles_last_year_and_plans_this_one(client: httpx.AsyncClient) -> None:
    await load_organisation(80, support_days=20)
    last = date.today().year - 1
    settlement = await FundSettlement.get(year=last)
    assert settlement.fund == Decimal("9600000.00")
    shares = await FundShare.filter(settlement_id=settlement.id).values_list("amount", flat=True)
    assert sum(Decimal(str(s)) for s in shares) == Decimal(str(settlement.paid)) == Decimal(str(settlement.fund))
    assert await FundPlan.filter(year=last + 1).exists()
    hr = await Employee.get(employee_no="HR0001")
    view = await fund(client, token_for(hr.id), last)
    gates = {(r["achievementMet"], r["satisfactionMet"]) for r in view["regions"]}
    assert {(True, True), (True, False), (False, True)} <= gates
    estimate = await fund(client, token_for(hr.id), last + 1)
    assert estimate["status"] == "ESTIMATE"
