"""Three months of demo support requests, through the support services, with realistic shapes:

- 技术支撑部 (TECH) is healthy: quick to accept, mostly within SLA, well rated;
- 网络运维中心 (NOC) is understaffed: long queues, breaches, an open backlog piling up in the last weeks;
- 研发中心 (RND) has process friction: work starts hours after acceptance and a third is reopened;
- 县域片区 (R-COUNTY) frontline hands problems over late (often more than a day after the customer called).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta

from backend.domain.support import Category, Priority
from backend.persistence.models import Employee
from backend.services import support
from backend.services.uow import UnitOfWork

DAYS = 90
PER_DAY = 30
SHARE = {"TECH": 0.55, "NOC": 0.30, "RND": 0.15}
PRIORITIES = ((Priority.URGENT, 0.10), (Priority.HIGH, 0.25), (Priority.NORMAL, 0.50), (Priority.LOW, 0.15))
TITLES = {
    "TECH": ("小区光缆中断", "企业专线丢包", "机顶盒批量离线", "5G 室分信号弱", "商户宽带无法认证"),
    "NOC": ("汇聚节点告警", "核心链路抖动", "OLT 板卡故障", "机房供电告警", "传输环路中断"),
    "RND": ("营业厅系统报错", "新套餐配置需求", "APP 支付失败", "工单系统导出异常", "客户画像数据需求"),
}
CATEGORIES = {"TECH": Category.FAULT_REPAIR, "NOC": Category.FAULT_REPAIR, "RND": Category.REQUIREMENT_RESEARCH}


def _hours(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(hours=rng.uniform(low, high))


async def load_demo_support(uow: UnitOfWork, *, rng: random.Random, now: datetime, days: int = DAYS) -> int:
    """Returns how many requests it created."""
    frontline = await Employee.filter(department__kind="FRONTLINE", region_id__isnull=False) \
        .using_db(uow.connection).select_related("region")
    staff: dict[str, list[Employee]] = defaultdict(list)
    for employee in await Employee.filter(department__code__in=list(SHARE)).using_db(uow.connection) \
            .select_related("department"):
        staff[employee.department.code].append(employee)
    departments, shares = list(SHARE), list(SHARE.values())
    priorities, priority_weights = [p for p, _ in PRIORITIES], [w for _, w in PRIORITIES]
    start = now - timedelta(days=days)
    created = 0
    for day in range(days):
        for _ in range(rng.randint(PER_DAY - 6, PER_DAY + 6)):
            submitted = start + timedelta(days=day, hours=rng.uniform(0, 12))  # 08:00–20:00 in Beijing time
            if submitted >= now:
                continue
            department = rng.choices(departments, shares)[0]
            submitter = rng.choice(frontline)
            region_code = submitter.region.code
            late = region_code == "R-COUNTY" and rng.random() < 0.45
            reported = submitted - (_hours(rng, 26, 60) if late else _hours(rng, 0.1, 6))
            priority = rng.choices(priorities, priority_weights)[0]
            submission = await support.submit_request(uow=uow, at=submitted, data=support.SubmitData(
                client_request_id=f"demo-{created:06d}", region_code=region_code, department_code=department,
                category=CATEGORIES[department], priority=priority,
                title=rng.choice(TITLES[department]), description="客户反映问题，现场已初步排查。",
                customer_reported_at=reported, submitter_id=submitter.id))
            created += 1
            await _work(uow, rng, submission.request.id, department, staff[department], submitted, now, priority)
    return created


async def _work(uow: UnitOfWork, rng: random.Random, request_id: int, department: str, team: list[Employee],
                submitted: datetime, now: datetime, priority: Priority) -> None:
    """Walk the request as far as its department's habits get it by `now`."""
    age = now - submitted
    if department == "NOC":
        # Understaffed: slow to pick up, slow to fix; the last weeks are still queued.
        if age < timedelta(days=18) and rng.random() < 0.85:
            return
        accept, work, fix = _hours(rng, 3, 30), _hours(rng, 0.2, 2), _hours(rng, 20, 120)
    elif department == "RND":
        accept, work, fix = _hours(rng, 0.3, 3), _hours(rng, 4, 9), _hours(rng, 6, 40)
    else:
        urgent = priority in (Priority.URGENT, Priority.HIGH)
        accept = _hours(rng, 0.05, 0.4) if urgent else _hours(rng, 0.2, 4)
        work, fix = _hours(rng, 0.05, 0.5), (_hours(rng, 0.5, 3) if urgent else _hours(rng, 2, 30))
    if rng.random() < 0.03:
        if submitted + timedelta(minutes=20) < now:
            await support.cancel_request(uow=uow, request_id=request_id, at=submitted + timedelta(minutes=20))
        return
    at = submitted + accept
    if at >= now:
        return
    await support.accept_request(uow=uow, request_id=request_id, assignee_id=rng.choice(team).id, at=at)
    at += work
    if at >= now:
        return
    await support.start_request(uow=uow, request_id=request_id, at=at)
    at += fix
    if at >= now:
        return
    await support.resolve_request(uow=uow, request_id=request_id, note="已处理", at=at)
    if department == "RND" and rng.random() < 0.33:
        at += _hours(rng, 2, 24)
        if at >= now:
            return
        await support.reopen_request(uow=uow, request_id=request_id, reason="问题复现", at=at)
        at += _hours(rng, 1, 6)
        if at >= now:
            return
        await support.start_request(uow=uow, request_id=request_id, at=at)
        at += _hours(rng, 4, 30)
        if at >= now:
            return
        await support.resolve_request(uow=uow, request_id=request_id, note="已彻底修复", at=at)
    at += _hours(rng, 0.5, 30)
    if at >= now or rng.random() < 0.15:
        return  # some submitters never confirm
    rating = rng.choices((5, 4, 3, 2), (5, 3, 1, 1) if department != "NOC" else (1, 2, 3, 2))[0]
    await support.confirm_request(uow=uow, request_id=request_id, rating=rating, comment=None, at=at)


__all__ = ["load_demo_support"]
