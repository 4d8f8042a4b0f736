"""Demo performance assessment for `tandem demo`, through the performance services:

- indicators for every side of the triangle, including the linked ones (技术支撑部 and 网络运维中心 carry the
  regions' 客户留存率, 研发中心 the 新客户转化率 of the regions it supports) and the support-request ones;
- a scheme for every department (within the guardrails), and one for a position (客服组长);
- three months of recorded values: each month's employee values imported as a CSV file, department and region
  values recorded one by one;
- an organisation-wide distribution guide (at most 20 % in the top band) and a stricter one for 市场部;
- the oldest of the three months locked (its scorecards frozen); an appeal by the demo staff member (李娜)
  decided with an adjustment, and another one still pending in HR's queue.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from backend.domain.access import SYSTEM, Viewer, ViewerKind
from backend.domain.org import DepartmentKind
from backend.domain.performance import Direction, Source
from backend.domain.performance_calibration import GuideLine
from backend.events.bus import EventBus
from backend.persistence.models import Employee, Region
from backend.services import appeals, calibration, measurements, performance
from backend.services.org import roles_of
from backend.services.uow import UnitOfWork

# code, 中文名, English name, unit, direction, source
INDICATORS = (
    ("SAT", "一线满意度", "Frontline satisfaction", "分", Direction.HIGHER, Source.SUPPORT_SATISFACTION),
    ("SLA", "需求解决及时率", "Requests resolved within SLA", "%", Direction.HIGHER, Source.SUPPORT_SLA_RATE),
    ("UTIL", "后端协同使用度", "Use of backend support", "分", Direction.HIGHER, Source.SUPPORT_UTILISATION),
    ("RETENTION", "客户留存率", "Customer retention", "%", Direction.HIGHER, Source.LINKED_REGION),
    ("CONVERSION", "新客户转化率", "New-customer conversion", "%", Direction.HIGHER, Source.LINKED_REGION),
    ("FAULT_FIX", "故障解决及时率", "Faults fixed on time", "%", Direction.HIGHER, Source.MANUAL),
    ("ITERATION", "产品迭代周期", "Product iteration cycle", "天", Direction.LOWER, Source.MANUAL),
    ("UPTIME", "网络可用率", "Network availability", "%", Direction.HIGHER, Source.MANUAL),
    ("NEW_CUSTOMERS", "新增客户数", "New customers", "户", Direction.HIGHER, Source.MANUAL),
    ("INSTALL_QUALITY", "装维一次合格率", "Installations right first time", "%", Direction.HIGHER, Source.MANUAL),
    ("FIRST_CALL", "一次解决率", "Resolved on first contact", "%", Direction.HIGHER, Source.MANUAL),
    ("DUTY", "岗位职责完成度", "Duties fulfilled", "分", Direction.HIGHER, Source.MANUAL),
    ("PROJ", "项目目标达成", "Project goal attainment", "%", Direction.HIGHER, Source.PROJECT_ATTAINMENT),
)
# department (or "CS/客服组长" for a position within it): (indicator, weight, target) — each within its guardrail
SCHEMES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "MKT": (("UTIL", "20", "95"), ("NEW_CUSTOMERS", "45", "14"), ("CONVERSION", "20", "34"), ("RETENTION", "15", "96")),
    "FIELD": (("UTIL", "15", "95"), ("INSTALL_QUALITY", "50", "97"), ("RETENTION", "20", "96"), ("PROJ", "15", "95")),
    "CS": (("UTIL", "20", "95"), ("FIRST_CALL", "50", "88"), ("RETENTION", "30", "96")),
    "CS/客服组长": (("UTIL", "15", "95"), ("FIRST_CALL", "35", "88"), ("RETENTION", "30", "96"), ("DUTY", "20", "95")),
    "TECH": (("SAT", "25", "92"), ("SLA", "20", "95"), ("FAULT_FIX", "25", "97"), ("RETENTION", "20", "96"),
             ("PROJ", "10", "95")),
    "RND": (("SAT", "20", "90"), ("ITERATION", "30", "12"), ("CONVERSION", "35", "34"), ("PROJ", "15", "95")),
    "NOC": (("SAT", "30", "92"), ("SLA", "25", "95"), ("UPTIME", "25", "99.95"), ("RETENTION", "20", "96")),
    "HR": (("SAT", "20", "92"), ("DUTY", "80", "95")),
    "FIN": (("SAT", "20", "92"), ("DUTY", "80", "95")),
}
# Each department's own per-person value: indicator, its target (values are target × the person's form).
EMPLOYEE_METRIC = {"MKT": ("NEW_CUSTOMERS", 14), "FIELD": ("INSTALL_QUALITY", 97), "CS": ("FIRST_CALL", 88),
                   "TECH": ("FAULT_FIX", 97), "HR": ("DUTY", 95), "FIN": ("DUTY", 95)}
FORM = (1.06, 0.99, 0.95, 0.92, 0.89, 0.86, 0.82, 0.77, 0.71, 0.6)
# Regions' customer retention and new-customer conversion (%); 县域 is behind, 高新 ahead.
REGION_LEVEL = {"R-COUNTY": -5.0, "R-HIGHTECH": 3.0, "R-PORT": -1.5}


def demo_periods(now: datetime, zone: ZoneInfo) -> list[str]:
    """The current month and the two before it, oldest first."""
    local = now.astimezone(zone)
    months = []
    year, month = local.year, local.month
    for _ in range(3):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return sorted(months)


def _csv(rows: Sequence[Sequence[object]]) -> bytes:
    lines = [",".join("" if cell is None else str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


async def load_demo_performance(*, bus: EventBus, rng: random.Random, now: datetime,
                                zone: ZoneInfo) -> dict[str, int]:
    """Returns counts of what it made."""
    periods = demo_periods(now, zone)
    async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
        for code, zh, en, unit, direction, source in INDICATORS:
            await performance.define_indicator(uow=uow, data=performance.IndicatorData(
                code=code, name_zh=zh, name_en=en, unit=unit, direction=direction, source=source))
        for key, lines in SCHEMES.items():
            department, _, position = key.partition("/")
            await performance.publish_scheme(uow=uow, data=performance.SchemeData(
                effective_from=periods[0], department_code=department, position=position or None,
                note="演示方案：一线考核含后端协同使用度，后端考核含一线满意度和所支撑片区的经营指标",
                lines=[performance.LineData(code, Decimal(weight), Decimal(target)) for code, weight, target in lines]))
        await performance.set_distribution_guide(uow=uow, department_code=None, bands=[
            GuideLine(min_score=Decimal(90), max_share=Decimal("0.2"))])
        await performance.set_distribution_guide(uow=uow, department_code="MKT", bands=[
            GuideLine(min_score=Decimal(90), max_share=Decimal("0.15")),
            GuideLine(min_score=Decimal(0), max_share=Decimal("0.1"))])
    staff = await Employee.filter(leave_date__isnull=True).select_related("department").order_by("id")
    regions = [r.code for r in await Region.all().order_by("code")]
    # A few strong and a few struggling people, so rankings and the distribution guide have something to show.
    form = {e.id: rng.choice(FORM) for e in staff}
    imported = 0
    for index, period in enumerate(periods):
        rows: list[list[object]] = [["工号", "姓名", "指标编码", "期间", "实际值", "备注"]]
        for employee in staff:
            metric = EMPLOYEE_METRIC.get(employee.department.code)
            if metric is None:
                continue
            code, target = metric
            value = target * form[employee.id] * rng.gauss(1, 0.04)
            rows.append([employee.employee_no, employee.name, code, period,
                         round(value) if code == "NEW_CUSTOMERS" else round(min(100.0, value), 1), None])
        async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
            report = await measurements.import_measurements(
                uow=uow, content=_csv(rows), file_name=f"{period} 员工指标.csv", period=period, dry_run=False,
                zone=zone, at=now - timedelta(days=(len(periods) - 1 - index) * 30))
            imported += report.created
            for code in regions:
                shift = REGION_LEVEL.get(code, 0.0)
                for indicator, mean in (("RETENTION", 92.0), ("CONVERSION", 30.0)):
                    value = Decimal(str(round(rng.gauss(mean + shift * (0.4 if indicator == "CONVERSION" else 1),
                                                        1.2), 1)))
                    await measurements.record_measurement(uow=uow, zone=zone, data=measurements.MeasurementData(
                        indicator_code=indicator, period=period, region_code=code, value=value))
            for department, indicator, value in (("RND", "ITERATION", 12 + index * 2), ("NOC", "UPTIME", 99.82),
                                                 ("CS", "DUTY", 93)):
                await measurements.record_measurement(uow=uow, zone=zone, data=measurements.MeasurementData(
                    indicator_code=indicator, period=period, department_code=department, value=Decimal(str(value))))
    locked = await _appeals_and_lock(bus=bus, periods=periods, staff=staff, now=now, zone=zone)
    return {"indicators": len(INDICATORS), "schemes": len(SCHEMES), "values": imported, "locked": locked}


async def _appeals_and_lock(*, bus: EventBus, periods: list[str], staff: list[Employee], now: datetime,
                            zone: ZoneInfo) -> int:
    def as_employee(employee: Employee) -> Viewer:
        return Viewer(kind=ViewerKind.EMPLOYEE, employee_id=employee.id, employee_no=employee.employee_no,
                      department_id=employee.department_id, roles=frozenset(roles_of(employee)))

    by_no = {e.employee_no: e for e in staff}
    hr, li_na = by_no.get("HR0001"), by_no.get("F0001")
    previous = periods[1]
    if hr is not None and li_na is not None:
        async with UnitOfWork(bus=bus, actor=as_employee(li_na)) as uow:
            submitted = await appeals.submit_appeal(
                uow=uow, period=previous, indicator_code="NEW_CUSTOMERS", zone=zone, at=now - timedelta(days=3),
                reason="月末两户政企客户已签约，因系统延迟未计入本月新增，附合同编号 ZQ-1128、ZQ-1131")
        async with UnitOfWork(bus=bus, actor=as_employee(hr)) as uow:
            await appeals.decide_appeal(uow=uow, zone=zone, at=now - timedelta(days=1), data=appeals.DecisionData(
                appeal_id=submitted.appeal.id, accept=True, adjusted_actual=None, adjusted_score=Decimal(100),
                response="经核对合同签约日期在考核期内，同意补计，该项按 100 分计"))
    waiting = next((e for e in staff if e.department.kind is DepartmentKind.FRONTLINE
                    and e.department.code == "FIELD"), None)
    if waiting is not None:
        async with UnitOfWork(bus=bus, actor=as_employee(waiting)) as uow:
            await appeals.submit_appeal(uow=uow, period=previous, indicator_code="INSTALL_QUALITY", zone=zone,
                                        at=now - timedelta(hours=20),
                                        reason="两单返修为客户自行改动线路所致，已附现场照片，请核减")
    async with UnitOfWork(bus=bus, actor=as_employee(hr) if hr else SYSTEM) as uow:
        row = await calibration.lock_period(uow=uow, period=periods[0], zone=zone, now=now)
    return row.scorecards
