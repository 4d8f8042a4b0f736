"""projects(mine): "My projects" — the ones the viewer is a member of or owns — and every project otherwise."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import httpx
import pytest

from backend.domain.access import SYSTEM
from backend.domain.projects import Goal, GoalKind
from backend.events.memory import MemoryEventBus
from backend.services import projects
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, gql, token_for

pytestmark = pytest.mark.asyncio(loop_scope="session")

LIST = "query($mine: Boolean) { projects(mine: $mine) { name owner { employeeNo } } }"


async def _project(name: str, owner: int, members: list[int]) -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await projects.create_project(uow=uow, data=projects.ProjectData(
            name=name, bonus_pool=Decimal("1000.00"), owner_id=owner, started_on=date(2026, 9, 1),
            goals=[Goal(kind=GoalKind.DELIVERY, weight=Decimal(1), target_date=date(2026, 12, 31))],
            member_ids=members))


async def _names(client: httpx.AsyncClient, token: str, mine: bool | None) -> list[str]:
    result = await gql(client, LIST, {"mine": mine}, token=token)
    assert "errors" not in result, result
    return [p["name"] for p in result["data"]["projects"]]


async def test_my_projects_are_those_i_work_on_or_own(client: httpx.AsyncClient, small_org: Org) -> None:
    await _project("城东扩容", small_org.manager_id, [small_org.staff_id])
    await _project("县域攻坚", small_org.hr_id, [small_org.other_staff_id])
    await _project("营业厅改造", small_org.manager_id, [])

    assert await _names(client, small_org.staff, True) == ["城东扩容"]
    assert await _names(client, small_org.manager, True) == ["营业厅改造", "城东扩容"]  # owner of both
    assert await _names(client, token_for(small_org.backend_id), True) == []
    assert await _names(client, small_org.staff, None) == ["营业厅改造", "县域攻坚", "城东扩容"]
    assert await _names(client, small_org.staff, False) == ["营业厅改造", "县域攻坚", "城东扩容"]
