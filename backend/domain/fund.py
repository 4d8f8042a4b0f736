"""The collaboration reward fund (SPEC §6.2), every figure explained. Pure: no ORM, no IO.

    fund = profit × fund ratio (half-up)
    a region qualifies when achievement = revenue ÷ Σ period targets of the year ≥ achievement gate
                        and satisfaction = mean rating × 20 of its rated requests resolved that year ≥ gate
    quota_r  = fund split over the qualifying regions by revenue above target (largest remainder, ties by code)
    quota_r  → frontline / backend by the frontline split (largest remainder; a tie goes to the frontline);
               a side with nobody to pay passes its part to the other side
    frontline members by their credited revenue in the region, backend members by their support points on
    the region's requests resolved that year (largest remainder, ties by employee number).

No qualifying region: the fund is retained — nothing is paid and nothing carries into next year's fund (the
fund is a share of each year's profit; carrying it would pay next year for this year's result). The settlement
records it as `retained` with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from backend.domain.errors import ValidationError
from backend.domain.explain import ExplainedAmount, Explanation, Input, Source, SourceKind, text
from backend.domain.money import ZERO, allocate, is_whole_cents, to_money
from backend.domain.rules import RuleSet

HALF_UP_ZH = "按分四舍五入（ROUND_HALF_UP）"
HALF_UP_EN = "rounded to the cent, half-up"
LR_REGIONS_ZH = "最大余数法分配到分，余数相同按片区代码升序"
LR_REGIONS_EN = "whole cents by largest remainder; ties by region code, ascending"
LR_SIDES_ZH = "最大余数法分配到分，余数相同归一线"
LR_SIDES_EN = "whole cents by largest remainder; a tie goes to the frontline"
LR_MEMBERS_ZH = "最大余数法分配到分，余数相同按工号升序"
LR_MEMBERS_EN = "whole cents by largest remainder; ties by employee number, ascending"
FULL_ZH = "保留全部精度，不舍入"
FULL_EN = "full precision, not rounded"
FRONTLINE, BACKEND = "FRONTLINE", "BACKEND"


@dataclass(frozen=True, slots=True)
class Member:
    """A person with a weight in a region's quota: revenue (frontline) or support points (backend)."""

    employee_id: int
    employee_no: str
    weight: Decimal
    sources: tuple[Source, ...] = ()  # the orders or requests the weight sums


@dataclass(frozen=True, slots=True)
class RegionYear:
    """A region's facts over the fund's year (or the year so far, for an estimate)."""

    code: str
    revenue: Decimal  # credited orders' amounts
    target: Decimal  # Σ of the periods' revenue targets
    rating_sum: int = 0  # of its requests resolved in the year that were rated
    rating_count: int = 0
    frontline: tuple[Member, ...] = ()
    backend: tuple[Member, ...] = ()
    target_periods: tuple[str, ...] = ()  # which periods' targets were summed (shown)


@dataclass(frozen=True, slots=True)
class RegionResult:
    code: str
    achievement: ExplainedAmount  # value 0 with "no target" when the target is 0
    satisfaction: ExplainedAmount  # value 0 with "no rated request" when none was rated
    achievement_met: bool
    satisfaction_met: bool
    excess: Decimal  # revenue above target (0 unless qualifying)
    quota: ExplainedAmount
    frontline: ExplainedAmount
    backend: ExplainedAmount
    shares: tuple[Share, ...]

    @property
    def qualifies(self) -> bool:
        return self.achievement_met and self.satisfaction_met


@dataclass(frozen=True, slots=True)
class Share:
    employee_id: int
    employee_no: str
    region: str
    side: str  # FRONTLINE | BACKEND
    amount: ExplainedAmount


@dataclass(frozen=True, slots=True)
class FundResult:
    year: int
    profit: Decimal
    fund: ExplainedAmount
    regions: tuple[RegionResult, ...]
    retained: ExplainedAmount  # the fund when no region qualifies, else 0
    rule_version: str
    shares: tuple[Share, ...] = field(default=())

    def share_of(self, employee_id: int) -> Decimal:
        return sum((s.amount.value for s in self.shares if s.employee_id == employee_id), ZERO)


def check_profit(profit: Decimal) -> Decimal:
    if not profit.is_finite() or not is_whole_cents(profit):
        raise ValidationError("profit must be in yuan with at most 2 decimal places", field="profit")
    if profit < 0:
        raise ValidationError("profit must not be negative (a loss funds nothing: enter 0)", field="profit")
    if profit > Decimal("1000000000000.00"):
        raise ValidationError("profit is above 1,000,000,000,000.00: a typing error?", field="profit")
    return profit.quantize(Decimal("0.01"))


def check_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise ValidationError(f"year {year} is outside 2000–2100", field="year")
    return year


def _rule(rules: RuleSet) -> Source:
    return Source(SourceKind.RULE_SET, rules.version, f"rule set {rules.version}")


def fund_amount(*, year: int, profit: Decimal, rules: RuleSet, profit_label: str = "") -> ExplainedAmount:
    fund_src = Source(SourceKind.FUND, str(year), profit_label or f"collaboration fund {year}")
    return ExplainedAmount(to_money(profit * rules.fund_ratio), Explanation(
        formula_zh="协同奖励基金 = 年度利润 × 基金比例", formula_en="fund = annual profit × fund ratio",
        inputs=(Input("profit", "年度利润", "annual profit", text(profit), (fund_src,)),
                Input("ratio", "基金比例", "fund ratio", text(rules.fund_ratio), (_rule(rules),))),
        rounding_zh=HALF_UP_ZH, rounding_en=HALF_UP_EN, rule_version=rules.version),
        label_zh="协同奖励基金", label_en="collaboration fund")


def _achievement(region: RegionYear, year: int, rules: RuleSet) -> tuple[ExplainedAmount, bool]:
    target_src = Source(SourceKind.REGION_TARGET, f"{region.code}:{year}",
                        f"{region.code} targets {', '.join(region.target_periods) or year}")
    orders_src = Source(SourceKind.ORDER, f"{region.code}:{year}:CREDITED", f"credited orders of {region.code}")
    gate = Input("gate", "达成率门槛", "achievement gate", text(rules.fund_achievement_gate), (_rule(rules),))
    inputs = (Input("revenue", "年度实际收入", "revenue of the year", text(region.revenue), (orders_src,)),
              Input("target", "年度收入目标（各期之和）", "target (sum of the periods)", text(region.target),
                    (target_src,)), gate)
    if region.target <= 0:
        return ExplainedAmount(ZERO, Explanation(
            formula_zh=f"{region.code} 没有收入目标：不参与基金", formula_en=f"{region.code} has no target: it cannot "
                                                                        "qualify", inputs=inputs,
            rule_version=rules.version), label_zh="年度达成率", label_en="achievement of the year"), False
    value = region.revenue / region.target
    met = value >= rules.fund_achievement_gate
    return ExplainedAmount(value, Explanation(
        formula_zh=f"达成率 = 年度实际收入 ÷ 年度收入目标；{'≥' if met else '<'} 门槛",
        formula_en=f"achievement = revenue ÷ target; {'≥' if met else '<'} gate", inputs=inputs,
        rounding_zh=FULL_ZH, rounding_en=FULL_EN, rule_version=rules.version),
        label_zh="年度达成率", label_en="achievement of the year", extra={"met": str(met).lower()}), met


def _satisfaction(region: RegionYear, year: int, rules: RuleSet) -> tuple[ExplainedAmount, bool]:
    requests = Source(SourceKind.SUPPORT_REQUEST, f"{region.code}:{year}:RATED",
                      f"rated requests of {region.code} resolved in {year}")
    inputs = (Input("ratingSum", "评分之和", "sum of ratings", text(region.rating_sum), (requests,)),
              Input("ratingCount", "已评分需求数", "rated requests", text(region.rating_count), (requests,)),
              Input("gate", "满意度门槛", "satisfaction gate", text(rules.fund_satisfaction_gate), (_rule(rules),)))
    if region.rating_count == 0:
        return ExplainedAmount(ZERO, Explanation(
            formula_zh=f"{region.code} 当年没有已评分的需求：满意度无从判断，不达标",
            formula_en=f"{region.code} has no rated request that year: satisfaction unknown, gate not met",
            inputs=inputs, rule_version=rules.version), label_zh="后端满意度", label_en="backend satisfaction"), False
    value = Decimal(region.rating_sum) * 20 / region.rating_count
    met = value >= rules.fund_satisfaction_gate
    return ExplainedAmount(value, Explanation(
        formula_zh=f"满意度 = 评分之和 ÷ 已评分需求数 × 20；{'≥' if met else '<'} 门槛",
        formula_en=f"satisfaction = sum of ratings ÷ rated requests × 20; {'≥' if met else '<'} gate",
        inputs=inputs, rounding_zh=FULL_ZH, rounding_en=FULL_EN, rule_version=rules.version),
        label_zh="后端满意度", label_en="backend satisfaction", extra={"met": str(met).lower()}), met


def _money(value: Decimal, formula_zh: str, formula_en: str, inputs: Sequence[Input], rounding: tuple[str, str],
           rules: RuleSet, label: tuple[str, str], **extra: str) -> ExplainedAmount:
    return ExplainedAmount(value, Explanation(
        formula_zh=formula_zh, formula_en=formula_en, inputs=tuple(inputs), rounding_zh=rounding[0],
        rounding_en=rounding[1], rule_version=rules.version), label_zh=label[0], label_en=label[1], extra=extra)


def _members(region: str, side: str, amount: Decimal, members: Sequence[Member], rules: RuleSet) -> list[Share]:
    paid = sorted((m for m in members if m.weight > 0), key=lambda m: m.employee_no)
    if not paid or amount == 0:
        return []
    total = sum((m.weight for m in paid), Decimal(0))
    parts = allocate(amount, {m.employee_id: m.weight for m in paid}, order=[m.employee_id for m in paid])
    what_zh, what_en = ("本片区收入", "revenue in the region") if side == FRONTLINE else \
        ("本片区需求的支撑积分", "support points on the region's requests")
    side_zh = "一线" if side == FRONTLINE else "后端"
    shares = []
    for m in paid:
        shares.append(Share(m.employee_id, m.employee_no, region, side, _money(
            parts[m.employee_id], f"基金份额 = {side_zh}额度 × 本人{what_zh} ÷ 全体{what_zh}",
            f"fund share = side amount × own {what_en} ÷ everyone's", (
                Input("sideAmount", "本方额度", "side amount", text(amount),
                      (Source(SourceKind.FUND, f"{region}:{side}", f"{region} {side.lower()} part"),)),
                Input("weight", f"本人{what_zh}", f"own {what_en}", text(m.weight), m.sources),
                Input("totalWeight", f"全体{what_zh}", f"everyone's {what_en}", text(total))),
            (LR_MEMBERS_ZH, LR_MEMBERS_EN), rules, ("协同基金份额", "collaboration fund share"),
            employeeNo=m.employee_no, region=region, side=side)))
    return shares


def _sides(region: RegionYear, quota: Decimal, rules: RuleSet) -> tuple[Decimal, Decimal, str, str]:
    """(frontline, backend, note zh, note en): the split, or all to one side when the other has nobody."""
    has_f = any(m.weight > 0 for m in region.frontline)
    has_b = any(m.weight > 0 for m in region.backend)
    if has_f and not has_b:
        return (quota, ZERO, "（后端无人获得积分，份额全部归一线）",
                " (no backend member earned points: all to the frontline)")
    if has_b and not has_f:
        return ZERO, quota, "（一线无人有收入，份额全部归后端）", " (no frontline revenue: all to the backend)"
    split = rules.fund_split_frontline
    if quota == 0:
        return ZERO, ZERO, "", ""
    parts = allocate(quota, {FRONTLINE: split, BACKEND: 1 - split}, order=[FRONTLINE, BACKEND]) \
        if 0 < split < 1 else {FRONTLINE: quota if split == 1 else ZERO, BACKEND: quota if split == 0 else ZERO}
    return parts[FRONTLINE], parts[BACKEND], "", ""


def settle(*, year: int, profit: Decimal, regions: Sequence[RegionYear], rules: RuleSet) -> FundResult:
    """The whole settlement: gates, quotas, sides and members (see the module doc)."""
    fund = fund_amount(year=year, profit=profit, rules=rules)
    judged = []
    for region in sorted(regions, key=lambda r: r.code):
        achievement, a_met = _achievement(region, year, rules)
        satisfaction, s_met = _satisfaction(region, year, rules)
        judged.append((region, achievement, a_met, satisfaction, s_met))
    qualifying = [(r, r.revenue - r.target) for r, _, a, _, s in judged if a and s and r.revenue > r.target]
    excess_total = sum((e for _, e in qualifying), ZERO)
    quotas = allocate(fund.value, {r.code: e for r, e in qualifying}, order=[r.code for r, _ in qualifying]) \
        if qualifying and fund.value > 0 else {r.code: ZERO for r, _ in qualifying}
    fund_src = Source(SourceKind.FUND, str(year), f"collaboration fund {year}")
    results: list[RegionResult] = []
    all_shares: list[Share] = []
    for region, achievement, a_met, satisfaction, s_met in judged:
        excess = region.revenue - region.target if region.code in quotas else ZERO
        if region.code in quotas:
            quota = _money(quotas[region.code], "片区额度 = 基金 × 本片区超额收入 ÷ 全部达标片区超额收入",
                           "quota = fund × revenue above target ÷ all qualifying regions' revenue above target", (
                               Input("fund", "基金", "fund", text(fund.value), (fund_src,)),
                               Input("excess", "本片区超额收入", "revenue above target", text(excess)),
                               Input("totalExcess", "达标片区超额收入合计", "all qualifying regions' excess",
                                     text(excess_total))),
                           (LR_REGIONS_ZH, LR_REGIONS_EN), rules, ("片区额度", "region quota"), region=region.code)
            f_amt, b_amt, note_zh, note_en = _sides(region, quota.value, rules)
        else:
            why = ("收入未超过目标：无超额可分", "no revenue above target to share") if a_met and s_met else \
                ("未达标：无额度（两项门槛须同时达到）", "not qualifying: no quota (both gates must be met)")
            quota = _money(ZERO, why[0], why[1], (
                               Input("achievementMet", "达成率达标", "achievement gate met", str(a_met).lower()),
                               Input("satisfactionMet", "满意度达标", "satisfaction gate met", str(s_met).lower())),
                           ("", ""), rules, ("片区额度", "region quota"), region=region.code)
            f_amt, b_amt, note_zh, note_en = ZERO, ZERO, "", ""
        split_inputs = (Input("quota", "片区额度", "region quota", text(quota.value)),
                        Input("split", "一线比例", "frontline split", text(rules.fund_split_frontline),
                              (_rule(rules),)))
        frontline = _money(f_amt, "一线额度 = 片区额度 × 一线比例" + note_zh,
                           "frontline part = quota × split" + note_en,
                           split_inputs, (LR_SIDES_ZH, LR_SIDES_EN), rules, ("一线额度", "frontline part"))
        backend = _money(b_amt, "后端额度 = 片区额度 − 一线额度" + note_zh, "backend part = quota − frontline part"
                         + note_en, split_inputs, (LR_SIDES_ZH, LR_SIDES_EN), rules, ("后端额度", "backend part"))
        shares = tuple(_members(region.code, FRONTLINE, f_amt, region.frontline, rules)
                       + _members(region.code, BACKEND, b_amt, region.backend, rules))
        all_shares.extend(shares)
        results.append(RegionResult(region.code, achievement, satisfaction, a_met, s_met, excess, quota, frontline,
                                    backend, shares))
    paid = sum((s.amount.value for s in all_shares), ZERO)
    retained_value = fund.value - paid
    retained = _money(retained_value, "留存 = 基金 − 已分配（无达标片区时基金留存，不结转至下一年）",
                      "retained = fund − paid (with no qualifying region the fund is retained, not carried "
                      "into next year)", (Input("fund", "基金", "fund", text(fund.value), (fund_src,)),
                                          Input("paid", "已分配", "paid", text(paid))),
                      ("差额，不再舍入", "a difference: not rounded again"), rules, ("留存", "retained"))
    return FundResult(year=year, profit=profit, fund=fund, regions=tuple(results), retained=retained,
                      rule_version=rules.version, shares=tuple(all_shares))


def employee_share(result: FundResult, employee_id: int, *, estimate: bool, note_zh: str = "",
                   note_en: str = "") -> ExplainedAmount:
    """One person's fund figure: the sum of their shares (one per region and side), each listed as a part."""
    parts = tuple(s.amount for s in result.shares if s.employee_id == employee_id)
    value = sum((p.value for p in parts), ZERO)
    fund_src = Source(SourceKind.FUND, str(result.year), f"collaboration fund {result.year}")
    what_zh = "预估（按计划利润与年初至今数据）" if estimate else "已结算（冻结）"
    what_en = "estimate (planned profit, year-to-date figures)" if estimate else "settled (frozen)"
    if not parts:
        nobody = not any(r.qualifies for r in result.regions)
        why_zh = "无达标片区，基金留存" if nobody else "本人不在达标片区的分配名单中"
        why_en = "no qualifying region: the fund is retained" if not any(r.qualifies for r in result.regions) \
            else "not among the members of a qualifying region"
        formula_zh, formula_en = f"协同基金份额 = 0（{why_zh}）", f"fund share = 0 ({why_en})"
    else:
        formula_zh, formula_en = "协同基金份额 = 各片区份额之和", "fund share = sum of the region shares"
    return ExplainedAmount(value, Explanation(
        formula_zh=f"{formula_zh}；{what_zh}{note_zh}", formula_en=f"{formula_en}; {what_en}{note_en}",
        inputs=(Input("fund", "基金", "fund", text(result.fund.value), (fund_src,)),
                Input("profit", "利润", "profit", text(result.profit), (fund_src,))),
        rounding_zh="各项之和，不再舍入", rounding_en="a sum of the parts: not rounded again",
        rule_version=result.rule_version, parts=parts),
        label_zh="协同基金份额" + ("（预估）" if estimate else ""),
        label_en="collaboration fund share" + (" (estimate)" if estimate else ""),
        extra={"estimate": str(estimate).lower(), "year": str(result.year)})
