"""bottlenecks in SQL against the Python reference, over random requests (SQLite and PostgreSQL alike).

The random months mix priorities, statuses, missing timestamps, reopens, ratings, time zone offsets, whole
seconds and durations one microsecond either side of an SLA limit or of a whole second, where a rounding or a
comparison done differently would show."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import httpx
import pytest

from backend.domain.rules import DEFAULT_RULES
from backend.domain.support import Category, Priority, Status
from backend.persistence.models import Department, Region, SupportRequest
from backend.services import support
from tests.api.conftest import Org

pytestmark = pytest.mark.asyncio(loop_scope="session")

ZONE = ZoneInfo("Asia/Shanghai")
PERIOD = "2026-11"
START = datetime(2026, 10, 31, 16, 0, tzinfo=UTC)  # 2026-11-01 00:00 in Shanghai
OFFSETS = (UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30)))


def _instant(rng: random.Random, after: datetime, *, hours: float, edge: timedelta) -> datetime:
    """A moment after `after`: sometimes exactly on a whole second, sometimes on `edge` or 1 µs either side of it,
    sometimes 1 µs short of a whole second or with a fraction of .9995 and more."""
    kind = rng.random()
    if kind < 0.15:
        return after + timedelta(seconds=rng.randint(0, int(hours * 3600)))
    if kind < 0.35:
        return after + edge + timedelta(microseconds=rng.choice((-1, 0, 1)))
    if kind < 0.4:
        return after + timedelta(seconds=rng.randint(1, 5000), microseconds=-1)
    if kind < 0.5:  # a fraction from .9995 on, which a millisecond rounding would carry into the next second
        moment = after + timedelta(seconds=rng.randint(1, 5000))
        return moment.replace(microsecond=rng.choice((999_500, 999_999, 999_000, 998_999)))
    return after + timedelta(microseconds=rng.randint(0, int(hours * 3600 * 1_000_000)))


def _request(rng: random.Random, n: int, *, submitter: int, departments: list[int], regions: list[int],
             frontline: int) -> SupportRequest:
    submitted = START + timedelta(microseconds=rng.randint(-86_400_000_000, 31 * 86_400_000_000))
    priority = rng.choice(list(Priority))
    limit = DEFAULT_RULES.sla[priority.value]
    reported = submitted - (_instant(rng, START, hours=60, edge=DEFAULT_RULES.handoff_threshold) - START)
    status = rng.choice(list(Status))
    accepted = (_instant(rng, submitted, hours=40, edge=limit.response)
                if status is not Status.SUBMITTED or rng.random() < 0.1 else None)
    started = _instant(rng, accepted, hours=8, edge=DEFAULT_RULES.bottleneck_start_delay) \
        if accepted and rng.random() < 0.8 else None
    resolved = (_instant(rng, submitted, hours=120, edge=limit.resolution)
                if status in (Status.RESOLVED, Status.CONFIRMED) or rng.random() < 0.1 else None)
    offset = rng.choice(OFFSETS)

    def local(moment: datetime | None) -> datetime | None:
        return None if moment is None else moment.astimezone(offset)

    return SupportRequest(
        client_request_id=f"r-{n}", submitter_id=submitter, submitter_department_id=frontline,
        region_id=rng.choice(regions), department_id=rng.choice(departments), category=Category.FAULT_REPAIR,
        priority=priority, title="t", description="", customer_reported_at=local(reported),
        submitted_at=submitted, response_due_at=submitted, resolution_due_at=submitted, rule_version="1",
        status=status, accepted_at=local(accepted), started_at=local(started), resolved_at=local(resolved),
        rating=rng.choice((None, 1, 3, 5)) if status is Status.CONFIRMED else None,
        reopen_count=rng.choice((0, 0, 0, 1, 2)), timeline_length=0, timeline_head="")


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_sql_figures_equal_the_python_reference(client: httpx.AsyncClient, small_org: Org, seed: int) -> None:
    rng = random.Random(seed)
    departments = [d.id for d in await Department.filter(code__in=["TECH", "HR"])]
    frontline = (await Department.get(code="MKT")).id
    regions = [r.id for r in await Region.all()]
    count = rng.randint(150, 400)
    await SupportRequest.bulk_create([_request(rng, n, submitter=small_org.staff_id, departments=departments,
                                               regions=regions, frontline=frontline) for n in range(count)])

    # As of the period's end, and as of a moment inside it (requests still open count their time so far).
    for now in (datetime(2026, 12, 20, tzinfo=UTC), START + timedelta(days=17, microseconds=rng.randint(0, 10**6))):
        in_sql = await support.bottlenecks(period=PERIOD, zone=ZONE, now=now)
        in_python = await support.bottlenecks_in_python(period=PERIOD, zone=ZONE, now=now)
        assert in_sql.report.departments == in_python.report.departments
        assert in_sql.report.cells == in_python.report.cells
        assert in_sql.report.regions == in_python.report.regions
        assert in_sql.report.bottlenecks == in_python.report.bottlenecks
        assert sum(s.volume for s in in_python.report.departments.values()) > 100


async def test_an_empty_period_has_no_groups(client: httpx.AsyncClient, small_org: Org) -> None:
    analysis = await support.bottlenecks(period="2020-01", zone=ZONE)
    assert (analysis.report.departments, analysis.report.cells, analysis.report.bottlenecks) == ({}, {}, [])


async def test_stored_timestamps_read_as_exact_microsecond_epochs(client: httpx.AsyncClient, small_org: Org) -> None:
    """Fractions a millisecond rounding would carry into the next second, none at all, other offsets."""
    from backend.services.support_analytics import EPOCH, MICROSECOND, _epoch_us

    rng = random.Random(5)
    departments = [d.id for d in await Department.filter(code__in=["TECH", "HR"])]
    frontline = (await Department.get(code="MKT")).id
    regions = [r.id for r in await Region.all()]
    base = datetime(2026, 11, 3, 4, 5, 6, tzinfo=UTC)
    moments = [base.replace(microsecond=micro).astimezone(offset)
               for micro in (0, 1, 499_999, 999_000, 999_499, 999_500, 999_999) for offset in OFFSETS]
    rows = []
    for n, moment in enumerate(moments):
        row = _request(rng, n, submitter=small_org.staff_id, departments=departments, regions=regions,
                       frontline=frontline)
        row.submitted_at = moment
        rows.append(row)
    await SupportRequest.bulk_create(rows)
    connection = SupportRequest._meta.db
    found = await connection.execute_query_dict(
        f"SELECT client_request_id, {_epoch_us('submitted_at', connection.capabilities.dialect)} AS us "
        "FROM support_request")
    expected = {f"r-{n}": (moment - EPOCH) // MICROSECOND for n, moment in enumerate(moments)}
    assert {row["client_request_id"]: int(row["us"]) for row in found} == expected
