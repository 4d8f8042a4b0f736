"""The collaboration reward fund (SPEC §6.2): HR sets the year's planned profit and settles the year once;
everyone reads the fund (settled and frozen, or an estimate from the planned profit and the year so far)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from backend.domain import fund as rules
from backend.domain.errors import Conflict, PermissionDenied, ValidationError
from backend.domain.explain import ExplainedAmount
from backend.domain.explain_codec import from_json, to_json
from backend.domain.periods import period_of
from backend.domain.reward_events import CountersChanged
from backend.events.bus import EventBus
from backend.persistence.models import Employee, FundPlan, FundSettlement, FundShare, Region
from backend.services import clock
from backend.services.fund_facts import region_years, year_end
from backend.services.rulesets import rules_at
from backend.services.uow import UnitOfWork


class FundStatus(str, Enum):
    SETTLED = "SETTLED"  # frozen: the shares are what is paid
    ESTIMATE = "ESTIMATE"  # from HR's planned profit and the year's figures so far
    NO_PLAN = "NO_PLAN"  # not settled and no planned profit: nothing to estimate from


@dataclass(frozen=True, slots=True)
class FundView:
    year: int
    status: FundStatus
    result: rules.FundResult | None
    names: dict[int, tuple[str, str]]  # employee id → (employee number, name)
    settled_at: datetime | None = None
    settled_by: str | None = None
    reason_zh: str = ""
    reason_en: str = ""


def _require_hr(uow: UnitOfWork) -> None:
    if not uow.actor.is_hr:
        raise PermissionDenied("only HR may set the planned profit or settle the fund")


async def set_planned_profit(*, uow: UnitOfWork, year: int, profit: Decimal) -> FundPlan:
    """HR plans the year's profit (the counters' fund estimate until the year is settled); audited."""
    _require_hr(uow)
    year, profit = rules.check_year(year), rules.check_profit(profit)
    if await FundSettlement.filter(year=year).using_db(uow.connection).exists():
        raise Conflict(f"the fund of {year} is settled: a planned profit no longer changes anything", field="year")
    plan = await FundPlan.filter(year=year).using_db(uow.connection).select_for_update().first()
    before = None if plan is None else {"year": year, "planned_profit": plan.planned_profit}
    now = clock.now()
    if plan is None:
        plan = await FundPlan.create(year=year, planned_profit=profit, set_by=uow.actor.label, updated_at=now,
                                     using_db=uow.connection)
    else:
        plan.planned_profit, plan.set_by, plan.updated_at = profit, uow.actor.label, now
        await plan.save(using_db=uow.connection)
    await uow.audit(action="fund.plan", entity="fund_plan", entity_id=year, before=before,
                    after={"year": year, "planned_profit": profit})
    return plan


@dataclass(frozen=True, slots=True)
class Settled:
    settlement: FundSettlement
    created: bool  # False: the same settlement was asked again; nothing was written


async def settle_collaboration_fund(*, uow: UnitOfWork, year: int, profit: Decimal) -> Settled:
    """Settle a finished year once: gates, quotas, shares frozen with their explanations; audited.
    Asked again with the same profit it returns the settlement as it is; with another profit it is refused."""
    _require_hr(uow)
    year, profit = rules.check_year(year), rules.check_profit(profit)
    if year >= clock.today().year:
        raise ValidationError(f"{year} has not ended: the fund is settled on the year's actual profit",
                              field="year")
    existing = await FundSettlement.filter(year=year).using_db(uow.connection).first()
    if existing is not None:
        if Decimal(existing.profit) == profit:
            return Settled(existing, created=False)
        raise Conflict(f"the fund of {year} was settled on {existing.settled_at.date()} with profit "
                       f"{existing.profit}: a settlement is frozen", field="year")
    ruleset = await rules_at(year_end(year), connection=uow.connection)
    result = rules.settle(year=year, profit=profit, regions=await region_years(year, connection=uow.connection),
                          rules=ruleset)
    paid = result.fund.value - result.retained.value
    settlement = await FundSettlement.create(
        year=year, profit=profit, fund=result.fund.value, paid=paid, retained=result.retained.value,
        rule_version=ruleset.version, settled_by=uow.actor.label, settled_at=clock.now(),
        regions=[_region_json(r) for r in result.regions],
        fund_explanation={"fund": to_json(result.fund), "retained": to_json(result.retained)},
        using_db=uow.connection)
    region_ids = dict(await Region.all().using_db(uow.connection).values_list("code", "id"))
    await FundShare.bulk_create([
        FundShare(settlement_id=settlement.id, employee_id=s.employee_id, region_id=region_ids[s.region],
                  side=s.side, amount=s.amount.value, explanation=to_json(s.amount))
        for s in result.shares], using_db=uow.connection)
    await uow.audit(action="fund.settle", entity="fund_settlement", entity_id=year, before=None, after={
        "year": year, "profit": profit, "fund": result.fund.value, "paid": paid, "retained": result.retained.value,
        "rule_version": ruleset.version,
        **{f"quota:{r.code}": r.quota.value for r in result.regions if r.qualifies},
        **{f"share:{s.region}:{s.side}:{s.employee_no}": s.amount.value for s in result.shares}})
    return Settled(settlement, created=True)


def _region_json(region: rules.RegionResult) -> dict[str, Any]:
    return {"code": region.code, "achievement_met": region.achievement_met,
            "satisfaction_met": region.satisfaction_met, "excess": str(region.excess),
            **{name: to_json(getattr(region, name))
               for name in ("achievement", "satisfaction", "quota", "frontline", "backend")}}


async def _settled(settlement: FundSettlement, connection: Any = None) -> rules.FundResult:
    codes = dict(await Region.all().using_db(connection).values_list("id", "code"))
    rows = await FundShare.filter(settlement_id=settlement.id).using_db(connection).select_related("employee") \
        .order_by("id")
    shares = [rules.Share(r.employee_id, r.employee.employee_no, codes[r.region_id], r.side, from_json(r.explanation))
              for r in rows]
    regions = tuple(rules.RegionResult(
        code=r["code"], achievement=from_json(r["achievement"]), satisfaction=from_json(r["satisfaction"]),
        achievement_met=r["achievement_met"], satisfaction_met=r["satisfaction_met"], excess=Decimal(r["excess"]),
        quota=from_json(r["quota"]), frontline=from_json(r["frontline"]), backend=from_json(r["backend"]),
        shares=tuple(s for s in shares if s.region == r["code"])) for r in settlement.regions)
    figures = settlement.fund_explanation
    return rules.FundResult(year=settlement.year, profit=Decimal(settlement.profit), fund=from_json(figures["fund"]),
                            regions=regions, retained=from_json(figures["retained"]),
                            rule_version=settlement.rule_version, shares=tuple(shares))


def _through(year: int) -> str:
    today = clock.today()
    return f"{year:04d}-12" if year < today.year else f"{year:04d}-{today.month:02d}"


async def estimate(year: int, planned_profit: Decimal) -> rules.FundResult:
    """The settlement as it would be with the planned profit and the year's figures so far (targets of the
    periods so far only: a region is judged against what it should have reached by now)."""
    ruleset = await rules_at(min(clock.now(), year_end(year)))
    return rules.settle(year=year, profit=planned_profit, regions=await region_years(year, through=_through(year)),
                        rules=ruleset)


async def fund_view(year: int) -> FundView:
    """The year's fund: settled (frozen), else an estimate from the planned profit, else why there is none."""
    rules.check_year(year)
    settlement = await FundSettlement.filter(year=year).first()
    if settlement is not None:
        result = await _settled(settlement)
        return FundView(year, FundStatus.SETTLED, result, await _names(result), settled_at=settlement.settled_at,
                        settled_by=settlement.settled_by)
    plan = await FundPlan.filter(year=year).first()
    if plan is None:
        return FundView(year, FundStatus.NO_PLAN, None, {},
                        reason_zh=f"{year} 年尚未结算，HR 也未设定计划利润：无法预估",
                        reason_en=f"{year} is not settled and HR has set no planned profit: nothing to estimate from")
    key = (year, plan.id, str(plan.planned_profit), plan.updated_at.isoformat())
    cached = _estimates.get(key)
    if cached is not None and time.monotonic() - cached[0] < ESTIMATE_TTL_SECONDS:
        return cached[1]
    view = await _estimate_view(year, plan)
    _estimates.clear()  # one year's estimate at a time is what counters read
    _estimates[key] = (time.monotonic(), view)
    return view


# The estimate reads the whole year so far; counters are rebuilt on every order and resolution, so it is kept
# for a few seconds per process (a new or changed plan is a new key: seen at once).
ESTIMATE_TTL_SECONDS = 30.0
_estimates: dict[tuple[int, int, str, str], tuple[float, FundView]] = {}


def forget_estimates() -> None:
    _estimates.clear()


async def _estimate_view(year: int, plan: FundPlan) -> FundView:
    result = await estimate(year, Decimal(plan.planned_profit))
    return FundView(year, FundStatus.ESTIMATE, result, await _names(result),
                    reason_zh=f"按 HR 设定的计划利润 {plan.planned_profit} 与截至 {_through(year)} 的数据预估"
                              f"（至多每 {ESTIMATE_TTL_SECONDS:.0f} 秒重算）",
                    reason_en=f"estimated from HR's planned profit {plan.planned_profit} and the figures through "
                              f"{_through(year)} (recomputed at most every {ESTIMATE_TTL_SECONDS:.0f} s)")


async def announce(bus: EventBus, year: int) -> int:
    """After a committed plan change: push the counters of everyone with a share in the year's estimate (the
    current year's counters show it). Returns how many were told."""
    if year != clock.today().year:
        return 0
    view = await fund_view(year)
    ids = tuple(sorted({s.employee_id for s in view.result.shares})) if view.result else ()
    if ids:
        event = CountersChanged(employee_ids=ids, periods=(period_of(clock.now(), clock.zone()),),
                                cause="FUND_PLANNED")
        for channel in event.channels:
            await bus.publish(channel, event.to_message())
    return len(ids)


async def _names(result: rules.FundResult) -> dict[int, tuple[str, str]]:
    ids = {s.employee_id for s in result.shares}
    return {e["id"]: (e["employee_no"], e["name"])
            for e in await Employee.filter(id__in=ids).values("id", "employee_no", "name")} if ids else {}


async def fund_shares(employee_ids: list[int], year: int) -> dict[int, ExplainedAmount]:
    """Each person's fund figure for the year: their frozen share once settled, else the estimate. No plan and
    no settlement: nobody has a figure (null; collaborationFund(year) says why)."""
    view = await fund_view(year)
    if view.result is None:
        return {}
    estimate_ = view.status is FundStatus.ESTIMATE
    note_zh = f"；{view.reason_zh}" if estimate_ else ""
    note_en = f"; {view.reason_en}" if estimate_ else ""
    return {employee_id: rules.employee_share(view.result, employee_id, estimate=estimate_, note_zh=note_zh,
                                              note_en=note_en) for employee_id in employee_ids}
