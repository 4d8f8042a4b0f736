"""Appeals of scorecard lines (SPEC §4): the employee appeals a line with a reason while the period is open; HR
decides once, and an accepted appeal's adjustment changes the line's score with the reasons shown on it. Both
steps are timestamped and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.expressions import Q

from backend.domain.access import Viewer
from backend.domain.errors import Duplicate, NotFound, PermissionDenied, ValidationError
from backend.domain.org import Role, clean_code
from backend.domain.performance import assessment_period, shown
from backend.domain.performance_calibration import AppealStatus, clean_reason, decide
from backend.persistence import models as m
from backend.services import clock
from backend.services.performance import actor_label, check_open, require_hr, rules_for_period
from backend.services.scorecards import scorecard
from backend.services.uow import UnitOfWork


def _now(at: datetime | None) -> datetime:
    return at or clock.now()


@dataclass(frozen=True, slots=True)
class Submitted:
    appeal: m.Appeal
    created: bool  # False: the same appeal was sent again


async def submit_appeal(*, uow: UnitOfWork, period: str, indicator_code: str, reason: str, zone: ZoneInfo,
                        at: datetime | None = None) -> Submitted:
    """The employee appeals one line of their own scorecard, once per line and period."""
    at = _now(at)
    employee_id = uow.actor.employee_id
    if employee_id is None:
        raise PermissionDenied("only employees appeal their own scorecard")
    clean = assessment_period(period)
    code = clean_code(indicator_code, field="indicatorCode")
    text = clean_reason(reason)
    await check_open(uow, clean)
    card = await scorecard(employee_id, clean, zone=zone, now=at, connection=uow.connection)
    if card is None or card.card is None:
        raise NotFound(f"you have no scorecard for {clean}", field="period")
    line = next((line for line in card.card.lines if line.indicator.code == code), None)
    if line is None:
        raise NotFound(f"your {clean} scorecard has no line {code}", field="indicatorCode")
    existing = await m.Appeal.filter(employee_id=employee_id, period=clean, indicator__code=code) \
        .using_db(uow.connection).first()
    if existing is not None:
        if existing.reason == text and existing.status is AppealStatus.PENDING:
            return Submitted(appeal=existing, created=False)
        raise Duplicate(f"you already appealed {code} for {clean} ({existing.status.value.lower()}); each line "
                        "may be appealed once per period", field="indicatorCode")
    indicator = await m.Indicator.filter(code=code).using_db(uow.connection).get()
    snapshot = {"actual": None if line.actual.value is None else str(line.actual.value),
                "score": None if line.score is None else str(line.score.value),
                "weight": str(line.weight), "target": str(line.target),
                "total": None if card.card.total is None else str(card.card.total)}
    appeal = await m.Appeal.create(employee_id=employee_id, period=clean, indicator_id=indicator.id,
                                   department_id_at_appeal=card.person.department_id, reason=text,
                                   line_at_appeal=snapshot, status=AppealStatus.PENDING, submitted_at=at,
                                   using_db=uow.connection)
    await uow.audit(action="performance.appeal.submit", entity="performance_appeal", entity_id=appeal.id,
                    after={"period": clean, "indicator": code, "reason": text, **snapshot})
    return Submitted(appeal=appeal, created=True)


@dataclass(frozen=True, slots=True)
class DecisionData:
    appeal_id: int
    accept: bool
    response: str
    adjusted_actual: Decimal | None = None
    adjusted_score: Decimal | None = None


async def decide_appeal(*, uow: UnitOfWork, data: DecisionData, zone: ZoneInfo,
                        at: datetime | None = None) -> m.Appeal:
    """HR decides a pending appeal while its period is open; nobody decides their own."""
    require_hr(uow.actor, "decide appeals")
    at = _now(at)
    appeal = await m.Appeal.filter(id=data.appeal_id).using_db(uow.connection).select_for_update().first()
    if appeal is None:
        raise NotFound("no such appeal", field="appealId")
    await check_open(uow, appeal.period)
    decision = decide(current=appeal.status, accept=data.accept, response=data.response,
                      adjusted_actual=data.adjusted_actual, adjusted_score=data.adjusted_score,
                      decider_id=uow.actor.employee_id, appellant_id=appeal.employee_id,
                      rules=await rules_for_period(appeal.period, connection=uow.connection))
    decider = None
    if uow.actor.employee_id is not None:
        decider = await m.Employee.filter(id=uow.actor.employee_id).using_db(uow.connection).first()
    before = {"status": appeal.status.value}
    appeal.status = decision.status
    appeal.response = decision.response
    appeal.adjusted_actual = decision.adjusted_actual
    appeal.adjusted_score = decision.adjusted_score
    appeal.decided_at = at
    appeal.decided_by_id = uow.actor.employee_id
    appeal.decided_by_label = actor_label(uow.actor, decider.name if decider else None)
    await appeal.save(using_db=uow.connection)
    after: dict[str, Any] = {"status": decision.status.value, "response": decision.response,
                             "adjusted_actual": decision.adjusted_actual, "adjusted_score": decision.adjusted_score}
    if decision.status is AppealStatus.ACCEPTED:
        card = await scorecard(appeal.employee_id, appeal.period, zone=zone, now=at, connection=uow.connection)
        if card is not None and card.card is not None and card.card.total is not None:
            after["total_after"] = shown(card.card.total, 4)
    await uow.audit(action="performance.appeal.decide", entity="performance_appeal", entity_id=appeal.id,
                    before={**before, **appeal.line_at_appeal}, after=after)
    return appeal


# --- reads -------------------------------------------------------------------------------------------------


def can_read_appeal(viewer: Viewer, appeal: m.Appeal) -> bool:
    return (viewer.is_hr or viewer.employee_id == appeal.employee_id
            or (viewer.has_role(Role.MANAGER) and viewer.department_id == appeal.department_id_at_appeal))


async def list_appeals(*, viewer: Viewer, period: str | None, status: AppealStatus | None,
                       first: int) -> list[m.Appeal]:
    """HR sees every appeal (the queue); a manager their department's; everyone their own. Oldest pending first."""
    query = m.Appeal.all()
    if not viewer.is_hr:
        if viewer.employee_id is None:
            return []
        scope = Q(employee_id=viewer.employee_id)
        if viewer.has_role(Role.MANAGER) and viewer.department_id is not None:
            scope |= Q(department_id_at_appeal=viewer.department_id)
        query = query.filter(scope)
    if period:
        query = query.filter(period=assessment_period(period))
    if status is not None:
        query = query.filter(status=status)
    if not 1 <= first <= 200:
        raise ValidationError("first must be between 1 and 200", field="first")
    return list(await query.order_by("submitted_at", "id").limit(first).prefetch_related("indicator", "employee"))
