"""Every "today" of the project services is the organisation's calendar date (TANDEM_TIMEZONE, default
Asia/Shanghai), never the UTC date: pinned to 01:30 in Shanghai, when the UTC date is still the day before."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import pytest

from backend.graphql.ids import encode_id
from backend.services import clock
from tests.api.conftest import Org, gql
from tests.api.projects.conftest import ERR, make_project

pytestmark = pytest.mark.asyncio(loop_scope="session")

# 2026-11-02 17:30 UTC is 2026-11-03 01:30 in Shanghai: the organisation's today is the 3rd.
PINNED = datetime(2026, 11, 2, 17, 30, tzinfo=UTC)
ORGANISATION_TODAY = date(2026, 11, 3)

DELIVER = f"""mutation($p: ID!, $d: Date!) {{ deliverProject(projectId: $p, deliveredOn: $d) {{ __typename
  ... on ProjectSuccess {{ project {{ status deliveredOn }} }} {ERR} }} }}"""
CLOSE = f"""mutation($p: ID!, $d: Date!, $s: Decimal, $r: Money) {{ closeProject(projectId: $p, deliveredOn: $d,
  satisfaction: $s, revenue: $r) {{ __typename ... on ProjectSuccess {{ project {{ status deliveredOn }} }} {ERR} }} }}"""
CREATE = f"""mutation($input: CreateProjectInput!) {{ createProject(input: $input) {{ __typename
  ... on ProjectSuccess {{ project {{ id startedOn members {{ joinedOn }} }} }} {ERR} }} }}"""
ADD_MEMBER = f"""mutation($p: ID!, $e: ID!) {{ addProjectMember(projectId: $p, employeeId: $e) {{ __typename
  ... on ProjectSuccess {{ project {{ members {{ employee {{ employeeNo }} joinedOn }} }} }} {ERR} }} }}"""
GOALS = """query($id: ID!) { project(id: $id) { allocation { goals { kind attainment formula } } } }"""


@pytest.fixture
def shanghai_small_hours(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TANDEM_TIMEZONE", raising=False)
    monkeypatch.setattr(clock, "now", lambda: PINNED)


async def test_the_clock_gives_the_organisations_date(shanghai_small_hours: None) -> None:
    assert PINNED.date() == date(2026, 11, 2)
    assert clock.today() == ORGANISATION_TODAY


async def test_a_delivery_dated_the_organisations_today_is_accepted(client: httpx.AsyncClient, small_org: Org,
                                                                    shanghai_small_hours: None) -> None:
    board = await make_project(small_org)

    tomorrow = await gql(client, DELIVER, {"p": board.id, "d": "2026-11-04"}, token=small_org.manager)
    today = await gql(client, DELIVER, {"p": board.id, "d": ORGANISATION_TODAY.isoformat()}, token=small_org.manager)

    assert (tomorrow["data"]["deliverProject"]["code"], tomorrow["data"]["deliverProject"]["field"]) == \
        ("VALIDATION", "deliveredOn")
    assert today["data"]["deliverProject"]["project"] == {"status": "DELIVERED", "deliveredOn": "2026-11-03"}


async def test_closing_with_the_organisations_today_is_accepted(client: httpx.AsyncClient, small_org: Org,
                                                                shanghai_small_hours: None) -> None:
    board = await make_project(small_org)
    actuals = {"p": board.id, "s": "90", "r": "500000.00"}

    tomorrow = await gql(client, CLOSE, {**actuals, "d": "2026-11-04"}, token=small_org.manager)
    closed = await gql(client, CLOSE, {**actuals, "d": ORGANISATION_TODAY.isoformat()}, token=small_org.manager)

    assert tomorrow["data"]["closeProject"]["field"] == "deliveredOn"
    assert closed["data"]["closeProject"]["project"] == {"status": "CLOSED", "deliveredOn": "2026-11-03"}


async def test_a_project_starts_and_members_join_on_the_organisations_today(client: httpx.AsyncClient,
                                                                           small_org: Org,
                                                                           shanghai_small_hours: None) -> None:
    created = await gql(client, CREATE, {"input": {
        "name": "夜间割接", "bonusPool": "1000.00", "goals": [{"kind": "DELIVERY", "targetDate": "2026-12-31"}],
        "memberIds": [encode_id("Employee", small_org.staff_id)]}}, token=small_org.manager)
    project = created["data"]["createProject"]["project"]
    added = await gql(client, ADD_MEMBER, {"p": project["id"], "e": encode_id("Employee", small_org.backend_id)},
                      token=small_org.manager)

    assert project["startedOn"] == "2026-11-03"
    assert project["members"] == [{"joinedOn": "2026-11-03"}]
    assert {"employee": {"employeeNo": "B0001"}, "joinedOn": "2026-11-03"} in \
        added["data"]["addProjectMember"]["project"]["members"]


async def test_days_late_so_far_count_from_the_organisations_today(client: httpx.AsyncClient, small_org: Org,
                                                                   shanghai_small_hours: None) -> None:
    board = await make_project(small_org)  # due 2026-10-31: on the organisation's 3 November, 3 days late

    goals = (await gql(client, GOALS, {"id": board.id}, token=small_org.staff))["data"]["project"]["allocation"][
        "goals"]

    delivery = next(g for g in goals if g["kind"] == "DELIVERY")
    assert Decimal(delivery["attainment"]) == 1 - Decimal(3) / Decimal(30)
