"""A person's reward counter for a period (issue 8 item 8): commission gross/accrued/net, pending commission,
pool contribution value, and the fund branch's estimates — each figure explained, read from the running
totals (a fixed number of queries, whatever the number of orders) plus the latest records as its parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from backend.domain.explain import ExplainedAmount, Explanation, Input, Source, SourceKind, text
from backend.domain.money import ZERO
from backend.domain.org import DepartmentKind
from backend.domain.rewards import OrderStatus, OrderType, explained_total, figures_with
from backend.persistence.models import (
    Employee,
    EmployeeRewardDay,
    EmployeeRewardTotal,
    LedgerEntry,
    Order,
    PoolPoints,
    Region,
)
from backend.services import clock, reward_estimates
from backend.services.pools import pool_view
from backend.services.rulesets import rules_at

PARTS_LIMIT = 100  # orders listed under a total; the total itself always comes from the ledger


@dataclass(frozen=True, slots=True)
class TrendPoint:
    day: date
    commission_net: Decimal
    pool_contribution: Decimal


@dataclass(frozen=True, slots=True)
class Counter:
    employee_id: int
    employee_no: str
    period: str
    rule_version: str
    backend: bool
    commission_gross: ExplainedAmount
    commission_accrued: ExplainedAmount
    commission_net: ExplainedAmount
    pending_commission: ExplainedAmount
    pool_contribution: ExplainedAmount
    performance_bonus: ExplainedAmount | None
    linkage: ExplainedAmount | None
    project_bonus: ExplainedAmount | None
    fund_estimate: ExplainedAmount | None
    trend: list[TrendPoint]


def _ref(order: Order) -> str:
    return order.client_order_id


def _figures(order: Order) -> tuple[ExplainedAmount, ExplainedAmount, ExplainedAmount]:
    f = figures_with(amount=order.amount, order_type=OrderType(order.type), rate=order.commission_rate,
                     ratio=order.accrual_ratio, version=order.rule_version, order_ref=_ref(order),
                     label=f"{order.customer} {order.occurred_at.date()}")
    return f.commission, f.accrual, f.net


def _reversed(value: ExplainedAmount, order: Order) -> ExplainedAmount:
    source = Source(SourceKind.ORDER, _ref(order), f"cancelled: {order.cancel_reason or ''}".strip())
    return ExplainedAmount(-value.value, Explanation(
        formula_zh=f"冲销：订单已取消（{order.cancel_reason or ''}）", formula_en=f"reversal: order cancelled "
        f"({order.cancel_reason or ''})", inputs=(Input("reversed", "被冲销金额", "amount reversed",
                                                       text(value.value), (source,)),),
        rule_version=order.rule_version, parts=(value,)), label_zh="冲销", label_en="reversal")


async def _order_parts(employee_id: int, period: str) -> tuple[list[ExplainedAmount], ...]:
    """Each order's commission, accrual and net booked in the period (and reversals landing in it)."""
    rows = await LedgerEntry.filter(employee_id=employee_id, period=period, figure="COMMISSION") \
        .order_by("-id").limit(PARTS_LIMIT).values("order_id", "amount")
    orders = {o.id: o for o in await Order.filter(id__in={r["order_id"] for r in rows if r["order_id"]})}
    gross: list[ExplainedAmount] = []
    accrued: list[ExplainedAmount] = []
    net: list[ExplainedAmount] = []
    for row in reversed(rows):
        order = orders.get(row["order_id"])
        if order is None:
            continue
        parts = _figures(order)
        if Decimal(str(row["amount"])) < 0:
            parts = tuple(_reversed(p, order) for p in parts)  # type: ignore[assignment]
        gross.append(parts[0])
        accrued.append(parts[1])
        net.append(parts[2])
    return gross, accrued, net


async def _pending(employee_id: int, period: str, value: Decimal) -> ExplainedAmount:
    orders = await Order.filter(employee_id=employee_id, occurred_period=period, status=OrderStatus.PENDING) \
        .order_by("-id").limit(PARTS_LIMIT)
    parts = []
    for order in reversed(orders):
        commission = _figures(order)[0]
        blocker = Source(SourceKind.SUPPORT_REQUEST, str(order.blocking_request_id), "blocking request")
        parts.append(ExplainedAmount(commission.value, Explanation(
            formula_zh="待阻塞需求解决后计入提成",
            formula_en="becomes commission when the blocking request is resolved",
            inputs=(Input("blockingRequest", "阻塞需求", "blocking request", str(order.blocking_request_id),
                          (blocker,)),), rule_version=order.rule_version, parts=(commission,)),
            label_zh="待计提成", label_en="pending commission"))
    return explained_total(value, parts, label_zh="待计提成", label_en="pending commission",
                           formula_zh="本期订单中被协同需求阻塞者的提成之和",
                           formula_en="Σ commission of this period's orders still blocked by a support request")


async def _pool_contribution(employee_id: int, period: str, value: Decimal, backend: bool) -> ExplainedAmount:
    if not backend:
        return ExplainedAmount(ZERO, Explanation(
            formula_zh="一线员工不参与后端支撑奖池分配（其提成的计提进入片区奖池）",
            formula_en="frontline staff do not share the backend support pools (their accrual feeds them)"),
            label_zh="奖励贡献值", label_en="reward contribution value")
    parts = []
    region_ids = await PoolPoints.filter(employee_id=employee_id, period=period) \
        .values_list("region_id", flat=True)
    for region in await Region.filter(id__in=list(region_ids)).order_by("code"):
        view = await pool_view(region=region, period=period)
        share = view.split.shares.get(employee_id)
        if share is not None:
            parts.append(ExplainedAmount(share.value, share.explanation, label_zh=f"{region.name}奖池份额",
                                         label_en=f"share of {region.code}'s pool"))
    return explained_total(value, parts, label_zh="奖励贡献值", label_en="reward contribution value",
                           formula_zh="本期各片区支撑奖池中本人份额之和（随订单与需求实时变化）",
                           formula_en="Σ own share of every region's support pool this period (live)")


async def reward_counter(*, employee_id: int, period: str) -> Counter | None:
    employee = await Employee.filter(id=employee_id).select_related("department").first()
    if employee is None:
        return None
    backend = employee.department.kind is DepartmentKind.BACKEND
    totals = await EmployeeRewardTotal.filter(employee_id=employee_id, period=period).first()
    account = totals or EmployeeRewardTotal(employee_id=employee_id, period=period, commission=ZERO,
                                            accrual=ZERO, net=ZERO, pending_commission=ZERO, pool_share=ZERO)
    gross, accrued, net = await _order_parts(employee_id, period)
    rules = await rules_at(clock.now())
    ids = [employee_id]
    bonus = await reward_estimates.performance_bonus_estimates(ids, period)
    linked = await reward_estimates.linkage(ids, period)
    project = await reward_estimates.project_bonus_estimates(ids, period)
    fund = await reward_estimates.fund_estimates(ids, int(period[:4]))
    days = await EmployeeRewardDay.filter(employee_id=employee_id, period=period).order_by("day")
    return Counter(
        employee_id=employee_id, employee_no=employee.employee_no, period=period, rule_version=rules.version,
        backend=backend,
        commission_gross=explained_total(Decimal(account.commission), gross, label_zh="提成（毛额）",
                                         label_en="commission (gross)", formula_zh="本期计入的各订单提成之和",
                                         formula_en="Σ commission of the orders credited this period"),
        commission_accrued=explained_total(Decimal(account.accrual), accrued, label_zh="协同计提",
                                           label_en="collaboration accrual",
                                           formula_zh="各订单提成 × 计提比例之和（进入片区支撑奖池）",
                                           formula_en="Σ commission × accrual ratio (into the region's pool)"),
        commission_net=explained_total(Decimal(account.net), net, label_zh="一线留存提成", label_en="net commission",
                                       formula_zh="提成 − 协同计提", formula_en="commission − accrual"),
        pending_commission=await _pending(employee_id, period, Decimal(account.pending_commission)),
        pool_contribution=await _pool_contribution(employee_id, period, Decimal(account.pool_share), backend),
        performance_bonus=bonus.get(employee_id), linkage=linked.get(employee_id),
        project_bonus=project.get(employee_id), fund_estimate=fund.get(employee_id),
        trend=[TrendPoint(day=d.day, commission_net=d.net, pool_contribution=d.pool_share) for d in days])
