"""A small organisation with indicators, schemes for its departments and support links, built through the
services. Period 2026-10 (a past month): TECH (backend) supports R1 with weight 2 and R2 with weight 1."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest_asyncio

from backend.domain.access import SYSTEM
from backend.domain.performance import Direction, Source
from backend.events.memory import MemoryEventBus
from backend.services import org, performance
from backend.services.performance import IndicatorData, LineData, SchemeData
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, gql

PERIOD = "2026-10"
ZONE = ZoneInfo("Asia/Shanghai")
# 2026-10-15 10:00 in Beijing.
MID_PERIOD = datetime(2026, 10, 15, 2, 0, tzinfo=UTC)
ERR = "... on OperationError { code message field }"

INDICATORS = (
    ("SAT", "一线满意度", "Frontline satisfaction", "分", Direction.HIGHER, Source.SUPPORT_SATISFACTION),
    ("SLA", "解决及时率", "Resolution SLA rate", "%", Direction.HIGHER, Source.SUPPORT_SLA_RATE),
    ("UTIL", "后端协同使用", "Support utilisation", "分", Direction.HIGHER, Source.SUPPORT_UTILISATION),
    ("RETENTION", "客户留存率", "Customer retention", "%", Direction.HIGHER, Source.LINKED_REGION),
    ("VISITS", "客户拜访量", "Customer visits", "次", Direction.HIGHER, Source.MANUAL),
    ("CYCLE", "产品迭代周期", "Iteration cycle", "天", Direction.LOWER, Source.MANUAL),
    ("PROJ", "项目达成", "Project attainment", "%", Direction.HIGHER, Source.PROJECT_ATTAINMENT),
)
TECH_LINES = (("SAT", "25", "90"), ("SLA", "20", "95"), ("RETENTION", "40", "85"), ("CYCLE", "15", "10"))
MKT_LINES = (("UTIL", "20", "90"), ("VISITS", "50", "40"), ("RETENTION", "30", "85"))

SCORECARD = """query($e: ID!, $p: String!) { scorecard(employeeId: $e, period: $p) {
  period employeeNo name status total coefficient frozen ruleVersion unscored
  department { code } scheme { name version effectiveFrom } explanation { zh en }
  band { minScore coefficient }
  lines { indicator { code source direction } weight target actual actualLevel actualExplanation { zh en }
    records { kind id label value weight note included } scored score scoreFormula capped scoreNote { zh en }
    computedScore effectiveWeight contribution
    adjustment { appealId reason decision decidedBy adjustedScore adjustedActual }
    appeal { status reason response } } } }"""


@dataclass
class Performance:
    org: Org

    async def scorecard(self, client: httpx.AsyncClient, employee_id: str, token: str,
                        period: str = PERIOD) -> dict[str, Any]:
        result = await gql(client, SCORECARD, {"e": employee_id, "p": period}, token=token)
        assert "errors" not in result, result
        card: dict[str, Any] = result["data"]["scorecard"]
        return card


def lines(spec: tuple[tuple[str, str, str], ...]) -> list[LineData]:
    return [LineData(indicator_code=code, weight=Decimal(weight), target=Decimal(target))
            for code, weight, target in spec]


async def setup_performance(*, effective_from: str = "2026-01") -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        for code, zh, en, unit, direction, source in INDICATORS:
            await performance.define_indicator(uow=uow, data=IndicatorData(
                code=code, name_zh=zh, name_en=en, unit=unit, direction=direction, source=source))
        await org.link_support(uow=uow, department_code="TECH", region_code="R1", weight=Decimal(2))
        await org.link_support(uow=uow, department_code="TECH", region_code="R2", weight=Decimal(1))
        await performance.publish_scheme(uow=uow, data=SchemeData(
            effective_from=effective_from, department_code="TECH", lines=lines(TECH_LINES)))
        await performance.publish_scheme(uow=uow, data=SchemeData(
            effective_from=effective_from, department_code="MKT", lines=lines(MKT_LINES)))


@pytest_asyncio.fixture(loop_scope="session")
async def assessed(small_org: Org) -> Performance:
    await setup_performance()
    return Performance(org=small_org)
