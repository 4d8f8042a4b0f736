"""Backend bonus linkage (SPEC §6.3) and the performance bonus it multiplies (SPEC §6.1), each figure explained.

Pure: no ORM, no IO.

A, the link-weighted revenue achievement of the regions a backend department supports, is the weighted mean of
each linked region's own achievement:

    A = Σ_r w_r × (actual_r ÷ target_r) ÷ Σ_r w_r

over the linked regions that have a positive revenue target for the period (a region without a target has no
achievement to weigh and is listed as left out). actual_r = the amounts of the region's CREDITED orders whose
credit period is the period. A weighted mean of achievements (not Σ w·actual ÷ Σ w·target) so that a small
region beating its target counts as much as its link weight says, whatever the size of its target.

    multiplier = 1 + min(cap, slope × max(0, A − 1))

A department with no linked region (or none with a target) has multiplier 1, and the explanation says why.
A and the multiplier keep full precision (SPEC §9); only the bonus they multiply is rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from backend.domain.explain import ExplainedAmount, Explanation, Input, Source, SourceKind, text
from backend.domain.money import to_money
from backend.domain.rules import RuleSet

ONE = Decimal(1)
ZERO = Decimal(0)
HALF_UP_ZH = "按分四舍五入（ROUND_HALF_UP）"
HALF_UP_EN = "rounded to the cent, half-up"
FULL_ZH = "保留全部精度，不舍入"
FULL_EN = "full precision, not rounded"


@dataclass(frozen=True, slots=True)
class LinkedRegion:
    """One region a backend department supports, with its link weight and the period's figures."""

    code: str
    weight: Decimal
    actual: Decimal  # credited orders' amounts in the period
    target: Decimal | None  # the period's revenue target; None when none was set
    orders: int = 0  # how many credited orders the actual sums (shown, not used)


@dataclass(frozen=True, slots=True)
class Linkage:
    achievement: Decimal | None  # A; None when no linked region has a target
    uplift: Decimal  # min(cap, slope × max(0, A − 1))
    multiplier: ExplainedAmount  # 1 + uplift, explained with every region's figures


def _rule(rules: RuleSet) -> Source:
    return Source(SourceKind.RULE_SET, rules.version, f"rule set {rules.version}")


def region_achievement(region: LinkedRegion, period: str) -> ExplainedAmount:
    """actual ÷ target of one linked region (a part of the linkage explanation)."""
    target_src = Source(SourceKind.REGION_TARGET, f"{region.code}:{period}", f"{region.code} target {period}")
    orders_src = Source(SourceKind.ORDER, f"{region.code}:{period}:CREDITED",
                        f"{region.orders} credited orders of {region.code} in {period}")
    link_src = Source(SourceKind.SUPPORT_LINK, region.code, f"support link to {region.code}")
    inputs = (Input("actual", "片区实际收入", "region revenue", text(region.actual), (orders_src,)),
              Input("target", "片区收入目标", "region revenue target",
                    text(region.target) if region.target is not None else "none", (target_src,)),
              Input("weight", "关联权重", "link weight", text(region.weight), (link_src,)))
    if region.target is None or region.target <= 0:
        return ExplainedAmount(ZERO, Explanation(
            formula_zh=f"{region.code} 在 {period} 没有收入目标：不计入 A",
            formula_en=f"{region.code} has no revenue target for {period}: left out of A", inputs=inputs),
            label_zh=f"{region.code} 达成率", label_en=f"{region.code} achievement",
            extra={"region": region.code, "counted": "false"})
    return ExplainedAmount(region.actual / region.target, Explanation(
        formula_zh="达成率 = 实际收入 ÷ 收入目标", formula_en="achievement = actual ÷ target", inputs=inputs,
        rounding_zh=FULL_ZH, rounding_en=FULL_EN),
        label_zh=f"{region.code} 达成率", label_en=f"{region.code} achievement",
        extra={"region": region.code, "counted": "true"})


def linkage(*, department: str, regions: Sequence[LinkedRegion], period: str, rules: RuleSet) -> Linkage:
    """The department's multiplier for the period from its linked regions' achievements (see module doc)."""
    regions = sorted(regions, key=lambda r: r.code)
    parts = tuple(region_achievement(r, period) for r in regions)
    counted = [(r, p.value) for r, p in zip(regions, parts, strict=True)
               if r.target is not None and r.target > 0 and r.weight > 0]
    rule = _rule(rules)
    params = (Input("slope", "联动斜率", "linkage slope", text(rules.linkage_slope), (rule,)),
              Input("cap", "上浮上限", "uplift cap", text(rules.linkage_uplift_cap), (rule,)))
    region_inputs = tuple(i for r, p in zip(regions, parts, strict=True) for i in (
        Input(f"weight:{r.code}", f"{r.code} 关联权重", f"{r.code} link weight", text(r.weight),
              p.explanation.inputs[2].sources),
        Input(f"actual:{r.code}", f"{r.code} 实际收入", f"{r.code} revenue", text(r.actual),
              p.explanation.inputs[0].sources),
        Input(f"target:{r.code}", f"{r.code} 收入目标", f"{r.code} target",
              text(r.target) if r.target is not None else "none", p.explanation.inputs[1].sources)))
    if not counted:
        why_zh = f"{department} 未关联任何片区" if not regions else f"{department} 关联的片区在 {period} 都没有收入目标"
        why_en = (f"{department} supports no region" if not regions
                  else f"no region {department} supports has a revenue target for {period}")
        return Linkage(achievement=None, uplift=ZERO, multiplier=ExplainedAmount(ONE, Explanation(
            formula_zh=f"联动系数 = 1（{why_zh}）", formula_en=f"multiplier = 1 ({why_en})",
            inputs=params + region_inputs, rule_version=rules.version, parts=parts),
            label_zh="奖金联动系数", label_en="bonus linkage multiplier",
            extra={"achievement": "", "uplift": "0", "department": department}))
    weight_sum = sum((r.weight for r, _ in counted), ZERO)
    achievement = sum((r.weight * a for r, a in counted), ZERO) / weight_sum
    uplift = min(rules.linkage_uplift_cap, rules.linkage_slope * max(ZERO, achievement - ONE))
    return Linkage(achievement=achievement, uplift=uplift, multiplier=ExplainedAmount(ONE + uplift, Explanation(
        formula_zh="联动系数 = 1 + min(上浮上限, 联动斜率 × max(0, A − 1))；A = Σ 权重 × 实际收入 ÷ 收入目标 ÷ Σ 权重"
                   "（仅计有收入目标的关联片区）",
        formula_en="multiplier = 1 + min(cap, slope × max(0, A − 1)); A = Σ weight × actual ÷ target ÷ Σ weight "
                   "(linked regions with a target only)",
        inputs=(Input("A", "关联片区加权达成率", "link-weighted achievement", text(achievement)),
                *params, *region_inputs),
        rounding_zh=FULL_ZH, rounding_en=FULL_EN, rule_version=rules.version, parts=parts),
        label_zh="奖金联动系数", label_en="bonus linkage multiplier",
        extra={"achievement": text(achievement), "uplift": text(uplift), "department": department}))


@dataclass(frozen=True, slots=True)
class Coefficient:
    """The performance coefficient as the bonus reads it: None = not assessed (counts as 1.0, and says so)."""

    value: Decimal | None
    explanation_zh: str
    explanation_en: str
    rule_version: str | None = None
    source_id: str = ""  # the scorecard as the API names it (employee:period)


def performance_bonus(*, target_bonus: Decimal, coefficient: Coefficient, multiplier: ExplainedAmount | None,
                      period: str, rules: RuleSet, employee_ref: str) -> ExplainedAmount:
    """target bonus × coefficient (not assessed → 1.0) × linkage multiplier (backend staff; else 1), half-up."""
    used = coefficient.value if coefficient.value is not None else ONE
    card = Source(SourceKind.SCORECARD, coefficient.source_id or f"{employee_ref}:{period}",
                  f"scorecard {period}")
    if coefficient.value is None:
        coefficient_input = Input("coefficient", "绩效系数（未考核，按 1.0 计）",
                                  "performance coefficient (not assessed: 1.0)", text(used), (card,))
        note_zh, note_en = f"；未考核：{coefficient.explanation_zh}，系数按 1.0 计", \
            f"; not assessed: {coefficient.explanation_en}, coefficient taken as 1.0"
    else:
        coefficient_input = Input("coefficient", "绩效系数", "performance coefficient", text(used), (card,))
        note_zh, note_en = f"；{coefficient.explanation_zh}", f"; {coefficient.explanation_en}"
    employee = Source(SourceKind.EMPLOYEE, employee_ref, f"employee {employee_ref}")
    inputs = [Input("targetBonus", "目标奖金", "target bonus", text(target_bonus), (employee,)), coefficient_input]
    parts: tuple[ExplainedAmount, ...] = ()
    if multiplier is not None:
        inputs.append(Input("multiplier", "奖金联动系数", "linkage multiplier", text(multiplier.value)))
        parts = (multiplier,)
        formula_zh, formula_en = "绩效奖金 = 目标奖金 × 绩效系数 × 联动系数", \
            "performance bonus = target bonus × coefficient × linkage multiplier"
        value = target_bonus * used * multiplier.value
    else:
        formula_zh, formula_en = "绩效奖金 = 目标奖金 × 绩效系数（一线员工无联动）", \
            "performance bonus = target bonus × coefficient (frontline: no linkage)"
        value = target_bonus * used
    return ExplainedAmount(to_money(value), Explanation(
        formula_zh=formula_zh + note_zh, formula_en=formula_en + note_en, inputs=tuple(inputs),
        rounding_zh=HALF_UP_ZH, rounding_en=HALF_UP_EN, rule_version=rules.version, parts=parts),
        label_zh="绩效奖金（预估）", label_en="performance bonus (estimate)",
        extra={"assessed": "true" if coefficient.value is not None else "false"})
