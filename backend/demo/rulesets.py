"""Demo rule sets: HR published version 2 in the middle of last month (tighter URGENT SLA, a larger collaboration
accrual), so the support history shows requests judged by version 1 before it and by version 2 after; most staff
have acknowledged it, some have not (HR's list)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from backend.domain.access import SYSTEM, Viewer, ViewerKind
from backend.events.bus import EventBus
from backend.persistence.models import Employee
from backend.services import clock, rulesets
from backend.services.uow import UnitOfWork

CHANGES = {
    "sla": {"URGENT": {"responseMinutes": 20, "resolutionMinutes": 180}},
    "accrualRatio": "0.13",
    "linkageSlope": "0.6",
}
NOTE = ("下半年规则调整：紧急需求解决时限 4 小时缩短为 3 小时、响应 30 分钟缩短为 20 分钟；协同计提 12% 上调为 13%；"
        "联动斜率 0.5 上调为 0.6。/ Mid-year revision: URGENT 20 min / 3 h, accrual 13 %, linkage slope 0.6.")


def mid_last_month(today: date) -> date:
    first = today.replace(day=1)
    last_month = (first - timedelta(days=1)).replace(day=16)
    return last_month


async def load_demo_rulesets(*, bus: EventBus, rng: random.Random, now: datetime) -> str:
    """Publishes version 2 (a week before it takes effect, on the 16th of last month); returns its version."""
    effective = mid_last_month(clock.local_date(now))
    published_at = rulesets.start_of(effective) - timedelta(days=7)
    async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
        version = await rulesets.publish_rule_set(uow=uow, at=published_at, data=rulesets.PublishData(
            effective_from=effective, parameters=CHANGES, note=NOTE))
    rulesets.invalidate()
    return version.version


async def acknowledge_demo_rulesets(*, bus: EventBus, rng: random.Random, version: str) -> int:
    """About four in five employees acknowledged `version` (the demo logins did)."""
    people = await Employee.all().order_by("id").values("id", "employee_no", "department_id")
    count = 0
    for person in people:
        if not person["employee_no"].startswith("E") or rng.random() < 0.8:
            viewer = Viewer(kind=ViewerKind.EMPLOYEE, employee_id=person["id"], employee_no=person["employee_no"],
                            department_id=person["department_id"])
            async with UnitOfWork(bus=bus, actor=viewer) as uow:
                await rulesets.acknowledge(uow=uow, version=version)
            count += 1
    return count
