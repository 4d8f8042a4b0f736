"""Support requests: the queue page and the bottleneck analysis at scale.

1. `supportRequests(first: 100)` with timeline, comments and attachments: latency, and SQL statements per page
   for 10 and for 100 rows (they must not grow with the page).
2. `bottlenecks(period)` over N requests in one month (default 200,000): the service alone and through GraphQL.

Run: `.venv/bin/python -m bench.support_requests [--requests N] [--rounds R]`.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx

from backend.app import create_api
from backend.domain.access import SYSTEM
from backend.domain.org import DepartmentKind, Role
from backend.domain.support import Category, Priority, Status
from backend.events.memory import MemoryEventBus
from backend.persistence.migrations import upgrade
from backend.persistence.models import SupportAttachment, SupportRequest
from backend.services import org, support
from backend.services.security import issue_session_token
from backend.services.uow import UnitOfWork
from backend.settings import load_settings
from bench._harness import measure, scratch_database_url
from tests.api.conftest import count_queries

SECRET = "bench-secret-key-long-enough-for-hs256-signing"
PAGE = """query($first: Int!) { supportRequests(first: $first) { nodes { id status title
  submitter { name } assignee { name } department { code } region { code } figures { slaBreached supportPoints }
  timeline { sequence action at actor { name } } comments { body } attachments { fileName url } } } }"""
BOTTLENECKS = """query($p: String!) { bottlenecks(period: $p) {
  departments { department { code } stats { volume breachRate p90SlaRatio } }
  bottlenecks { department { code } region { code } reasons diagnoses { kind message } } } }"""
PERIOD = "2026-10"
PERIOD_START = datetime(2026, 9, 30, 16, 0, tzinfo=UTC)  # 2026-10-01 00:00 in Beijing


async def seed_organisation() -> tuple[int, list[int], list[int]]:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        for code in ("R1", "R2", "R3", "R4"):
            await org.create_region(uow=uow, code=code, name=f"片区{code}")
        await org.create_department(uow=uow, code="MKT", name="市场部", kind=DepartmentKind.FRONTLINE)
        for code in ("TECH", "NOC", "RND"):
            await org.create_department(uow=uow, code=code, name=code, kind=DepartmentKind.BACKEND)
        hr = await org.hire_employee(uow=uow, data=org.HireData(
            employee_no="HR1", name="人事", department_code="TECH", region_code=None, position="HR",
            base_salary=Decimal(1), target_bonus=Decimal(0), hire_date=date(2020, 1, 1), roles=(Role.HR,)))
        frontline, backend = [], []
        for n in range(40):
            employee = await org.hire_employee(uow=uow, data=org.HireData(
                employee_no=f"F{n:03d}", name=f"一线{n}", department_code="MKT", region_code=f"R{n % 4 + 1}",
                position="客户经理", base_salary=Decimal(1), target_bonus=Decimal(0), hire_date=date(2020, 1, 1)))
            frontline.append(employee.id)
        for n in range(30):
            employee = await org.hire_employee(uow=uow, data=org.HireData(
                employee_no=f"B{n:03d}", name=f"后端{n}", department_code=("TECH", "NOC", "RND")[n % 3],
                region_code=None, position="工程师", base_salary=Decimal(1), target_bonus=Decimal(0),
                hire_date=date(2020, 1, 1)))
            backend.append(employee.id)
    return hr.id, frontline, backend


async def seed_queue(frontline: list[int], backend: list[int], count: int) -> None:
    """Requests walked through the real services: five timeline entries, a comment and a photo each."""
    rng = random.Random(7)
    now = datetime.now(UTC)
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        for n in range(count):
            at = now - timedelta(days=2, minutes=count - n)
            submitted = await support.submit_request(uow=uow, at=at, data=support.SubmitData(
                client_request_id=f"q-{n}", region_code=f"R{n % 4 + 1}", department_code="TECH",
                category=Category.FAULT_REPAIR, priority=Priority.NORMAL, title=f"故障 {n}", description="",
                customer_reported_at=at - timedelta(hours=1), submitter_id=rng.choice(frontline)))
            request_id = submitted.request.id
            await support.accept_request(uow=uow, request_id=request_id, assignee_id=backend[0],
                                         at=at + timedelta(minutes=5))
            await support.start_request(uow=uow, request_id=request_id, at=at + timedelta(minutes=10))
            await support.resolve_request(uow=uow, request_id=request_id, note="ok", at=at + timedelta(hours=2))
            await support.confirm_request(uow=uow, request_id=request_id, rating=5, comment=None,
                                          at=at + timedelta(hours=3))
            await SupportAttachment.create(request_id=request_id, uploader_id=backend[0], sha256="0" * 64,
                                           content_type="image/png", size=1, file_name="p.png", at=at,
                                           using_db=uow.connection)


async def seed_history(frontline: list[int], backend: list[int], departments: list[int], regions: list[int],
                       count: int, first: int = 0) -> None:
    """A month of N requests written in bulk (shapes like the demo's), for the analysis only; `first` numbers
    them on from an earlier batch."""
    rng = random.Random(11 + first)
    batch: list[SupportRequest] = []
    for n in range(first, first + count):
        submitted = PERIOD_START + timedelta(seconds=rng.uniform(0, 30 * 86400))
        department = departments[n % len(departments)]
        slow = department == departments[1]
        accepted = submitted + timedelta(hours=rng.uniform(4, 30) if slow else rng.uniform(0.1, 3))
        resolved = accepted + timedelta(hours=rng.uniform(10, 120) if slow else rng.uniform(1, 30))
        batch.append(SupportRequest(
            client_request_id=f"h-{n}", submitter_id=rng.choice(frontline), submitter_department_id=departments[-1],
            region_id=rng.choice(regions), department_id=department, category=Category.FAULT_REPAIR,
            priority=Priority.NORMAL, title="历史", description="", customer_reported_at=submitted - timedelta(hours=1),
            submitted_at=submitted, response_due_at=submitted + timedelta(hours=8),
            resolution_due_at=submitted + timedelta(hours=72), rule_version="default", status=Status.CONFIRMED,
            assignee_id=rng.choice(backend), accepted_at=accepted, started_at=accepted, resolved_at=resolved,
            confirmed_at=resolved, rating=rng.choice((3, 4, 5)), timeline_length=0, timeline_head=""))
        if len(batch) == 5000:
            await SupportRequest.bulk_create(batch)
            batch = []
    if batch:
        await SupportRequest.bulk_create(batch)


def _ms(values: list[float]) -> str:
    p90 = sorted(values)[int(0.9 * (len(values) - 1))]
    return f"median {statistics.median(values) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms"


async def main(requests: int, rounds: int) -> None:
    database_url = scratch_database_url()
    await upgrade(database_url)
    settings = replace(load_settings(), database_url=database_url, secret_key=SECRET, event_bus_url="memory://",
                       introspection=False, graphiql=False)
    app = create_api(settings)
    async with app.router.lifespan_context(app):
        hr_id, frontline, backend = await seed_organisation()
        token = issue_session_token(employee_id=hr_id, secret_key=SECRET, ttl_seconds=3600)[0]
        headers = {"authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            started = time.perf_counter()
            await seed_queue(frontline, backend, 200)
            print(f"seeded 200 requests through the services in {time.perf_counter() - started:.1f} s")

            async def page(size: int) -> dict:
                response = await client.post("/graphql", json={"query": PAGE, "variables": {"first": size}},
                                             headers=headers)
                body: dict = response.json()
                assert "errors" not in body, body
                return body

            statements = {}
            for size in (10, 100):
                with count_queries() as counter:
                    await page(size)
                statements[size] = len(counter.statements)
            samples = await measure({"page of 100": lambda: page(100), "page of 10": lambda: page(10)},
                                    rounds=rounds, warmup=5)
            print(f"supportRequests(first: 100) with timeline, comments, attachments: {_ms(samples['page of 100'])}")
            print(f"supportRequests(first: 10):                                      {_ms(samples['page of 10'])}")
            print(f"SQL statements per page: {statements[10]} for 10 rows, {statements[100]} for 100 rows")

            from backend.persistence.models import Department, Region

            departments = [d.id for d in await Department.filter(kind="BACKEND").order_by("id")]
            department_ids = [*departments, (await Department.get(code="MKT")).id]
            regions = [r.id for r in await Region.all()]
            started = time.perf_counter()
            await seed_history(frontline, backend, department_ids[:3] + department_ids[3:], regions, requests)
            print(f"bulk-loaded {requests:,} requests into {PERIOD} in {time.perf_counter() - started:.1f} s")

            service_times = []
            for _ in range(3):
                started = time.perf_counter()
                analysis = await support.bottlenecks(period=PERIOD, zone=settings.timezone)
                service_times.append(time.perf_counter() - started)
            graphql_times = []
            for _ in range(3):
                started = time.perf_counter()
                response = await client.post("/graphql", json={"query": BOTTLENECKS, "variables": {"p": PERIOD}},
                                             headers=headers)
                graphql_times.append(time.perf_counter() - started)
                assert "errors" not in response.json()
            volume = sum(s.volume for s in analysis.report.departments.values())
            print(f"bottlenecks over {volume:,} requests: service {_ms(service_times)}; "
                  f"through GraphQL {_ms(graphql_times)}; {len(analysis.report.bottlenecks)} flags")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.rounds))
