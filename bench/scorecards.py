"""Scorecards at scale: every employee's scorecard for one period in a fixed number of SQL statements.

An organisation of 500, then 5,000 employees (85 % frontline in 10 regions, 4 backend departments linked to the
regions), schemes using every source (recorded values per employee, department and region; support satisfaction,
SLA rate and utilisation over a month of requests; linked regions; projects), a distribution guide. For each size:

1. `scorecards(period)` for everyone — the service (what calibration, the lock and partners' reads run on):
   wall time and SQL statements;
2. `departmentScorecards` of the largest department through GraphQL;
3. the measurement import of the values as a CSV (validated and written in one transaction), and importing the
   same file again (changes nothing);
4. locking the period (frozen snapshots of every scorecard).

Run: `.venv/bin/python -m bench.scorecards [--sizes 500 5000] [--requests-per-frontline 2]`.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx

from backend.app import create_api
from backend.domain.access import SYSTEM
from backend.domain.org import DepartmentKind, Role
from backend.domain.performance import Direction, Source
from backend.domain.performance_calibration import GuideLine
from backend.domain.support import Category, Priority, Status
from backend.events.memory import MemoryEventBus
from backend.persistence.migrations import upgrade
from backend.persistence.models import Department, Employee, EmployeeAssignment, Region, SupportRequest
from backend.services import calibration, measurements, org, performance
from backend.services.scorecards import Scope, scorecards
from backend.services.security import issue_session_token
from backend.services.uow import UnitOfWork
from backend.settings import load_settings
from bench._harness import scratch_database_url
from tests.api.conftest import count_queries

SECRET = "bench-secret-key-long-enough-for-hs256-signing"
PERIOD = "2026-10"
PERIOD_START = datetime(2026, 9, 30, 16, 0, tzinfo=UTC)  # 2026-10-01 00:00 in Beijing
REGIONS = [f"R{n:02d}" for n in range(1, 11)]
FRONTLINE = ("MKT", "FIELD", "CS")
BACKEND = ("TECH", "NOC", "RND", "HR")
DEPARTMENT_VIEW = """query($d: String!, $p: String!) { departmentScorecards(departmentCode: $d, period: $p) {
  members { rank scorecard { employeeNo total coefficient lines { indicator { code } actual score contribution
    records { label value weight } } } }
  distribution { assessed bands { minScore count overBy } } } }"""


async def seed_structure() -> int:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        for code in REGIONS:
            await org.create_region(uow=uow, code=code, name=f"片区{code}")
        for code in FRONTLINE:
            await org.create_department(uow=uow, code=code, name=code, kind=DepartmentKind.FRONTLINE)
        for code in BACKEND:
            await org.create_department(uow=uow, code=code, name=code, kind=DepartmentKind.BACKEND)
        for index, region in enumerate(REGIONS):
            await org.link_support(uow=uow, department_code="TECH", region_code=region, weight=Decimal(1 + index % 3))
            await org.link_support(uow=uow, department_code="NOC", region_code=region, weight=Decimal(1))
            if index < 4:
                await org.link_support(uow=uow, department_code="RND", region_code=region, weight=Decimal(2))
        hr = await org.hire_employee(uow=uow, data=org.HireData(
            employee_no="HR0001", name="人事", department_code="HR", region_code=None, position="HR",
            base_salary=Decimal(1), target_bonus=Decimal(0), hire_date=date(2020, 1, 1), roles=(Role.HR,)))
        for code, zh, direction, source in (
                ("SAT", "一线满意度", Direction.HIGHER, Source.SUPPORT_SATISFACTION),
                ("SLA", "解决及时率", Direction.HIGHER, Source.SUPPORT_SLA_RATE),
                ("UTIL", "协同使用", Direction.HIGHER, Source.SUPPORT_UTILISATION),
                ("RETENTION", "客户留存率", Direction.HIGHER, Source.LINKED_REGION),
                ("VISITS", "客户拜访量", Direction.HIGHER, Source.MANUAL),
                ("CYCLE", "迭代周期", Direction.LOWER, Source.MANUAL),
                ("PROJ", "项目达成", Direction.HIGHER, Source.PROJECT_ATTAINMENT)):
            await performance.define_indicator(uow=uow, data=performance.IndicatorData(
                code=code, name_zh=zh, name_en=code, unit="%", direction=direction, source=source))

        def lines(*spec: tuple[str, int, int]) -> list[performance.LineData]:
            return [performance.LineData(code, Decimal(w), Decimal(t)) for code, w, t in spec]

        for code in FRONTLINE:
            await performance.publish_scheme(uow=uow, data=performance.SchemeData(
                effective_from="2026-01", department_code=code,
                lines=lines(("UTIL", 20, 90), ("VISITS", 45, 40), ("RETENTION", 25, 85), ("PROJ", 10, 90))))
        for code in BACKEND:
            await performance.publish_scheme(uow=uow, data=performance.SchemeData(
                effective_from="2026-01", department_code=code,
                lines=lines(("SAT", 25, 90), ("SLA", 20, 95), ("RETENTION", 35, 85), ("CYCLE", 20, 10))))
        await performance.set_distribution_guide(uow=uow, department_code=None, bands=[
            GuideLine(min_score=Decimal(90), max_share=Decimal("0.2")),
            GuideLine(min_score=Decimal(0), min_share=Decimal("0.05"))])
    return hr.id


async def grow_to(size: int, rng: random.Random, requests_per_frontline: int) -> None:
    """Employees (bulk, bench only) up to `size`, and a month of requests from the new frontline staff."""
    have = await Employee.all().count()
    departments = {d.code: d for d in await Department.all()}
    regions = [r.id for r in await Region.all().order_by("code")]
    new = []
    for n in range(have, size):
        frontline = rng.random() < 0.85
        code = rng.choice(FRONTLINE) if frontline else rng.choice(BACKEND[:3])
        new.append(Employee(employee_no=f"E{n:05d}", name=f"员工{n}", department_id=departments[code].id,
                            region_id=rng.choice(regions) if frontline else None, position="职员",
                            base_salary=Decimal(8000), target_bonus=Decimal(20000), hire_date=date(2022, 1, 1)))
    await Employee.bulk_create(new, batch_size=1000)
    rows = await Employee.filter(employee_no__in=[e.employee_no for e in new]).values(
        "id", "department_id", "region_id", "department__kind")
    await EmployeeAssignment.bulk_create([EmployeeAssignment(
        employee_id=r["id"], effective_from=date(2022, 1, 1), department_id=r["department_id"],
        region_id=r["region_id"], position="职员", base_salary=Decimal(8000), target_bonus=Decimal(20000),
        reason="HIRE") for r in rows], batch_size=1000)
    backend = [r["id"] for r in await Employee.filter(department__kind="BACKEND").values("id")]
    frontline_rows = [r for r in rows if r["department__kind"] == "FRONTLINE"]
    batch: list[SupportRequest] = []
    for index, submitter in enumerate(frontline_rows):
        for k in range(requests_per_frontline):
            submitted = PERIOD_START + timedelta(seconds=rng.uniform(0, 28 * 86400))
            late = rng.random() < 0.15
            resolved = submitted + timedelta(hours=rng.uniform(1, 90))
            rated = rng.random() < 0.7
            batch.append(SupportRequest(
                client_request_id=f"b-{submitter['id']}-{k}", submitter_id=submitter["id"],
                submitter_department_id=submitter["department_id"], region_id=submitter["region_id"],
                department_id=departments[("TECH", "NOC", "RND")[index % 3]].id, category=Category.FAULT_REPAIR,
                priority=Priority.NORMAL, title="故障", description="",
                customer_reported_at=submitted - timedelta(hours=30 if late else 1), submitted_at=submitted,
                response_due_at=submitted + timedelta(hours=8), resolution_due_at=submitted + timedelta(hours=72),
                rule_version="default", status=Status.CONFIRMED if rated else Status.RESOLVED,
                assignee_id=rng.choice(backend), accepted_at=submitted + timedelta(minutes=20),
                started_at=submitted + timedelta(minutes=30), resolved_at=resolved,
                confirmed_at=resolved if rated else None, rating=rng.choice((3, 4, 5)) if rated else None,
                timeline_length=0, timeline_head=""))
    await SupportRequest.bulk_create(batch, batch_size=1000)


def values_csv(rng: random.Random, employee_nos: list[str]) -> bytes:
    lines = ["工号,部门,片区,指标编码,期间,实际值"]
    lines += [f"{no},,,VISITS,{PERIOD},{rng.randint(20, 55)}" for no in employee_nos]
    lines += [f",{code},,CYCLE,{PERIOD},{rng.randint(8, 15)}" for code in BACKEND]
    lines += [f",,{code},RETENTION,{PERIOD},{rng.randint(75, 98)}" for code in REGIONS]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


async def main(sizes: list[int], requests_per_frontline: int) -> None:
    database_url = scratch_database_url()
    await upgrade(database_url)
    settings = replace(load_settings(), database_url=database_url, secret_key=SECRET, event_bus_url="memory://")
    zone = settings.timezone
    app = create_api(settings)
    rng = random.Random(5)
    async with app.router.lifespan_context(app):
        hr_id = await seed_structure()
        token = issue_session_token(employee_id=hr_id, secret_key=SECRET, ttl_seconds=3600)[0]
        headers = {"authorization": f"Bearer {token}"}
        print(f"{'employees':>9} | {'scorecards (service)':>24} | {'largest department via GraphQL':>34} | "
              f"{'import CSV':>20} | {'re-import':>10}")
        for size in sizes:
            await grow_to(size, rng, requests_per_frontline)
            nos = [no for no in await Employee.filter(department__kind="FRONTLINE").order_by("id")
                   .values_list("employee_no", flat=True)]
            content = values_csv(rng, [str(no) for no in nos])
            started = time.perf_counter()
            async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
                report = await measurements.import_measurements(uow=uow, content=content, file_name="values.csv",
                                                                period=PERIOD, dry_run=False, zone=zone)
            import_time = time.perf_counter() - started
            assert report.valid, report.problems[:3]
            started = time.perf_counter()
            async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
                again = await measurements.import_measurements(uow=uow, content=content, file_name="values.csv",
                                                               period=PERIOD, dry_run=False, zone=zone)
            reimport_time = time.perf_counter() - started
            assert not again.written and again.unchanged == report.data_rows

            best = None
            for _ in range(3):
                with count_queries() as counter:
                    started = time.perf_counter()
                    cards = await scorecards(PERIOD, Scope(), zone=zone)
                    elapsed = time.perf_counter() - started
                best = elapsed if best is None else min(best, elapsed)
            statements = len(counter.statements)
            scored = sum(1 for c in cards if c.total is not None)
            largest = max(FRONTLINE, key=lambda code: sum(1 for c in cards if c.person.department_code == code))
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
                with count_queries() as view_counter:
                    started = time.perf_counter()
                    response = await client.post("/graphql", headers=headers, json={
                        "query": DEPARTMENT_VIEW, "variables": {"d": largest, "p": PERIOD}})
                    view_time = time.perf_counter() - started
            body = response.json()
            assert "errors" not in body, body
            members = len(body["data"]["departmentScorecards"]["members"])
            print(f"{len(cards):>9,} | {best * 1000:>8.0f} ms, {statements:>2} statements | "
                  f"{members:>5} members {view_time * 1000:>6.0f} ms, {len(view_counter.statements):>2} statements | "
                  f"{report.data_rows:>6,} rows {import_time * 1000:>5.0f} ms | {reimport_time * 1000:>7.0f} ms"
                  f"   ({scored:,} scored)")
        async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
            started = time.perf_counter()
            locked = await calibration.lock_period(uow=uow, period=PERIOD, zone=zone)
        print(f"lockPerformancePeriod: {locked.scorecards:,} scorecards frozen in "
              f"{(time.perf_counter() - started) * 1000:.0f} ms")
        with count_queries() as counter:
            started = time.perf_counter()
            frozen = await scorecards(PERIOD, Scope(), zone=zone)
            elapsed = time.perf_counter() - started
        print(f"scorecards of the locked period (snapshots): {len(frozen):,} in {elapsed * 1000:.0f} ms, "
              f"{len(counter.statements)} statements")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--requests-per-frontline", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(main(args.sizes, args.requests_per_frontline))
