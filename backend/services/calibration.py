"""Department scorecards, calibration against distribution guides, and locking a period (SPEC §4).

Locking is HR's act of closing a period's assessment: every scorecard is frozen as it stands (with the scheme
version, rule version and every line's inputs), and nothing about the period changes afterwards — no measurement,
no appeal, no scheme version reaching back into it. A period can be locked once it has ended and no appeal about it
is still pending.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from backend.domain.errors import Conflict, NotFound, ValidationError
from backend.domain.org import DepartmentKind, clean_code
from backend.domain.performance import assessment_period
from backend.domain.performance_calibration import AppealStatus, Distribution, GuideLine, distribution, ranks
from backend.domain.rules import RuleSet
from backend.persistence import models as m
from backend.services import clock
from backend.services.performance import (
    ANY,
    current_period,
    guide_lines,
    period_for_update,
    require_hr,
    rules_for_period,
)
from backend.services.scorecards import EmployeeScorecard, Scope, compute, scorecards, snapshot
from backend.services.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class RankedScorecard:
    card: EmployeeScorecard
    rank: int | None  # None: not scored (no scheme or no data)


@dataclass(frozen=True, slots=True)
class DepartmentScorecards:
    department_id: int
    department_code: str
    department_name: str
    kind: DepartmentKind
    period: str
    frozen: bool
    rows: list[RankedScorecard]  # ranked, best first; the unscored last
    distribution: Distribution
    guide: list[GuideLine]
    guide_is_default: bool  # the organisation-wide guide applies (the department has none of its own)


async def _guides(connection: Any = None) -> dict[str, list[GuideLine]]:
    rows = await m.DistributionGuide.all().using_db(connection).order_by("scope_key", "-min_score")
    by_scope: dict[str, list[m.DistributionGuide]] = defaultdict(list)
    for row in rows:
        by_scope[row.scope_key].append(row)
    return {scope: guide_lines(items) for scope, items in by_scope.items()}


def _view(department: m.Department, period: str, cards: list[EmployeeScorecard],
          guides: dict[str, list[GuideLine]], ruleset: RuleSet) -> DepartmentScorecards:
    own = guides.get(str(department.id))
    guide = own if own is not None else guides.get(ANY, [])
    totals = [(card.person.employee_no, card.total) for card in cards]
    ranking = ranks(totals)
    order = sorted(cards, key=lambda c: (ranking[c.person.employee_no] is None,
                                         ranking[c.person.employee_no] or 0, c.person.employee_no))
    scored = [card.total for card in cards if card.total is not None]
    return DepartmentScorecards(
        department_id=department.id, department_code=department.code, department_name=department.name,
        kind=department.kind, period=period, frozen=any(card.frozen for card in cards),
        rows=[RankedScorecard(card=card, rank=ranking[card.person.employee_no]) for card in order],
        distribution=distribution(scored, ruleset, guide), guide=guide,
        guide_is_default=own is None and bool(guide))


async def department_scorecards(*, department_code: str, period: str, zone: ZoneInfo,
                                now: datetime | None = None) -> DepartmentScorecards:
    """The department's members in the period, ranked, with the distribution against its guide."""
    department = await m.Department.filter(code=clean_code(department_code, field="departmentCode")).first()
    if department is None:
        raise NotFound(f"no department with code {department_code!r}", field="departmentCode")
    cards = await scorecards(assessment_period(period), Scope(department_id=department.id), zone=zone, now=now)
    return _view(department, period, cards, await _guides(), await rules_for_period(period))


async def calibration(*, period: str, zone: ZoneInfo, now: datetime | None = None) -> list[DepartmentScorecards]:
    """Every department with assessed members, its distribution and whether it is outside its guide (one
    computation for the whole organisation)."""
    cards = await scorecards(assessment_period(period), Scope(), zone=zone, now=now)
    by_department: dict[int, list[EmployeeScorecard]] = defaultdict(list)
    for card in cards:
        by_department[card.person.department_id].append(card)
    departments = await m.Department.filter(id__in=list(by_department)).order_by("code")
    guides = await _guides()
    ruleset = await rules_for_period(period)
    return [_view(d, period, by_department[d.id], guides, ruleset) for d in departments]


# --- locking -----------------------------------------------------------------------------------------------


async def lock_period(*, uow: UnitOfWork, period: str, zone: ZoneInfo, now: datetime | None = None
                      ) -> m.PerformancePeriod:
    """Freeze every scorecard of a period that has ended. Refused while appeals about it are pending."""
    require_hr(uow.actor, "lock an assessment period")
    clean = assessment_period(period)
    at = now or clock.now()
    if clean >= current_period(zone, at):
        raise ValidationError(f"{clean} has not ended yet: a period is locked after its last day", field="period")
    row = await period_for_update(uow, clean)
    if row.locked_at is not None:
        raise Conflict(f"{clean} is already locked (since {row.locked_at:%Y-%m-%d})", field="period")
    pending = await m.Appeal.filter(period=clean, status=AppealStatus.PENDING).using_db(uow.connection).count()
    if pending:
        raise Conflict(f"{pending} appeal(s) about {clean} are still pending: decide them before locking",
                       field="period")
    cards = await compute(clean, Scope(), zone=zone, now=at, connection=uow.connection)
    await m.ScorecardSnapshot.bulk_create([
        m.ScorecardSnapshot(period=clean, employee_id=card.person.id, department_id=card.person.department_id,
                            scheme_version_id=card.scheme.version_id if card.scheme else None,
                            total=card.total.quantize(Decimal("1e-10")) if card.total is not None else None,
                            coefficient=card.card.coefficient if card.card else None, data=snapshot(card),
                            locked_at=at)
        for card in cards], batch_size=500, using_db=uow.connection)
    ruleset_version = cards[0].rule_version if cards else \
        (await rules_for_period(clean, connection=uow.connection)).version
    row.locked_at, row.locked_by, row.rule_version, row.scorecards = at, uow.actor.label, ruleset_version, len(cards)
    await row.save(using_db=uow.connection)
    scored = [card for card in cards if card.total is not None]
    await uow.audit(action="performance.period.lock", entity="performance_period", entity_id=clean,
                    before={"locked": False},
                    after={"locked": True, "scorecards": len(cards), "scored": len(scored),
                           "rule_version": ruleset_version})
    return row


async def periods() -> list[m.PerformancePeriod]:
    return list(await m.PerformancePeriod.all().order_by("-period"))
