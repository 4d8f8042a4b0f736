"""The counter's estimates (issue 8 item 8), batched for a whole page of people: the performance bonus with the
backend linkage, the linkage itself, project-bonus estimates and the fund share. A person a figure does not
apply to is left out (the counter reads null): linkage for frontline staff, a fund with neither settlement nor
planned profit (`collaborationFund(year)` says why), project bonus for someone in no project."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from backend.domain import linkage as rules
from backend.domain.explain import ExplainedAmount, Explanation, Input, Source, SourceKind, text
from backend.domain.money import ZERO
from backend.domain.org import DepartmentKind
from backend.domain.periods import period_bounds
from backend.domain.projects import Allocation, ProjectStatus
from backend.domain.rules import RuleSet
from backend.persistence.models import Department, Project, ProjectAllocation, ProjectGoal, ProjectMember
from backend.services import clock, fund, projects
from backend.services.coefficients import performance_coefficients
from backend.services.fund_facts import Placement, day_of, last_day, linked_regions, placements
from backend.services.rulesets import rules_at

DAY = date


async def _linkages(people: dict[int, Placement], period: str) -> dict[int, ExplainedAmount]:
    backend = {i: p for i, p in people.items() if p.assignment.department_kind is DepartmentKind.BACKEND}
    if not backend:
        return {}
    departments = {p.assignment.department_id for p in backend.values()}
    codes = dict(await Department.filter(id__in=departments).values_list("id", "code"))
    regions = await linked_regions(departments, period)
    ruleset = await _rules_of(period)
    by_department = {d: rules.linkage(department=codes[d], regions=regions[d], period=period, rules=ruleset)
                     for d in departments}
    return {i: by_department[p.assignment.department_id].multiplier for i, p in backend.items()}


async def _rules_of(period: str) -> RuleSet:
    """The rule set in force at the period's end (or now, while it runs)."""
    return await rules_at(min(clock.now(), period_bounds(period, clock.zone())[1] - timedelta(microseconds=1)))


async def linkage(employee_ids: list[int], period: str) -> dict[int, ExplainedAmount]:
    """Backend staff: their department's multiplier for the period with every linked region's figures."""
    return await _linkages(await placements(employee_ids, day_of(period)), period)


async def performance_bonus_estimates(employee_ids: list[int], period: str) -> dict[int, ExplainedAmount]:
    """target bonus (the assignment of the period's day) × coefficient (not assessed → 1.0, said) × linkage
    multiplier for backend staff."""
    people = await placements(employee_ids, day_of(period))
    if not people:
        return {}
    multipliers = await _linkages(people, period)
    coefficients = await performance_coefficients(employee_ids=list(people), period=period, zone=clock.zone())
    ruleset = await _rules_of(period)
    found = {}
    for employee_id, person in people.items():
        c = coefficients.get(employee_id)
        coefficient = rules.Coefficient(
            value=c.coefficient if c is not None else None,
            explanation_zh=c.explanation.zh if c is not None else "没有评分卡",
            explanation_en=c.explanation.en if c is not None else "no scorecard",
            rule_version=c.rule_version if c is not None else None,
            source_id=f"{person.employee_no}:{period}")
        found[employee_id] = rules.performance_bonus(
            target_bonus=person.assignment.target_bonus, coefficient=coefficient,
            multiplier=multipliers.get(employee_id), period=period, rules=ruleset, employee_ref=person.employee_no)
    return found


async def fund_estimates(employee_ids: list[int], year: int) -> dict[int, ExplainedAmount]:
    """The frozen share once the year is settled, else the estimate from HR's planned profit (see services.fund)."""
    return await fund.fund_shares(employee_ids, year)


async def project_bonus_estimates(employee_ids: list[int], period: str) -> dict[int, ExplainedAmount]:
    """Per person: the sum of their project bonuses — frozen amounts of projects closed in the period, and the
    live estimate of each active or delivered project they are a member of — each project a part."""
    ids = list(set(employee_ids))
    if not ids:
        return {}
    memberships = await ProjectMember.filter(employee_id__in=ids).values("employee_id", "project_id")
    project_ids = {m["project_id"] for m in memberships}
    if not project_ids:
        return {}
    rows = {p.id: p for p in await Project.filter(id__in=project_ids)}
    start, end = _period_bounds_local(period)
    open_ids = [i for i, p in rows.items() if p.status is not ProjectStatus.CLOSED]
    closed_here = [i for i, p in rows.items() if p.status is ProjectStatus.CLOSED and p.closed_at is not None
                   and start <= clock.local_date(p.closed_at) <= end]
    parts: dict[int, list[ExplainedAmount]] = defaultdict(list)
    for row in await ProjectAllocation.filter(project_id__in=closed_here, employee_id__in=ids):
        project = rows[row.project_id]
        parts[row.employee_id].append(_project_part(project.id, project.name, Decimal(row.amount), frozen=True,
                                                    version=row.rule_version))
    for project_id in open_ids:
        project = rows[project_id]
        goals = projects.goals_of(list(await ProjectGoal.filter(project_id=project_id)))
        allocation: Allocation = await projects.estimate(project, goals=goals, as_of=clock.today())
        for share in allocation.members:
            if share.employee_id in ids:
                parts[share.employee_id].append(_project_part(project.id, project.name, share.amount, frozen=False,
                                                              version=allocation.rule_version))
    return {employee_id: _sum(items, period) for employee_id, items in parts.items()}


def _period_bounds_local(period: str) -> tuple[DAY, DAY]:
    year, month = (int(x) for x in period.split("-"))
    return DAY(year, month, 1), last_day(period)


def _project_part(project_id: int, name: str, amount: Decimal, *, frozen: bool, version: str) -> ExplainedAmount:
    source = Source(SourceKind.PROJECT, str(project_id), name)
    how_zh, how_en = ("已结项，金额冻结", "closed: frozen amount") if frozen else \
        ("进行中：按当前进度与目标全部达成预估", "open: estimated as if it closed today with its goals met")
    return ExplainedAmount(amount, Explanation(
        formula_zh=f"项目奖金 = 奖池 × 目标达成度 × 本方比例 × 本人贡献份额（{how_zh}）",
        formula_en=f"project bonus = pool × attainment × side split × own contribution share ({how_en})",
        inputs=(Input("amount", "本人项目奖金", "own project bonus", text(amount), (source,)),),
        rounding_zh="最大余数法分配到分", rounding_en="whole cents by largest remainder", rule_version=version),
        label_zh=f"项目奖金：{name}", label_en=f"project bonus: {name}",
        extra={"projectId": str(project_id), "frozen": str(frozen).lower()})


def _sum(parts: list[ExplainedAmount], period: str) -> ExplainedAmount:
    value = sum((p.value for p in parts), ZERO)
    return ExplainedAmount(value, Explanation(
        formula_zh=f"项目奖金合计 = {period} 结项项目的冻结金额 + 进行中项目的预估",
        formula_en=f"project bonuses = frozen amounts of projects closed in {period} + estimates of open projects",
        rounding_zh="各项之和，不再舍入", rounding_en="a sum of the parts: not rounded again", parts=tuple(parts)),
        label_zh="项目奖金（预估）", label_en="project bonus (estimate)")
