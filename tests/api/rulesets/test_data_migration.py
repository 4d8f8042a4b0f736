"""The data migration after the rule-set schema: version "1" = the SPEC defaults, and every record judged by the
built-in "default" rules renamed to "1" (columns and the JSON the frozen records carry), on the test's dialect."""

from __future__ import annotations

import importlib.util
from datetime import UTC, date, datetime
from decimal import Decimal
from types import ModuleType

import httpx
import pytest
from tortoise import Tortoise

from backend.domain.org import DepartmentKind
from backend.domain.rules import DEFAULT_RULES
from backend.domain.ruleset_params import from_parameters, to_parameters
from backend.persistence import models as m
from backend.persistence.config import migrations_dir
from backend.services.rulesets import FIRST_EFFECTIVE_FROM
from tests.api.conftest import Org
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.asyncio(loop_scope="session")

WHEN = datetime(2026, 10, 5, 2, 0, tzinfo=UTC)


def _migration() -> ModuleType:
    [path] = (migrations_dir(TEST_DATABASE_URL) / "models").glob("*_ruleset_v1_data.py")
    spec = importlib.util.spec_from_file_location("ruleset_v1_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_version_1_is_inserted_and_default_becomes_1(client: httpx.AsyncClient, small_org: Org) -> None:
    request = await m.SupportRequest.create(
        client_request_id="old-1", submitter_id=small_org.staff_id, submitter_department_id=(
            await m.Employee.get(id=small_org.staff_id)).department_id, region_id=(await m.Region.get(code="R1")).id,
        department_id=(await m.Department.get(code="TECH")).id, category="FAULT_REPAIR", priority="URGENT",
        title="旧需求", description="", customer_reported_at=WHEN, submitted_at=WHEN, response_due_at=WHEN,
        resolution_due_at=WHEN, rule_version="default", status="SUBMITTED", timeline_head="x")
    project = await m.Project.create(name="旧项目", owner_id=small_org.manager_id, status="CLOSED",
                                     started_on=date(2026, 9, 1), bonus_pool=Decimal("100.00"),
                                     side_split_frontline=Decimal("0.6"), rule_version="default",
                                     allocation={"rule_version": "default", "pool": "100.00"})
    await m.ProjectAllocation.create(project_id=project.id, employee_id=small_org.staff_id,
                                     side=DepartmentKind.FRONTLINE, amount=Decimal("100.00"),
                                     rule_version="default", closed_at=WHEN)
    await m.PerformancePeriod.create(period="2026-10", locked_at=WHEN, locked_by="system", rule_version="default")
    employee = await m.Employee.get(id=small_org.backend_id)
    await m.ScorecardSnapshot.create(period="2026-10", employee_id=employee.id, department_id=employee.department_id,
                                     data={"ruleVersion": "default", "scheme": {"ruleVersion": "default"}},
                                     locked_at=WHEN)
    untouched = await m.PerformancePeriod.create(period="2026-09", rule_version="7")

    connection = Tortoise.get_connection("default")
    await connection.execute_script(await _migration().upgrade(connection))

    assert (await m.SupportRequest.get(id=request.id)).rule_version == "1"
    closed = await m.Project.get(id=project.id)
    assert closed.rule_version == "1" and closed.allocation == {"rule_version": "1", "pool": "100.00"}
    assert (await m.ProjectAllocation.get(project_id=project.id)).rule_version == "1"
    assert (await m.PerformancePeriod.get(period="2026-10")).rule_version == "1"
    assert (await m.ScorecardSnapshot.get(period="2026-10")).data == {"ruleVersion": "1",
                                                                     "scheme": {"ruleVersion": "1"}}
    assert (await m.PerformancePeriod.get(id=untouched.id)).rule_version == "7"

    [first] = await m.RuleSetVersion.all()
    assert (first.number, first.version, first.effective_from) == (1, "1", FIRST_EFFECTIVE_FROM)
    assert first.parameters == to_parameters(DEFAULT_RULES)
    assert from_parameters(first.parameters, version="1") == DEFAULT_RULES

    await connection.execute_script(await _migration().upgrade(connection))  # again: nothing more
    assert await m.RuleSetVersion.all().count() == 1
